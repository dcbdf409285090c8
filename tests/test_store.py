"""The store's promises: round trips, versions, corrupt files, one writer, full disk, backups, permissions."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import ActionStep, RelapsePlanBody, Trigger
from imr_tui.store import backup as backups
from imr_tui.store.files import CorruptFileError, NewerVersionError, StoreError, StoreLockedError
from imr_tui.store.store import SCHEMA_VERSION, Store
from imr_tui.store.verify import verify

FIXTURES = Path(__file__).parent / "fixtures"
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def ci(at: datetime = AT, **values: float) -> CheckIn:
    return CheckIn(at=at, values=values or {"mood": 5})


# ------------------------------------------------------------------ round trips
def test_new_store_is_private_and_versioned(store: Store) -> None:
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    manifest = json.loads(store.manifest_path.read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["kind"] == "manifest"
    assert stat.S_IMODE(store.manifest_path.stat().st_mode) == 0o600


def test_checkins_round_trip_across_months(store: Store) -> None:
    a = store.add_checkin(ci(AT, mood=3, sleep=6.5))
    b = store.add_checkin(ci(AT - timedelta(days=40), stress=7))
    c = store.add_checkin(ci(AT + timedelta(hours=2), mood=8))
    got = store.checkins()
    assert [x.id for x in got] == [b.id, a.id, c.id]  # oldest first
    assert got[1].values == {"mood": 3, "sleep": 6.5}
    assert {p.name for p in store.checkins_dir.iterdir()} == {"2026-10.json", "2026-11.json"}
    assert [x.id for x in store.checkins_on(AT.date())] == [a.id, c.id]
    assert store.checkins(start=date(2026, 11, 1)) == [got[1], got[2]]
    for p in store.checkins_dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_a_second_store_object_sees_changes_from_another_process(store: Store) -> None:
    store.add_checkin(ci(mood=1))
    assert len(store.checkins()) == 1  # fills the cache
    other = Store.open(store.root)
    other.add_checkin(ci(AT + timedelta(minutes=5), mood=2))
    assert len(store.checkins()) == 2  # the cache noticed the file changed


def test_update_and_delete_checkin_even_across_months(store: Store) -> None:
    c = store.add_checkin(ci(mood=3))
    moved = c.model_copy(update={"at": AT - timedelta(days=60), "note": "moved"})
    store.update_checkin(moved)
    got = store.checkins()
    assert len(got) == 1 and got[0].note == "moved" and got[0].at.month == 9
    assert store.delete_checkin(c.id) is True
    assert store.checkins() == []
    assert store.delete_checkin("nope") is False


def test_coping_profile_progress_settings_round_trip(store: Store) -> None:
    use = store.add_coping_use(CopingUse(at=AT, strategy="Walk", distress_before=8, distress_after=3))
    assert store.coping_uses() == [use]
    store.update_profile(lambda p: p.triggers.append(Trigger(text="Late nights")) or p)
    assert [t.text for t in store.profile().triggers] == ["Late nights"]
    store.update_progress(lambda p: setattr(p, "self_checks", []) or p)
    assert store.progress().lessons == []
    store.update_settings(lambda s: setattr(s, "country", "GB") or s)
    assert Store.open(store.root).settings().country == "GB"


def test_saving_the_plan_keeps_the_previous_version(store: Store) -> None:
    store.save_plan(RelapsePlanBody(action_steps=[ActionStep(text="Call Ana")]))
    store.save_plan(RelapsePlanBody(action_steps=[ActionStep(text="Call Sam")]))
    plan = store.profile().plan
    assert [a.text for a in plan.action_steps] == ["Call Sam"]
    assert [h.plan.action_steps[0].text for h in plan.history] == ["Call Ana"]


def test_unknown_fields_survive_a_rewrite(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    path = store.checkins_dir / "2026-11.json"
    raw = json.loads(path.read_text())
    raw["added_by_newer_minor"] = 1
    raw["checkins"][0]["mood_colour"] = "blue"
    path.write_text(json.dumps(raw))
    store.add_checkin(ci(AT + timedelta(hours=1), mood=4))
    again = json.loads(path.read_text())
    assert again["added_by_newer_minor"] == 1
    assert again["checkins"][0]["mood_colour"] == "blue"
    assert store.checkins()[0].model_extra == {"mood_colour": "blue"}


def test_import_is_merged_by_id_and_adds_nothing_twice(store: Store) -> None:
    cs = [ci(AT + timedelta(days=i), mood=i % 10) for i in range(40)]
    assert store.import_checkins(cs) == 40
    assert store.import_checkins(cs) == 0
    assert len(store.checkins()) == 40


# --------------------------------------------------------------------- versions
def test_a_newer_file_is_refused_and_never_rewritten(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    path = store.checkins_dir / "2026-11.json"
    raw = json.loads(path.read_text())
    raw["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    with pytest.raises(NewerVersionError, match="newer imr-tui"):
        store.add_checkin(ci(AT + timedelta(hours=1), mood=4))
    with pytest.raises(NewerVersionError):
        store.checkins()
    assert path.read_bytes() == before


def test_a_newer_folder_is_refused_at_open(store: Store) -> None:
    raw = json.loads(store.manifest_path.read_text())
    raw["schema_version"] = 99
    store.manifest_path.write_text(json.dumps(raw))
    with pytest.raises(NewerVersionError, match="version 99"):
        Store.open(store.root)


def test_v0_fixture_is_backed_up_then_migrated(tmp_path: Path) -> None:
    root = tmp_path / "old"
    shutil.copytree(FIXTURES / "v0", root)
    original = (root / "data.json").read_bytes()
    store = Store.open(root)
    got = store.checkins()
    assert [c.values for c in got] == [{"mood": 4, "stress": 6, "sleep": 5.5}, {"mood": 7, "stress": 2},
                                       {"mood": 5, "stress": 5, "sleep": 8}]
    assert got[1].note == "New year's eve" and got[1].model_extra == {"weather": "snow"}
    assert got[2].at.hour == 12  # no time in v0: noon
    assert store.settings().country == "GB"
    assert json.loads(store.manifest_path.read_text())["prototype_flag"] is True
    assert not (root / "data.json").exists()
    (pre,) = [b for b in backups.list_backups(store) if b.label == "before-migration-v0"]
    assert (pre.path / "data.json").read_bytes() == original
    # idempotent: the same data migrated again (e.g. a crash before data.json was removed) changes nothing
    files = {p: p.read_bytes() for p in store.checkins_dir.iterdir()}
    (root / "data.json").write_bytes(original)
    store.manifest_path.unlink()
    Store.open(root)
    assert len(Store.open(root).checkins()) == 3
    assert {p: len(json.loads(p.read_text())["checkins"]) for p in files} == \
        {p: len(json.loads(b)["checkins"]) for p, b in files.items()}


# ------------------------------------------------------------------ corruption
CORRUPTIONS = {
    "not json": b"{not json",
    "truncated": None,  # filled in from the real file
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "wrong kind": b'{"schema_version": 1, "kind": "coping", "coping": []}',
    "no version": b'{"kind": "checkins", "checkins": []}',
    "bad entry": b'{"schema_version": 1, "kind": "checkins", "checkins": [{"id": 5}]}',
    "entries not a list": b'{"schema_version": 1, "kind": "checkins", "checkins": {"a": 1}}',
    "no entries key": b'{"schema_version": 1, "kind": "checkins", "checkinz": []}',
    "not utf8": b'\xff\xfe{"a": 1}',
}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_corrupt_file_is_named_kept_and_never_overwritten(store: Store, name: str) -> None:
    store.add_checkin(ci(mood=3))
    path = store.checkins_dir / "2026-11.json"
    bad = CORRUPTIONS[name] if CORRUPTIONS[name] is not None else path.read_bytes()[:37]
    path.write_bytes(bad)
    with pytest.raises(StoreError) as info:
        store.checkins()
    assert "2026-11.json" in str(info.value)
    with pytest.raises(StoreError):
        store.add_checkin(ci(AT + timedelta(hours=1), mood=4))
    assert path.read_bytes() == bad  # never overwritten
    count, problems = verify(store)
    assert count >= 2 and len(problems) == 1 and "2026-11.json" in problems[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hypothesis_corrupt_files_only_ever_raise_store_errors(tmp_path_factory: pytest.TempPathFactory,
                                                               data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    store = Store.open(root)
    store.add_checkin(ci(mood=3))
    store.update_profile(lambda p: p.triggers.append(Trigger(text="x")) or p)
    target = data.draw(st.sampled_from([store.checkins_dir / "2026-11.json", store.profile_path, store.manifest_path]))
    good = target.read_bytes()
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "random", "json"]))
    if how == "truncate":
        bad = good[: data.draw(st.integers(0, len(good) - 1))]
    elif how == "flip":
        i = data.draw(st.integers(0, len(good) - 1))
        bad = good[:i] + bytes([good[i] ^ data.draw(st.integers(1, 255))]) + good[i + 1:]
    elif how == "insert":
        i = data.draw(st.integers(0, len(good)))
        bad = good[:i] + data.draw(st.binary(min_size=1, max_size=20)) + good[i:]
    elif how == "random":
        bad = data.draw(st.binary(max_size=200))
    else:
        value = data.draw(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                                       lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c,
                                                                                           max_size=3), max_leaves=8))
        bad = json.dumps(value).encode()
    target.write_bytes(bad)
    for action in (lambda: Store.open(root).checkins(), lambda: Store.open(root).profile(),
                   lambda: Store.open(root).settings(), lambda: verify(Store(root)),
                   lambda: Store.open(root).add_checkin(ci(AT + timedelta(hours=1), mood=1))):
        with contextlib.suppress(StoreError):
            action()
    # a damaged file is never rewritten (a month whose entries do not all validate included), and a file
    # that is not damaged keeps every entry it had
    now = target.read_bytes()
    if now != bad:
        assert target.parent.name == "checkins" and verify(Store(root))[1] == []
        old_entries = json.loads(bad)["checkins"]
        assert json.loads(now)["checkins"][: len(old_entries)] == old_entries


def test_a_month_with_an_invalid_entry_refuses_a_new_checkin_and_is_kept_verbatim(store: Store) -> None:
    """A damaged month is never written: the save is refused (nothing written) until `restore` puts it right,
    so a new check-in can never end up only in quarantine/ (issue 13, item 2)."""
    store.add_checkin(ci(mood=3))
    path = store.checkins_dir / "2026-11.json"
    raw = json.loads(path.read_text())
    raw["checkins"][0]["at"] = "yesterday"
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    with pytest.raises(CorruptFileError, match=r"checkins\.0\.at"):
        store.checkins()
    for save in (lambda: store.add_checkin(ci(AT + timedelta(hours=1), mood=4)),
                 lambda: store.import_checkins([ci(AT + timedelta(hours=2), mood=5)]),
                 lambda: store.update_checkin(ci(AT + timedelta(hours=3), mood=6))):
        with pytest.raises(CorruptFileError, match=r"checkins\.0\.at"):
            save()
    assert path.read_bytes() == before
    assert len(verify(store)[1]) == 1


def test_restore_replaces_only_the_bad_file_from_the_newest_good_backup(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    store.add_checkin(ci(AT - timedelta(days=40), mood=2))
    b = backups.make_backup(store)
    store.add_checkin(ci(AT - timedelta(days=39), mood=1))  # after the backup: must survive the restore
    path = store.checkins_dir / "2026-11.json"
    path.write_bytes(b"garbage")
    assert backups.newest_good_copy(store, Path("checkins/2026-11.json")) == b
    restored, unfixed = backups.restore_bad_files(store)
    assert unfixed == [] and [r.relpath.as_posix() for r in restored] == ["checkins/2026-11.json"]
    assert restored[0].quarantined is not None and restored[0].quarantined.read_bytes() == b"garbage"
    assert len(store.checkins()) == 3
    assert verify(store)[1] == []


def test_restore_snapshot_backs_up_the_current_state_first(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    b = backups.make_backup(store)
    store.add_checkin(ci(AT - timedelta(days=40), mood=2))
    safety = backups.restore_snapshot(store, b)
    assert len(store.checkins()) == 1
    assert (safety.path / "checkins" / "2026-10.json").exists()


def test_backups_rotate_keeping_dailies_weeklies_and_labelled(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    store.backups_dir.mkdir(exist_ok=True)
    for days_ago in range(60):
        made = datetime.now() - timedelta(days=days_ago)
        (store.backups_dir / made.strftime(backups.STAMP)).mkdir()
    (store.backups_dir / "20200101-000000--before-migration-v0").mkdir()
    backups.rotate(store)
    left = backups.list_backups(store)
    assert any(b.label == "before-migration-v0" for b in left)
    assert 7 <= len(left) - 1 <= 7 + 8


def test_backup_if_due_makes_one_a_day(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    assert backups.backup_if_due(store) is not None
    assert backups.backup_if_due(store) is None


# --------------------------------------------------------- one writer at a time
def test_a_second_writer_gets_a_clear_message(store: Store) -> None:
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from filelock import FileLock
        lock = FileLock({str(store.root / '.lock')!r})
        lock.acquire()
        print("held", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError, match="Another imr-tui is saving") as info:
            store.add_checkin(ci(mood=3))
        assert "Nothing was saved" in str(info.value)
        assert store.checkins() == []  # reading does not need the lock
    finally:
        holder.kill()
        holder.wait()
    store.add_checkin(ci(mood=3))
    assert len(store.checkins()) == 1


def test_twelve_checkins_started_at_once_all_land(store: Store) -> None:
    code = textwrap.dedent(f"""
        import sys
        from datetime import datetime, timezone
        from imr_tui.store.store import Store
        from imr_tui.domain.checkin import CheckIn
        Store.open({str(store.root)!r}, lock_timeout=30).add_checkin(
            CheckIn(at=datetime(2026, 11, 20, 9, int(sys.argv[1]), tzinfo=timezone.utc), values={{"mood": 5}}))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(i)]) for i in range(12)]
    assert [p.wait(60) for p in procs] == [0] * 12
    assert len(store.checkins()) == 12


