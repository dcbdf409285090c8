"""Rotating backups, verification and restore.

A backup is a folder backups/YYYYMMDD-HHMMSS[-label]/ holding a copy of every data file,
written into a temp folder first and renamed into place when complete. Rotation keeps the
newest of each of the last 7 days, the newest of each of the last 8 weeks, and every backup
made before a migration.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.store.files import StoreError, ensure_private_dir, fsync_dir

if TYPE_CHECKING:
    from imr_tui.store.store import Store

KEEP_DAILY = 7
KEEP_WEEKLY = 8
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    label: str

    @property
    def name(self) -> str:
        return self.path.name


def list_backups(store: Store) -> list[Backup]:
    """Complete backups, newest first."""
    out: list[Backup] = []
    if not store.backups_dir.is_dir():
        return out
    for p in store.backups_dir.iterdir():
        if not p.is_dir() or p.name.startswith("."):
            continue
        stamp, _, label = p.name.partition("--")
        try:
            made = datetime.strptime(stamp, STAMP)
        except ValueError:
            continue
        out.append(Backup(p, made, label))
    out.sort(key=lambda b: (b.made, b.name), reverse=True)
    return out


def _copy_file(src: Path, dst: Path) -> None:
    ensure_private_dir(dst.parent)
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        shutil.copyfileobj(fi, fo, 1 << 20)
        fo.flush()
        os.fsync(fo.fileno())
    os.chmod(dst, 0o600)


def _is_data_name(store: Store, name: str) -> bool:
    return name.endswith(".json" + store.codec.suffix) and not name.startswith(".")


def make_backup(store: Store, label: str = "", extra_files: list[Path] | None = None, locked: bool = False) -> Backup:
    """Copy every data file into a new backup folder. Takes the write lock unless the caller holds it."""
    if not locked:
        with store.writing():
            return make_backup(store, label, extra_files, locked=True)
    ensure_private_dir(store.backups_dir)
    now = datetime.now().replace(microsecond=0)
    name = now.strftime(STAMP) + (f"--{label}" if label else "")
    final = store.backups_dir / name
    n = 1
    while final.exists():
        n += 1
        final = store.backups_dir / f"{name}-{n}"
    tmp = store.backups_dir / f".partial-{final.name}"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        ensure_private_dir(tmp)
        for src in [*store.data_files(), *(extra_files or [])]:
            _copy_file(src, tmp / src.relative_to(store.root))
        os.replace(tmp, final)
        fsync_dir(store.backups_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"Could not make a backup in {store.backups_dir}: {exc.strerror or exc}.",
                         store.backups_dir, "Your data itself was not changed.") from exc
    rotate(store)
    return Backup(final, now, label)


def rotate(store: Store) -> list[Path]:
    """Delete backups beyond the daily/weekly allowance. Backups with a label are kept."""
    keep: set[Path] = set()
    days: set[str] = set()
    weeks: set[tuple[int, int]] = set()
    removed: list[Path] = []
    for b in list_backups(store):  # newest first
        if b.label:
            keep.add(b.path)
            continue
        day = b.made.strftime("%Y-%m-%d")
        week = b.made.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add((week[0], week[1]))
            keep.add(b.path)
        if b.path not in keep:
            shutil.rmtree(b.path, ignore_errors=True)
            removed.append(b.path)
    return removed


def backup_if_due(store: Store, hours: float = 20.0) -> Backup | None:
    """Make the automatic backup when the newest one is older than `hours` (or there is none)."""
    # compare names, not parsed dates: this runs after every shell check-in and must stay cheap
    cutoff = (datetime.now() - timedelta(hours=hours)).strftime(STAMP)
    if store.backups_dir.is_dir() and any(
        not n.startswith(".") and "--" not in n and n >= cutoff for n in os.listdir(store.backups_dir)
    ):
        return None
    if not store.data_files():
        return None
    return make_backup(store)


def file_is_good(store: Store, path: Path) -> str | None:
    """None when the data file at `path` loads fully; else the problem in one line."""
    from imr_tui.store.verify import check_file

    return check_file(store, path)


def newest_good_copy(store: Store, relpath: Path) -> Backup | None:
    for b in list_backups(store):
        candidate = b.path / relpath
        if candidate.exists() and file_is_good(store, candidate) is None:
            return b
    return None


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


def quarantine(store: Store, path: Path) -> Path:
    """Move a bad file aside (never deleted), return where it went."""
    ensure_private_dir(store.quarantine_dir)
    rel = path.relative_to(store.root).as_posix().replace("/", "__")
    dest = store.quarantine_dir / f"{rel}.{datetime.now().strftime(STAMP)}"
    n = 1
    while dest.exists():
        n += 1
        dest = store.quarantine_dir / f"{rel}.{datetime.now().strftime(STAMP)}-{n}"
    os.replace(path, dest)
    fsync_dir(store.quarantine_dir)
    return dest


@dataclass(frozen=True)
class Restored:
    relpath: Path
    backup: Backup
    quarantined: Path | None


def restore_bad_files(store: Store) -> tuple[list[Restored], list[str]]:
    """Replace every bad data file with its newest good copy from a backup; good files stay as they are.

    Returns what was restored and the problems that no backup could fix.
    """
    from imr_tui.store.verify import check_file

    restored: list[Restored] = []
    unfixed: list[str] = []
    with store.writing():
        for path in store.data_files():
            problem = check_file(store, path)
            if problem is None:
                continue
            rel = path.relative_to(store.root)
            good = newest_good_copy(store, rel)
            if good is None:
                unfixed.append(f"{problem} No backup has a good copy of {rel}.")
                continue
            moved = quarantine(store, path)
            _copy_file(good.path / rel, path)
            fsync_dir(path.parent)
            store.invalidate(path)
            restored.append(Restored(rel, good, moved))
    return restored, unfixed


def restore_snapshot(store: Store, backup: Backup) -> Backup:
    """Make the data folder exactly like `backup`. The current state is backed up first."""
    from imr_tui.store.verify import check_file

    files = [p for p in backup.path.rglob("*") if p.is_file() and _is_data_name(store, p.name)]
    for src in files:
        problem = check_file(store, src)
        if problem is not None:
            raise StoreError(f"Backup {backup.name} is not good: {problem}", backup.path, "Nothing was changed.")
    with store.writing():
        safety = make_backup(store, label="before-restore", locked=True)
        for path in store.data_files():
            rel = path.relative_to(store.root)
            if not (backup.path / rel).exists():
                quarantine(store, path)
        for src in sorted(files):
            rel = src.relative_to(backup.path)
            dst = store.root / rel
            data = src.read_bytes()
            from imr_tui.store.files import atomic_write_bytes

            atomic_write_bytes(dst, data)
        store.invalidate()
    return safety
