"""Warning-sign rules: known answers and properties (missing days never fire; non-meeting days never make it fire)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.domain.profile import (
    ActionStep,
    Comparison,
    Profile,
    RelapsePlan,
    RuleKind,
    Supporter,
    WarningRule,
    WarningSign,
)
from imr_tui.insights.rules import days_needed, describe, evaluate, fired_days, fired_signs

TODAY = date(2026, 11, 25)
SLEEP = next(i for i in default_items() if i.id == "sleep")


def days(*values: float | None) -> dict[date, float]:
    """values[0] is today, values[1] yesterday, ...; None is a missing day."""
    return {TODAY - timedelta(days=i): v for i, v in enumerate(values) if v is not None}


LOW_SLEEP = WarningRule(item="sleep", comparison=Comparison.AT_MOST, threshold=5, days=3, window=5)


def test_threshold_known_answers() -> None:
    assert evaluate(LOW_SLEEP, days(4, 5, 4.5, 8, 8), TODAY).fired
    assert not evaluate(LOW_SLEEP, days(4, 5, 6, 8, 8), TODAY).fired
    assert evaluate(LOW_SLEEP, days(4, 5, 6, 8, 8), TODAY).days_met == 2
    # the sixth day back is outside the window
    assert not evaluate(LOW_SLEEP, days(4, 5, 8, 8, 8, 3), TODAY).fired


def test_missing_days_never_fire() -> None:
    assert not evaluate(LOW_SLEEP, {}, TODAY).fired
    assert not evaluate(LOW_SLEEP, days(None, None, 4, None, None), TODAY).fired
    r = evaluate(LOW_SLEEP, days(None, 4, None, 4, 4), TODAY)
    assert r.fired and r.days_with_data == 3


def test_baseline_known_answer() -> None:
    rule = WarningRule(item="sleep", kind=RuleKind.BASELINE, comparison=Comparison.AT_MOST, threshold=2, days=3,
                       window=5, baseline_days=28)
    usual = [7.0] * 28
    assert evaluate(rule, days(4.5, 5, 6, 7, 5, *usual), TODAY).fired  # 4.5, 5, 5 are 2+ under 7
    r = evaluate(rule, days(5.5, 5, 6, 7, 5, *usual), TODAY)
    assert not r.fired and r.baseline == 7
    assert not evaluate(rule, days(1, 1, 1, 1, 1, 7, 7), TODAY).fired  # too little history for a baseline


def test_plain_words() -> None:
    assert describe(LOW_SLEEP, SLEEP) == "sleep at or under 5 hours on 3 of the last 5 days"
    rule = WarningRule(item="sleep", kind=RuleKind.BASELINE, comparison=Comparison.AT_MOST, threshold=2, days=3,
                       window=5)
    assert describe(rule, SLEEP, 7.0) == "sleep 2 hours or more under your usual (your usual is 7 hours) on 3 of " \
                                         "the last 5 days"
    stress = WarningRule(item="stress", threshold=8, days=2, window=2)
    assert describe(stress, None) == "stress at or above 8 on each of the last 2 days"


def test_fired_signs_respect_dismissal_and_signs_without_rules() -> None:
    profile = Profile(plan=RelapsePlan(
        warning_signs=[WarningSign(id="w1", text="Sleeping less", rule=LOW_SLEEP), WarningSign(text="No rule")],
        action_steps=[ActionStep(text="Call Ana")], supporters=[Supporter(name="Ana")]))
    values = {"sleep": days(4, 4, 4)}
    fired = fired_signs(profile, default_items(), values, TODAY)
    assert [f.sign.id for f in fired] == ["w1"]
    assert fired_signs(profile, default_items(), values, TODAY, {"w1": TODAY}) == []
    assert len(fired_signs(profile, default_items(), values, TODAY, {"w1": TODAY - timedelta(days=1)})) == 1


rules = st.builds(
    WarningRule, item=st.just("sleep"), kind=st.sampled_from(list(RuleKind)),
    comparison=st.sampled_from(list(Comparison)), threshold=st.floats(0, 10, allow_nan=False),
    days=st.integers(1, 7), window=st.just(7), baseline_days=st.integers(7, 30),
)
history = st.dictionaries(st.integers(0, 40).map(lambda i: TODAY - timedelta(days=i)),
                          st.floats(0, 12, allow_nan=False), max_size=40)


@settings(max_examples=300, deadline=None)
@given(rule=rules, values=history, extra_day=st.integers(0, 6))
def test_adding_a_day_that_does_not_meet_the_rule_never_makes_a_threshold_rule_fire(
        rule: WarningRule, values: dict[date, float], extra_day: int) -> None:
    if rule.kind is not RuleKind.THRESHOLD:
        rule = rule.model_copy(update={"kind": RuleKind.THRESHOLD})
    day = TODAY - timedelta(days=extra_day)
    if day in values:
        return
    before = evaluate(rule, values, TODAY)
    not_meeting = rule.threshold - 1 if rule.comparison is Comparison.AT_LEAST else rule.threshold + 1
    after = evaluate(rule, {**values, day: not_meeting}, TODAY)
    assert after.days_met == before.days_met
    assert after.fired == before.fired


@settings(max_examples=300, deadline=None)
@given(rule=rules, values=history, drop=st.sets(st.integers(0, 6)))
def test_removing_days_never_makes_a_rule_fire(rule: WarningRule, values: dict[date, float], drop: set[int]) -> None:
    """Missing days never fire: taking check-ins away from the window can only make a rule fire less."""
    fewer = {d: v for d, v in values.items() if (TODAY - d).days not in drop}
    if evaluate(rule, fewer, TODAY).fired:
        assert evaluate(rule, values, TODAY).fired  # the baseline (days 7+) is untouched by the drop


@settings(max_examples=200, deadline=None)
@given(rule=rules)
def test_an_empty_history_never_fires(rule: WarningRule) -> None:
    assert not evaluate(rule, {}, TODAY).fired
    assert days_needed(rule) >= rule.window


@settings(max_examples=300, deadline=None)
@given(rule=rules, values=st.dictionaries(st.integers(0, 80).map(lambda i: TODAY - timedelta(days=i)),
                                          st.sampled_from([0.0, 3.0, 4.5, 5.0, 7.0, 7.0, 8.0, 10.0]), max_size=80),
       span=st.integers(0, 30))
def test_fired_days_matches_evaluating_each_day(rule: WarningRule, values: dict[date, float], span: int) -> None:
    start = TODAY - timedelta(days=span)
    naive = [start + timedelta(days=i) for i in range(span + 1)
             if evaluate(rule, values, start + timedelta(days=i)).fired]
    assert fired_days(rule, values, start, TODAY) == naive
