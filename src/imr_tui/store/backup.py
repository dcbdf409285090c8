"""Backups, and the two repairs made from them: `restore` (damaged or missing files) and `restore --snapshot`.

A backup is a folder backups/YYYYMMDD-HHMMSS[-N][--label]/ holding a copy of every data file, written into a
temp folder (`.partial-NAME`) first and renamed into place when complete. `-N` (2, 3, ...) keeps two backups
made in the same second apart. Rotation keeps the newest of each of the last 7 days, the newest of each of the
last 8 weeks, every labelled backup (before-migration-v0, before-import, before-restore, after-restore) and every
backup dated in the future (a clock that was wrong: the person decides about those).

Both repairs go through store/journal.py: they happen whole or not at all, and a run killed half-way is
finished by the next imr-tui. A file written by a newer imr-tui is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.store import journal
from imr_tui.store.files import (
    NewerVersionError,
    StoreError,
    describe_os_error,
    ensure_private_dir,
    fsync_dir,
    lexists,
    odd_kind,
    read_bytes,
)

if TYPE_CHECKING:
    from imr_tui.store.store import Store

KEEP_DAILY = 7
KEEP_WEEKLY = 8
STAMP = "%Y%m%d-%H%M%S"
NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d{1,4}))?(?:--(.+))?$")
FUTURE_SLACK = timedelta(minutes=5)  # a backup dated later than now by more than this has a wrong date
PARTIAL = ".partial-"
INCOMPLETE = "incomplete"  # the label of an automatic backup that had to leave files out (not ordinary files)


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    label: str
    seq: int = 1
    skipped: tuple[str, ...] = field(default=(), compare=False)  # files left out (not ordinary files)

    @property
    def name(self) -> str:
        return self.path.name

    def in_future(self, now: datetime | None = None) -> bool:
        """Dated later than now: made while the computer's clock was wrong."""
        return self.made > (now or datetime.now()) + FUTURE_SLACK


def parse_name(path: Path) -> Backup | None:
    match = NAME.match(path.name)
    if match is None:
        return None
    try:
        made = datetime.strptime(match.group(1), STAMP)
    except ValueError:
        return None
    return Backup(path, made, match.group(3) or "", int(match.group(2) or 1))


def list_backups(store: Store) -> list[Backup]:
    """Every complete backup, newest first (by its date, then by -N), future-dated ones included."""
    out: list[Backup] = []
    if not store.backups_dir.is_dir():
        return out
    for p in store.backups_dir.iterdir():
        b = parse_name(p)
        if b is not None and p.is_dir() and not p.is_symlink():
            out.append(b)
    out.sort(key=lambda b: (b.made, b.seq, b.name), reverse=True)
    return out


def latest_backup(store: Store, now: datetime | None = None) -> tuple[Backup | None, list[Backup]]:
    """(the newest backup not dated in the future, the future-dated ones that were passed over)."""
    backups = list_backups(store)
    future = [b for b in backups if b.in_future(now)]
    return next((b for b in backups if not b.in_future(now)), None), future


def _is_data_name(store: Store, name: str) -> bool:
    return name.endswith(".json" + store.codec.suffix) and not name.startswith(".")


def _copy_into(store: Store, folder: Path, files: list[Path], base: Path) -> list[str]:
    """Copy `files` (under `base`) into `folder`, 0600 and fsynced. Returns the ones skipped: anything that is not
    an ordinary file is never opened (a pipe would block the backup forever)."""
    skipped = []
    for src in files:
        rel = src.relative_to(base)
        if odd_kind(src):
            skipped.append(f"{rel.as_posix()} ({odd_kind(src)})")
            continue
        dst = folder / rel
        ensure_private_dir(dst.parent)
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fo:
            fo.write(read_bytes(src))
            fo.flush()
            os.fsync(fo.fileno())
    return skipped


