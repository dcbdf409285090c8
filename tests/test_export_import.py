"""Export (CSV, JSON, plan) and import (JSON, Daylio): round trips, idempotence, dry runs, clean errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, SubstanceUse, Worse, default_items
from imr_tui.domain.profile import Goal, Profile
from imr_tui.export.csv_export import checkins_csv, header
from imr_tui.export.json_export import export_data
from imr_tui.imports.daylio import DEFAULT_MOODS, entry_id, parse_daylio, parse_time
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.imr_json import parse_export
from imr_tui.store.exchange import EXPORT_FORMAT as FORMAT
from imr_tui.store.store import Store
from tests.conftest import run_cli

DAYLIO_HEAD = "full_date,date,weekday,time,mood,activities,note_title,note"
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes (to show that nothing changed)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def one_line_error(r, code: int = 1) -> str:
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# ------------------------------------------------------------------------ CSV
def test_csv_columns_in_the_documented_order(store: Store) -> None:
    store.update_settings(lambda s: s.model_copy(update={"items": [
        *s.items, CheckInItem(id="pain", label="Pain", question="How much pain?", enabled=False)]}))
    plus2 = timezone(timedelta(hours=2))
    store.import_checkins([
        CheckIn(id="b", at=datetime(2026, 3, 2, 0, 30, tzinfo=plus2), values={"sleep": 6.5, "zeta": 1, "alpha": 2},
                medication=Medication.PARTLY, substances=[SubstanceUse(what="beer", amount="2 cans"),
                                                          SubstanceUse(what="wine")],
                tags=["walk", "friends"], note='She said "hi",\nthen left'),
        CheckIn(id="a", at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC), values={"stress": 4}),
    ])
    items = store.settings().items
    text = checkins_csv(store.checkins(), items)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    item_ids = [i.id for i in default_items()] + ["pain"]
    assert rows[0] == ["id", "at", "date", *item_ids, "alpha", "zeta", "medication", "substances", "tags", "note"]
    assert rows[0] == header(items, store.checkins())
    first, second = (dict(zip(rows[0], r, strict=True)) for r in rows[1:])
    assert first["id"] == "a" and first["at"] == "2026-03-01T09:00:00+00:00" and first["stress"] == "4"
    assert first["mood"] == "" and first["note"] == ""
    # the day is the date of `at` in its own offset: 00:30 at +02:00 is 2 March (1 March in UTC)
    assert second["at"] == "2026-03-02T00:30:00+02:00" and second["date"] == "2026-03-02"
    assert second["sleep"] == "6.5" and second["alpha"] == "2" and second["zeta"] == "1"
    assert second["medication"] == "partly" and second["substances"] == "beer=2 cans; wine"
    assert second["tags"] == "walk; friends" and second["note"] == 'She said "hi",\nthen left'
    assert text.endswith("\r\n")


def test_cli_export_all_three_files_private(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o755)
    paths = {k: out / f"x.{k}" for k in ("csv", "json", "md")}
    r = run_cli("export", "--csv", str(paths["csv"]), "--json", str(paths["json"]), "--plan-md", str(paths["md"]),
                home=demo_store.root)
    assert r.returncode == 0, r.stderr
    n = len(demo_store.checkins())
    assert f"Wrote {n} check-ins" in r.stdout
    for p in paths.values():
        if os.name == "posix":
            assert stat.S_IMODE(p.stat().st_mode) == 0o600
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o755  # the person's folder is left as it was
    assert len(list(csv.reader(io.StringIO(paths["csv"].read_text(), newline="")))) == n + 1
    assert paths["md"].read_text().startswith("# My relapse prevention plan")
    data = json.loads(paths["json"].read_text())
    assert data["format"] == FORMAT and data["schema_version"] == 1
    assert len(data["checkins"]) == n and len(data["coping"]) == len(demo_store.coping_uses())
    assert data["profile"]["goals"][0]["text"] == "Get a part-time job"
    assert {"settings", "progress", "exported_at", "app_version"} <= set(data)


@pytest.mark.parametrize(("args", "message"), [
    ([], "say what to export"),
    (["--csv", "/no/such/folder/x.csv"], "does not exist"),
    (["--json", "SAME", "--csv", "SAME"], "its own file name"),
])
def test_cli_export_bad_targets(demo_store: Store, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / "same") if a == "SAME" else a for a in args]
    assert message in one_line_error(run_cli("export", *args, home=demo_store.root))


# ----------------------------------------------------------------------- JSON
def test_json_round_trip_same_checkins(demo_store: Store, tmp_path: Path) -> None:
    """Export everything, import it into a new data folder: the same check-ins, coping, profile, progress."""
    demo_store.update_settings(lambda s: s.model_copy(update={"theme": "textual-light"}))
    csv_file, json_file = tmp_path / "c.csv", tmp_path / "e.json"
    assert run_cli("export", "--csv", str(csv_file), "--json", str(json_file), home=demo_store.root).returncode == 0
    new_home = tmp_path / "moved"
    r = run_cli("import", "json", str(json_file), home=new_home)
    assert r.returncode == 0, r.stderr
    moved = Store.open(new_home)
    assert moved.checkins() == demo_store.checkins()
    assert moved.coping_uses() == demo_store.coping_uses()
    assert moved.profile() == demo_store.profile() and moved.progress() == demo_store.progress()
    assert moved.settings() == demo_store.settings()
    # and the CSV of the moved folder is the same file
    assert checkins_csv(moved.checkins(), moved.settings().items) == csv_file.read_bytes().decode("utf-8")
    # importing again adds nothing and writes nothing
    before = tree(new_home)
    r = run_cli("import", "json", str(json_file), home=new_home)
    assert r.returncode == 0 and "nothing was changed" in r.stdout
    assert tree(new_home) == before


def test_json_import_dry_run_writes_nothing(demo_store: Store, tmp_path: Path) -> None:
    json_file = tmp_path / "e.json"
    assert run_cli("export", "--json", str(json_file), home=demo_store.root).returncode == 0
    new_home = tmp_path / "new"
    r = run_cli("import", "json", str(json_file), "--dry-run", home=new_home)
    assert r.returncode == 0, r.stderr
    assert f"{len(demo_store.checkins())} new" in r.stdout and "Dry run: nothing was written." in r.stdout
    assert not new_home.exists()
    before = tree(demo_store.root)
    r = run_cli("import", "json", str(json_file), "--dry-run", home=demo_store.root)
    assert r.returncode == 0 and "0 new" in r.stdout
    assert tree(demo_store.root) == before


def test_json_import_keeps_an_existing_profile_unless_asked(demo_store: Store, tmp_path: Path) -> None:
    json_file = tmp_path / "e.json"
    assert run_cli("export", "--json", str(json_file), home=demo_store.root).returncode == 0
    home = tmp_path / "other"
    other = Store.open(home)
    other.update_profile(lambda _p: Profile(goals=[Goal(text="My own goal")]))
    other.update_settings(lambda s: s.model_copy(update={"items": [
        *s.items, CheckInItem(id="pain", label="Pain", question="Pain?")]}))
    # the export has an item this folder lacks: it is added
    data = json.loads(json_file.read_text())
    data["settings"]["items"].append({"id": "focus_time", "label": "Focus", "question": "Minutes focused?",
                                      "high": 600})
    json_file.write_text(json.dumps(data))
    r = run_cli("import", "json", str(json_file), home=home)
    assert r.returncode == 0, r.stderr
    assert "Profile: this data folder has its own" in r.stdout and "--replace-profile" in r.stdout
    assert "backup was made first" in r.stdout
    assert Store.open(home).profile().goals[0].text == "My own goal"
    assert len(Store.open(home).checkins()) == len(demo_store.checkins())
    ids = [i.id for i in Store.open(home).settings().items]
    assert "pain" in ids and "focus_time" in ids
    r = run_cli("import", "json", str(json_file), "--replace-profile", home=home)
    assert r.returncode == 0, r.stderr
    assert Store.open(home).profile() == demo_store.profile()


def _bad_json_files(tmp_path: Path, demo_store: Store) -> dict[str, tuple[Path, str]]:
    good = export_data(demo_store)
    files: dict[str, tuple[bytes, str]] = {
        "not json": (b"{nope", "is not valid JSON"),
        "not utf-8": (b"\xff\xfe\x00", "is not UTF-8 text"),
        "not ours": (b'{"checkins": []}', "is not an imr-tui export"),
        "newer": (json.dumps({**good, "schema_version": 99}).encode(), "written by a newer imr-tui"),
        "bad checkin": (json.dumps({**good, "checkins": [*good["checkins"][:5], {"id": "x", "at": "2026-01-01"}]}).encode(),
                        "checkins[5]: at:"),
        "bad profile": (json.dumps({**good, "profile": {"goals": [{"text": ""}]}}).encode(), "profile: goals.0.text"),
    }
    out = {}
    for name, (data, message) in files.items():
        p = tmp_path / (name.replace(" ", "-") + ".json")
        p.write_bytes(data)
        out[name] = (p, message)
    return out


def test_json_import_bad_files_one_line_nothing_written(demo_store: Store, tmp_path: Path) -> None:
    home = tmp_path / "target"
    for name, (path, message) in _bad_json_files(tmp_path, demo_store).items():
        line = one_line_error(run_cli("import", "json", str(path), home=home))
        assert message in line and path.name in line, name
        assert not home.exists(), name
    line = one_line_error(run_cli("import", "json", str(tmp_path), home=home))
    assert "is a folder" in line
    line = one_line_error(run_cli("import", "json", str(tmp_path / "missing.json"), home=home))
    assert "missing.json: no such file" in line


def test_parse_export_validates_everything_before_writing(demo_store: Store, tmp_path: Path) -> None:
    good = export_data(demo_store)
    good["coping"][-1]["distress_before"] = 11
    with pytest.raises(ImportProblem, match=r"coping\[\d+\]: distress_before"):
        parse_export(json.dumps(good).encode(), tmp_path / "x.json")


# ---------------------------------------------------------------------- Daylio
def daylio_file(tmp_path: Path, rows: list[str], name: str = "daylio.csv", head: str = DAYLIO_HEAD) -> Path:
    p = tmp_path / name
    p.write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


GOOD_ROWS = [
    '2026-11-19,November 19,Thursday,8:30 PM,good,walk | friends,Nice day,"Saw Ana.\nLong talk, good."',
    "2026-11-19,November 19,Thursday,09:15,meh,,,",
    "2026-11-18,November 18,Wednesday,21:00,Rad,gym,,",
    "2026-11-17,November 17,Tuesday,7:05 am,awful,,,Bad night",
    "2026-11-16,November 16,Monday,12:00 PM,bad,work | work,,",
]


def test_daylio_mapping(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, GOOD_ROWS)
    parsed = parse_daylio(path.read_bytes(), path, default_items(), now=NOW)
    c = [r.checkin for r in parsed.rows]
    assert [x.values for x in c] == [{"mood": 8}, {"mood": 5}, {"mood": 10}, {"mood": 1}, {"mood": 3}]
    local = datetime(2026, 11, 19, 20, 30).astimezone()
    assert c[0].at == local and c[0].at.utcoffset() == local.utcoffset()
    assert (c[1].at.hour, c[1].at.minute) == (9, 15) and (c[3].at.hour, c[3].at.minute) == (7, 5)
    assert c[4].at.hour == 12
    assert c[0].tags == ["walk", "friends"] and c[4].tags == ["work"] and c[1].tags == []
    assert c[0].note == "Nice day\n\nSaw Ana.\nLong talk, good." and c[3].note == "Bad night"
    assert parsed.mood_counts == {"good": 1, "meh": 1, "rad": 1, "awful": 1, "bad": 1}
    assert parsed.mapping == {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}
    assert len({x.id for x in c}) == 5 and all(x.id.startswith("daylio-") for x in c)
    assert c[0].model_extra == {"source": "daylio"}
    # the same row always gives the same id
    again = parse_daylio(path.read_bytes(), path, default_items(), now=NOW)
    assert [r.checkin.id for r in again.rows] == [x.id for x in c]


def test_daylio_identical_rows_are_kept_apart_and_stable(tmp_path: Path) -> None:
    row = "2026-11-19,November 19,Thursday,09:15,meh,,,"
    path = daylio_file(tmp_path, [row, row])
    ids = [r.checkin.id for r in parse_daylio(path.read_bytes(), path, default_items(), now=NOW).rows]
    assert len(set(ids)) == 2
    assert ids[0] == entry_id(date(2026, 11, 19), parse_time("09:15"), "meh", "", 0)


def test_daylio_mood_scale_of_a_changed_mood_item(tmp_path: Path) -> None:
    five = CheckInItem(id="mood", label="Mood", question="Mood?", low=1, high=5, worse=Worse.LOW)
    path = daylio_file(tmp_path, GOOD_ROWS)
    parsed = parse_daylio(path.read_bytes(), path, [five], now=NOW)
    assert parsed.mapping == {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
    assert all(five.check_value(v) == v for v in parsed.mapping.values())


def test_cli_daylio_dry_run_import_twice(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, GOOD_ROWS)
    r = run_cli("import", "daylio", str(path), "--dry-run", home=home)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Entries: 5, from 2026-11-16 to 2026-11-19; 5 new, 0 already here." in out
    for name, value in DEFAULT_MOODS.items():
        assert f"{name} -> {value:>4g}" in out  # the mapping is shown
    assert "row 1: 2026-11-19 20:30, mood 8 (good); tags: walk, friends; note: 'Nice day Saw Ana. Long talk, good.'" in out
    assert "Dry run: nothing was written." in out
    assert not home.exists()

    r = run_cli("import", "daylio", str(path), home=home)
    assert r.returncode == 0, r.stderr
    assert "Imported 5 new check-ins" in r.stdout
    store = Store.open(home)
    assert len(store.checkins()) == 5
    before = tree(home)
    r = run_cli("import", "daylio", str(path), home=home)
    assert r.returncode == 0 and "nothing was added" in r.stdout and "0 new, 5 already here" in r.stdout
    assert tree(home) == before

    more = daylio_file(tmp_path, [*GOOD_ROWS, "2026-11-20,November 20,Friday,10:00,rad,,,"], name="more.csv")
    r = run_cli("import", "daylio", str(more), home=home)
    assert r.returncode == 0 and "Imported 1 new check-ins" in r.stdout and "backup was made first" in r.stdout
    assert len(Store.open(home).checkins()) == 6


def test_cli_daylio_custom_mood_needs_a_mapping(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, [*GOOD_ROWS, "2026-11-15,November 15,Sunday,10:00,Great,,,"])
    line = one_line_error(run_cli("import", "daylio", str(path), home=home))
    assert "row 6 (line 8)" in line and "'Great'" in line and "--mood-map" in line
    assert not home.exists()
    r = run_cli("import", "daylio", str(path), "--mood-map", "great=9", home=home)
    assert r.returncode == 0, r.stderr
    assert "great ->    9   (1 entry)" in r.stdout
    assert sorted(c.values["mood"] for c in Store.open(home).checkins()) == [1, 3, 5, 8, 9, 10]
    line = one_line_error(run_cli("import", "daylio", str(path), "--mood-map", "great=11", home=home))
    assert "mood must be from 0 to 10, not 11" in line


BAD = [
    ('2026-11-19,x,y,10:00,good,,"never closed', "row 2 (line 3): this is not valid CSV (unexpected end of data)"),
    ('2026-11-19,x,y,10:00,good,,,"never closed', "row 2 (line 3): this is not valid CSV"),
    ("2026-11-19,x,y,10:00,good,,", "row 2 (line 3): has 7 fields, but the header has 8"),
    ("2026-11-19,x,y,10:00,good,,,,", "has 9 fields"),
    ("19/11/2026,x,y,10:00,good,,,", "row 2 (line 3): full_date '19/11/2026' is not a date like 2023-05-14"),
    ("2026-02-30,x,y,10:00,good,,,", "full_date '2026-02-30' is not a date"),
    ("2026-11-19,x,y,13:00 PM,good,,,", "time '13:00 PM' is not a time"),
    ("2026-11-19,x,y,,good,,,", "time '' is not a time"),
    ("2999-11-19,x,y,10:00,good,,,", "is in the future"),
    ("1900-11-19,x,y,10:00,good,,,", "too long ago"),
    ("2026-11-19,x,y,10:00,ecstatic,,,", "the mood 'ecstatic' is not one of"),
    ("2026-11-19,x,y,10:00,good,,," + "n" * 10_001, "the note is 10,001 characters long"),
]


@pytest.mark.parametrize(("row", "message"), BAD)
def test_cli_daylio_bad_row_nothing_imported(tmp_path: Path, row: str, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)  # an existing data folder: it must stay exactly as it was
    before = tree(home)
    path = daylio_file(tmp_path, [GOOD_ROWS[1], row, GOOD_ROWS[2]])
    line = one_line_error(run_cli("import", "daylio", str(path), home=home))
    assert line.startswith(f"imr-tui: {path}") and message in line, line
    assert tree(home) == before


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty: it has no header row"),
    (b"\n\n", "is empty"),
    (b"date,mood,note\n2026-11-19,good,hi\n", "is not a Daylio export: the header lacks the columns full_date, time"),
    (b"full_date,time,mood,mood\n", "names 'mood' twice"),
    (b"full_date,time,mood\n2026-11-19,10:00,good\n\xe9t\xe9\n", "is not UTF-8 text (bad byte on line 3)"),
])
def test_cli_daylio_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    home = tmp_path / "data"
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    line = one_line_error(run_cli("import", "daylio", str(path), home=home))
    assert str(path) in line and message in line, line
    assert not home.exists()


def test_cli_daylio_unreadable_paths(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert "is a folder, not a file" in one_line_error(run_cli("import", "daylio", str(tmp_path), home=home))
    assert "nope.csv: no such file" in one_line_error(run_cli("import", "daylio", str(tmp_path / "nope.csv"),
                                                              home=home))
    assert not home.exists()


def test_daylio_extra_columns_are_ignored_and_a_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(("\ufeff" + DAYLIO_HEAD + ",scales\n" + GOOD_ROWS[1] + ",x\n").encode("utf-8"))
    parsed = parse_daylio(path.read_bytes(), path, default_items(), now=NOW)
    assert len(parsed.rows) == 1 and parsed.ignored_columns == ["scales"]


def test_daylio_control_characters_are_dropped(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, ['2026-11-19,x,y,10:00,good,w\x00alk | \x07,ti\x1btle,"a\x00b\tc\nd"'])
    (row,) = parse_daylio(path.read_bytes(), path, default_items(), now=NOW).rows
    assert row.checkin.note == "title\n\nab\tc\nd" and row.checkin.tags == ["walk"]


def test_daylio_older_export_without_note_title(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, ["2026-11-19,November 19,Thursday,09:15,meh,,hello"],
                       head="full_date,date,weekday,time,mood,activities,note")
    (row,) = parse_daylio(path.read_bytes(), path, default_items(), now=NOW).rows
    assert row.checkin.note == "hello"


# ------------------------------------------------------------- Daylio fuzzing
FIELD = st.one_of(
    st.sampled_from(["", "good", "RAD", "meh", " bad ", "awful", "great", "2026-11-19", "1969-12-31", "9999-12-31",
                     "10:00", "8:30 PM", "24:00", "0:00 am", "12:60", "walk | friends", "a|b|", '"', "\n", "\r",
                     "x" * 50, "\x00", "é", "2026-1-5"]),
    st.text(max_size=20),
)
ROW = st.lists(FIELD, min_size=0, max_size=10)


def _csv_text(rows: list[list[str]], header: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8", "surrogatepass")


def _check_parse(data: bytes) -> None:
    """Only a clean one-line ImportProblem or a full success; a success imports every row, a failure writes nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        store = Store.open(Path(tmp) / "data")
        before = tree(store.root)
        try:
            parsed = parse_daylio(data, path, default_items(), now=NOW)
        except ImportProblem as exc:
            text = str(exc)
            assert "\n" not in text and "\r" not in text and text.startswith(str(path)), text
            assert tree(store.root) == before
            return
        added = store.import_checkins(parsed.checkins)
        assert added == len({r.checkin.id for r in parsed.rows})
        assert len(store.checkins()) == added
        assert store.import_checkins(parsed.checkins) == 0  # twice adds nothing


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_fuzz_daylio_random_bytes(data: bytes) -> None:
    _check_parse(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, max_size=6),
       header=st.one_of(st.just(DAYLIO_HEAD.split(",")), st.permutations(DAYLIO_HEAD.split(",")),
                        st.lists(st.sampled_from([*DAYLIO_HEAD.split(","), "x", ""]), max_size=9)))
