"""The identity of imr-tui's own export file (`imr-tui export --json`, `imr-tui import json`).

Its parts have the shapes of the data folder's files (docs/store.md), so the store layer names it:
export/json_export.py writes it and imports/imr_json.py reads it, and neither imports the other.
"""

from __future__ import annotations

EXPORT_FORMAT = "imr-tui-export"
EXPORT_VERSION = 1  # the newest version this imr-tui writes and reads
