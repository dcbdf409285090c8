"""The repair paths never lose data (issue 13): restore and restore --snapshot whole or not at all, a damaged
month refuses saves, newer files untouched, unique backup names, strict parsing, read-only commands, odd files.

Most tests run the command in process through imr_tui.cli.main (`cli` below); the kill tests run it in a
subprocess that kills itself with SIGKILL before its N-th rename or delete (tests/kill_at.py), for every N.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from imr_tui.cli.main import main
from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import Trigger
from imr_tui.store import backup as backups
from imr_tui.store.files import CorruptFileError, StoreError
from imr_tui.store.store import Store
from tests.conftest import SOURCE

AT = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
KILL_AT = Path(__file__).with_name("kill_at.py")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `imr-tui ARGS` in this process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str) -> None:
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def snapshot(root: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under root: its mode and content (files) or kind, to show nothing changed."""
    out: dict[str, tuple[int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = os.lstat(p)
            body: bytes | str = p.read_bytes() if p.is_file() and not p.is_symlink() else "other"
            out[str(p.relative_to(root))] = (st.st_mode, body)
    out["."] = (os.lstat(root).st_mode, "root")
    return out


def data_only(snap: dict[str, tuple[int, bytes | str]]) -> dict[str, tuple[int, bytes | str]]:
    return {k: v for k, v in snap.items() if not k.startswith("backups")}


def checkin_ids(root: Path) -> set[str]:
    return {c.id for c in Store.open(root, create=False).checkins()}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data folder with check-ins in three months and a backup; a later check-in in October is not in it."""
    root = tmp_path / "data"
    store = Store.open(root)
    for n, days in enumerate((0, 31, 62)):
        store.add_checkin(CheckIn(id=f"c{n}", at=AT - timedelta(days=days), values={"mood": 5}))
    store.update_profile(lambda p: p.triggers.append(Trigger(text="late nights")) or p)
    backups.make_backup(store)
    store.add_checkin(CheckIn(id="late", at=AT - timedelta(days=62, hours=-1), values={"mood": 6}))
    return root


def damage(root: Path, month: str = "2026-10") -> Path:
    path = root / "checkins" / f"{month}.json"
    path.write_bytes(b'{"schema_version": 1, "kind": "checkins", "checkins": [')
    return path


# ------------------------------------------------------------------ 1. atomic, resumable restore
def test_a_month_lost_by_a_crash_is_reported_by_verify_and_brought_back_by_restore(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What an old restore killed between moving the damaged file aside and copying the good one left: the month
    gone. verify said every file was fine, and restore found nothing to do."""
    (home / "checkins" / "2026-09.json").unlink()
    code, out, _ = cli(capsys, "--home", str(home), "verify")
    assert code == 2 and "2026-09.json is missing, but backup" in out
    code, out, _ = cli(capsys, "--home", str(home), "restore")
    assert code == 0 and "Restored checkins/2026-09.json from backup" in out and "it was missing" in out
    assert checkin_ids(home) == {"c0", "c1", "c2", "late"}
    assert cli(capsys, "--home", str(home), "verify")[0] == 0


def _kill_runs(home: Path, args: list[str], tmp_path: Path) -> Iterator[tuple[int, Path, str]]:
    """Copy `home` and run `imr-tui ARGS` on the copy killed before its 1st, 2nd, ... step, until a run ends by
    itself. Yields (N, the copy, stderr)."""
    import shutil

    n = 1
    while True:
        copy = tmp_path / f"kill-{n}"
        shutil.copytree(home, copy, symlinks=True)
        r = subprocess.run([sys.executable, str(KILL_AT), str(n), "--home", str(copy), *args], capture_output=True,
                           text=True, timeout=60, env={**os.environ, **SOURCE})
        killed = r.returncode == -9
        yield n, copy, r.stderr
        if not killed:
            return
        n += 1
        assert n < 200


def test_restore_killed_at_every_step_loses_nothing_and_is_finished_by_the_next_command(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damage(home)
    (home / "checkins" / "2026-08.json").unlink()  # and one month lost: both come back
    kills = 0
    for n, copy, _ in _kill_runs(home, ["restore"], tmp_path):
        code, out, _ = cli(capsys, "--home", str(copy), "verify")
        if code == 0:  # verify may say "fine" only when everything is there
            assert checkin_ids(copy) == {"c0", "c1", "c2"}, n
        else:  # else it names what is wrong, and one more restore puts it right
            assert "2026-10.json" in out or "2026-08.json" in out, (n, out)
            assert cli(capsys, "--home", str(copy), "restore")[0] == 0
            assert checkin_ids(copy) == {"c0", "c1", "c2"}, n
        assert not (copy / ".journal.json").exists()
        assert cli(capsys, "--home", str(copy), "verify")[0] == 0, n
        kills += 1
    assert kills >= 4  # the journal, two moves/writes, its removal: every point was tried


def test_restore_snapshot_killed_at_every_step_is_all_or_nothing(home: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(home)
    store.add_checkin(CheckIn(id="new-month", at=AT + timedelta(days=12), values={"mood": 7}))  # November
    before = checkin_ids(home)
    (snap,) = [b.name for b in backups.list_backups(store)]
    for n, copy, _ in _kill_runs(home, ["restore", "--snapshot", snap], tmp_path):
        now = checkin_ids(copy)  # the next command finishes a run that got past its journal
        assert now in (before, {"c0", "c1", "c2"}), (n, now)
        if now == {"c0", "c1", "c2"}:  # restored: what was there before is in the before-restore backup
            (pre,) = [b for b in backups.list_backups(Store.open(copy)) if b.label == "before-restore"]
            assert (pre.path / "checkins" / "2026-11.json").exists()
            assert list((copy / "quarantine").glob("checkins__2026-11.json.*"))
        assert cli(capsys, "--home", str(copy), "verify")[0] == 0, n


def test_a_full_disk_during_restore_is_one_line_and_leaves_the_damaged_file_as_it_was(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    bad = damage(home)
    before = bad.read_bytes()
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, fd: int, *a: object, **k: object) -> None:
            self.fh = real_fdopen(fd, "wb")

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullFile)
    code, _, err = cli(capsys, "--home", str(home), "restore")
    monkeypatch.undo()
    assert code == 2 and "disk is full" in err and "Nothing was changed" in err
    one_line(err)
    assert bad.read_bytes() == before  # never a 0-byte file
    assert not list(home.rglob("*.tmp")) and not (home / ".journal.json").exists()
    assert cli(capsys, "--home", str(home), "restore")[0] == 0
    assert checkin_ids(home) == {"c0", "c1", "c2", "late"}


# ------------------------------------------------------------------ 2. a damaged month refuses saves
def test_a_month_with_a_bad_value_refuses_a_new_checkin_until_restored(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "checkins" / "2026-10.json"
    raw = json.loads(path.read_text())
    raw["checkins"][0]["values"]["mood"] = "high"  # valid JSON, a bad value
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    code, out, err = cli(capsys, "--home", str(home), "checkin", "--at", "2026-10-21 10:00", "--mood", "4")
    assert code == 2 and "2026-10.json" in err and "imr-tui restore" in err and "Saved" not in out
    one_line(err)
    assert path.read_bytes() == before  # nothing written
    assert cli(capsys, "--home", str(home), "restore")[0] == 0
    code, out, err = cli(capsys, "--home", str(home), "checkin", "--at", "2026-10-21 10:00", "--mood", "4")
    assert code == 0 and "Saved" in out, err
    assert len(Store.open(home).checkins()) == 5


# ------------------------------------------------------------------ 3. newer files, the manifest
def _newer(path: Path) -> bytes:
    raw = json.loads(path.read_text())
    raw["schema_version"] = 99
    path.write_text(json.dumps(raw))
    return path.read_bytes()


def test_restore_never_touches_a_file_from_a_newer_version(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newer = _newer(home / "checkins" / "2026-09.json")
    damage(home)
    code, out, _ = cli(capsys, "--home", str(home), "restore")
    assert code == 2 and "Restored checkins/2026-10.json" in out and "newer imr-tui" in out
    assert (home / "checkins" / "2026-09.json").read_bytes() == newer
    (b,) = [b for b in backups.list_backups(Store.open(home, create=False))]
    code, _, err = cli(capsys, "--home", str(home), "restore", "--snapshot", b.name)
    assert code == 2 and "newer imr-tui" in err and "Nothing was changed" in err
    assert (home / "checkins" / "2026-09.json").read_bytes() == newer


@pytest.mark.parametrize("how", ["damaged", "missing"])
def test_a_damaged_or_missing_manifest_can_be_restored(home: Path, capsys: pytest.CaptureFixture[str],
                                                       how: str) -> None:
    manifest = home / "manifest.json"
    good = manifest.read_bytes()
    if how == "damaged":
        manifest.write_text("{")
    else:
        manifest.unlink()
    code, out, err = cli(capsys, "--home", str(home), "verify")
    assert code == 2 and "manifest.json" in out, (out, err)
    code, out, err = cli(capsys, "--home", str(home), "restore")
    assert code == 0 and "Restored manifest.json" in out, (out, err)
    assert manifest.read_bytes() == good
    assert cli(capsys, "--home", str(home), "verify")[0] == 0


def test_restore_snapshot_works_with_a_damaged_manifest(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "manifest.json").write_text("[]")
    code, out, err = cli(capsys, "--home", str(home), "restore", "--snapshot", "latest")
    assert code == 0 and "Restored backup" in out, err
    assert cli(capsys, "--home", str(home), "verify")[0] == 0


# ------------------------------------------------------------------ 4. backups: names, future dates
class _Frozen(datetime):
    moment = datetime(2026, 11, 20, 9, 0, 0)

    @classmethod
    def now(cls, tz: object = None) -> _Frozen:  # type: ignore[override]
        return cls.fromtimestamp(cls.moment.timestamp())


def test_backups_made_in_one_second_get_names_every_command_sees(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(home)
    monkeypatch.setattr(backups, "datetime", _Frozen)
    a = backups.make_backup(store, label="x")
    b = backups.make_backup(store, label="x")
    c = backups.make_backup(store)
    d = backups.make_backup(store)  # the same second again: rotation keeps the newest of the day
    monkeypatch.undo()
    assert len({a.name, b.name, c.name, d.name}) == 4 and b.name == "20261120-090000-2--x"
    listed = [x.name for x in backups.list_backups(store)]
    assert a.name in listed and b.name in listed and d.name in listed
    assert c.name not in listed  # rotation saw it (before, a -2 backup was never listed nor rotated)
    assert listed.index(d.name) < listed.index(b.name) < listed.index(a.name)  # the order they were made in
    _, out, _ = cli(capsys, "--home", str(home), "backup", "--list")
    assert b.name in out and d.name in out
    code, out, err = cli(capsys, "--home", str(home), "restore", "--snapshot", b.name)
    assert code == 0 and f"Restored backup {b.name}" in out, err


def test_a_backup_dated_in_the_future_does_not_stop_daily_backups_nor_become_latest(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    store = Store.open(home)
    shutil.rmtree(home / "backups")
    future = home / "backups" / (datetime.now() + timedelta(days=400)).strftime(backups.STAMP)
    future.mkdir(parents=True)
    (future / "manifest.json").write_bytes((home / "manifest.json").read_bytes())  # a backup missing months
    made = backups.backup_if_due(store)
    assert made is not None  # before: the future one counted as "made today", forever
    code, out, err = cli(capsys, "--home", str(home), "restore", "--snapshot", "latest")
    assert code == 0, err
    assert f"Backup {future.name} is dated in the future" in out and f"Restored backup {made.name}" in out
    assert checkin_ids(home) == {"c0", "c1", "c2", "late"}  # the real latest, not the future one
    _, out, _ = cli(capsys, "--home", str(home), "backup", "--list")
    assert f"{future.name}" in out and "dated in the future" in out
    assert future.is_dir()  # rotation keeps it: the person decides
    assert backups.missing_files(Store.open(home)) == []  # and it is not the one verify compares with


# ------------------------------------------------------------------ 5. outputs
def test_plan_export_refuses_the_data_folder_and_an_existing_file_without_force(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inside = home / "checkins" / "2026-10.json"
    before = inside.read_bytes()
    code, _, err = cli(capsys, "--home", str(home), "plan", "export", "--md", str(inside))
    assert code == 1 and "inside your data folder" in err
    one_line(err)
    code, _, err = cli(capsys, "--home", str(home), "plan", "export", "--md", str(inside), "--force")
    assert code == 1 and "inside your data folder" in err
    assert inside.read_bytes() == before
    target = tmp_path / "plan.md"
    target.write_text("mine")
    code, _, err = cli(capsys, "--home", str(home), "plan", "export", "--md", str(target))
    assert code == 1 and "there already" in err and "--force" in err
    assert target.read_text() == "mine"
    code, out, err = cli(capsys, "--home", str(home), "plan", "export", "--md", str(target), "--force")
    assert code == 0 and "Wrote your plan" in out, err
    assert target.read_text() != "mine"


def test_the_output_guard_follows_links_into_the_data_folder(home: Path, tmp_path: Path) -> None:
    """The guard report and export are to call (cli/common.output_target)."""
    import argparse

    from imr_tui.cli.common import UserError, output_target

    link = tmp_path / "elsewhere"
    link.symlink_to(home / "checkins")
    args = argparse.Namespace(home=home, force=True)
    with pytest.raises(UserError, match="inside your data folder"):
        output_target(args, link / "2026-10.json", "--csv")
    with pytest.raises(UserError, match="inside your data folder"):
        output_target(args, home / "new.csv", "--csv")
    assert output_target(args, tmp_path / "out.csv", "--csv") == tmp_path / "out.csv"


# ------------------------------------------------------------------ 6. strict parsing
def test_a_key_twice_in_a_month_is_damage_and_an_import_does_not_rewrite_it(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "checkins" / "2026-10.json"
    good = json.loads(path.read_text())["checkins"]
    # the month's real list first, then an empty one: json (last wins) hid the check-in
    path.write_text('{"schema_version":1,"kind":"checkins","month":"2026-10","checkins":'
                    + json.dumps(good) + ',"checkins":[]}')
    before = path.read_bytes()
    code, out, _ = cli(capsys, "--home", str(home), "verify")
    assert code == 2 and "'checkins' twice" in out
    export = tmp_path / "e.json"
    export.write_text(json.dumps({"format": "imr-tui-export", "schema_version": 1, "checkins": [
        {"id": "imp", "at": "2026-10-22T10:00:00+00:00", "values": {"mood": 3}}]}))
    code, _, err = cli(capsys, "--home", str(home), "import", "json", str(export))
    assert code == 2 and "twice" in err
    one_line(err)
    assert path.read_bytes() == before  # before: rewritten with the empty list, the check-in gone


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", "-5", "1e308"])
def test_import_json_refuses_a_value_that_is_not_a_number_on_the_scale(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    export = tmp_path / "e.json"
    export.write_text('{"format": "imr-tui-export", "schema_version": 1, "checkins": ['
                      '{"id": "imp", "at": "2026-10-22T10:00:00+00:00", "values": {"mood": ' + value + '}}]}')
    before = snapshot(home)
    code, _, err = cli(capsys, "--home", str(home), "import", "json", str(export))
    assert code == 1, err
    one_line(err)
    # no data written (an importer that checks only the model lets -5 through to the store, which refuses it after
    # the before-import backup was made: that backup is the one thing added)
    assert data_only(snapshot(home)) == data_only(before)
    code, _out, err = cli(capsys, "--home", str(home), "report", "--from", "2026-10-01", "--to", "2026-10-31")
    assert code == 0, err


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:00-12:00", "1969-12-31T12:00:00Z"])
def test_import_json_refuses_a_date_out_of_range(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 at: str) -> None:
    export = tmp_path / "e.json"
    export.write_text(json.dumps({"format": "imr-tui-export", "schema_version": 1, "checkins": [
        {"id": "imp", "at": at, "values": {"mood": 3}}], "coping": []}))
    before = snapshot(home)
    code, _, err = cli(capsys, "--home", str(home), "import", "json", str(export))
    assert code == 1 and "year" in err, err
    one_line(err)
    assert snapshot(home) == before


def test_the_store_itself_refuses_bad_entries_on_every_way_in(store: Store) -> None:
    """Whatever the importer: a copy that skipped validation, a value off the scale, two different entries with
    one id. Nothing is written."""
    from imr_tui.store.files import InvalidDataError

    good = CheckIn(at=AT, values={"mood": 5})
    sneaky = good.model_copy(update={"values": {"mood": float("nan")}})  # model_copy skips the validators
    for batch, match in (([sneaky], "finite"), ([good.model_copy(update={"values": {"mood": 11}})], "from 0 to 10"),
                         ([good, good.model_copy(update={"note": "other"})], "id"),
                         ([good.model_copy(update={"at": datetime(1, 1, 1, tzinfo=UTC)})], "year")):
        with pytest.raises(InvalidDataError, match=match):
            store.import_checkins(batch)
    with pytest.raises(StoreError, match="finite"):
        store.add_checkin(sneaky)
    assert store.checkins() == []
    assert store.import_checkins([good, good]) == 1  # the same entry twice is one entry


# ------------------------------------------------------------------ 7. read-only commands
READ_ONLY = [["verify"], ["backup", "--list"], ["restore", "--list"], ["plan", "show"], ["export", "--csv", "OUT"],
             ["report", "--to", "2026-11-20"], ["import", "json", "--dry-run", "IN"]]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("folder", ["ordinary", "empty"])
def test_read_only_commands_never_turn_a_folder_into_a_data_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], folder: str) -> None:
    other = tmp_path / "mine"
    other.mkdir(mode=0o755)
    os.chmod(other, 0o755)
    if folder == "ordinary":
        (other / "letter.txt").write_text("dear")
    export = tmp_path / "e.json"
    export.write_text(json.dumps({"format": "imr-tui-export", "schema_version": 1}))
    args = [str(tmp_path / "out.csv") if a == "OUT" else str(export) if a == "IN" else a for a in args]
    before = snapshot(other)
    code, out, err = cli(capsys, "--home", str(other), *args)
    assert snapshot(other) == before  # no manifest, no .lock, no chmod
    if args[0] != "import":  # a dry run into an empty folder is fine: it would make one
        assert code == 2 and "not an imr-tui data folder" in err, (out, err)
        one_line(err)


def test_an_empty_home_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["--home", "", "verify"], ["--home=", "checkin", "--mood", "3"], ["--home", " ", "backup"]):
        code, _, err = cli(capsys, *args)
        assert code == 1 and "--home" in err, err
        one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_a_save_refuses_a_folder_holding_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "Documents"
    other.mkdir()
    (other / "letter.txt").write_text("dear")
    before = snapshot(other)
    code, _, err = cli(capsys, "--home", str(other), "checkin", "--mood", "3")
    assert code == 2 and "not an imr-tui data folder" in err
    assert snapshot(other) == before


# ------------------------------------------------------------------ 9. odd files
def _make_odd(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink":
        path.symlink_to("/dev/zero")
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    else:
        path.mkdir()


ODD = ["fifo", "symlink", "socket", "folder"]


@pytest.mark.parametrize("kind", ODD)
@pytest.mark.parametrize("name", ["checkins/2026-10.json", "profile.json", "manifest.json"])
def test_an_odd_file_in_place_of_a_data_file_is_reported_never_read(home: Path, kind: str, name: str) -> None:
    """Each command in a subprocess with a time limit: before, a FIFO blocked every command forever."""
    _make_odd(home / name, kind)
    env = {**os.environ, **SOURCE, "IMR_TUI_HOME": str(home)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        r = subprocess.run([sys.executable, "-m", "imr_tui", *args], capture_output=True, text=True, timeout=30,
                           env=env)
        assert "Traceback" not in r.stderr, r.stderr
        return r

    r = run("verify")
    assert r.returncode == 2 and name.split("/")[-1] in r.stdout + r.stderr
    assert run("checkin", "--mood", "3").returncode in (0, 2)
    assert run("remind").returncode == 0
    r = run("backup")
    assert r.returncode in (0, 2)
    if r.returncode == 0:  # an incomplete backup, labelled so: the older complete one is not rotated away
        assert "Left out" in r.stdout and name in r.stdout and "--incomplete" in r.stdout
    r = run("restore")
    assert r.returncode == 0, r.stdout + r.stderr  # the odd thing goes to quarantine/, the good copy comes back
    assert run("verify").returncode == 0


def test_the_app_starts_with_a_pipe_in_place_of_a_month_and_says_so(home: Path) -> None:
    import asyncio

    from imr_tui.tui.app import IMRApp
    from tests.conftest import CONTENT, seen_notices, settle

    _make_odd(home / "checkins" / "2026-10.json", "fifo")
    _make_odd(home / "profile.json", "fifo")
    store = Store.open(home)

    async def go() -> list[str]:
        app = IMRApp(store=store, content=CONTENT, clock=lambda: datetime(2026, 10, 21, 9, 0).astimezone())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            return seen_notices(app)

    notices = asyncio.run(asyncio.wait_for(go(), 60))
    assert any("named pipe" in n for n in notices), notices


def test_a_file_or_pipe_in_place_of_a_folder_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("checkins", "backups", "quarantine"):
        import shutil

        shutil.rmtree(home / folder, ignore_errors=True)
        (home / folder).write_text("x")
    damage_free = cli(capsys, "--home", str(home), "verify")
    assert damage_free[0] == 2 and "checkins is a file, not a folder" in damage_free[1]
    for args in (["checkin", "--mood", "3"], ["backup"], ["restore", "--snapshot", "latest"]):
        code, _, err = cli(capsys, "--home", str(home), *args)
        assert code in (1, 2), (args, err)
        one_line(err)
    code, out, err = cli(capsys, "--home", str(home), "restore")  # restore lists what it could not fix
    assert code == 2 and "checkins is a file, not a folder" in out and "Traceback" not in err


def test_a_lock_that_is_a_folder_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / ".lock").unlink(missing_ok=True)
    (home / ".lock").mkdir()
    code, _, err = cli(capsys, "--home", str(home), "checkin", "--mood", "3")
    assert code == 2 and ".lock" in err and "a folder" in err
    one_line(err)
    with pytest.raises(StoreError, match="lock"):
        Store.open(home).add_checkin(CheckIn(at=AT, values={"mood": 1}))


def test_remind_does_not_wait_on_a_pipe_in_place_of_this_months_file(home: Path) -> None:
    now = datetime.now()
    _make_odd(home / "checkins" / f"{now:%Y-%m}.json", "fifo")
    r = subprocess.run([sys.executable, "-m", "imr_tui", "remind"], capture_output=True, text=True, timeout=30,
                       env={**os.environ, **SOURCE, "IMR_TUI_HOME": str(home)})
    assert r.returncode == 0 and "could not read" in r.stdout


def test_corrupt_error_for_a_pipe_names_what_it_is(home: Path) -> None:
    _make_odd(home / "checkins" / "2026-10.json", "fifo")
    with pytest.raises(CorruptFileError, match="named pipe"):
        Store.open(home).checkins()
    made = backups.make_backup(Store.open(home))
    assert made.skipped and "checkins/2026-10.json" in made.skipped[0]
