"""Trends for the History screen: one value a day per check-in item, over 30, 90 or 365 days.

Plain Python (no Textual). A day's value follows imr_tui.domain.summary.DAY_SUMMARY_RULE
(the worst value of the day). A day with no check-in stays None: it is never counted as zero.
Long windows are grouped into buckets of several days (the average of the days that have a
value) so a chart of any window fits in 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil
from typing import TYPE_CHECKING

from imr_tui.domain.checkin import CheckIn, CheckInItem, Worse
from imr_tui.domain.format import with_unit
from imr_tui.domain.summary import day_values

if TYPE_CHECKING:
    from imr_tui.domain.profile import Profile
    from imr_tui.insights.rules import RuleInputs
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


# ------------------------------------------------------------- what a History chart shows
NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)  # round tops: 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, ...
WIDE_SCALE = 12  # a scale wider than this is drawn only up to a round number above what was logged


def nice_top(x: float) -> float:
    """The first round number (12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, ...) at or above x."""
    scale = 10.0
    while True:
        for m in NICE:
            if m * scale >= max(x, WIDE_SCALE):
                return m * scale
        scale *= 10


@dataclass(frozen=True)
class Mark:
    """A line across a chart: the number a warning-sign rule of the plan watches for."""

    value: float
    sign: str  # the sign's own words
    rule: str  # the rule in plain words


def chart_range(item: CheckInItem, values: Iterable[float], marks: Iterable[float] = ()) -> tuple[float, float]:
    """The part of the item's scale a chart draws: all of it for a short scale (0-10, 0-4); for a wide one
    (sleep 0-24 hours, steps 0-30000) from the low end to the first round number (12, 15, 20, ...) at or
    above the largest value logged and every mark, so usual nights of 4 and 7 hours do not look flat."""
    low, high = item.low, item.high
    if high - low <= WIDE_SCALE:
        return low, high
    top = max([*values, *marks], default=low)
    return low, min(high, low + nice_top(top - low))


def item_marks(profile: Profile | None, item: CheckInItem, inputs: RuleInputs | None, end: date) -> list[Mark]:
    """The numbers the plan's rules watch on this item: a fixed number, or today's usual plus or minus the
    distance for a rule on the usual value (when there are enough days for a usual)."""
    from imr_tui.domain.profile import Comparison, RuleKind
    from imr_tui.insights.rules import describe, evaluate

    out: list[Mark] = []
    for sign in profile.plan.warning_signs if profile else []:
        rule = sign.rule
        if rule is None or rule.item != item.id:
            continue
        if rule.kind is RuleKind.THRESHOLD:
            out.append(Mark(rule.threshold, sign.text, describe(rule, item)))
        elif rule.kind is RuleKind.BASELINE and inputs is not None:
            usual = evaluate(rule, inputs.values(rule), end).baseline
            if usual is not None:
                value = usual + rule.threshold if rule.comparison is Comparison.AT_LEAST else usual - rule.threshold
                out.append(Mark(value, sign.text, describe(rule, item, usual)))
    return out


def bucket_starts(start: date, days: int, size: int) -> list[date]:
    """The first day of each chart point (counted back from the end, like `bucket`)."""
    out = []
    stop = days
    while stop > 0:
        first = max(0, stop - size)
        out.append(start + timedelta(days=first))
        stop = first
    out.reverse()
    return out


@dataclass(frozen=True)
class DayStates:
    """One state a day (medicine: 0 taken, 1 partly, 2 not taken; alcohol or drugs: 0 no use, 1 used;
    None: nothing answered), and the points a chart row shows: the worst state of each bucket of days."""

    start: date
    end: date
    bucket_days: int
    days: Sequence[int | None]
    points: list[int | None]

    def count(self, state: int) -> int:
        return sum(1 for d in self.days if d == state)

    @property
    def answered(self) -> int:
        return sum(1 for d in self.days if d is not None)


def day_states(per_day: Mapping[date, int], end: date, days: int, max_columns: int = MAX_COLUMNS) -> DayStates:
    start = window_start(end, days)
    daily = [per_day.get(start + timedelta(days=i)) for i in range(days)]
    size = bucket_days_for(days, max_columns)
    points: list[int | None] = []
    stop = days
    while stop > 0:
        first = max(0, stop - size)
        present = [d for d in daily[first:stop] if d is not None]
        points.append(max(present) if present else None)
        stop = first
    points.reverse()
    return DayStates(start, end, size, daily, points)


@dataclass(frozen=True)
class History:
    """Everything the History screen draws for one window."""

    end: date
    days: int
    items: list[ItemTrend]
    marks: dict[str, list[Mark]]  # item id -> the lines of the plan's rules
    scales: dict[str, tuple[float, float]]  # item id -> the part of its scale drawn
    medication: DayStates | None  # None: no medicine answer in the window
    use: DayStates | None  # None: not tracked and no use logged in the window
    mood: dict[date, float]  # the mood of each day (for the month view), of the window and the months shown


def load_history(store: Store, end: date, days: int, max_columns: int = MAX_COLUMNS,
                 month: date | None = None) -> History:
    """The window of `days` ending `end`: the enabled items, the rules' marks, medicine and use rows, and
    the mood of each day of `month` (the month view). Reads only the months these need."""
    from imr_tui.domain.summary import MEDICATION_RANK, day_medication, day_uses
    from imr_tui.insights.rules import RuleInputs, days_needed

    settings = store.settings()
    items = settings.enabled_items()
    profile = store.profile()
    rules = [s.rule for s in profile.plan.warning_signs if s.rule is not None]
    start = window_start(end, days)
    first = min([start, *(end - timedelta(days=days_needed(r)) for r in rules)])
    if month is not None:
        first = min(first, month.replace(day=1))
    checkins = store.checkins(first, max(end, _month_end(month) if month else end))
    window = [c for c in checkins if start <= c.day <= end]
    per_item = day_values(window, items)
    size = bucket_days_for(days, max_columns)
    trends_: list[ItemTrend] = []
    for item in items:
        values = per_item.get(item.id, {})
        per_day: list[float | None] = [values.get(start + timedelta(days=i)) for i in range(days)]
        trends_.append(ItemTrend(item=item, start=start, end=end, days=per_day, bucket_days=size,
                                 points=bucket(per_day, size) if size > 1 else list(per_day)))
    inputs = RuleInputs(checkins, items)
    marks = {t.item.id: item_marks(profile, t.item, inputs, end) for t in trends_}
    scales = {t.item.id: chart_range(t.item, t.present, [m.value for m in marks[t.item.id]]) for t in trends_}
    meds = {d: MEDICATION_RANK[m] for d, m in day_medication(window).items()}
    uses = {d: int(n > 0) for d, n in day_uses(window).items()}
    tracked = settings.track_substances or any(uses.values())
    mood_item = next((i for i in settings.items if i.id == "mood"), None)
    mood = day_values(checkins, [mood_item] if mood_item else []).get("mood", {})
    return History(end, days, trends_, marks, scales,
                   day_states(meds, end, days, max_columns) if meds else None,
                   day_states(uses, end, days, max_columns) if tracked and uses else None, mood)


def _month_end(month: date) -> date:
    after = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return after - timedelta(days=1)


def month_weeks(month: date) -> list[list[date | None]]:
    """The weeks of a month, Monday first; None for the days of the weeks outside the month."""
    import calendar

    return [[d if d.month == month.month else None for d in week]
            for week in calendar.Calendar(calendar.MONDAY).monthdatescalendar(month.year, month.month)]
