"""The .daylio backup: fixtures built here (a ZIP whose backup.daylio is base64 JSON), custom moods get the
value of their group in Daylio, dry run, import twice, bad archives in one line, fuzzing."""

from __future__ import annotations

import base64
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.imports.daylio_backup import parse_backup
from tests.conftest import run_cli
from tests.imports_helpers import NOW, check_parse, import_twice, one_line_error

MOODS = [{"id": 1, "custom_name": "", "mood_group_id": 1, "predefined_name_id": 1, "state": 0},
         {"id": 5, "custom_name": "", "mood_group_id": 5, "predefined_name_id": 5, "state": 0},
         {"id": 8, "custom_name": "Depressed", "mood_group_id": 4, "predefined_name_id": -1, "state": 0},
         {"id": 9, "custom_name": "almost rad", "mood_group_id": 2, "predefined_name_id": -1, "state": 0}]
ENTRIES = [{"id": 1, "minute": 30, "hour": 20, "day": 19, "month": 10, "year": 2026, "mood": 8,
            "note": "stayed<br>in bed", "note_title": "", "tags": [1, 2], "assets": []},
           {"id": 2, "minute": 5, "hour": 9, "day": 18, "month": 10, "year": 2026, "mood": 9, "note": "",
            "note_title": "Nice", "tags": [], "assets": [3]}]


def backup(tmp_path: Path, doc: Any = None, name: str = "backup.daylio", raw: bytes | None = None) -> Path:
    doc = doc if doc is not None else {"customMoods": MOODS, "tags": [{"id": 1, "name": "walk"},
                                                                      {"id": 2, "name": "friends"}],
                                       "dayEntries": ENTRIES}
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("backup.daylio", raw if raw is not None else base64.b64encode(json.dumps(doc).encode()))
    return path


def test_custom_moods_get_the_value_of_their_group(tmp_path: Path) -> None:
    path = backup(tmp_path)
    parsed = parse_backup(path.read_bytes(), path, default_items(), now=NOW)
    c = parsed.rows.checkins
    assert [x.values for x in c] == [{"mood": 3}, {"mood": 8}]  # group 4 as "bad", group 2 as "good"
    assert c[0].tags == ["walk", "friends"] and c[0].note == "stayed\nin bed" and c[1].note == "Nice"
    assert (c[0].at.hour, c[0].at.minute, c[0].at.month) == (20, 30, 11)
    assert not parsed.moods.unknown()


def test_cli_dry_run_import_twice(tmp_path: Path) -> None:
    out = import_twice("daylio", backup(tmp_path), tmp_path / "data")
    assert "Depressed ->    3   (1 entry)  (its group in Daylio)" in out
    assert "photos and voice notes (1 entry)" in out


def test_bad_archives_are_one_line(tmp_path: Path) -> None:
    for raw in (b"not base64 !!", base64.b64encode(b"{not json"), base64.b64encode(b"[]")):
        path = backup(tmp_path, raw=raw)
        line = one_line_error(run_cli("import", "daylio", str(path), home=tmp_path / "data"))
        assert str(path) in line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
                            st.sampled_from(["customMoods", "dayEntries", "tags", "id", "mood", "year", "month",
                                             "day", "hour", "minute", "mood_group_id", "custom_name"]), kids,
                            max_size=6), max_leaves=20))
def test_fuzz_never_a_traceback(doc: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = backup(Path(tmp), doc).read_bytes()

    def parse(d: bytes, p: Path) -> list[Any]:
        parsed = parse_backup(d, p, default_items(), now=NOW)
        for m in parsed.moods.unknown():
            parsed.moods.place(m.key, 4)
        return parsed.rows.checkins

    check_parse(parse, data, "fuzz.daylio")


async def test_the_import_screen_reads_a_backup(tmp_path: Path) -> None:
    from imr_tui.store.store import Store
    from tests.conftest import make_app
    from tests.test_imports_tui import open_and_look, text_of

    store = Store.open(tmp_path / "data")
    app = make_app(store, clock=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, backup(tmp_path))
        assert screen.format_name == "daylio"
        summary = text_of(app, "#import-summary")
        assert "Depressed ->    3   (1 entry)  (its group in Daylio)" in summary and "needs your value" not in summary
