"""Trends for the History screen: known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from imr_tui.domain.checkin import CheckIn, CheckInItem, Worse, default_items
from imr_tui.insights.trends import (
    bucket,
    bucket_days_for,
    item_trend,
    load_trends,
    trends,
    window_start,
)
from imr_tui.store.store import Store

END = date(2026, 3, 31)
MOOD = CheckInItem(id="mood", label="Mood", question="?", low=0, high=10, worse=Worse.LOW)
STRESS = CheckInItem(id="stress", label="Stress", question="?", low=0, high=10)
SLEEP = CheckInItem(id="sleep", label="Sleep", question="?", low=0, high=24, step=0.5, unit="hours", worse=Worse.LOW)
USE = CheckInItem(id="use", label="Used alcohol or drugs", question="?", low=0, high=1)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_window_start_includes_both_ends() -> None:
    assert window_start(END, 30) == date(2026, 3, 2)
    assert window_start(END, 1) == END
    with pytest.raises(ValueError):
        window_start(END, 0)


def test_missing_days_stay_none_never_zero() -> None:
    checkins = [CheckIn(at=at(END), values={"mood": 6}), CheckIn(at=at(END - timedelta(days=2)), values={"mood": 0})]
    [t] = trends(checkins, [MOOD], END, 30)
    assert len(t.days) == 30
    assert t.days[-1] == 6 and t.days[-2] is None and t.days[-3] == 0  # a real 0 stays 0, a gap stays None
    assert t.days[:27] == [None] * 27
    assert t.days_with_data == 2
    assert t.average == 3 and t.minimum == 0 and t.maximum == 6


def test_worst_value_of_the_day_is_used() -> None:
    day = END - timedelta(days=1)
    checkins = [
        CheckIn(at=at(day, 8), values={"mood": 7, "stress": 2}),
        CheckIn(at=at(day, 13), values={"mood": 3, "stress": 8}),
        CheckIn(at=at(day, 20), values={"mood": 5, "stress": 4}),
    ]
    mood, stress = trends(checkins, [MOOD, STRESS], END, 30)
    assert mood.days[-2] == 3  # low is worse for mood: the lowest
    assert stress.days[-2] == 8  # high is worse for stress: the highest
    assert mood.days[-1] is None


def test_checkins_outside_the_window_are_ignored() -> None:
    checkins = [CheckIn(at=at(END + timedelta(days=1)), values={"mood": 1}),
                CheckIn(at=at(END - timedelta(days=30)), values={"mood": 1}),
                CheckIn(at=at(END - timedelta(days=29)), values={"mood": 9})]
    [t] = trends(checkins, [MOOD], END, 30)
    assert t.present == [9] and t.days[0] == 9


def test_summary_in_plain_words() -> None:
    values = {END - timedelta(days=i): v for i, v in enumerate([6, 7, 2, 8, 5])}
    t = item_trend(MOOD, values, END, 30)
    assert t.summary() == "Mood: 5 of 30 days, average 5.6, lowest 2"
    s = item_trend(STRESS, values, END, 30)
    assert s.summary() == "Stress: 5 of 30 days, average 5.6, highest 8"
    sleep = item_trend(SLEEP, {END: 6.5, END - timedelta(days=3): 7}, END, 90)
    assert sleep.summary() == "Sleep: 2 of 90 days, average 6.8 hours, lowest 6.5 hours"
    use = item_trend(USE, {END: 1, END - timedelta(days=1): 0, END - timedelta(days=2): 0}, END, 30)
    assert use.summary() == "Used alcohol or drugs: 3 of 30 days, yes on 1"
    empty = item_trend(MOOD, {}, END, 365)
    assert empty.summary() == "Mood: no check-ins in these 365 days"
    assert empty.average is None and empty.minimum is None and empty.maximum is None
    assert empty.points == [None] * len(empty.points)


def test_bucket_averages_days_with_data_counted_back_from_the_end() -> None:
    assert bucket([1, 2, 3, None, 5], 2) == [1, 2.5, 5]
    assert bucket([None, None, 4, 6], 2) == [None, 5]
    assert bucket([1, None, 3], 1) == [1, None, 3]
    assert bucket([], 7) == []
    with pytest.raises(ValueError):
        bucket([1], 0)


def test_bucket_size_fits_80_columns() -> None:
    assert bucket_days_for(30) == 1
    assert bucket_days_for(90) == 2
    assert bucket_days_for(365) == 7
    for days in (30, 90, 365):
        assert -(-days // bucket_days_for(days)) <= 60


def test_a_year_is_shown_in_weeks() -> None:
    # every day of the year has a value: day i (0 = oldest) has value i % 7
    values = {window_start(END, 365) + timedelta(days=i): float(i % 7) for i in range(365)}
    t = item_trend(STRESS, values, END, 365)
    assert t.bucket_days == 7
    assert len(t.days) == 365 and len(t.points) == 53  # 52 whole weeks and 1 day
    assert t.points[0] == 0  # the oldest, short bucket: day 0 alone
    assert t.points[1:] == [3.0] * 52  # each whole week holds 1..6,0 in some order: average 3
    assert t.points[-1] == sum(t.days[-7:]) / 7  # type: ignore[arg-type]


def test_weekly_buckets_skip_missing_days() -> None:
    start = window_start(END, 365)
    values = {END: 10.0, END - timedelta(days=1): 4.0, start: 2.0}  # the last week has only 2 days with data
    t = item_trend(MOOD, values, END, 365)
    assert t.points[-1] == 7  # (10 + 4) / 2: missing days are not zeros
    assert t.points[0] == 2
    assert t.points[1:-1] == [None] * 51
    assert t.days_with_data == 3


def test_load_trends_uses_the_enabled_items_of_the_store(store: Store) -> None:
    def disable_anxiety(s):  # type: ignore[no-untyped-def]
        s.item("anxiety").enabled = False
        return s

    store.update_settings(disable_anxiety)
    store.add_checkin(CheckIn(at=at(END, 9), values={"mood": 4, "anxiety": 9}))
    store.add_checkin(CheckIn(at=at(END, 21), values={"mood": 2}))
    store.add_checkin(CheckIn(at=at(END - timedelta(days=400)), values={"mood": 9}))  # a year ago: not read
    got = load_trends(store, END, 90)
    ids = [t.item.id for t in got]
    assert ids == [i.id for i in default_items() if i.id != "anxiety"]
    mood = got[0]
    assert mood.days[-1] == 2 and mood.days_with_data == 1
    assert len(mood.points) == 45 and mood.points[-1] == 2


def test_a_chart_draws_a_wide_scale_only_up_to_a_round_number_above_what_was_logged() -> None:
    from imr_tui.insights.trends import chart_range

    assert chart_range(MOOD, [2, 9]) == (0, 10)  # a short scale: all of it
    assert chart_range(SLEEP, [4, 7]) == (0, 12)
    assert chart_range(SLEEP, [4, 13.5]) == (0, 15)  # a long night: the chart grows
    assert chart_range(SLEEP, [], marks=[14]) == (0, 15)  # and so does a rule's number
    assert chart_range(SLEEP, [24]) == (0, 24)  # never past the end of the scale
    steps = CheckInItem(id="steps", label="Steps", question="?", low=0, high=30000, unit="steps")
    assert chart_range(steps, [4200, 7100]) == (0, 8000)


def test_marks_come_from_the_plans_rules_on_the_item() -> None:
    from imr_tui.domain.profile import Profile, RelapsePlan, RuleKind, WarningRule, WarningSign
    from imr_tui.insights.rules import RuleInputs
    from imr_tui.insights.trends import item_marks

    plan = RelapsePlan(warning_signs=[
        WarningSign(text="Short nights", rule=WarningRule(item="sleep", comparison="<=", threshold=5)),
        WarningSign(text="Less than usual", rule=WarningRule(item="sleep", kind=RuleKind.BASELINE, comparison="<=",
                                                             threshold=2, window=5)),
        WarningSign(text="Stress", rule=WarningRule(item="stress", threshold=8)),
        WarningSign(text="No rule")])
    checkins = [CheckIn(at=at(END - timedelta(days=i)), values={"sleep": 7}) for i in range(5, 33)]
    marks = item_marks(Profile(plan=plan), SLEEP, RuleInputs(checkins, [SLEEP]), END)
    assert [(m.value, m.sign) for m in marks] == [(5, "Short nights"), (5, "Less than usual")]  # usual 7, minus 2
    assert "your usual is 7 hours" in marks[1].rule
    assert item_marks(Profile(plan=plan), SLEEP, RuleInputs([], [SLEEP]), END)[1:] == []  # no usual yet: no line


def test_day_states_keep_the_worst_of_each_bucket_and_none_for_no_answer() -> None:
    from imr_tui.insights.trends import day_states

    s = day_states({END: 0, END - timedelta(days=1): 2, END - timedelta(days=5): 1}, END, 30)
    assert s.points[-6:] == [1, None, None, None, 2, 0] and s.answered == 3 and s.count(2) == 1
    weeks = day_states({END: 0, END - timedelta(days=1): 2}, END, 365)
    assert len(weeks.points) == 53 and weeks.points[-1] == 2 and weeks.points[0] is None


def test_month_weeks_start_on_monday_and_leave_other_months_out() -> None:
    from imr_tui.insights.trends import month_weeks

    weeks = month_weeks(date(2026, 11, 1))
    assert weeks[0][:6] == [None] * 6 and weeks[0][6] == date(2026, 11, 1)  # 1 Nov 2026 is a Sunday
    assert weeks[-1][0] == date(2026, 11, 30) and weeks[-1][1:] == [None] * 6
