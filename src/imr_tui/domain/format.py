"""Numbers and dates as the person reads them, the same on every screen, in the CLI and in exports.

Numbers: a whole number shows without ".0" ("6", not "6.0"); others as typed ("6.5"). Computed
values (averages, usual values) are rounded with `places`. A value with its unit and the item it
belongs to reads "6.5 hours of sleep".

Dates: "Tue 24 Nov" (short_day), "Tue 24 Nov 2026" (long_day), "Tuesday 24 November" (full_day),
"24 Nov" or "24 Nov 2026" (day_month), "Tue 24 Nov 2026, 21:30" (day_time), "2026-11-24 21:30"
(stamp: sorts as text, for notes in reports), and a day relative to today ("tomorrow", "in 3 days",
"yesterday", "3 days ago").
"""

from __future__ import annotations

from datetime import date, datetime


def _whole(x: float) -> str | None:
    value = float(x)
    return str(int(value)) if value.is_integer() else None


def number(x: float, places: int | None = None) -> str:
    """6.0 -> "6", 6.5 -> "6.5" (at most 6 significant digits). With `places` it is rounded first:
    number(6.14, 1) -> "6.1", number(5.96, 1) -> "6"."""
    if places is None:
        return _whole(x) or f"{x:g}"
    rounded = round(float(x), places)
    return _whole(rounded) or f"{rounded:.{places}f}"


def exact_number(x: float) -> str:
    """A number as data (CSV): 6.0 -> "6", otherwise every digit needed to read the same number back."""
    return _whole(x) or repr(float(x))


def with_unit(x: float, unit: str = "", places: int | None = None) -> str:
    """6.5 and "hours" -> "6.5 hours"; with no unit just the number."""
    shown = number(x, places)
    return f"{shown} {unit}" if unit else shown


def reading(label: str, x: float, unit: str = "", places: int | None = None) -> str:
    """A check-in value with its meaning: "6.5 hours of sleep", "3 glasses of water", "mood 6"
    (no unit), "5000 steps" (a unit that is the item's name)."""
    name = label.lower()
    if not unit:
        return f"{name} {number(x, places)}"
    if " ".join(unit.split()).casefold() == " ".join(label.split()).casefold():
        return with_unit(x, unit, places)
    return f"{with_unit(x, unit, places)} of {name}"


def short_day(d: date) -> str:
    """Tue 24 Nov."""
    return f"{d:%a} {d.day} {d:%b}"


def long_day(d: date) -> str:
    """Tue 24 Nov 2026."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def full_day(d: date) -> str:
    """Tuesday 24 November."""
    return f"{d:%A} {d.day} {d:%B}"


def day_month(d: date, year: bool = False) -> str:
    """24 Nov, or 24 Nov 2026."""
    return f"{d.day} {d:%b %Y}" if year else f"{d.day} {d:%b}"


def day_time(moment: datetime) -> str:
    """Tue 24 Nov 2026, 21:30."""
    return f"{long_day(moment.date())}, {moment:%H:%M}"


def stamp(moment: datetime) -> str:
    """2026-11-24 21:30."""
    return f"{moment:%Y-%m-%d %H:%M}"


def days_from(d: date, today: date) -> str:
    """today, tomorrow, in 3 days, yesterday, 3 days ago."""
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
