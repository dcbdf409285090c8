"""How several check-ins in one day become one value per item, one medicine answer and one count of
alcohol or drug use. The rules are shown to the person."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, SubstanceUse, Worse

DAY_SUMMARY_RULE = (
    "When you check in more than once a day, the day shows the worst value you gave: "
    "the highest for things where more is worse (like stress), "
    "the lowest for things where less is worse (like mood or sleep)."
)


def day_values(checkins: Iterable[CheckIn], items: Iterable[CheckInItem]) -> dict[str, dict[date, float]]:
    """{item_id: {day: worst value that day}}. Days with no value for an item are absent (never zero)."""
    worse = {i.id: i.worse for i in items}
    out: dict[str, dict[date, float]] = defaultdict(dict)
    for c in checkins:
        d = c.day
        for item_id, value in c.values.items():
            per_day = out[item_id]
            old = per_day.get(d)
            if old is None:
                per_day[d] = value
            elif worse.get(item_id, Worse.HIGH) is Worse.HIGH:
                per_day[d] = max(old, value)
            else:
                per_day[d] = min(old, value)
    return dict(out)


# ------------------------------------------------------------------ medicine, alcohol and drugs
MEDICATION_RANK: dict[Medication, int] = {Medication.TAKEN: 0, Medication.PARTLY: 1, Medication.MISSED: 2}
USE_ITEM = "use"  # the built-in yes/no item "Used alcohol or drugs": a yes counts as a use
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

MEDICATION_DAY_RULE = "A day shows the worst medicine answer you gave that day: no, then partly, then yes."


def day_medication(checkins: Iterable[CheckIn]) -> dict[date, Medication]:
    """{day: the worst answer that day} (no, then partly, then yes). "Not prescribed" and no answer
    leave a day out: such a day is never counted as taken or as missed."""
    out: dict[date, Medication] = {}
    for c in checkins:
        m = c.medication
        if m is None or m not in MEDICATION_RANK:
            continue
        old = out.get(c.day)
        if old is None or MEDICATION_RANK[m] > MEDICATION_RANK[old]:
            out[c.day] = m
    return out


def amount_number(amount: str) -> float | None:
    """The number an amount starts with ("2", "2 cans", "1,5 glasses" -> 1.5); None when it has none ("some")."""
    match = _NUMBER.match(amount.strip())
    return float(match.group().replace(",", ".")) if match else None


def use_matches(use: SubstanceUse, what: str) -> bool:
    """Does a use count for a rule about `what`? "" is any use; otherwise the use's name must contain it,
    ignoring case and spacing ("wine" counts "Red wine")."""
    want = " ".join(what.split()).casefold()
    return not want or want in " ".join(use.what.split()).casefold()


def day_uses(checkins: Iterable[CheckIn], what: str = "") -> dict[date, int]:
    """{day: how many uses were listed} for every day with a check-in (0: checked in, no use). With
    `what` = "" a yes to the "use" item counts as one use when no use was listed in that check-in."""
    out: dict[date, int] = {}
    for c in checkins:
        n = sum(1 for u in c.substances if use_matches(u, what))
        if not what and not c.substances and c.values.get(USE_ITEM, 0) >= 1:
            n = 1
        out[c.day] = out.get(c.day, 0) + n
    return out


def day_amounts(checkins: Iterable[CheckIn], what: str = "") -> dict[date, float]:
    """{day: the total of the amounts listed that day} for every day with a check-in. Only amounts that
    start with a number count ("2 cans" is 2); "some" or no amount adds nothing to the total."""
    out: dict[date, float] = {}
    for c in checkins:
        total = sum(n for u in c.substances if use_matches(u, what) and (n := amount_number(u.amount)) is not None)
        out[c.day] = out.get(c.day, 0.0) + total
    return out


def last_use_day(checkins: Iterable[CheckIn]) -> date | None:
    """The last day with any alcohol or drug use listed (or a yes to "use"); None if there is none."""
    days = [d for d, n in day_uses(checkins).items() if n > 0]
    return max(days) if days else None
