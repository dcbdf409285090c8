"""Low-level file safety: atomic writes, private permissions, errors that name the file.

Every write goes: temp file in the same folder (mode 0600) -> write -> flush -> fsync ->
os.replace over the old file -> fsync the folder. A crash at any moment leaves either the
old file or the new one, never a mix, and never a half-written file under the real name.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import Any

from imr_tui.paths import file_kind

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


class InvalidDataError(StoreError):
    """Data handed to the store breaks a rule (a value off its scale, two entries with one id): nothing is written."""

    exit_code = 1


def ensure_private_dir(path: Path) -> None:
    """Create a folder (and parents) readable only by its owner. A file in the way is a StoreError."""
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777
        if mode != DIR_MODE:
            os.chmod(path, DIR_MODE)
    except FileExistsError:
        raise StoreError(f"{path} is {odd_kind(path) or 'a file'}, not a folder: imr-tui needs a folder there.", path,
                         "Nothing was changed. Move it aside, then try again.") from None
    except OSError as exc:
        raise StoreError(f"Cannot make the folder {path}: {describe_os_error(exc)}.", path,
                         "Nothing was changed.") from exc


def odd_kind(path: Path) -> str:
    """"" when `path` is an ordinary file (or does not exist); else what it is instead ("a named pipe (FIFO)",
    "a symbolic link", "a folder", ...). Never follows a link and never opens the file."""
    try:
        return file_kind(os.lstat(path).st_mode)
    except OSError:
        return ""


def lexists(path: Path) -> bool:
    """Whether anything (even a dangling link or a pipe) has this name."""
    return os.path.lexists(path)


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


def shown(path: object, limit: int = 160) -> str:
    """A path (or any value) for a one-line message: printable characters only, cut at `limit`."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(path))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission was denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOTDIR:
        return "a part of that path is a file, not a folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    if exc.errno == errno.ELOOP:
        return "it leads through too many symbolic links"
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
            f"Could not save {path.name} in {path.parent}: {describe_os_error(exc)}.",
            path,
            "Nothing was changed: your earlier data is safe.",
        ) from exc
    finally:
        if tmp_name is not None:
            with suppress(OSError):
                os.unlink(tmp_name)


def _dumps(obj: Any, **opts: Any) -> str:
    """json.dumps that refuses NaN and infinity (they are not JSON): a ValueError names the problem."""
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, **opts)
    except ValueError as exc:
        raise InvalidDataError(f"Not saved: a number is not finite (NaN or infinity): {exc}.") from None


def dump_json(obj: Any) -> bytes:
    return _dumps(obj, indent=1, sort_keys=False).encode("utf-8") + b"\n"


def dump_line(entry: Any) -> bytes:
    """One entry of a month file, on one line."""
    return _dumps(entry, separators=(",", ":")).encode("utf-8")


def dump_entries_json(envelope: dict[str, Any], key: str) -> bytes:
    """A month file: the envelope on the first line, then one entry per line.

    Readable and diff-friendly (a sync tool sees one changed line), and written by json's C
    encoder, about three times faster than indented output.
    """
    entries = envelope.get(key, [])
    head = {k: v for k, v in envelope.items() if k != key}
    lines = [_dumps(head, separators=(",", ":"))[:-1] + f',"{key}":[']
    lines.append(",\n".join(_dumps(e, separators=(",", ":")) for e in entries))
    lines.append("]}")
    return "\n".join(lines).encode("utf-8") + b"\n"


NOT_ORDINARY = "imr-tui reads only ordinary files here; it skipped it (move it aside, or run 'imr-tui restore')."


def read_bytes(path: Path) -> bytes:
    """A data file's bytes. Anything but an ordinary file (a named pipe, a device, a socket, a symbolic link, a
    folder) is a CorruptFileError naming what it is; it is never opened for a read that could wait forever:
    lstat first, then a non-blocking open that does not follow links, checked again with fstat."""
    kind = odd_kind(path)
    if kind:
        raise CorruptFileError(f"{path} is {kind}, not an ordinary file.", path, NOT_ORDINARY)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CorruptFileError(f"{path} is a symbolic link, not an ordinary file.", path, NOT_ORDINARY) from None
        raise CorruptFileError(f"Cannot read {path}: {describe_os_error(exc)}.", path) from exc
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind:
            raise CorruptFileError(f"{path} is {kind}, not an ordinary file.", path, NOT_ORDINARY)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise CorruptFileError(f"Cannot read {path}: {describe_os_error(exc)}.", path) from exc
    finally:
        os.close(fd)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _DuplicateKey(twice)
    return obj


class _DuplicateKey(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotFinite(name)


class _NotFinite(ValueError):
    pass


def parse_json(path: Path, data: bytes) -> Any:
    """JSON from bytes, or a CorruptFileError that says what is wrong and where. Strict: a key twice in one object,
    and NaN or Infinity, are damage, not a silent choice."""
    if not data.strip():
        raise CorruptFileError(f"{path} is empty (it may have been cut short).", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(f"{path} is not UTF-8 text (bad byte at position {exc.start}).", path) from exc
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except _DuplicateKey as exc:
        raise CorruptFileError(f"{path} has the key {str(exc)[:60]!r} twice in one object: imr-tui will not guess "
                               "which one holds your data.", path) from None
    except _NotFinite as exc:
        raise CorruptFileError(f"{path} holds {exc} where a number should be (it is not a finite number).",
                               path) from None
    except json.JSONDecodeError as exc:
        cut = " (it looks cut short)" if exc.pos >= len(text.rstrip()) else ""
        raise CorruptFileError(
            f"{path} is not valid JSON{cut}: {exc.msg} at line {exc.lineno}, column {exc.colno}.", path
        ) from exc
    except RecursionError as exc:
        raise CorruptFileError(f"{path} is not valid JSON: nested too deeply.", path) from exc


def clean_temp_files(folder: Path, older_than_s: float = 60.0, recursive: bool = False) -> int:
    """Remove temp files left by a crash mid-save (never a real data file), in `folder` (and its subfolders)."""
    import time

    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for p in (folder.rglob if recursive else folder.glob)(f".*{TEMP_SUFFIX}"):
        with suppress(OSError):
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than_s:
                p.unlink()
                removed += 1
    return removed
