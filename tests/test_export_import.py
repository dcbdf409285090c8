"""Export (CSV, JSON, plan) and import (JSON): round trips, idempotence, dry runs, clean errors.

The Daylio importer's tests are in test_imports_daylio.py."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, SubstanceUse, default_items
from imr_tui.domain.profile import Goal, Profile
from imr_tui.export.csv_export import checkins_csv, header
from imr_tui.export.json_export import export_data
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.imr_json import parse_export
from imr_tui.store.exchange import EXPORT_FORMAT as FORMAT
from imr_tui.store.store import Store
from tests.conftest import run_cli

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


@pytest.mark.parametrize(("values", "message"), [
    ({"mood": float("nan")}, "checkins[0]: values.mood is not a number"),
    ({"mood": float("inf")}, "checkins[0]: values.mood is not a number"),
    ({"mood": 11}, "checkins[0]: mood must be from 0 to 10, not 11"),
])
def test_json_import_refuses_values_that_are_not_finite_or_off_the_scale(tmp_path: Path, values: dict[str, float],
                                                                          message: str) -> None:
    body = {"format": FORMAT, "schema_version": 1,
            "checkins": [{"id": "a", "at": "2026-01-01T10:00:00+00:00", "values": values}]}
    path = tmp_path / "e.json"
    path.write_text(json.dumps(body))  # json writes NaN and Infinity as bare words, which it also reads
    with pytest.raises(ImportProblem, match=re.escape(message)):
        parse_export(path.read_bytes(), path)
