"""eMoods (formats.md): the CSV and the .emoods backup (a ZIP holding entry.csv); how 0 is read; nothing made up
for the voices item; bad rows; fuzzing; round trip."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.imports.emoods import parse_emoods
from imr_tui.imports.files import ImportProblem
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, exported_rows, import_twice, one_line_error, tree, write

HEAD = "ID,DATE (YYYY-MM-DD),IRRITABILITY,ANXIETY,DEPRESSED,ELEVATED,SLEEP,PSYCHOTIC SYMPTOMS,NOTE,THERAPY," \
       "MENSTRUAL CYCLE,WEIGHT"
ROWS = [
    '12,2023-05-14,1,2,3,0,6.5,1,"Bad day",1,0,71.5',
    "11,2023-05-13,0,0,0,0,8,0,,0,1,",
    "10,2023-05-12,0,4,0,2,0,0,,0,0,",
    "9,2023-05-11,0,0,0,0,,0,,0,0,",
]


def parse(path: Path):
    return parse_emoods(path.read_bytes(), path, default_items(), now=NOW).rows


def test_mapping(tmp_path: Path) -> None:
    rows = parse(write(tmp_path, "e.csv", [HEAD, *ROWS]))
    a, b, c = rows.checkins
    assert (a.at.hour, a.at.minute) == (12, 0) and a.at.date().isoformat() == "2023-05-14"
    assert a.values == {"anxiety": 5, "sleep": 6.5}  # 2 of 4 onto 0-10
    assert a.tags == ["therapy", "psychotic symptoms"] and "voices" not in a.values
    assert a.note == "Bad day\n\neMoods: depressed 3 of 4, irritability 1 of 4\nWeight: 71.5"
    assert b.values == {"sleep": 8} and b.tags == ["menstrual cycle"]  # anxiety 0: none or not recorded, no value
    assert c.values == {"anxiety": 10, "sleep": 0} and c.note == "eMoods: elevated 2 of 4"
    assert rows.left == {"days with nothing recorded": 1}


def test_the_emoods_backup_is_a_zip_holding_entry_csv(tmp_path: Path) -> None:
    path = tmp_path / "backup.emoods"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("entry.csv", "\n".join([HEAD, *ROWS]) + "\n")
        z.writestr("other.json", "{}")
    csv_path = write(tmp_path, "e.csv", [HEAD, *ROWS])
    assert [c.id for c in parse(path).checkins] == [c.id for c in parse(csv_path).checkins]
    empty = tmp_path / "empty.emoods"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("x.csv", "")
    with pytest.raises(ImportProblem, match=r"is a ZIP archive without entry\.csv in it"):
        parse(empty)
    broken = tmp_path / "broken.emoods"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ImportProblem, match="is not a ZIP archive that can be read"):
        parse(broken)


def test_cli_dry_run_says_how_zero_is_read_then_import_twice(tmp_path: Path) -> None:
    home = tmp_path / "data"
    out = import_twice("emoods", write(tmp_path, "e.csv", [HEAD, *ROWS]), home)
    assert "Entries: 3, from 2023-05-12 to 2023-05-14; 3 new, 0 already here." in out
    assert "Not imported: days with nothing recorded (1 row)." in out
    assert "ANXIETY (0-4) -> anxiety: 1 -> 3, 2 -> 5, 3 -> 8, 4 -> 10. A 0 means none or not recorded" in out
    assert "(1 day has 0 hours: check them in History)" in out
    assert "so the voices item is left empty" in out


def test_import_then_export(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = write(tmp_path, "e.csv", [HEAD, *ROWS])
    assert run_cli("import", "emoods", str(path), home=home).returncode == 0
    exported = exported_rows(home, tmp_path)
    for c in parse(path).checkins:
        assert {k: float(exported[c.id][k]) for k in c.values} == c.values and exported[c.id]["note"] == c.note


@pytest.mark.parametrize(("row", "message"), [
    ("1,14/05/2023,0,0,0,0,8,0,,0,0,", "row 1 (line 2): date '14/05/2023' is not a date like 2023-05-14"),
    ("1,2023-05-14,0,5,0,0,8,0,,0,0,", "row 1 (line 2): ANXIETY 5 is not from 0 to 4"),
    ("1,2023-05-14,0,0,0,0,26,0,,0,0,", "row 1 (line 2): SLEEP: sleep must be from 0 to 24, not 26"),
    ("1,2023-05-14,0,0,0,0,nan,0,,0,0,", "SLEEP 'nan' is not a number"),
    ("1,2023-05-14,0,0,0,0,8,2,,0,0,", "PSYCHOTIC SYMPTOMS '2' is not 0 or 1"),
    ("1,2023-05-14,0,0,0,0,8,0,,0,0", "has 11 fields, but the header has 12"),
])
def test_a_bad_row_is_one_line_and_nothing_is_written(tmp_path: Path, row: str, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "emoods", str(write(tmp_path, "e.csv", [HEAD, ROWS[0], row])), home=home))
    assert message.replace("row 1 (line 2)", "row 2 (line 3)") in line, line
    assert tree(home) == before


def test_not_an_emoods_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="is not an eMoods export"):
        parse(write(tmp_path, "e.csv", ["full_date,mood", "2020-01-01,good"]))


FIELD = st.one_of(st.sampled_from(["", "0", "1", "2", "4", "5", "-1", "8", "24", "25", "nan", "inf", "1e400",
                                   "2023-05-14", "2099-01-01", "1900-01-01", "x", "\x00", '"', "\n"]),
                  st.text(max_size=8))


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEAD.split(","))
    w.writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(FIELD, min_size=12, max_size=12), max_size=6))
def test_fuzz_rows(rows: list[list[str]]) -> None:
    check_parse(lambda d, p: parse_emoods(d, p, default_items(), now=NOW).rows.checkins, _csv(rows))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_fuzz_bytes_and_zips(data: bytes) -> None:
    check_parse(lambda d, p: parse_emoods(d, p, default_items(), now=NOW).rows.checkins, data)
    check_parse(lambda d, p: parse_emoods(d, p, default_items(), now=NOW).rows.checkins, b"PK\x03\x04" + data)
