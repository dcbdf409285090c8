"""Fast reads of the data folder for commands that run at every shell prompt (`imr-tui remind`).

They read a month's file with json and compare dates, without building any model or a Store, so
they never import pydantic or Textual. They only read: nothing here writes, locks or caches.

A check-in's day is the date of its own `at` in its own UTC offset, as CheckIn.day is. A check-in
dated on a day always lives in that day's month file (files are named by the month of `at`, in the
same offset), so one file is enough.

An encrypted folder (docs/encryption.md) cannot be read without the passphrase, and these reads
must never ask for it: there, the month's file having been saved on the day counts as a check-in
that day (so editing an older entry of the month that day counts too).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path


def month_file(home: Path, day: date) -> Path:
    return home / "checkins" / f"{day.year:04d}-{day.month:02d}.json"


def checked_in_on(home: Path, day: date) -> bool | None:
    """Whether some check-in's own day is `day`; None when the month's file cannot be read."""
    from imr_tui.store.files import StoreError, lexists, read_bytes

    path = month_file(home, day)
    if not lexists(path):
        return _encrypted_saved_on(home, path, day)
    try:
        data = read_bytes(path)  # never waits on a pipe in place of the file
    except StoreError:
        return None
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        return None
    entries = raw.get("checkins") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return None
    wanted = day.isoformat()
    for entry in entries:
        at = entry.get("at") if isinstance(entry, dict) else None
        if not isinstance(at, str) or not at.startswith(wanted[:4]):
            continue
        try:
            if datetime.fromisoformat(at).date() == day:
                return True
        except ValueError:
            continue
    return False


def _encrypted_saved_on(home: Path, path: Path, day: date) -> bool:
    """In an encrypted folder the month file cannot be read without the passphrase: there, a month file
    saved on `day` (by this computer's clock) counts as a check-in that day."""
    from imr_tui.store.crypto import MARKER, SUFFIX

    if not (home / MARKER).exists():
        return False
    try:
        mtime = path.with_name(path.name + SUFFIX).stat().st_mtime
    except OSError:
        return False
    return datetime.fromtimestamp(mtime).date() == day
