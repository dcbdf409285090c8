"""iMoodJournal CSV (formats.md): date, hour and minute; levels 1-10 onto the mood item (shown, changeable);
hundreds of hashtag columns as tags; bad rows; fuzzing; round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckInItem, Worse, default_items
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.imoodjournal import parse_imoodjournal
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, exported_rows, import_twice, one_line_error, tree

FIXED = ["Date", "Day of week", "Hour", "Minute", "Level", "LevelText", "Comment"]
TAGS = [f"#tag{n}" for n in range(300)]


def journal(tmp_path: Path, rows: list[list[str]], tags: list[str] = TAGS) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL)
    w.writerow(FIXED + tags)
    for r in rows:
        w.writerow(r + ["0"] * (len(FIXED) + len(tags) - len(r)))
    p = tmp_path / "imood.csv"
    p.write_text(buf.getvalue(), encoding="utf-8")
    return p


def marks(*names: str) -> list[str]:
    return ["1" if t in names else "0" for t in TAGS]


ROWS = [
    ["September 5, 2015", "Saturday", "21", "5", "7", "Good", "Nice evening", *marks("#tag3", "#tag299")],
    ["September 5, 2015", "Saturday", "8", "30", "2", "Bad", "", *marks()],
    ["September 4, 2015", "Friday", "0", "0", "10", "Great", "<b>midnight</b>", *marks("#tag0")],
]


def parse(path: Path, items: list[CheckInItem] | None = None, given: dict[str, float | None] | None = None):
    return parse_imoodjournal(path.read_bytes(), path, items or default_items(), given, now=NOW)


def test_mapping(tmp_path: Path) -> None:
    rows = parse(journal(tmp_path, ROWS))
    a, b, c = rows.checkins
    assert (a.at.hour, a.at.minute, b.at.hour, b.at.minute, c.at.hour) == (21, 5, 8, 30, 0)
    assert [x.values for x in rows.checkins] == [{"mood": 7}, {"mood": 2}, {"mood": 10}]
    assert a.tags == ["tag3", "tag299"] and b.tags == [] and c.tags == ["tag0"]
    assert a.note == "Nice evening" and c.note == "midnight"


def test_levels_onto_a_mood_item_of_another_scale_and_the_persons_own_values(tmp_path: Path) -> None:
    five = CheckInItem(id="mood", label="Mood", question="Mood?", low=1, high=5, worse=Worse.LOW)
    rows = parse(journal(tmp_path, ROWS), [five], {"7": 5})
    assert [x.values["mood"] for x in rows.checkins] == [5, 2, 5]  # 7 is the person's 5; 2 of 10 -> 1.8 -> 2


def test_cli_dry_run_and_import_twice(tmp_path: Path) -> None:
    home = tmp_path / "data"
    out = import_twice("imoodjournal", journal(tmp_path, ROWS), home)
    assert "Levels (1-10) become 'mood' (0-10, low is worse):" in out and "10 ->   10   (1 entry)" in out
    assert "Not imported: LevelText and Day of week (the level and the date are)." in out
    exported = exported_rows(home, tmp_path)
    assert sorted(r["mood"] for r in exported.values()) == ["10", "2", "7"]
    assert {r["tags"] for r in exported.values()} == {"tag3; tag299", "", "tag0"}


@pytest.mark.parametrize(("row", "message"), [
    (["Sept 31, 2015", "x", "1", "1", "5", "", ""], "row 1 (line 2): Date 'Sept 31, 2015' is not a date"),
    (["September 5, 2015", "x", "24", "1", "5", "", ""], "row 1 (line 2): Hour '24' is not a whole number from 0 to 23"),
    (["September 5, 2015", "x", "1", "60", "5", "", ""], "Minute '60' is not a whole number from 0 to 59"),
    (["September 5, 2015", "x", "1", "1", "11", "", ""], "Level '11' is not a whole number from 1 to 10"),
    (["September 5, 2015", "x", "1", "1", "inf", "", ""], "Level 'inf' is not a number"),
    (["September 5, 2015", "x", "1", "1", "5", "", "", "2"], "the hashtag column 'tag0' holds '2', not 0 or 1"),
])
def test_a_bad_row_is_one_line_and_nothing_is_written(tmp_path: Path, row: list[str], message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "imoodjournal", str(journal(tmp_path, [row])), home=home))
    assert message in line, line
    assert tree(home) == before


def test_not_an_imoodjournal_file(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("Date,Mood\n2020-01-01,5\n")
    with pytest.raises(ImportProblem, match="is not an iMoodJournal export: the header lacks level"):
        parse(p)


FIELD = st.one_of(st.sampled_from(["", "September 5, 2015", "5 września 2015", "0", "1", "7", "10", "11", "23", "59",
                                   "60", "-1", "nan", "1e999", "x", "\x00", "\n", '"']), st.text(max_size=8))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(FIELD, min_size=7, max_size=9), max_size=6))
def test_fuzz_rows(rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([*FIXED, "#a", "#b"])
    w.writerows(rows)
    check_parse(lambda d, p: parse_imoodjournal(d, p, default_items(), now=NOW).checkins,
                buf.getvalue().encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_fuzz_bytes(data: bytes) -> None:
    check_parse(lambda d, p: parse_imoodjournal(d, p, default_items(), now=NOW).checkins, data)
