"""Which format a file is (the import screen's "find out from the file"): each layout of formats.md is found,
and any other bytes give None, never an exception."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.imports.detect import detect
from imr_tui.store.exchange import EXPORT_FORMAT
from tests.imports_helpers import write

CASES = [
    ("daylio", ["full_date,date,weekday,time,mood,activities,note_title,note"]),
    ("daylio", ["\ufeffyear,date,weekday,time,mood,activities,note"]),
    ("daylio", ['2021-10-16,16 de octubre,sábado,18:43,mal,"",""']),
    ("daylio", ["full_date,weekday,time,mood"]),
    ("bearable", ["date,weekday,time of day,category,rating/amount,detail,notes"]),
    ("bearable", ["date,date formatted,weekday,time of day,category,rating/amount,detail,notes"]),
    ("emoods", ["ID,DATE (YYYY-MM-DD),IRRITABILITY,ANXIETY,DEPRESSED,ELEVATED,SLEEP,PSYCHOTIC SYMPTOMS,NOTE"]),
    ("imoodjournal", ['"Date","Day of week","Hour","Minute","Level","LevelText","Comment","#work"']),
    ("jrnl", ['{"tags": {"@work": 1}, "entries": []}']),
    ("pixels", ['[{"date": "2021-01-05", "type": "Mood", "scores": [3]}]']),
    ("json", [f'{{"format": "{EXPORT_FORMAT}", "schema_version": 1}}']),
    (None, ["just some words"]),
    (None, ["{}"]),
]


@pytest.mark.parametrize(("expected", "lines"), CASES)
def test_each_layout_is_found(tmp_path: Path, expected: str | None, lines: list[str]) -> None:
    assert detect(write(tmp_path, "f.txt", lines)) == expected


def test_archives_and_missing_files(tmp_path: Path) -> None:
    emoods = tmp_path / "backup.zip"
    with zipfile.ZipFile(emoods, "w") as z:
        z.writestr("data/entry.csv", "ID,DATE (YYYY-MM-DD)\n")
    assert detect(emoods) == "emoods"
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("x.txt", "")
    assert detect(other) is None
    daylio = tmp_path / "backup.daylio"
    daylio.write_bytes(other.read_bytes())
    assert detect(daylio) == "daylio"  # which then says in one line that backups are not read
    assert detect(tmp_path / "nope.csv") is None
    assert detect(tmp_path) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json", ".emoods", ".daylio", ""]))
def test_any_bytes_give_a_format_or_none(data: bytes, suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        assert detect(path) in {None, "daylio", "bearable", "emoods", "imoodjournal", "jrnl", "pixels", "json"}
