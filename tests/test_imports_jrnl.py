"""jrnl JSON export (formats.md): notes and tags only; bad entries; fuzzing; round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.jrnl import parse_jrnl
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, exported_rows, import_twice, one_line_error, tree

ENTRIES = [
    {"title": "Monday", "body": "Long day.\nSlept badly.", "date": "2023-05-14", "time": "21:05",
     "tags": ["@work", "@sleep"], "starred": True},
    {"title": "A short one", "body": "", "date": "2023-05-13", "time": "08:00", "tags": [], "starred": False},
]


def export(tmp_path: Path, entries: list[Any]) -> Path:
    p = tmp_path / "jrnl.json"
    p.write_text(json.dumps({"tags": {"@work": 1, "@sleep": 1}, "entries": entries}), encoding="utf-8")
    return p


def test_mapping(tmp_path: Path) -> None:
    path = export(tmp_path, ENTRIES)
    a, b = parse_jrnl(path.read_bytes(), path, default_items(), now=NOW).checkins
    assert (a.at.hour, a.at.minute) == (21, 5) and a.values == {} and a.note == "Monday\n\nLong day.\nSlept badly."
    assert a.tags == ["work", "sleep", "starred"] and b.tags == [] and b.note == "A short one"


def test_cli_dry_run_import_twice_and_export(tmp_path: Path) -> None:
    home = tmp_path / "data"
    out = import_twice("jrnl", export(tmp_path, ENTRIES), home)
    assert "Entries: 2, from 2023-05-13 to 2023-05-14; 2 new, 0 already here." in out
    assert "jrnl has no ratings, so no item gets a value." in out
    assert "entry 1: 2023-05-14 21:05, no values; tags: work, sleep, starred" in out
    notes = {r["note"] for r in exported_rows(home, tmp_path).values()}
    assert notes == {"Monday\n\nLong day.\nSlept badly.", "A short one"}


@pytest.mark.parametrize(("entry", "message"), [
    ({"date": "14.05.2023", "time": "21:05"}, "entry 2: date '14.05.2023' is not a date like 2023-05-14"),
    ({"date": "2023-05-14", "time": "25:00"}, "entry 2: time '25:00' is not a time like 20:30"),
    ({"date": "2023-05-14", "time": "21:05", "body": 5}, "entry 2: body should be text, not int"),
    ({"date": "2023-05-14", "time": "21:05", "tags": "@work"}, "entry 2: tags should be a list"),
    ({"date": "2023-05-14", "time": "21:05", "starred": "yes"}, "entry 2: starred should be true or false"),
    ({"date": "2099-05-14", "time": "21:05"}, "entry 2: 2099-05-14 21:05 is in the future"),
    ("text", "entry 2: an entry should be an object"),
])
def test_a_bad_entry_is_one_line_and_nothing_is_written(tmp_path: Path, entry: Any, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "jrnl", str(export(tmp_path, [ENTRIES[0], entry])), home=home))
    assert message in line, line
    assert tree(home) == before


@pytest.mark.parametrize(("text", "message"), [
    ("[]", "is not a jrnl export: it has no \"entries\" list"),
    ("{\"entries\": [", "is not valid JSON"),
    ("[" * 100_000, "is not valid JSON"),
])
def test_not_a_jrnl_file(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "x.json"
    p.write_text(text)
    with pytest.raises(ImportProblem, match=message):
        parse_jrnl(p.read_bytes(), p, default_items(), now=NOW)


JSONS = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
                               st.sampled_from(["2023-05-14", "21:05", "9:23 PM", "@x", "2099-01-01", "1900-01-01"])),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                         st.sampled_from(["title", "body", "date", "time", "tags", "starred"]), inner, max_size=6),
                     max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(JSONS, max_size=5))
def test_fuzz_entries(entries: list[Any]) -> None:
    data = json.dumps({"entries": entries}).encode()
    check_parse(lambda d, p: parse_jrnl(d, p, default_items(), now=NOW).checkins, data, "fuzz.json")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_fuzz_bytes(data: bytes) -> None:
    check_parse(lambda d, p: parse_jrnl(d, p, default_items(), now=NOW).checkins, data, "fuzz.json")
