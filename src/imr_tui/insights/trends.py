"""Trends for the History screen: one value a day per check-in item, over 30, 90 or 365 days.

Plain Python (no Textual). A day's value follows imr_tui.domain.summary.DAY_SUMMARY_RULE
(the worst value of the day). A day with no check-in stays None: it is never counted as zero.
Long windows are grouped into buckets of several days (the average of the days that have a
value) so a chart of any window fits in 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil
from typing import TYPE_CHECKING

from imr_tui.domain.checkin import CheckIn, CheckInItem, Worse
from imr_tui.domain.format import with_unit
from imr_tui.domain.summary import day_values

if TYPE_CHECKING:
    from imr_tui.store.store import Store

MAX_COLUMNS = 60  # the most marks a chart may have: leaves room for a label beside it at 80 columns


def window_start(end: date, days: int) -> date:
    """The first day of a window of `days` days that ends on (and includes) `end`."""
    if days < 1:
        raise ValueError("a window needs at least 1 day")
    return end - timedelta(days=days - 1)


def bucket_days_for(days: int, max_columns: int = MAX_COLUMNS) -> int:
    """How many days one chart mark covers: 1 day if they fit, else 2, else whole weeks."""
    size = max(1, ceil(days / max_columns))
    if size > 2:
        size = 7 * ceil(size / 7)
    return size


def bucket(values: Sequence[float | None], size: int) -> list[float | None]:
    """Group values into buckets of `size`, each the average of its values that are not None.

    Buckets are counted back from the end, so the last bucket always ends on the last value
    (today) and only the oldest bucket may be short. A bucket with no values is None.
    """
    if size < 1:
        raise ValueError("a bucket needs at least 1 value")
    out: list[float | None] = []
    stop = len(values)
    while stop > 0:
        start = max(0, stop - size)
        present = [v for v in values[start:stop] if v is not None]
        out.append(sum(present) / len(present) if present else None)
        stop = start
    out.reverse()
    return out


def is_yes_no(item: CheckInItem) -> bool:
    return item.low == 0 and item.high == 1 and item.step >= 1


@dataclass(frozen=True)
class DaySeries:
    """One item, one value a day (oldest first; None = no value that day), and its plain statistics.

    Shared by the History screen (ItemTrend) and the report (export.report.ItemSummary).
    """

    item: CheckInItem
    days: Sequence[float | None]

    @property
    def present(self) -> list[float]:
        return [v for v in self.days if v is not None]

    @property
    def days_with_data(self) -> int:
        return len(self.present)

    @property
    def average(self) -> float | None:
        p = self.present
        return sum(p) / len(p) if p else None

    @property
    def minimum(self) -> float | None:
        p = self.present
        return min(p) if p else None

    @property
    def maximum(self) -> float | None:
        p = self.present
        return max(p) if p else None

    @property
    def worst(self) -> float | None:
        """The worst day value: the lowest where low is worse, else the highest."""
        return self.minimum if self.item.worse is Worse.LOW else self.maximum


@dataclass(frozen=True, kw_only=True)
class ItemTrend(DaySeries):
    """One item over one window, with the points a chart shows (`days` grouped into buckets of `bucket_days`)."""

    start: date
    end: date
    bucket_days: int
    points: list[float | None]

    @property
    def window(self) -> int:
        return len(self.days)

    def summary(self) -> str:
        """One line in plain words, e.g. "Mood: 24 of 30 days, average 6.1, lowest 2"."""
        label = self.item.label
        n = self.days_with_data
        if n == 0:
            return f"{label}: no check-ins in these {self.window} days"
        day_word = "day" if self.window == 1 else "days"
        head = f"{label}: {n} of {self.window} {day_word}"
        if is_yes_no(self.item):
            yes = sum(1 for v in self.present if v >= 1)
            return f"{head}, yes on {yes}"
        unit = self.item.unit
        avg, worst = self.average, self.worst
        assert avg is not None and worst is not None  # n > 0
        end_word = "lowest" if self.item.worse is Worse.LOW else "highest"
        return f"{head}, average {with_unit(avg, unit, 1)}, {end_word} {with_unit(worst, unit, 1)}"


def item_trend(item: CheckInItem, values: dict[date, float], end: date, days: int) -> ItemTrend:
    """The trend of one item from its {day: value} map (as made by day_values)."""
    start = window_start(end, days)
    per_day: list[float | None] = [values.get(start + timedelta(days=i)) for i in range(days)]
    size = bucket_days_for(days)
    return ItemTrend(item=item, start=start, end=end, days=per_day, bucket_days=size,
                     points=bucket(per_day, size) if size > 1 else list(per_day))


def trends(checkins: Iterable[CheckIn], items: Sequence[CheckInItem], end: date, days: int) -> list[ItemTrend]:
    """One ItemTrend per item, in the order given. Check-ins outside the window are ignored."""
    start = window_start(end, days)
    in_window = [c for c in checkins if start <= c.day <= end]
    per_item = day_values(in_window, items)
    return [item_trend(item, per_item.get(item.id, {}), end, days) for item in items]


def load_trends(store: Store, end: date, days: int) -> list[ItemTrend]:
    """Trends of the person's enabled items. Reads only the month files the window touches."""
    items = store.settings().enabled_items()
    return trends(store.checkins(window_start(end, days), end), items, end, days)