def _new_name(store: Store, now: datetime, label: str, taken: tuple[str, ...] = ()) -> str:
    """A name no backup has: the date, then -2, -3, ... when a backup of the same second exists (whatever its
    label), so that names are unique and sort in the order the backups were made."""
    stamp = now.strftime(STAMP)
    names = [*(os.listdir(store.backups_dir) if store.backups_dir.is_dir() else []), *taken]
    used = {b.seq for b in (parse_name(Path(n.removeprefix(PARTIAL))) for n in names) if b is not None
            and b.name[:15] == stamp}
    n = 1
    while n in used:
        n += 1
    return (stamp if n == 1 else f"{stamp}-{n}") + (f"--{label}" if label else "")


def make_backup(store: Store, label: str = "", extra_files: list[Path] | None = None, locked: bool = False) -> Backup:
    """Copy every data file into a new backup folder. Takes the write lock unless the caller holds it."""
    if not locked:
        with store.writing():
            return make_backup(store, label, extra_files, locked=True)
    ensure_private_dir(store.backups_dir)
    now = datetime.now().replace(microsecond=0)
    name = _new_name(store, now, label)
    tmp = store.backups_dir / f"{PARTIAL}{name}"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        ensure_private_dir(tmp)
        skipped = _copy_into(store, tmp, [*store.data_files(), *(extra_files or [])], store.root)
        if skipped and not label:  # an incomplete copy must never make rotation delete a complete one
            label = INCOMPLETE
            name = _new_name(store, now, label)
        final = store.backups_dir / name
        os.replace(tmp, final)
        fsync_dir(store.backups_dir)
    except (OSError, StoreError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        why = describe_os_error(exc) if isinstance(exc, OSError) else exc.message
        raise StoreError(f"Could not make a backup in {store.backups_dir}: {why}", store.backups_dir,
                         "Your data itself was not changed.") from exc
    rotate(store)
    made = parse_name(final)
    assert made is not None
    return Backup(final, made.made, label, made.seq, tuple(skipped))


def rotate(store: Store, now: datetime | None = None) -> list[Path]:
    """Delete backups beyond the daily/weekly allowance. Labelled and future-dated backups are kept and not
    counted; incomplete ones are rotated apart, so they never take the place of a complete one. Nothing is
    deleted while a change is half-done (its journal may need a backup)."""
    if journal.pending(store.root):
        return []
    keep: set[Path] = set()
    days: dict[str, set[str]] = {"": set(), INCOMPLETE: set()}
    weeks: dict[str, set[tuple[int, int]]] = {"": set(), INCOMPLETE: set()}
    removed: list[Path] = []
    for b in list_backups(store):  # newest first
        if b.label not in days or b.in_future(now):
            continue
        day = b.made.strftime("%Y-%m-%d")
        week = b.made.isocalendar()[:2]
        if day not in days[b.label] and len(days[b.label]) < KEEP_DAILY:
            days[b.label].add(day)
            keep.add(b.path)
        if week not in weeks[b.label] and len(weeks[b.label]) < KEEP_WEEKLY:
            weeks[b.label].add((week[0], week[1]))
            keep.add(b.path)
        if b.path not in keep:
            shutil.rmtree(b.path, ignore_errors=True)
            removed.append(b.path)
    return removed


def clean_partial_backups(store: Store, older_than_s: float = 60.0) -> int:
    """Remove unfinished backups (`.partial-*`) a crash left behind."""
    import time

    if not store.backups_dir.is_dir():
        return 0
    removed = 0
    for p in store.backups_dir.iterdir():
        try:
            if p.name.startswith(PARTIAL) and p.is_dir() and time.time() - p.stat().st_mtime >= older_than_s:
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


def backup_if_due(store: Store, hours: float = 20.0) -> Backup | None:
    """Make the automatic backup when the newest unlabelled one is older than `hours` (or there is none).
    A backup dated in the future does not count: with it, no backup would ever be due again."""
    # compare names, not parsed dates: this runs after every shell check-in and must stay cheap
    now = datetime.now()
    cutoff = (now - timedelta(hours=hours)).strftime(STAMP)
    latest = (now + FUTURE_SLACK).strftime(STAMP)
    if store.backups_dir.is_dir() and any(
        NAME.match(n) and ("--" not in n or n.endswith(f"--{INCOMPLETE}")) and cutoff <= n[:15] <= latest
        for n in os.listdir(store.backups_dir)
    ):
        return None
    if not store.data_files():
        return None
    return make_backup(store)


# ------------------------------------------------------------------------------------------- finding good copies
def file_is_good(store: Store, path: Path) -> str | None:
    """None when the data file at `path` loads fully; else the problem in one line."""
    from imr_tui.store.verify import check_file

    return check_file(store, path)


def newest_good_copy(store: Store, relpath: Path) -> Backup | None:
    for b in list_backups(store):
        candidate = b.path / relpath
        if lexists(candidate) and file_is_good(store, candidate) is None:
            return b
    return None


def _data_files_of(store: Store, folder: Path) -> list[Path]:
    """The data files a backup holds (relative to it), as data_files() names them in the live folder."""
    out = [folder / n for n in (f"manifest.json{store.codec.suffix}", f"profile.json{store.codec.suffix}",
                                f"progress.json{store.codec.suffix}") if lexists(folder / n)]
    for sub in ("checkins", "coping"):
        if (folder / sub).is_dir():
            out.extend(sorted(p for p in (folder / sub).iterdir() if store.is_month_file(p.name)))
    return out


def missing_files(store: Store) -> list[tuple[Path, Backup]]:
    """Data files the newest backup holds that the data folder lacks (files are never deleted, so each is a file
    lost by a crash or by hand), with that backup. A backup dated in the future is passed over."""
    newest, _ = latest_backup(store)
    if newest is None:
        return []
    return [(p.relative_to(newest.path), newest) for p in _data_files_of(store, newest.path)
            if not lexists(store.root / p.relative_to(newest.path))]


def with_backup_hint(store: Store, exc: Exception, how: str) -> str:
    """A store error in words, plus where a good copy of a damaged file is (`how` says how to use it)."""
    from imr_tui.store.files import CorruptFileError

    text = str(exc)
    if isinstance(exc, CorruptFileError) and exc.path is not None:
        try:
            rel = exc.path.resolve().relative_to(store.root.resolve())
            good = newest_good_copy(store, rel)
        except (ValueError, OSError, StoreError):
            good = None
        text += " The file was not changed."
        if good is not None:
            text += f" A good copy is in backup {good.name}: {how}."
    return text


# ------------------------------------------------------------------------------------------------------ repairs
def _quarantine_name(store: Store, rel: Path, taken: set[Path]) -> Path:
    """Where a file moved aside goes: quarantine/checkins__2026-11.json.STAMP (never deleted)."""
    flat = rel.as_posix().replace("/", "__")
    stamp = datetime.now().strftime(STAMP)
    dest = store.quarantine_dir / f"{flat}.{stamp}"
    n = 1
    while lexists(dest) or dest in taken:
        n += 1
        dest = store.quarantine_dir / f"{flat}.{stamp}-{n}"
    taken.add(dest)
    return dest


def quarantine(store: Store, path: Path) -> Path:
    """Move a bad file aside (never deleted), return where it went. The caller holds the lock."""
    dest = _quarantine_name(store, path.relative_to(store.root), set())
    ensure_private_dir(store.quarantine_dir)
    os.replace(path, dest)
    fsync_dir(store.quarantine_dir)
    return dest


@dataclass(frozen=True)
class Restored:
    relpath: Path
    backup: Backup
    quarantined: Path | None  # where the damaged file went (None: it was missing)


def _problem(store: Store, path: Path) -> StoreError | None:
    from imr_tui.store.verify import file_problem

    return file_problem(store, path)


def restore_bad_files(store: Store) -> tuple[list[Restored], list[str]]:
    """Replace every damaged data file with its newest good copy from a backup, and bring back every data file
    the newest backup has that the folder lacks; good files stay as they are, and a file written by a newer
    imr-tui is never touched. All of it happens whole or not at all (journal.py).

    Returns what was restored and the problems no backup could fix.
    """
    from imr_tui.store.verify import folder_problems

    restored: list[Restored] = []
    unfixed: list[str] = folder_problems(store)
    moves: list[tuple[Path, Path]] = []
    writes: list[tuple[Path, bytes]] = []
    taken: set[Path] = set()
    with store.writing():
        todo: list[tuple[Path, Path | None, str]] = []  # (relpath, where the damaged file goes, its problem)
        for path in store.data_files():
            problem = _problem(store, path)
            if problem is None:
                continue
            rel = path.relative_to(store.root)
            if isinstance(problem, NewerVersionError):
                unfixed.append(f"{problem.message} It was not touched: please update imr-tui.")
                continue
            todo.append((rel, _quarantine_name(store, rel, taken), problem.message))
        todo.extend((rel, None, f"{rel.as_posix()} is missing.") for rel, _ in missing_files(store))
        for rel, aside, what in todo:
            good = newest_good_copy(store, rel)
            if good is None:
                unfixed.append(f"{what} No backup has a good copy of {rel.as_posix()}.")
                continue
            if aside is not None:
                moves.append((store.root / rel, aside))
            writes.append((store.root / rel, read_bytes(good.path / rel)))
            restored.append(Restored(rel, good, aside))
        if writes:
            journal.commit(store.root, "restore damaged files", writes, moves)
            store.invalidate()
    return restored, unfixed


def restore_snapshot(store: Store, backup: Backup) -> Backup:
    """Make the data folder exactly like `backup`: the current state is backed up first (before-restore), files
    the backup lacks go to quarantine/, and a copy of the result is kept (after-restore), so that `verify` and
    `restore` take the restored state as the one to compare with. Whole or not at all (journal.py).
    Refused, with nothing changed, when the backup is not good or a file here was written by a newer imr-tui."""
    from imr_tui.store.verify import check_file

    files = _data_files_of(store, backup.path)
    for src in files:
        problem = check_file(store, src)
        if problem is not None:
            raise StoreError(f"Backup {backup.name} is not good: {problem}", backup.path, "Nothing was changed.")
    with store.writing():
        for path in store.data_files():
            newer = _problem(store, path)
            if isinstance(newer, NewerVersionError):
                raise NewerVersionError(newer.message, path, "Nothing was changed: please update imr-tui.")
        safety = make_backup(store, label="before-restore", locked=True)
        wanted = {p.relative_to(backup.path) for p in files}
        taken: set[Path] = set()
        moves = [(p, _quarantine_name(store, p.relative_to(store.root), taken)) for p in store.data_files()
                 if p.relative_to(store.root) not in wanted]
        writes = []
        for src in files:
            dst = store.root / src.relative_to(backup.path)
            data = read_bytes(src)
            if odd_kind(dst) or not lexists(dst) or read_bytes(dst) != data:
                writes.append((dst, data))
        after = store.backups_dir / _new_name(store, datetime.now().replace(microsecond=0), "after-restore")
        partial = store.backups_dir / f"{PARTIAL}{after.name}"
        try:
            shutil.rmtree(partial, ignore_errors=True)
            ensure_private_dir(partial)
            _copy_into(store, partial, files, backup.path)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise StoreError(f"Could not restore backup {backup.name}: {describe_os_error(exc)}.", backup.path,
                             f"Nothing was changed. What was there is also in backup {safety.name}.") from exc
        journal.commit(store.root, f"restore backup {backup.name}", writes, [*moves, (partial, after)])
        store.invalidate()
    return safety
