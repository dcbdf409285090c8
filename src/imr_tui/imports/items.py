"""Finding the person's own check-in item for a field of another app, and reading its number.

A field goes onto an item only where the meaning matches: the item's id or label, or a few plain
synonyms ("Sleep Time" is sleep in hours, "Quality of sleep" is sleep quality). A number on another
scale is moved onto the item's scale only when both ends of that scale are known ("8/10 points" onto
sleep quality 0-4: 8 of 10 is 3.2, on the item's step 3); the dry run shows how.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.dates import fold
from imr_tui.imports.moods import number, on_scale

SYNONYMS: dict[str, tuple[str, ...]] = {
    "sleep": ("sleep", "sleep time", "sleep hours", "hours of sleep", "hours slept", "sleep duration",
              "time asleep", "time slept", "sleep length"),
    "sleep_quality": ("sleep quality", "quality of sleep"),
    "anxiety": ("anxiety", "anxious", "anxiousness"),
    "stress": ("stress", "stressed"),
    "energy": ("energy", "energy level"),
    "mood": ("mood",),
    "voices": ("voices", "hearing voices", "unusual experiences"),
}
_POINTS = re.compile(r"^(-?[0-9]+(?:[.,][0-9]+)?)\s*/\s*([0-9]+(?:[.,][0-9]+)?)(?:\s*[^\d\s].*)?$")
_PLAIN = re.compile(r"^(-?[0-9]+(?:[.,][0-9]+)?)(?:\s*(?:h|hours?|hrs?|godz\w*|std\w*|horas?))?$")
_CLOCK = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
_HM = re.compile(r"^([0-9]{1,2})\s*h(?:ours?)?\s*([0-9]{1,2})\s*m(?:in\w*)?$")
_SPAN = re.compile(r"([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})")


def _key(text: str) -> str:
    return " ".join(fold(text).replace("_", " ").split())


class ItemFinder:
    """The person's item for a field called `name`, or None when none means the same (looked up once a name)."""

    def __init__(self, items: Mapping[str, CheckInItem]) -> None:
        self.keys: dict[str, CheckInItem] = {}
        for item_id, names in SYNONYMS.items():
            if item_id in items:
                self.keys.update(dict.fromkeys(names, items[item_id]))
        for item in items.values():  # the person's own names win over the synonyms
            self.keys[_key(item.label)] = item
            self.keys[_key(item.id)] = item
        self._seen: dict[str, CheckInItem | None] = {}

    def __call__(self, name: str) -> CheckInItem | None:
        if name not in self._seen:
            self._seen[name] = self.keys.get(_key(name))
        return self._seen[name]


def _float(text: str) -> float:
    return float(text.replace(",", "."))


def hours_of(text: str) -> float | None:
    """Hours from "8:00", "7:45", "7.5", "7 h", "7h 30m" or "Asleep 02:45 - 12:30"; None when it is not one."""
    s = " ".join(text.replace("\u00a0", " ").split()).lower()
    span = _SPAN.search(s)
    if span:
        start = int(span.group(1)) * 60 + int(span.group(2))
        end = int(span.group(3)) * 60 + int(span.group(4))
        if max(int(span.group(1)), int(span.group(3))) > 23 or max(int(span.group(2)), int(span.group(4))) > 59:
            return None
        return ((end - start) % (24 * 60)) / 60
    m = _CLOCK.match(s)
    if m:
        return None if int(m.group(2)) > 59 else int(m.group(1)) + int(m.group(2)) / 60
    m = _HM.match(s)
    if m:
        return None if int(m.group(2)) > 59 else int(m.group(1)) + int(m.group(2)) / 60
    m = _PLAIN.match(s)
    return _float(m.group(1)) if m else None


def reading(text: str, item: CheckInItem) -> tuple[float, str] | None:
    """The value of `text` on the item, and how it was read; None when it cannot be read for this item.

    Hours for an item in hours; "N/M" (points) moved from 0-M onto the item's scale; a plain number as is.
    The value may still be off the item's scale: the caller checks it and names the row.
    """
    s = " ".join(text.replace("\u00a0", " ").split())
    if item.unit == "hours":
        hours = hours_of(s)
        return (round(hours, 4), "hours") if hours is not None else None
    m = _POINTS.match(s)
    if m:
        value, top = _float(m.group(1)), _float(m.group(2))
        if top <= 0 or not 0 <= value <= top:
            return None
        if (item.low, item.high) == (0, top):
            return value, f"out of {number(top)}"
        return on_scale(item, value, 0, top), f"out of {number(top)}, moved onto {number(item.low)}-{number(item.high)}"
    m = _PLAIN.match(s)
    if m:
        return _float(m.group(1)), "as written"
    return None