# ------------------------------------------------------------------- full disk
@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_keeps_the_old_data_and_says_so(store: Store, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    store.add_checkin(ci(mood=3))
    path = store.checkins_dir / "2026-11.json"
    before = path.read_bytes()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        real_fdopen = os.fdopen

        class FullFile:
            def __init__(self, fd: int, *a: object, **k: object) -> None:
                self.fh = real_fdopen(fd, "wb")

            def __enter__(self) -> FullFile:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                self.fh.write(data[: len(data) // 2])  # half of it reaches the temp file, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fdopen", FullFile)
    with pytest.raises(StoreError, match="disk is full") as info:
        store.add_checkin(ci(AT + timedelta(hours=1), mood=4))
    assert "earlier data is safe" in str(info.value)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in store.checkins_dir.iterdir()] == ["2026-11.json"]  # no temp file left behind
    assert len(store.checkins()) == 1


def test_permission_problems_are_reported(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    assert store.permission_problems() == []
    os.chmod(store.root, 0o755)
    problems = store.permission_problems()
    assert problems and "chmod go-rwx" in problems[0]


def test_leftover_temp_files_are_ignored_and_cleaned(store: Store) -> None:
    store.add_checkin(ci(mood=3))
    tmp = store.checkins_dir / ".2026-11.json.abc.tmp"
    tmp.write_text("{half")
    os.utime(tmp, (0, 0))
    assert len(store.checkins()) == 1
    assert store.clean_temp_files() == 1 and not tmp.exists()


def test_month_file_of_ten_years_is_not_touched_by_a_save(store: Store) -> None:
    """The cost of a save does not grow with history: only the month's file is written."""
    store.import_checkins([ci(AT - timedelta(days=30 * i), mood=1) for i in range(1, 120)])
    stamps = {p: p.stat().st_mtime_ns for p in store.checkins_dir.iterdir()}
    store.add_checkin(ci(mood=5))
    changed = [p.name for p in store.checkins_dir.iterdir() if stamps.get(p) != p.stat().st_mtime_ns]
    assert changed == ["2026-11.json"]


def test_corrupt_error_is_a_store_error_with_the_path(store: Store) -> None:
    store.profile_path.write_text("{")
    with pytest.raises(CorruptFileError) as info:
        store.profile()
    assert info.value.path == store.profile_path


def test_the_read_cache_stays_bounded(store: Store) -> None:
    from imr_tui.store.store import CACHE_FILES

    store.import_checkins([ci(AT - timedelta(days=30 * i), mood=1) for i in range(120)])
    assert len(store.checkins()) == 120  # ten years read once
    assert store.cached_files <= CACHE_FILES
    assert len(store.checkins()) == 120  # and read again correctly


def test_invalidate_forgets_what_was_read(store: Store) -> None:
    store.add_checkin(ci(mood=5))
    path = store.month_path(store.checkins_dir, "2026-11")
    assert [c.values for c in store.checkins()] == [{"mood": 5}]
    assert store.cached_files == 1
    # the file replaced behind the store's back with the same size and times: the cache cannot tell
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"mood":5', b'"mood":6'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert [c.values for c in store.checkins()] == [{"mood": 5}]
    store.invalidate(path)
    assert [c.values for c in store.checkins()] == [{"mood": 6}]
    store.settings()  # (a file that does not exist, like profile.json here, is never cached)
    assert store.cached_files == 2
    store.invalidate()
    assert store.cached_files == 0


def test_read_envelope_checks_version_and_kind(store: Store) -> None:
    assert store.read_envelope(store.profile_path, "profile") == {"schema_version": SCHEMA_VERSION, "kind": "profile"}
    store.add_checkin(ci())
    path = store.month_path(store.checkins_dir, "2026-11")
    assert store.read_envelope(path, "checkins")["month"] == "2026-11"
    with pytest.raises(CorruptFileError, match="should hold kind 'profile'"):
        store.read_envelope(path, "profile")


def test_the_read_cache_is_safe_from_threads(store: Store) -> None:
    """Readers, a writer and invalidations at once, with more months than the cache holds (so entries
    are evicted all the time), switching threads as often as Python can: every read is whole and right."""
    import threading

    from imr_tui.store.store import CACHE_FILES

    months = CACHE_FILES + 20
    store.import_checkins([ci(AT - timedelta(days=31 * i), mood=1) for i in range(1, months + 1)])
    errors: list[BaseException] = []
    counts: list[int] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                counts.append(len(store.checkins()))
        except BaseException as exc:
            errors.append(exc)

    def churn() -> None:
        try:
            for n in range(30):
                store.add_checkin(ci(AT + timedelta(minutes=n), mood=2))
                store.invalidate(None if n % 3 == 0 else store.month_path(store.checkins_dir, "2026-11"))
        except BaseException as exc:
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        readers = [threading.Thread(target=read) for _ in range(6)]
        writer = threading.Thread(target=churn)
        for t in [*readers, writer]:
            t.start()
        writer.join(timeout=120)
        stop.set()
        for t in readers:
            t.join(timeout=60)
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    assert counts and all(months <= n <= months + 30 for n in counts)
    assert len(store.checkins()) == months + 30
    assert store.cached_files <= CACHE_FILES
