"""Every domain model survives a JSON round trip, keeps unknown fields, and refuses bad values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import BaseModel, ValidationError

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, SubstanceUse, Worse, default_items
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import (
    ActionStep,
    CopingStrategy,
    EmergencyContact,
    FollowUp,
    Goal,
    GoalStep,
    Profile,
    RelapsePlan,
    Supporter,
    Trigger,
    WarningRule,
    WarningSign,
)
from imr_tui.domain.progress import Answer, HomePractice, LessonProgress, Progress, QuestionnaireResult, SelfCheck
from imr_tui.domain.settings import Settings
from imr_tui.domain.summary import DAY_SUMMARY_RULE, day_values

AT = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def _samples() -> list[BaseModel]:
    plan = RelapsePlan(
        triggers=[Trigger(text="Late nights", how_to_handle="Phone off at 11")],
        warning_signs=[WarningSign(text="Sleeping less", rule=WarningRule(item="sleep", comparison="<=", threshold=5))],
        action_steps=[ActionStep(text="Call my case manager")],
        supporters=[Supporter(name="Ana", how_they_help="Tells me", contact="555")],
        emergency_contacts=[EmergencyContact(name="Crisis team", contact="555-0100")],
        reviewed_on=date(2026, 10, 1),
    )
    return [
        CheckIn(at=AT, values={"mood": 3, "sleep": 6.5}, substances=[SubstanceUse(what="beer", amount="2")],
                medication=Medication.PARTLY, tags=["walk"], note="[bold]not bold[/bold]"),
        CheckInItem(id="pain", label="Pain", question="How much pain?", low=0, high=4, worse=Worse.HIGH),
        CopingUse(at=AT, strategy="Slow breathing", situation="bus", distress_before=8, distress_after=4),
        Goal(text="Part-time job", why="Money", steps=[GoalStep(text="CV", due=date(2026, 12, 1))],
             follow_ups=[FollowUp(on=date(2026, 11, 1), went_well="a", got_in_way="b", next_step="c")]),
        plan,
        Profile(goals=[Goal(text="x")], plan=plan, strategies=[CopingStrategy(text="Walk")]),
        Progress(lessons=[LessonProgress(module_id="m", lesson_id="l", page=2)],
                 answers=[Answer(module_id="m", lesson_id="l", item_id="c", choice=1, correct=True, at=AT)],
                 practice=[HomePractice(module_id="m", lesson_id="l", practice_id="p", text="t", chosen_on=AT.date())],
                 self_checks=[SelfCheck(at=AT, answers={"goal": 4})],
                 questionnaires=[QuestionnaireResult(name="phq9", at=AT, answers=[0] * 9, total=0)]),
        Settings(country="GB"),
    ]


@pytest.mark.parametrize("model", _samples(), ids=lambda m: type(m).__name__)
def test_json_round_trip(model: BaseModel) -> None:
    again = type(model).model_validate_json(model.model_dump_json())
    assert again == model


@pytest.mark.parametrize("model", _samples(), ids=lambda m: type(m).__name__)
def test_unknown_fields_are_kept(model: BaseModel) -> None:
    data = model.model_dump(mode="json")
    data["from_a_newer_version"] = {"keep": [1, 2]}
    again = type(model).model_validate(data)
    assert again.model_dump(mode="json")["from_a_newer_version"] == {"keep": [1, 2]}


def test_checkin_needs_an_aware_time() -> None:
    with pytest.raises(ValidationError):
        CheckIn(at=datetime(2026, 1, 1, 8, 0), values={})  # naive: which day would it be?


def test_item_scale_checks() -> None:
    mood = next(i for i in default_items() if i.id == "mood")
    assert mood.check_value(7) == 7
    with pytest.raises(ValueError, match="from 0 to 10"):
        mood.check_value(11)
    with pytest.raises(ValueError, match="whole number"):
        mood.check_value(6.5)
    sleep = next(i for i in default_items() if i.id == "sleep")
    assert sleep.check_value(6.5) == 6.5
    with pytest.raises(ValidationError):
        CheckInItem(id="x", label="X", question="?", low=5, high=1)
    with pytest.raises(ValidationError):
        CheckInItem(id="Bad Id", label="X", question="?")


def test_default_items_cover_the_architecture_list() -> None:
    ids = {i.id for i in default_items()}
    assert {"mood", "anxiety", "stress", "sleep", "sleep_quality", "voices", "energy", "concentration", "urge",
            "use"} <= ids
    worse = {i.id: i.worse for i in default_items()}
    assert worse["mood"] is Worse.LOW and worse["stress"] is Worse.HIGH and worse["sleep"] is Worse.LOW


def test_settings_refuse_duplicate_items() -> None:
    items = [*default_items(), default_items()[0]]
    with pytest.raises(ValidationError, match="used twice"):
        Settings(items=items)


def test_rule_cannot_need_more_days_than_its_window() -> None:
    with pytest.raises(ValidationError):
        WarningRule(item="sleep", days=6, window=5)


def test_coping_use_distress_is_0_to_10() -> None:
    with pytest.raises(ValidationError):
        CopingUse(at=AT, strategy="x", distress_before=11, distress_after=0)
    assert CopingUse(at=AT, strategy="x", distress_before=8, distress_after=3).drop == 5


def test_goal_next_step_is_the_earliest_due_open_step() -> None:
    g = Goal(text="g", steps=[GoalStep(text="a", due=date(2026, 12, 5)), GoalStep(text="b", due=date(2026, 12, 1)),
                              GoalStep(text="c", due=date(2026, 11, 1), done=True)])
    assert g.next_step() is not None and g.next_step().text == "b"  # type: ignore[union-attr]


def test_day_summary_takes_the_worst_value_and_never_invents_days() -> None:
    items = default_items()
    day = AT.date()
    cs = [CheckIn(at=AT, values={"mood": 6, "stress": 3}),
          CheckIn(at=AT + timedelta(hours=1), values={"mood": 4, "stress": 8}),
          CheckIn(at=AT + timedelta(days=2), values={"mood": 9})]
    v = day_values(cs, items)
    assert v["mood"][day] == 4  # lower mood is worse
    assert v["stress"][day] == 8  # higher stress is worse
    assert day + timedelta(days=1) not in v["mood"]  # a missing day is absent, not zero
    assert "worst" in DAY_SUMMARY_RULE


def test_demo_generator_is_seeded() -> None:
    from imr_tui.demo import generate

    a = generate(days=30, seed=3, end=date(2026, 1, 31), tz=UTC)
    b = generate(days=30, seed=3, end=date(2026, 1, 31), tz=UTC)
    c = generate(days=30, seed=4, end=date(2026, 1, 31), tz=UTC)
    assert a.checkins == b.checkins and a.coping == b.coping
    assert a.checkins != c.checkins
    assert all(x.at.date() <= date(2026, 1, 31) for x in a.checkins)
    assert 60 <= len(a.checkins) <= 110
