"""Writing a file the person asked for (a report, an export): atomically, readable only by them."""

from __future__ import annotations

from pathlib import Path


class ExportWriteError(Exception):
    """A report or export file could not be written; the message names the file and says why."""


def write_export(path: Path, data: bytes) -> None:
    """Write a file the person asked for (a report, an export) atomically, readable only by them (0600).

    The folder is left as it is (it is theirs, e.g. ~/Documents). Raises ExportWriteError (one line,
    names the file) when it cannot be written.
    """
    from imr_tui.store.files import StoreError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data, private_dir=False)
    except StoreError as exc:
        cause = exc.__cause__
        reason = (cause.strerror if isinstance(cause, OSError) else None) or str(exc)
        raise ExportWriteError(f"could not write {path}: {reason}; nothing was written") from exc
