"""Which format a file is, from its name and its first bytes (the import screen's "find out from the file").

Only what the layouts in ../shared/design/formats.md make sure of: a header row's column names, a JSON
shape, a ZIP archive's entry. None when it cannot tell; the person then picks the format.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from imr_tui.imports.files import ZIP_MAGIC
from imr_tui.store.exchange import EXPORT_FORMAT

HEAD_BYTES = 64 * 1024
_ISO_START = re.compile(r"^\s*\"?[0-9]{4}(-[0-9]{2}-[0-9]{2})?\"?,")


def _zip_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return [n.rsplit("/", 1)[-1].lower() for n in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return []


def detect(path: Path) -> str | None:
    """The registry name of the file's format, or None."""
    from imr_tui.paths import file_kind

    try:
        if file_kind(path.stat().st_mode):  # a pipe or a device: never opened (a read could wait forever)
            return None
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except (OSError, ValueError):
        return None
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        names = _zip_names(path)
        if suffix == ".daylio" or "backup.daylio" in names:
            return "daylio"  # a Daylio backup (imports/daylio_backup.py)
        return "emoods" if "entry.csv" in names else None
    if suffix == ".emoods":
        return "emoods"
    for codec in ("utf-8-sig", "utf-16"):
        try:
            text = head.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = head.decode("utf-8", "replace")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return _json_kind(stripped)
    first = stripped.split("\n", 1)[0].lower()
    return _csv_kind(first)


def _json_kind(text: str) -> str | None:
    if re.search(r'"format"\s*:\s*"' + re.escape(EXPORT_FORMAT) + '"', text):
        return "json"
    if text.startswith("[") and '"scores"' in text:
        return "pixels"
    if text.startswith("{") and '"entries"' in text:
        return "jrnl"
    return None


def _csv_kind(first: str) -> str | None:
    cells = {c.strip().strip('"').strip() for c in first.split(",")}
    if {"category", "rating/amount"} <= cells:
        return "bearable"
    if "irritability" in cells or "date (yyyy-mm-dd)" in cells:
        return "emoods"
    if "leveltext" in cells or {"level", "hour", "minute"} <= cells:
        return "imoodjournal"
    if "mood" in cells and ("full_date" in cells or "year" in cells):
        return "daylio"
    if _ISO_START.match(first):
        return "daylio"  # a Daylio file without its header row
    return None
