"""Warning-sign rules: pure functions over the person's own day values.

Every rule reads one value a day (`RuleInputs.values`, built from the check-ins by the day rules
of domain.summary). It holds on a day when that day's value meets the condition; it fires when it
holds on at least `days` of the last `window` days. Days with no value never count, so missing
check-ins can never fire a sign.

- threshold: a check-in item's value (the worst of the day) is at or above (>=) / at or under
  (<=) a fixed number.
- baseline: the item's value is at least `threshold` above (>=) / below (<=) the person's own
  usual value: the median of their day values over the `baseline_days` days before the window.
  A baseline needs at least 7 days with data; with fewer, the rule does not fire.
- medication: the day's medicine answer, as 0 taken, 1 partly, 2 not taken (days with no answer,
  or "not prescribed", have no value); holds at 1 or more (partly or not taken) or at 2 (not taken).
- substance: with threshold 0, the number of uses listed that day (0 on a day with a check-in and
  no use), holding at 1 or more; with a threshold, the day's total amount, holding at or over it.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.format import number
from imr_tui.domain.profile import Comparison, Profile, RuleKind, WarningRule, WarningSign
from imr_tui.domain.summary import MEDICATION_RANK, day_amounts, day_medication, day_uses, day_values

MIN_BASELINE_DAYS = 7


@dataclass(frozen=True)
class RuleResult:
    fired: bool
    days_met: int
    days_with_data: int
    baseline: float | None = None


def days_needed(rule: WarningRule) -> int:
    """How many days of history (ending today) a rule looks at: what a caller must load."""
    return rule.window + (rule.baseline_days if rule.kind is RuleKind.BASELINE else 0)


def _holds(value: float, comparison: Comparison, limit: float) -> bool:
    return value >= limit if comparison is Comparison.AT_LEAST else value <= limit


def fixed_limit(rule: WarningRule) -> tuple[Comparison, float]:
    """How a rule that needs no baseline compares a day's value: (comparison, limit)."""
    if rule.kind is RuleKind.MEDICATION:
        return Comparison.AT_LEAST, float(MEDICATION_RANK[rule.medication])
    if rule.kind is RuleKind.SUBSTANCE:
        return Comparison.AT_LEAST, rule.threshold if rule.threshold > 0 else 1.0
    return rule.comparison, rule.threshold


class RuleInputs:
    """The day values each rule reads, made once from the check-ins (each kind of series on first use)."""

    def __init__(self, checkins: Sequence[CheckIn], items: Iterable[CheckInItem],
                 item_values: Mapping[str, Mapping[date, float]] | None = None) -> None:
        """`item_values`: the items' day values of `checkins` (as `day_values` makes them), when the
        caller has them already."""
        self.checkins = checkins
        self.items = list(items)
        self._items: Mapping[str, Mapping[date, float]] | None = item_values
        self._other: dict[tuple[str, str], dict[date, float]] = {}

    def values(self, rule: WarningRule) -> Mapping[date, float]:
        """{day: value} for this rule; days without a value are absent."""
        if rule.kind is RuleKind.MEDICATION:
            return self._series(("medication", ""), lambda: {
                d: float(MEDICATION_RANK[m]) for d, m in day_medication(self.checkins).items()})
        if rule.kind is RuleKind.SUBSTANCE:
            what = rule.substance
            if rule.threshold > 0:
                return self._series(("amount", what), lambda: day_amounts(self.checkins, what))
            return self._series(("uses", what), lambda: {d: float(n) for d, n in day_uses(self.checkins, what).items()})
        return self.item_values().get(rule.item or "", {})

    def item_values(self) -> Mapping[str, Mapping[date, float]]:
        """{item id: {day: value}} for every check-in item."""
        if self._items is None:
            self._items = day_values(self.checkins, self.items)
        return self._items

    def _series(self, key: tuple[str, str], build: Callable[[], dict[date, float]]) -> dict[date, float]:
        if key not in self._other:
            self._other[key] = build()
        return self._other[key]


def evaluate(rule: WarningRule, values: Mapping[date, float], today: date) -> RuleResult:
    """Evaluate a rule on {day: value} for the window ending `today` (inclusive)."""
    window = [today - timedelta(days=i) for i in range(rule.window)]
    present = [values[d] for d in window if d in values]
    baseline: float | None = None
    if rule.kind is RuleKind.BASELINE:
        start = today - timedelta(days=rule.window)
        history = [values[d] for d in (start - timedelta(days=i) for i in range(rule.baseline_days)) if d in values]
        if len(history) < MIN_BASELINE_DAYS:
            return RuleResult(False, 0, len(present), None)
        baseline = statistics.median(history)
        comparison = rule.comparison
        limit = baseline + rule.threshold if comparison is Comparison.AT_LEAST else baseline - rule.threshold
    else:
        comparison, limit = fixed_limit(rule)
    met = sum(1 for v in present if _holds(v, comparison, limit))
    return RuleResult(met >= rule.days, met, len(present), baseline)


