"""Bearable CSV (formats.md): one row per datum grouped into check-ins by date and time of day; what fits
the person's items goes onto them, the rest into tags or the note; bad rows; fuzzing; round trip."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import Medication, default_items
from imr_tui.imports.bearable import parse_bearable
from imr_tui.imports.files import ImportProblem
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, exported_rows, import_twice, one_line_error, tree, write

HEAD = "date,weekday,time of day,category,rating/amount,detail,notes"
NEWER = "date,date formatted,weekday,time of day,category,rating/amount,detail,notes"
ROWS = [
    "22nd Sep 2020,Tuesday,am,Mood,7,Meh | Anxious,",
    "22nd Sep 2020,Tuesday,pm,Mood,4,Sad,rough evening",
    "22nd Sep 2020,Tuesday,all day,Sleep,9:45,,",
    "22nd Sep 2020,Tuesday,all day,Sleep quality,4,,",
    "22nd Sep 2020,Tuesday,all day,Energy,3,,",
    "22nd Sep 2020,Tuesday,am,Symptom,2,Anxiety (Mild),",
    "22nd Sep 2020,Tuesday,pm,Symptom,1,Stress (Mild),",
    "22nd Sep 2020,Tuesday,all day,Symptom,3,Depression (Moderate),",
    "22nd Sep 2020,Tuesday,am,Meds/Supplements,1,Sertraline (50mg),",
    "22nd Sep 2020,Tuesday,pm,Meds/Supplements,0,Quetiapine (25mg),",
    "22nd Sep 2020,Tuesday,pm,Meds/Supplements,1,Vitamin D (25mcg),",
    "21st Sep 2020,Monday,,Factors,,Work | Exercise,",
    '21st Sep 2020,Monday,,Sleep,"Asleep 23:30 - 07:15",,',
    "21st Sep 2020,Monday,,Sleep factors,,Caffeine,",
    "21st Sep 2020,Monday,,Gratitudes,,My sister,",
    "21st Sep 2020,Monday,,Food Diary,,Toast,",
    "21st Sep 2020,Monday,,Bowel Movements,2,,",
    "21st Sep 2020,Monday,20:15,Mood,5,,",
    "21st Sep 2020,Monday,20:15,Mood,6,,second one at the same time",
]


def parse(path: Path):
    return parse_bearable(path.read_bytes(), path, default_items(), now=NOW).rows


def by_time(rows) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in rows.checkins:
        out.setdefault(c.at.strftime("%m-%d %H:%M"), []).append(c)
    return out


def test_rows_become_check_ins_by_date_and_time_of_day(tmp_path: Path) -> None:
    rows = parse(write(tmp_path, "b.csv", [HEAD, *ROWS]))
    got = by_time(rows)
    assert sorted(got) == ["09-21 12:00", "09-21 20:15", "09-22 09:00", "09-22 12:00", "09-22 18:00"]
    (am,) = got["09-22 09:00"]
    assert am.values == {"mood": 7, "anxiety": 5} and am.tags == ["Meh", "Anxious"]  # anxiety 2 of 4: 5 of 10
    assert am.medication is Medication.TAKEN and am.note == "Medicine: Sertraline (50mg) x 1"
    (pm,) = got["09-22 18:00"]
    assert pm.values == {"mood": 4, "stress": 3} and pm.medication is Medication.PARTLY  # 1 of 4: 2.5, up to 3
    assert pm.note == "rough evening\n\nMedicine: Quetiapine (25mg) x 0\nMedicine: Vitamin D (25mcg) x 1"
    (day,) = got["09-22 12:00"]
    assert day.values == {"sleep": 9.75} and day.tags == ["Depression (Moderate)"]
    assert day.note == "Sleep quality: 4\nEnergy: 3"  # Bearable's scales for these are not known: not guessed
    (monday,) = got["09-21 12:00"]
    assert monday.values == {"sleep": 7.75} and monday.tags == ["Work", "Exercise", "Caffeine"]
    assert monday.note == "Gratitudes: My sister\nFood Diary: Toast\nBowel Movements: 2"
    first, second = got["09-21 20:15"]  # two moods in one slot: two check-ins
    assert first.values == {"mood": 5} and second.values == {"mood": 6}
    assert second.note == "second one at the same time"
    assert all(c.model_extra == {"source": "bearable"} for c in rows.checkins)


def test_newer_export_with_date_formatted(tmp_path: Path) -> None:
    rows = parse(write(tmp_path, "b.csv", [NEWER, "22nd Sep 2020,2020-09-22,Tuesday,am,Mood,7,,"]))
    assert [(c.at.date().isoformat(), c.values) for c in rows.checkins] == [("2020-09-22", {"mood": 7})]


def test_cli_dry_run_shows_the_mapping_then_import_twice_adds_nothing(tmp_path: Path) -> None:
    home = tmp_path / "data"
    out = import_twice("bearable", write(tmp_path, "b.csv", [HEAD, *ROWS], bom=True, end="\r\n"), home)
    assert "Entries: 6, from 2020-09-21 to 2020-09-22; 6 new, 0 already here." in out
    assert "Mood ratings (1-10) become 'mood' (0-10, low is worse):" in out and "7 ->    7   (1 entry)" in out
    assert "Symptom: Anxiety -> anxiety (0-4 onto 0-10: 0 -> 0, 1 -> 3, 2 -> 5, 3 -> 8, 4 -> 10)" in out
    assert "Energy -> the note (where Bearable's scale starts and ends is not known)" in out
    assert "Each date and time of day is one check-in: am 09:00" in out
    assert len(Store.open(home).checkins()) == 6


def test_import_then_export_keeps_every_value(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = write(tmp_path, "b.csv", [HEAD, *ROWS])
    assert run_cli("import", "bearable", str(path), home=home).returncode == 0
    exported = exported_rows(home, tmp_path)
    for c in parse(path).checkins:
        row = exported[c.id]
        for item, value in c.values.items():
            assert float(row[item]) == value
        assert row["note"] == c.note and row["medication"] == (c.medication.value if c.medication else "")


BAD = [
    ("2nd Foo 2020,x,am,Mood,7,,", "row 1 (line 2): date '2nd Foo 2020' is not a date like 22nd Sep 2020"),
    ("22nd Sep 2020,x,noon,Mood,7,,", "row 1 (line 2): time of day 'noon' is not am, mid, pm, pre, all day"),
    ("22nd Sep 2020,x,am,Mood,11,,", "row 1 (line 2): the mood rating 11 is not from 1 to 10"),
    ("22nd Sep 2020,x,am,Mood,nan,,", "row 1 (line 2): the mood rating 'nan' is not a number"),
    ("22nd Sep 2020,x,am,Sleep,lots,,", "row 1 (line 2): sleep 'lots' is not hours like 9:45"),
    ("22nd Sep 2020,x,am,Sleep,25:00,,", "row 1 (line 2): sleep: sleep must be from 0 to 24, not 25"),
    ("22nd Sep 2020,x,am,Symptom,9,Anxiety (Mild),", "the Symptom rating 9 is not from 0 to 4"),
    ("22nd Sep 2020,x,am,Meds/Supplements,-1,Pill,", "the amount -1 is below 0"),
    ("22nd Sep 2099,x,am,Mood,7,,", "is in the future"),
    ("22nd Sep 2020,x,am,Mood,7,", "row 1 (line 2): has 6 fields, but the header has 7"),
]


@pytest.mark.parametrize(("row", "message"), BAD)
def test_a_bad_row_is_one_line_and_nothing_is_written(tmp_path: Path, row: str, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "bearable", str(write(tmp_path, "b.csv", [HEAD, row, ROWS[0]])),
                                  home=home))
    assert message in line, line
    assert tree(home) == before


def test_not_a_bearable_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match=re.escape("is not a Bearable export: the header lacks category")):
        parse(write(tmp_path, "b.csv", ["date,mood", "2020-01-01,5"]))


FIELD = st.one_of(st.sampled_from(["", "22nd Sep 2020", "2020-09-22", "am", "pm", "all day", "20:15", "Mood", "Sleep",
                                   "Symptom", "Meds/Supplements", "Factors", "Energy", "7", "0", "-3", "inf", "9:45",
                                   "Asleep 02:45 - 12:30", "Anxiety (Mild)", "Stress (Mild) | Anxiety", "a | b",
                                   "<br>", "\x00", '"', "\n"]),
                  st.text(max_size=12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(FIELD, min_size=7, max_size=8), max_size=6),
       head=st.sampled_from([HEAD, NEWER, "x,y"]))
def test_fuzz_rows(rows: list[list[str]], head: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(head.split(","))
    w.writerows(rows)
    check_parse(lambda data, path: parse_bearable(data, path, default_items(), now=NOW).rows.checkins,
                buf.getvalue().encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_fuzz_bytes(data: bytes) -> None:
    check_parse(lambda d, p: parse_bearable(d, p, default_items(), now=NOW).rows.checkins, data)
