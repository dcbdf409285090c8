"""Everything in one JSON file, to keep or to move to another machine (`imr-tui export --json`;
read back by imr_tui.imports.imr_json, `imr-tui import json`).

    {"format": "imr-tui-export", "schema_version": 1, "exported_at": ..., "app_version": ...,
     "settings": {...}, "profile": {...}, "progress": {...},
     "checkins": [...], "coping": [...]}

Each part has the same shape as in the data folder (docs/store.md); the format's name and version
are in imr_tui.store.exchange.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from imr_tui.store.exchange import EXPORT_FORMAT, EXPORT_VERSION
from imr_tui.store.store import Store


def _app_version() -> str:
    from imr_tui import __version__

    return str(__version__)


def export_data(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """Everything in the store as one JSON-ready dict."""
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_VERSION,
        "exported_at": (now or datetime.now(UTC).astimezone()).isoformat(),
        "app_version": _app_version(),
        "settings": store.settings().model_dump(mode="json"),
        "profile": store.profile().model_dump(mode="json"),
        "progress": store.progress().model_dump(mode="json"),
        "checkins": [c.model_dump(mode="json", exclude_none=True) for c in store.checkins()],
        "coping": [u.model_dump(mode="json", exclude_none=True) for u in store.coping_uses()],
    }


def export_json(store: Store, now: datetime | None = None) -> bytes:
    return json.dumps(export_data(store, now), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