def test_fuzz_daylio_rows(rows: list[list[str]], header: list[str]) -> None:
    _check_parse(_csv_text(rows, header))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(good=st.lists(st.sampled_from(GOOD_ROWS), min_size=1, max_size=5), bad=st.sampled_from([b for b, _ in BAD]),
       where=st.integers(min_value=0, max_value=5))
def test_fuzz_one_bad_row_imports_nothing(good: list[str], bad: str, where: int) -> None:
    rows = list(good)
    rows.insert(min(where, len(rows)), bad)
    data = (DAYLIO_HEAD + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        with pytest.raises(ImportProblem):
            parse_daylio(data, path, default_items(), now=NOW)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), st.lists(ROW, max_size=4).map(
    lambda rows: _csv_text(rows, DAYLIO_HEAD.split(",")))))
def test_fuzz_cli_never_a_traceback(tmp_path: Path, data: bytes) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(data)
        r = run_cli("import", "daylio", str(path), home=Path(tmp) / "data")
        assert "Traceback" not in r.stderr
        if r.returncode != 0:
            one_line_error(r)


def test_import_daylio_then_report(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, GOOD_ROWS)
    assert run_cli("import", "daylio", str(path), home=home).returncode == 0
    r = run_cli("report", "--from", "2026-11-16", "--to", "2026-11-19", "--sections", "checkins", home=home)
    assert r.returncode == 0, r.stderr
    assert "| Mood (0-10, low is worse) | 4 of 4 | 4.8 | 1 | 10 |" in r.stdout  # day 19: worst of 8 and 5 is 5
    assert "Saw Ana" not in r.stdout

