"""Migrations from older data versions. Each makes a backup first and is idempotent.

Version 0 (the prototype) kept everything in one `data.json` without a schema_version:

    {"checkins": [{"date": "2026-01-05", "time": "08:30", "mood": 3, "stress": 7,
                   "sleep": 6.5, "note": "..."}],
     "settings": {"country": "US"}}

Version 1 splits check-ins into monthly files with aware datetimes and puts settings in
manifest.json. Running the migration twice, or after a crash half-way, gives the same result:
check-in ids are derived from the old entries, and month files are merged by id.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.settings import Settings
from imr_tui.store.files import CorruptFileError, parse_json, read_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from imr_tui.store.store import Store

V0_FILE = "data.json"
V0_KNOWN = {"date", "time", "note"}


def needs_v0_migration(root: Path) -> bool:
    return (root / V0_FILE).exists() and not (root / "manifest.json").exists()


def _v0_checkin(path: Path, index: int, entry: Any) -> CheckIn:
    if not isinstance(entry, dict) or "date" not in entry:
        raise CorruptFileError(f"{path}: check-in {index} has no date; nothing was migrated.", path)
    try:
        day = datetime.strptime(str(entry["date"]), "%Y-%m-%d").date()
        clock = datetime.strptime(str(entry.get("time") or "12:00"), "%H:%M").time()
        at = datetime.combine(day, clock or time(12)).astimezone()
    except (ValueError, OverflowError) as exc:
        raise CorruptFileError(f"{path}: check-in {index}: {exc}; nothing was migrated.", path) from exc
    values = {k: float(v) for k, v in entry.items()
              if k not in V0_KNOWN and isinstance(v, (int, float)) and not isinstance(v, bool)}
    extras = {k: v for k, v in entry.items() if k not in V0_KNOWN and k not in values}
    digest = hashlib.sha256(f"v0:{index}:{entry['date']}:{entry.get('time')}".encode()).hexdigest()[:16]
    try:
        return CheckIn.model_validate({**extras, "id": digest, "at": at, "values": values,
                                       "note": str(entry.get("note") or ""), "created": at})
    except ValueError as exc:  # pydantic's ValidationError: a value that is not finite, a year out of range
        first = str(exc).splitlines()[-1].strip() if str(exc) else "not valid"
        raise CorruptFileError(f"{path}: check-in {index}: {first}; nothing was migrated.", path) from None


def migrate_v0(store: Store) -> int:
    """Migrate a version-0 folder (caller holds the write lock). Returns the number of check-ins moved."""
    from imr_tui.store.backup import make_backup
    from imr_tui.store.store import SCHEMA_VERSION

    path = store.root / V0_FILE
    raw = parse_json(path, read_bytes(path))
    if not isinstance(raw, dict) or not isinstance(raw.get("checkins", []), list):
        raise CorruptFileError(f"{path} is not a version-0 imr-tui file; nothing was migrated.", path)
    checkins = [_v0_checkin(path, i, e) for i, e in enumerate(raw.get("checkins", []))]
    settings_raw = raw.get("settings") if isinstance(raw.get("settings"), dict) else {}
    try:
        settings = Settings.model_validate(settings_raw)
    except ValueError as exc:
        raise CorruptFileError(f"{path}: settings: {exc}; nothing was migrated.", path) from exc

    make_backup(store, label="before-migration-v0", extra_files=[path], locked=True)

    by_month: dict[str, list[CheckIn]] = {}
    for c in checkins:
        by_month.setdefault(c.month_key, []).append(c)
    for month, items in by_month.items():
        mpath = store.month_path(store.checkins_dir, month)
        envelope = store.read_envelope(mpath, "checkins")
        existing = {e.get("id"): e for e in envelope.get("checkins", []) if isinstance(e, dict)}
        for c in items:
            existing[c.id] = c.model_dump(mode="json", exclude_none=True)
        store._write_envelope(mpath, "checkins", {"month": month, "checkins": list(existing.values())})
    store._write_envelope(store.manifest_path, "manifest", {
        "created": datetime.now().astimezone().isoformat(),
        "migrated_from": 0,
        "settings": settings.model_dump(mode="json"),
        **{k: v for k, v in raw.items() if k not in {"checkins", "settings"}},
    })
    assert SCHEMA_VERSION == 1
    path.unlink()
    return len(checkins)
