"""Warning-sign rules: pure functions over the person's own day values.

A rule watches one check-in item. It holds on a day when the day's value (the worst of that
day, see domain.summary) meets the condition; it fires when it holds on at least `days` of the
last `window` days. Days with no value never count, so missing check-ins can never fire a sign.

- threshold: the value is at or above (>=) / at or under (<=) a fixed number.
- baseline: the value is at least `threshold` above (>=) / below (<=) the person's own usual
  value: the median of their day values over the `baseline_days` days before the window. A
  baseline needs at least 7 days with data; with fewer, the rule does not fire.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.format import number
from imr_tui.domain.profile import Comparison, Profile, RuleKind, WarningRule, WarningSign

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
        limit = baseline + rule.threshold if rule.comparison is Comparison.AT_LEAST else baseline - rule.threshold
    else:
        limit = rule.threshold
    met = sum(1 for v in present if _holds(v, rule.comparison, limit))
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
            limit = base + rule.threshold if rule.comparison is Comparison.AT_LEAST else base - rule.threshold
        else:
            limit = rule.threshold
        met = 0
        for i in range(rule.window):
            v = values.get(day - timedelta(days=i))
            if v is not None and _holds(v, rule.comparison, limit):
                met += 1
        if met >= rule.days:
            out.append(day)
        day += timedelta(days=1)
    return out


def describe(rule: WarningRule, item: CheckInItem | None, baseline: float | None = None) -> str:
    """The rule in plain words, e.g. 'sleep at or under 5 hours on 3 of the last 5 days'."""
    name = item.label.lower() if item else rule.item.replace("_", " ")
    unit = f" {item.unit}" if item and item.unit else ""
    span = f"on {rule.days} of the last {rule.window} days" if rule.days < rule.window else \
        f"on each of the last {rule.window} days"
    if rule.kind is RuleKind.THRESHOLD:
        how = "at or above" if rule.comparison is Comparison.AT_LEAST else "at or under"
        return f"{name} {how} {number(rule.threshold, 1)}{unit} {span}"
    direction = "above" if rule.comparison is Comparison.AT_LEAST else "under"
    usual = f" (your usual is {number(baseline, 1)}{unit})" if baseline is not None else ""
    return f"{name} {number(rule.threshold, 1)}{unit} or more {direction} your usual{usual} {span}"


@dataclass(frozen=True)
class FiredRule:
    sign: WarningSign
    rule_text: str
    result: RuleResult


def fired_signs(profile: Profile, items: Iterable[CheckInItem], day_values: Mapping[str, Mapping[date, float]],
                today: date, dismissed: Mapping[str, date] | None = None) -> list[FiredRule]:
    """Every warning sign of the plan whose rule fires today, unless dismissed for today."""
    by_id = {i.id: i for i in items}
    out: list[FiredRule] = []
    for sign in profile.plan.warning_signs:
        if sign.rule is None:
            continue
        if dismissed and dismissed.get(sign.id) == today:
            continue
        result = evaluate(sign.rule, day_values.get(sign.rule.item, {}), today)
        if result.fired:
            out.append(FiredRule(sign, describe(sign.rule, by_id.get(sign.rule.item), result.baseline), result))
    return out
