"""Low-level file safety: atomic writes, private permissions, errors that name the file.

Every write goes: temp file in the same folder (mode 0600) -> write -> flush -> fsync ->
os.replace over the old file -> fsync the folder. A crash at any moment leaves either the
old file or the new one, never a mix, and never a half-written file under the real name.
"""

from __future__ import annotations

import errno
import json
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"


class StoreError(Exception):
    """A problem with the data folder, said in one line that names the file and what is wrong."""

    exit_code = 2

    def __init__(self, message: str, path: Path | None = None, hint: str = ""):
        self.path = path
        self.hint = hint
        self.message = message
        super().__init__(message + (f" {hint}" if hint else ""))


class StoreLockedError(StoreError):
    """Another process held the write lock for too long."""


class NewerVersionError(StoreError):
    """A file was written by a newer imr-tui; we refuse to touch it."""


class CorruptFileError(StoreError):
    """A file cannot be read: not JSON, cut short, wrong type, or fails validation."""


def ensure_private_dir(path: Path) -> None:
    """Create a folder (and parents) readable only by its owner."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode != DIR_MODE:
        os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission was denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: Path, data: bytes, *, private_dir: bool = True) -> None:
    """Replace `path` with `data` atomically and durably; on any failure the old file is untouched.

    The file is always 0600. With private_dir (the data folder), the folder is created 0700; without
    it (a report or export the person asked for, e.g. in ~/Documents), the folder is left as it is.
    """
    if private_dir:
        ensure_private_dir(path.parent)
    tmp_name: str | None = None
    try:
        # like tempfile.mkstemp (O_EXCL, mode 0600) without importing tempfile/random/hashlib (3 ms at start)
        tmp_name = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
        fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"Could not save {path.name} in {path.parent}: {_describe_os_error(exc)}.",
            path,
            "Nothing was changed: your earlier data is safe.",
        ) from exc
    finally:
        if tmp_name is not None:
            with suppress(OSError):
                os.unlink(tmp_name)


def dump_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8") + b"\n"


def dump_entries_json(envelope: dict[str, Any], key: str) -> bytes:
    """A month file: the envelope on the first line, then one entry per line.

    Readable and diff-friendly (a sync tool sees one changed line), and written by json's C
    encoder, about three times faster than indented output.
    """
    entries = envelope.get(key, [])
    head = {k: v for k, v in envelope.items() if k != key}
    opts: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
    lines = [json.dumps(head, **opts)[:-1] + f',"{key}":[']
    lines.append(",\n".join(json.dumps(e, **opts) for e in entries))
    lines.append("]}")
    return "\n".join(lines).encode("utf-8") + b"\n"


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorruptFileError(f"Cannot read {path}: {_describe_os_error(exc)}.", path) from exc


def parse_json(path: Path, data: bytes) -> Any:
    """JSON from bytes, or a CorruptFileError that says what is wrong and where."""
    if not data.strip():
        raise CorruptFileError(f"{path} is empty (it may have been cut short).", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(f"{path} is not UTF-8 text (bad byte at position {exc.start}).", path) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = " (it looks cut short)" if exc.pos >= len(text.rstrip()) else ""
        raise CorruptFileError(
            f"{path} is not valid JSON{cut}: {exc.msg} at line {exc.lineno}, column {exc.colno}.", path
        ) from exc
    except RecursionError as exc:
        raise CorruptFileError(f"{path} is not valid JSON: nested too deeply.", path) from exc


def clean_temp_files(folder: Path, older_than_s: float = 60.0) -> int:
    """Remove temp files left by a crash mid-save (never a real data file)."""
    import time

    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for p in folder.glob(f".*{TEMP_SUFFIX}"):
        with suppress(OSError):
            if now - p.stat().st_mtime > older_than_s:
                p.unlink()
                removed += 1
    return removed
