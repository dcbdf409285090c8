"""How several check-ins in one day become one value per item. The rule is shown to the person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from imr_tui.domain.checkin import CheckIn, CheckInItem, Worse

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