def _median_sorted(xs: list[float]) -> float:
    n = len(xs)
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


def fired_days(rule: WarningRule, values: Mapping[date, float], start: date, end: date) -> list[date]:
    """The days start..end on which `evaluate(rule, values, day).fired` holds, in one pass.

    Same answers as calling evaluate for each day (a test checks it), but a baseline is kept as a
    sorted sliding list instead of being rebuilt every day, so a ten-year report stays fast.
    """
    if end < start:
        return []
    out: list[date] = []
    history: list[float] = []
    if rule.kind is RuleKind.BASELINE:  # the baseline of `start`: the baseline_days days before its window
        first = start - timedelta(days=rule.window)
        history = sorted(values[d] for d in (first - timedelta(days=i) for i in range(rule.baseline_days))
                         if d in values)
    comparison, limit = fixed_limit(rule)
    day = start
    while day <= end:
        if rule.kind is RuleKind.BASELINE:
            if day > start:  # slide the baseline by one day
                enter = day - timedelta(days=rule.window)
                leave = enter - timedelta(days=rule.baseline_days)
                if enter in values:
                    bisect.insort(history, values[enter])
                if leave in values:
                    del history[bisect.bisect_left(history, values[leave])]
            if len(history) < MIN_BASELINE_DAYS:
                day += timedelta(days=1)
                continue
            base = _median_sorted(history)
            limit = base + rule.threshold if comparison is Comparison.AT_LEAST else base - rule.threshold
        met = 0
        for i in range(rule.window):
            v = values.get(day - timedelta(days=i))
            if v is not None and _holds(v, comparison, limit):
                met += 1
        if met >= rule.days:
            out.append(day)
        day += timedelta(days=1)
    return out


def _span(rule: WarningRule) -> str:
    if rule.window == 1:
        return "today"
    if rule.days < rule.window:
        return f"on {rule.days} of the last {rule.window} days"
    return f"on each of the last {rule.window} days"


def _substance_words(rule: WarningRule) -> str:
    what = " ".join(rule.substance.split())
    name = what if what else "alcohol or drugs"
    if rule.threshold > 0:
        return f"used {name}, {number(rule.threshold, 1)} or more in a day,"
    return f"used {name}"


def describe(rule: WarningRule, item: CheckInItem | None, baseline: float | None = None) -> str:
    """The rule in plain words, e.g. 'sleep at or under 5 hours on 3 of the last 5 days',
    'medicine not taken or only partly taken on 2 of the last 7 days', 'used beer on 1 of the last 7 days'."""
    span = _span(rule)
    if rule.kind is RuleKind.MEDICATION:
        how = "not taken" if rule.medication is Medication.MISSED else "not taken or only partly taken"
        return f"medicine {how} {span}"
    if rule.kind is RuleKind.SUBSTANCE:
        return f"{_substance_words(rule)} {span}"
    name = item.label.lower() if item else (rule.item or "").replace("_", " ")
    unit = f" {item.unit}" if item and item.unit else ""
    if rule.kind is RuleKind.THRESHOLD:
        how = "at or above" if rule.comparison is Comparison.AT_LEAST else "at or under"
        return f"{name} {how} {number(rule.threshold, 1)}{unit} {span}"
    direction = "above" if rule.comparison is Comparison.AT_LEAST else "under"
    usual = f" (your usual is {number(baseline, 1)}{unit})" if baseline is not None else ""
    return f"{name} {number(rule.threshold, 1)}{unit} or more {direction} your usual{usual} {span}"


def watched_item(rule: WarningRule, items: Iterable[CheckInItem]) -> CheckInItem | None:
    """The check-in item a rule watches (None for medicine and substance rules, or an unknown item)."""
    return next((i for i in items if i.id == rule.item), None) if rule.item else None


@dataclass(frozen=True)
class FiredRule:
    sign: WarningSign
    rule_text: str
    result: RuleResult


def fired_signs(profile: Profile, inputs: RuleInputs, today: date,
                dismissed: Mapping[str, date] | None = None) -> list[FiredRule]:
    """Every warning sign of the plan whose rule fires today, unless dismissed for today."""
    out: list[FiredRule] = []
    for sign in profile.plan.warning_signs:
        if sign.rule is None:
            continue
        if dismissed and dismissed.get(sign.id) == today:
            continue
        result = evaluate(sign.rule, inputs.values(sign.rule), today)
        if result.fired:
            out.append(FiredRule(sign, describe(sign.rule, watched_item(sign.rule, inputs.items), result.baseline),
                                 result))
    return out
