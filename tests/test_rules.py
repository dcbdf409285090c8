"""Warning-sign rules: known answers and properties (missing days never fire; non-meeting days never make it fire)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn, Medication, SubstanceUse, default_items
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
from imr_tui.insights.rules import RuleInputs, days_needed, describe, evaluate, fired_days, fired_signs

TODAY = date(2026, 11, 25)
SLEEP = next(i for i in default_items() if i.id == "sleep")


def days(*values: float | None) -> dict[date, float]:
    """values[0] is today, values[1] yesterday, ...; None is a missing day."""
    return {TODAY - timedelta(days=i): v for i, v in enumerate(values) if v is not None}


def _checkin(days_ago: int, hour: int = 12, **fields: object) -> CheckIn:
    at = datetime.combine(TODAY - timedelta(days=days_ago), time(hour), tzinfo=UTC)
    return CheckIn.model_validate({"at": at, **fields})


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
    inputs = RuleInputs([_checkin(i, values={"sleep": 4}) for i in range(3)], default_items())
    fired = fired_signs(profile, inputs, TODAY)
    assert [f.sign.id for f in fired] == ["w1"]
    assert fired_signs(profile, inputs, TODAY, {"w1": TODAY}) == []
    assert len(fired_signs(profile, inputs, TODAY, {"w1": TODAY - timedelta(days=1)})) == 1


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


# ------------------------------------------------------------ medicine and alcohol or drug rules
MISSED_MED = WarningRule(kind=RuleKind.MEDICATION, medication=Medication.MISSED, days=2, window=7)
PARTLY_MED = WarningRule(kind=RuleKind.MEDICATION, medication=Medication.PARTLY, days=2, window=7)
ANY_USE = WarningRule(kind=RuleKind.SUBSTANCE, days=1, window=7)
BEER_4 = WarningRule(kind=RuleKind.SUBSTANCE, substance="beer", threshold=4, days=2, window=7)


def _fires(rule: WarningRule, checkins: list[CheckIn]) -> bool:
    return evaluate(rule, RuleInputs(checkins, default_items()).values(rule), TODAY).fired


def test_medicine_rules_count_the_worst_answer_of_each_day() -> None:
    two_missed = [_checkin(0, medication="no"), _checkin(3, medication="no"), _checkin(1, medication="yes")]
    assert _fires(MISSED_MED, two_missed) and _fires(PARTLY_MED, two_missed)
    partly = [_checkin(0, medication="partly"), _checkin(2, medication="partly")]
    assert not _fires(MISSED_MED, partly) and _fires(PARTLY_MED, partly)
    # a later "yes" on the same day does not hide an earlier "no": the day's worst answer counts
    same_day = [_checkin(0, 8, medication="no"), _checkin(0, 20, medication="yes"), _checkin(1, medication="no")]
    assert _fires(MISSED_MED, same_day)
    # not prescribed, no answer, or a day outside the window never count
    never = [_checkin(0, medication="not-prescribed"), _checkin(1, values={"mood": 3}), _checkin(8, medication="no"),
             _checkin(1, medication="no")]
    assert not _fires(PARTLY_MED, never)


def test_substance_rules_any_use_a_named_one_and_an_amount() -> None:
    assert not _fires(ANY_USE, [_checkin(0, values={"mood": 6}), _checkin(1, values={"use": 0})])
    assert _fires(ANY_USE, [_checkin(3, substances=[{"what": "cannabis"}])])
    assert _fires(ANY_USE, [_checkin(2, values={"use": 1})])  # a yes to "Used alcohol or drugs" counts
    beer = WarningRule(kind=RuleKind.SUBSTANCE, substance="Beer", days=1, window=7)
    assert _fires(beer, [_checkin(0, substances=[{"what": "beer", "amount": "2 cans"}])])
    assert not _fires(beer, [_checkin(0, substances=[{"what": "wine"}]), _checkin(1, values={"use": 1})])
    # amounts add up over the day; an amount with no number ("some") adds nothing
    day = [_checkin(0, 13, substances=[{"what": "beer", "amount": "2"}]),
           _checkin(0, 22, substances=[{"what": "beer", "amount": "2 cans"}, {"what": "wine", "amount": "5"}])]
    other = [_checkin(4, substances=[{"what": "beers", "amount": "4,5"}])]
    assert _fires(BEER_4, day + other)
    assert not _fires(BEER_4, day)  # one day is not two
    assert not _fires(BEER_4, [_checkin(0, substances=[{"what": "beer", "amount": "some"}]),
                               _checkin(1, substances=[{"what": "beer", "amount": "a lot"}])])


def test_plain_words_of_the_new_kinds() -> None:
    assert describe(MISSED_MED, None) == "medicine not taken on 2 of the last 7 days"
    assert describe(PARTLY_MED, None) == "medicine not taken or only partly taken on 2 of the last 7 days"
    assert describe(ANY_USE, None) == "used alcohol or drugs on 1 of the last 7 days"
    assert describe(BEER_4, None) == "used beer, 4 or more in a day, on 2 of the last 7 days"
    assert describe(ANY_USE.model_copy(update={"window": 1}), None) == "used alcohol or drugs today"


def test_a_rule_on_an_item_needs_the_item_and_a_medicine_rule_a_level() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="needs the item"):
        WarningRule(kind=RuleKind.THRESHOLD, threshold=3)
    with pytest.raises(ValidationError, match="partly"):
        WarningRule(kind=RuleKind.MEDICATION, medication=Medication.TAKEN)
    with pytest.raises(ValidationError, match="0 \\(any use\\)"):
        WarningRule(kind=RuleKind.SUBSTANCE, threshold=-1)


med_answers = st.sampled_from([None, *Medication])
uses = st.lists(st.builds(SubstanceUse, what=st.sampled_from(["beer", "Red wine", "cannabis"]),
                          amount=st.sampled_from(["", "1", "2 cans", "3,5", "some"])), max_size=3)
checkin_lists = st.lists(st.builds(
    lambda ago, hour, med, used, yes: _checkin(ago, hour, medication=med, substances=used,
                                               values={"use": yes} if yes is not None else {}),
    st.integers(0, 60), st.integers(0, 23), med_answers, uses, st.sampled_from([None, 0, 1])), max_size=60)
other_rules = st.one_of(
    st.builds(WarningRule, kind=st.just(RuleKind.MEDICATION), medication=st.sampled_from([Medication.PARTLY,
                                                                                          Medication.MISSED]),
              days=st.integers(1, 7), window=st.just(7)),
    st.builds(WarningRule, kind=st.just(RuleKind.SUBSTANCE), substance=st.sampled_from(["", "beer", "wine"]),
              threshold=st.sampled_from([0, 1, 2.5, 4]), days=st.integers(1, 7), window=st.just(7)),
)


@settings(max_examples=300, deadline=None)
@given(rule=other_rules, checkins=checkin_lists, span=st.integers(0, 40))
def test_fired_days_matches_evaluate_for_medicine_and_substance_rules(rule: WarningRule, checkins: list[CheckIn],
                                                                      span: int) -> None:
    values = RuleInputs(checkins, default_items()).values(rule)
    start = TODAY - timedelta(days=span)
    naive = [start + timedelta(days=i) for i in range(span + 1)
             if evaluate(rule, values, start + timedelta(days=i)).fired]
    assert fired_days(rule, values, start, TODAY) == naive


@settings(max_examples=200, deadline=None)
@given(rule=other_rules, checkins=checkin_lists)
def test_a_medicine_or_substance_rule_never_fires_on_days_it_cannot_see(rule: WarningRule,
                                                                        checkins: list[CheckIn]) -> None:
    """A day counts only from what was answered: without medicine answers, uses or "use", nothing fires."""
    blank = [c.model_copy(update={"medication": None, "substances": [], "values": {}}) for c in checkins]
    assert not _fires(rule, blank)
    taken = [c.model_copy(update={"medication": Medication.TAKEN, "substances": [], "values": {"use": 0}})
             for c in checkins]
    assert not _fires(rule, taken)
