"""Reading what a person types into a check-in, the same in the shell and in the app.

- substances: one use ("beer=2", "beer 2 cans", "2 beers": `parse_use`, for each --substance),
  or several with commas ("beer 2 cans, red wine=a lot, cannabis": `parse_substances`, the app's box).
- tags: "work, family" (the app's box, or each --tag): each tag once, in order.
- a value for an item: "6,5" or "6.5", checked against the item's scale.
- when: `--at` text (domain/dates.py), and the rule that a check-in is about now or the past.

Every problem is a ValueError with one plain line that names the text.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from imr_tui.domain.checkin import CheckInItem, SubstanceUse
from imr_tui.domain.dates import parse_moment, shown

MAX_WHAT = 80
MAX_AMOUNT = 80
MAX_TAG = 40
FUTURE_SLACK = timedelta(minutes=5)  # a clock a little ahead is not "the future"
EARLIEST_YEAR = 1970


def _split_use(part: str) -> tuple[str, str]:
    """ "what=amount" splits at the "="; otherwise the amount starts at the first word with a digit
    ("beer 2 cans"), or is that word when it comes first ("2 beers")."""
    if "=" in part:
        what, _, amount = part.partition("=")
        return what, amount
    words = part.split(" ")
    at = next((i for i, w in enumerate(words) if w[:1].isdigit()), None)
    if at is None:
        return part, ""
    if at == 0:
        return " ".join(words[1:]), words[0]
    return " ".join(words[:at]), " ".join(words[at:])


def parse_use(text: str) -> SubstanceUse | None:
    """One use: "beer=2", "beer 2 cans", "2 beers", "cannabis" (None for empty text; a comma is
    kept, as in "wine=1,5 glasses"). Raises ValueError when it does not say what was used ("=2", "2")."""
    part = " ".join(text.split())
    if not part:
        return None
    what, amount = _split_use(part)
    what, amount = what.strip()[:MAX_WHAT].strip(), amount.strip()[:MAX_AMOUNT].strip()
    if not what:
        raise ValueError(f"{shown(part)} does not say what was used. Write it like beer=2 or beer 2 cans.")
    return SubstanceUse(what=what, amount=amount)


def parse_substances(text: str) -> list[SubstanceUse]:
    """ "beer 2 cans, red wine=a lot, cannabis" -> what/amount pairs; empty parts are skipped."""
    return [use for part in text.split(",") if (use := parse_use(part)) is not None]


def format_substances(uses: list[SubstanceUse]) -> str:
    """The text parse_substances reads back to the same list ("beer 2 cans", "cannabis", "red wine=a lot";
    "=" whenever the what has a word starting with a digit, which would otherwise be read as the amount)."""
    parts = []
    for u in uses:
        if any(w[:1].isdigit() for w in u.what.split()):
            parts.append(f"{u.what}={u.amount}")
        elif not u.amount:
            parts.append(u.what)
        elif u.amount[:1].isdigit():
            parts.append(f"{u.what} {u.amount}")
        else:
            parts.append(f"{u.what}={u.amount}")
    return ", ".join(parts)


def parse_tags(text: str) -> list[str]:
    """ "work, family , ,work" -> ["work", "family"]."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())[:MAX_TAG].strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def read_value(item: CheckInItem, raw: str, name: str = "") -> float:
    """A typed value for `item` ("6,5" reads as 6.5), checked against its scale. `name` is how the
    message names the item (its id by default: what the shell flags use)."""
    name = name or item.id
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{name}: {shown(raw)} is not a number ({item.describe_scale()})") from None
    if not math.isfinite(value):
        raise ValueError(f"{name}: {shown(raw)} is not a number")
    return item.check_value(value, name)


def checkin_at(text: str | None, now: datetime) -> datetime:
    """When a check-in happened, from --at text (empty: now). Refuses the future and before 1970."""
    when = parse_moment(text, now)
    if when > now + FUTURE_SLACK:
        raise ValueError(f"{shown(text or '')} is in the future; a check-in is about now or the past")
    if when.year < EARLIEST_YEAR:
        raise ValueError(f"{shown(text or '')} is too long ago")
    return when
