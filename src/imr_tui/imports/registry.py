"""The formats `imr-tui import FORMAT FILE` knows.

To add a format: write imports/NAME.py with a FORMAT object that has what `ImportFormat`
(imports/base.py) lists (build its check-ins with rows.Collector, its moods with moods.MoodTable),
and add one line to FORMATS below, and a rule to imports/detect.py for the import screen.
`imr-tui import NAME FILE [--dry-run]` then works, with the format's own options, its dry run and its
backup before writing. docs/import.md says what each format's fields become.
"""

from __future__ import annotations

from imr_tui.imports import bearable, daylio, emoods, imoodjournal, imr_json, jrnl, pixels
from imr_tui.imports.base import ImportFormat, ImportPlan, Target

__all__ = ["FORMATS", "ImportFormat", "ImportPlan", "Target"]

FORMATS: dict[str, ImportFormat] = {fmt.name: fmt for fmt in (
    daylio.FORMAT,
    bearable.FORMAT,
    emoods.FORMAT,
    imoodjournal.FORMAT,
    jrnl.FORMAT,
    pixels.FORMAT,
    imr_json.FORMAT,
)}
