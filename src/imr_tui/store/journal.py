"""A change to several files of the data folder that happens whole or not at all, even through kill -9.

Used by restore, restore --snapshot and imports (docs/store.md, "Repairs").

1. Every new file is written beside its real name as a temp file (`.NAME.RANDOM.tmp`, 0600, fsynced).
2. `.journal.json` is written atomically: the renames to make (moves first, then each temp file over its
   real name). From this moment the change counts as made.
3. The renames are made, the folders fsynced, the journal removed.

A run killed before step 2 changed nothing (its temp files are removed later like any other). A run killed
after it is finished by the next imr-tui that opens the folder or saves to it (`recover`, under the store's
lock): every rename is made again only where it is still to do (a move whose source is still there and whose
target is not; a temp file that is still there), so finishing twice is the same as finishing once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from imr_tui.store.files import (
    FILE_MODE,
    TEMP_SUFFIX,
    StoreError,
    atomic_write_bytes,
    describe_os_error,
    dump_json,
    ensure_private_dir,
    fsync_dir,
    lexists,
    parse_json,
    read_bytes,
)

JOURNAL = ".journal.json"
JOURNAL_VERSION = 1


def journal_path(root: Path) -> Path:
    return root / JOURNAL


def pending(root: Path) -> bool:
    """Whether a change was stopped half-way (one stat: cheap enough for every save)."""
    return lexists(journal_path(root))


def _stage(path: Path, data: bytes) -> Path:
    ensure_private_dir(path.parent)
    tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def commit(root: Path, what: str, writes: Sequence[tuple[Path, bytes]], moves: Sequence[tuple[Path, Path]] = (),
           removes: Sequence[Path] = ()) -> None:
    """Make the change whole: `moves` (rename src to dst), then `writes` (bytes, already encoded, to each path),
    then `removes`. The caller holds the store's lock. On a failure before the journal is written nothing has
    changed (StoreError saying so); after it, the next imr-tui finishes the change."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in writes:
            staged.append((_stage(path, data), path))
        body = {"schema_version": JOURNAL_VERSION, "kind": "journal", "what": what,
                "moves": [[_rel(root, s), _rel(root, d)] for s, d in moves],
                "writes": [[_rel(root, t), _rel(root, p)] for t, p in staged],
                "removes": [_rel(root, p) for p in removes]}
        atomic_write_bytes(journal_path(root), dump_json(body))
    except (OSError, StoreError) as exc:
        for tmp, _ in staged:
            with suppress(OSError):
                os.unlink(tmp)
        why = describe_os_error(exc) if isinstance(exc, OSError) else exc.message
        raise StoreError(f"Could not {what} in {root}: {why}", root,
                         "Nothing was changed: your data is as it was.") from exc
    _apply(root, body)


def _inside(root: Path, rel: Any) -> Path:
    if not isinstance(rel, str) or not rel or rel.startswith("/") or ".." in rel.split("/"):
        raise StoreError(f"{journal_path(root)} names a file outside the data folder ({rel!r:.60}).",
                         journal_path(root), "Nothing was changed. Move the journal aside, then try again.")
    return root / rel


def _pairs(root: Path, body: dict[str, Any], key: str) -> list[tuple[Path, Path]]:
    items = body.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, list) and len(i) == 2 for i in items):
        raise StoreError(f"{journal_path(root)}: {key} should be a list of pairs.", journal_path(root))
    return [(_inside(root, a), _inside(root, b)) for a, b in items]


def _apply(root: Path, body: dict[str, Any]) -> None:
    moves = _pairs(root, body, "moves")
    writes = _pairs(root, body, "writes")
    removes = [_inside(root, r) for r in body.get("removes", [])]
    folders: set[Path] = set()
    try:
        for src, dst in moves:
            if lexists(src) and not lexists(dst):
                ensure_private_dir(dst.parent)
                os.replace(src, dst)
                folders.update((src.parent, dst.parent))
        for tmp, path in writes:
            if lexists(tmp):
                ensure_private_dir(path.parent)
                os.replace(tmp, path)
                folders.add(path.parent)
        for path in removes:
            if lexists(path):
                os.unlink(path)
                folders.add(path.parent)
        for folder in folders:
            fsync_dir(folder)
        os.unlink(journal_path(root))
        fsync_dir(root)
    except OSError as exc:
        raise StoreError(f"Could not finish {body.get('what', 'a change')} in {root}: {describe_os_error(exc)}.",
                         root, "Every file is whole; the change will be finished the next time imr-tui opens the "
                               "folder.") from exc


def recover(root: Path) -> str | None:
    """Finish a change stopped half-way (the caller holds the lock). Returns what it was, or None."""
    path = journal_path(root)
    if not lexists(path):
        return None
    raw = parse_json(path, read_bytes(path))
    if not isinstance(raw, dict) or raw.get("kind") != "journal":
        raise StoreError(f"{path} is not an imr-tui journal.", path, "Nothing was changed. Move it aside.")
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > JOURNAL_VERSION:
        raise StoreError(f"{path} was written by a newer imr-tui (journal version {version!r:.20}).", path,
                         "Nothing was changed. Please update imr-tui to finish that change.")
    _apply(root, raw)
    what = raw.get("what")
    return what if isinstance(what, str) else "a change"

