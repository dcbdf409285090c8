"""Pixels JSON backup (formats.md): scores 1-5 as Daylio's five levels, several scores a day, notes and tags on
the day's first check-in; bad days; fuzzing; round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.pixels import parse_pixels
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, exported_rows, import_twice, one_line_error, tree

DAYS = [
    {"date": "2021-1-5", "type": "Mood", "scores": [4, 2], "notes": "ok<br>day",
     "tags": [{"type": "Emotions", "entries": ["calm", "tired"]}, {"type": "Weather", "entries": ["rain"]}]},
    {"date": "2021-01-06", "type": "Mood", "scores": [5], "notes": "", "tags": []},
    {"date": "2021-01-07", "type": "Mood", "scores": [], "notes": "", "tags": []},
    {"date": "2021-01-08", "type": "Mood", "scores": [], "notes": "only a note", "tags": []},
    {"date": "2021-01-09", "type": "Energy", "scores": [3]},
]


def backup(tmp_path: Path, days: list[Any]) -> Path:
    p = tmp_path / "pixels.json"
    p.write_text(json.dumps(days), encoding="utf-8")
    return p


def parse(path: Path):
    return parse_pixels(path.read_bytes(), path, default_items(), now=NOW)


def test_mapping(tmp_path: Path) -> None:
    rows = parse(backup(tmp_path, DAYS))
    a, b, _c, d = rows.checkins
    assert [x.values for x in rows.checkins] == [{"mood": 8}, {"mood": 3}, {"mood": 10}, {}]
    assert a.at == b.at and (a.at.hour, a.at.minute) == (12, 0) and a.at.date().isoformat() == "2021-01-05"
    assert a.note == "ok\nday" and a.tags == ["calm", "tired", "rain"] and b.note == "" and b.tags == []
    assert a.id != b.id and d.note == "only a note"
    assert rows.left == {"days with nothing recorded": 1, "days of type 'Energy'": 1}


def test_cli_dry_run_import_twice_and_export(tmp_path: Path) -> None:
    home = tmp_path / "data"
    out = import_twice("pixels", backup(tmp_path, DAYS), home, "--mood-map", "2=2")
    assert "Scores (1-5) become 'mood' (0-10, low is worse):" in out and "5 ->   10   (1 entry)" in out
    assert "2 ->    2   (1 entry)  (yours)" in out
    assert "Not imported: days with nothing recorded (1 day); days of type 'Energy' (1 day)." in out
    moods = sorted(r["mood"] for r in exported_rows(home, tmp_path).values())
    assert moods == ["", "10", "2", "8"]


@pytest.mark.parametrize(("day", "message"), [
    ({"date": "5.1.2021", "scores": [3]}, "day 2: date '5.1.2021' is not a date like 2021-01-05"),
    ({"date": "2021-02-30", "scores": [3]}, "day 2: '2021-02-30' is not a date"),
    ({"date": "2021-01-05", "scores": [6]}, "day 2: score '6' is not a whole number from 1 to 5"),
    ({"date": "2021-01-05", "scores": [float("nan")]}, "day 2: score 'nan' is not a whole number from 1 to 5"),
    ({"date": "2021-01-05", "scores": [True]}, "score 'True' is not a whole number"),
    ({"date": "2021-01-05", "scores": 3}, "day 2: scores should be a list"),
    ({"date": "2021-01-05", "scores": [3], "tags": [{"entries": "x"}]}, "each tag group should have a list"),
    ({"date": "2099-01-05", "scores": [3]}, "is in the future"),
])
def test_a_bad_day_is_one_line_and_nothing_is_written(tmp_path: Path, day: Any, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "pixels", str(backup(tmp_path, [DAYS[1], day])), home=home))
    assert message in line, line
    assert tree(home) == before


def test_not_a_pixels_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="is not a Pixels backup: it should hold a list of days"):
        parse(backup(tmp_path, {"entries": []}))  # type: ignore[arg-type]


JSONS = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-2, 7), st.floats(), st.text(max_size=8),
                               st.sampled_from(["2021-01-05", "2021-1-5", "Mood", "2099-01-01", "1900-01-01"])),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                         st.sampled_from(["date", "type", "scores", "notes", "tags", "entries"]), inner, max_size=6),
                     max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days=st.lists(JSONS, max_size=5))
def test_fuzz_days(days: list[Any]) -> None:
    check_parse(lambda d, p: parse_pixels(d, p, default_items(), now=NOW).checkins,
                json.dumps(days).encode(), "fuzz.json")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_fuzz_bytes(data: bytes) -> None:
    check_parse(lambda d, p: parse_pixels(d, p, default_items(), now=NOW).checkins, data, "fuzz.json")
