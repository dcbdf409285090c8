"""One way to type a day or a time, for every date field, goal dates and `imr-tui checkin --at`.

A day is one of (case and extra spaces do not matter):

    today, tomorrow, yesterday
    +N, +N days, in N days         N days from today  (+1 is tomorrow)
    -N, -N days, N days ago        N days before today
    2026-12-01                     a date, year-month-day
    friday, fri, fr                a day of the week (two letters are enough)
    next friday, last friday       the one after today, the one before today

A weekday name on its own means the one nearest in the field's direction, today included:
the next one in a field about the future (a step's due date: `parse_day(..., weekday=NEXT)`), the
last one in a field about the past (when a check-in happened: `parse_moment`). On a Friday,
"friday" is today in both; "next friday" is a week ahead and "last friday" a week back.

A moment (`parse_moment`, for --at) is a day, a time of day (21:30, meaning today), a day and a
time ("yesterday 21:30", "2026-11-20 21:30", "-2 08:00"), "now", or an ISO 8601 date and time with
seconds or a UTC offset ("2026-11-20T21:30:00+01:00"). A day alone is now when it is today, and
12:00 local time on any other day (`moment_for_day`).

Every problem is a DateError (a ValueError) with one line that names the text and gives examples
that fit the field: a date in the future for a due date, in the past for --at.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import Enum

from imr_tui.domain.format import days_from, long_day

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOON = time(12, 0)
MAX_SHOWN = 40  # characters of the typed text quoted in a message

_OFFSET = re.compile(r"(?:(?P<sign>[+-]) ?(?P<n>\d{1,4})|in (?P<ahead>\d{1,4})|(?P<ago>\d{1,4}) ago)")
_WEEKDAY = re.compile(r"(?:(?P<which>next|last) )?(?P<name>[a-z]{2,9})\.?")
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_CLOCK = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})")
_DAY_AND_CLOCK = re.compile(r"(?P<day>.+?),? (?:at )?(?P<clock>\d{1,2}[:.]\d{2})")


class Toward(Enum):
    """Which day a weekday name on its own stands for."""

    NEXT = "next"  # the field is about the future
    LAST = "last"  # the field is about the past


NEXT, LAST = Toward.NEXT, Toward.LAST


class DateError(ValueError):
    """A day or time that cannot be read; the message is one line that names the text."""


def shown(text: str) -> str:
    """The typed text as a message quotes it: one line, at most MAX_SHOWN characters."""
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= MAX_SHOWN else f"'{flat[:MAX_SHOWN - 3]}...'"


def due_examples(today: date) -> str:
    """Examples for a field about the future; every one of them is today or later."""
    return f"+7, friday or {today + timedelta(days=14):%Y-%m-%d}"


def past_day_examples(today: date) -> str:
    """Examples for a day in the past (a report's first and last day); every one is today or earlier."""
    return f"yesterday, -30, monday or {today - timedelta(days=7):%Y-%m-%d}"


def past_examples(today: date) -> str:
    """Examples for when a check-in happened; every one of them is now or earlier."""
    return f"yesterday 21:30, -2, monday or {today - timedelta(days=7):%Y-%m-%d} 08:00"


def _words(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _unit_free(t: str) -> str:
    """"+3 days" -> "+3", "in 2 days" -> "in 2", "5 days ago" -> "5 ago"."""
    return re.sub(r" ?\b(?:days?|d)\b", "", t).strip()


def _offset(t: str, today: date) -> date | None:
    m = _OFFSET.fullmatch(_unit_free(t))
    if m is None:
        return None
    if m["n"] is not None:
        days = int(m["n"]) * (-1 if m["sign"] == "-" else 1)
    else:
        days = int(m["ahead"]) if m["ahead"] is not None else -int(m["ago"])
    return today + timedelta(days=days)


def _weekday(t: str, today: date, toward: Toward) -> date | None:
    m = _WEEKDAY.fullmatch(t)
    if m is None:
        return None
    found = [n for n, name in enumerate(WEEKDAYS) if name.startswith(m["name"])]
    if len(found) != 1:  # two letters always name one English weekday ("tu", "th", "sa", "su")
        return None
    which = Toward(m["which"]) if m["which"] else toward
    if which is NEXT:
        ahead = (found[0] - today.weekday()) % 7 or (7 if m["which"] else 0)
        return today + timedelta(days=ahead)
    back = (today.weekday() - found[0]) % 7 or (7 if m["which"] else 0)
    return today - timedelta(days=back)


def _iso_day(t: str, text: str, examples: str) -> date | None:
    if not _ISO_DAY.fullmatch(t):
        return None
    year, month, day = (int(x) for x in t.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"{shown(text)} is not a real date. Type a date like {examples}.") from None


def parse_day(text: str, today: date, toward: Toward = NEXT, examples: str = "") -> date | None:
    """The day typed in `text` (see the module's grammar); None for empty text. Raises DateError, whose
    message ends with `examples` (by default examples of a day in the field's direction)."""
    t = _words(text)
    if not t:
        return None
    examples = examples or (due_examples(today) if toward is NEXT else past_day_examples(today))
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    try:
        if t in named:
            return today + timedelta(days=named[t])
        found = _offset(t, today) or _weekday(t, today, toward) or _iso_day(t, text, examples)
    except OverflowError:
        raise DateError(f"{shown(text)} is too far from today.") from None
    if found is None:
        raise DateError(f"{shown(text)} is not a date I know. Type a date like {examples}.")
    return found


def parse_clock(text: str) -> time:
    """21:30 (or 21.30, 9:05) as a time of day. Raises DateError."""
    m = _CLOCK.fullmatch(text.strip())
    if m is None or int(m["hour"]) > 23 or int(m["minute"]) > 59:
        raise DateError(f"{shown(text)} is not a time of day. Type it like 21:30 (hours 0 to 23).")
    return time(int(m["hour"]), int(m["minute"]))


def moment_for_day(day: date, now: datetime) -> datetime:
    """The time given to a day typed without a time: now for today, 12:00 local time for another day."""
    return now if day == now.date() else _local(day, NOON)


def _local(day: date, clock: time) -> datetime:
    try:
        return datetime.combine(day, clock).astimezone()
    except (OverflowError, ValueError, OSError):
        raise DateError(f"{day.isoformat()} cannot be placed in this time zone.") from None


def _iso_moment(text: str) -> datetime | None:
    raw = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?", raw):
        return None
    try:
        moment = datetime.fromisoformat(raw[:10] + "T" + raw[11:].upper())
    except ValueError:
        return None  # read again as a day and a time, which names what is wrong
    return moment if moment.tzinfo is not None else _local(moment.date(), moment.time())


def parse_moment(text: str | None, now: datetime) -> datetime:
    """When something happened (see the module's grammar): a weekday name is the last one. Empty
    text is `now`. Naive results are in the local time zone. Raises DateError."""
    t = _words(text or "")
    if not t or t == "now":
        return now
    assert text is not None
    iso = _iso_moment(text)
    if iso is not None:
        return iso
    if _CLOCK.fullmatch(t):
        return _local(now.date(), parse_clock(t))
    both = _DAY_AND_CLOCK.fullmatch(t)
    if both is not None:
        day = parse_day(both["day"], now.date(), LAST, past_examples(now.date()))
        assert day is not None  # the pattern needs a day
        return _local(day, parse_clock(both["clock"]))
    day = parse_day(t, now.date(), LAST, past_examples(now.date()))
    assert day is not None
    return moment_for_day(day, now)


def check_day(text: str, today: date) -> tuple[bool, str]:
    """For a date field about the future: (ok, what the typed text stands for, or what is wrong)."""
    try:
        d = parse_day(text, today)
    except DateError as exc:
        return False, str(exc)
    if d is None:
        return True, "No date. You can type one like +7 or friday."
    return True, f"= {long_day(d)} ({days_from(d, today)})"
