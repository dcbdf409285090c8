"""apply_reflection puts a lesson answer where the curriculum says, once, and never crashes on odd text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from imr_tui.content import models
from imr_tui.domain.profile import Goal, GoalStep, Profile, Trigger
from imr_tui.domain.reflections import DEFAULT_GOAL_TEXT, MAX_ITEM_CHARS, apply_reflection
from imr_tui.domain.saves_to import SavesTo

TODAY = date(2026, 11, 20)


def _apply(profile: Profile, target: str, text: str, source: str = "lesson", now: datetime | None = None) -> Profile:
    new = apply_reflection(profile, target, text, TODAY, source=source, now=now)
    Profile.model_validate(new.model_dump(mode="json"))  # what the store would write stays valid
    return new


def test_the_content_schema_uses_the_domain_targets_and_each_has_plain_words() -> None:
    assert models.SavesTo is SavesTo and models.Reflection.model_fields["saves_to"].annotation is SavesTo
    assert SavesTo.NONE.label == ""
    labels = [t.label for t in SavesTo if t is not SavesTo.NONE]
    assert all(label.startswith("your ") for label in labels) and len(set(labels)) == len(labels)
    assert SavesTo("trigger").label == "your relapse prevention plan, as a trigger"


def test_accepts_the_content_enum_as_well_as_a_string() -> None:
    a = apply_reflection(Profile(), SavesTo.TRIGGER, "Payday", TODAY)
    b = apply_reflection(Profile(), "trigger", "Payday", TODAY)
    assert [t.text for t in a.plan.triggers] == [t.text for t in b.plan.triggers] == ["Payday"]


def test_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reflection target"):
        apply_reflection(Profile(), "diary", "text", TODAY)


def test_none_changes_nothing() -> None:
    p = Profile()
    assert _apply(p, "none", "Keep my flat") == Profile()


@pytest.mark.parametrize("target", sorted(t.value for t in SavesTo))
@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_changes_nothing(target: str, text: str) -> None:
    assert _apply(Profile(), target, text) == Profile()


def test_the_input_profile_is_not_changed() -> None:
    p = Profile()
    _apply(p, "trigger", "Late nights")
    assert p == Profile()


def test_goal_creates_the_active_goal() -> None:
    p = _apply(Profile(), "goal", "  Find a part-time job  ")
    goal = p.active_goal()
    assert goal is not None and goal.text == "Find a part-time job" and goal.created == TODAY


def test_goal_from_the_same_source_updates_its_text() -> None:
    p = _apply(Profile(), "goal", "Find a job", source="m1/l2/my-goal")
    p = _apply(p, "goal", "Find a part-time job", source="m1/l2/my-goal")
    assert [g.text for g in p.goals] == ["Find a part-time job"]


def test_goal_from_another_source_becomes_the_active_goal_and_keeps_the_old_one() -> None:
    p = Profile(goals=[Goal(text="Walk every day")])
    p = _apply(p, "goal", "Go back to college", source="m1/l2/my-goal")
    active = p.active_goal()
    assert active is not None and active.text == "Go back to college"
    assert [g.text for g in p.goals] == ["Go back to college", "Walk every day"]


def test_goal_with_the_same_text_is_not_added_twice() -> None:
    p = Profile(goals=[Goal(text="Walk every day")])
    p = _apply(p, "goal", "walk every day", source="elsewhere")
    assert len(p.goals) == 1


def test_goal_step_is_added_to_the_active_goal() -> None:
    p = Profile(goals=[Goal(text="Old", archived=True), Goal(text="Find a job")])
    p = _apply(p, "goal_step", "Call the library on Tuesday")
    assert [s.text for s in p.goals[1].steps] == ["Call the library on Tuesday"]
    assert p.goals[0].steps == []


def test_goal_step_without_a_goal_creates_one() -> None:
    p = _apply(Profile(), "goal_step", "Call the library")
    goal = p.active_goal()
    assert goal is not None and goal.text == DEFAULT_GOAL_TEXT
    assert [s.text for s in goal.steps] == ["Call the library"]


def test_goal_step_duplicates_of_open_steps_are_skipped_but_a_done_one_can_come_back() -> None:
    p = Profile(goals=[Goal(text="Job", steps=[GoalStep(text="Call the library", done=True)])])
    p = _apply(p, "goal_step", "call the library")
    p = _apply(p, "goal_step", "CALL THE LIBRARY")
    assert [(s.text, s.done) for s in p.goals[0].steps] == [("Call the library", True), ("call the library", False)]


def test_trigger_goes_to_the_plan_and_the_trigger_list_once() -> None:
    p = Profile(triggers=[Trigger(text="Payday")])
    p = _apply(p, "trigger", "payday")
    p = _apply(p, "trigger", "Late nights")
    p = _apply(p, "trigger", "LATE NIGHTS")
    assert [t.text for t in p.plan.triggers] == ["payday", "Late nights"]
    assert [t.text for t in p.triggers] == ["Payday", "Late nights"]


def test_warning_sign() -> None:
    p = _apply(_apply(Profile(), "warning_sign", "Sleeping less"), "warning_sign", "sleeping less")
    assert [w.text for w in p.plan.warning_signs] == ["Sleeping less"]


def test_action_step() -> None:
    p = _apply(_apply(Profile(), "action_step", "Call my case manager"), "action_step", "Call my case manager ")
    assert [a.text for a in p.plan.action_steps] == ["Call my case manager"]


def test_supporter_goes_to_the_plan_and_the_supporter_list() -> None:
    p = _apply(Profile(), "supporter", "My sister, to text me if I seem quiet")
    p = _apply(p, "supporter", "my sister, to text me if I seem quiet")
    assert [s.name for s in p.plan.supporters] == ["My sister, to text me if I seem quiet"]
    assert [s.name for s in p.supporters] == ["My sister, to text me if I seem quiet"]


def test_emergency_contact() -> None:
    p = _apply(_apply(Profile(), "emergency_contact", "Crisis team"), "emergency_contact", "crisis team")
    assert [c.name for c in p.plan.emergency_contacts] == ["Crisis team"]


def test_coping_strategy() -> None:
    p = _apply(_apply(Profile(), "coping_strategy", "Take a walk"), "coping_strategy", "take a walk")
    assert [s.text for s in p.strategies] == ["Take a walk"]


def test_stress_plan_and_sobriety_plan() -> None:
    now = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    p = _apply(Profile(), "stress_plan", "Breathe slowly", now=now)
    p = _apply(p, "stress_plan", "breathe slowly")
    p = _apply(p, "sobriety_plan", "Avoid the pub")
    assert [(i.text, i.added) for i in p.stress_plan] == [("Breathe slowly", now)]
    assert [i.text for i in p.sobriety_plan] == ["Avoid the pub"]
    assert p.sobriety_plan[0].added is not None and p.sobriety_plan[0].added.date() == TODAY


def test_long_and_multiline_text_is_kept_valid() -> None:
    p = _apply(Profile(), "trigger", "a\nb   c " + "x" * 2000)
    assert p.plan.triggers[0].text.startswith("a b c x") and len(p.plan.triggers[0].text) == MAX_ITEM_CHARS


def test_markup_text_is_stored_as_typed() -> None:
    p = _apply(Profile(), "coping_strategy", "[bold]x[/x]")
    assert p.strategies[0].text == "[bold]x[/x]"


def test_a_trigger_answer_asks_for_the_trigger_then_how_to_handle_it_and_fills_both() -> None:
    from imr_tui.domain.reflections import answer_parts

    parts = answer_parts("trigger")
    assert [p.key for p in parts] == ["text", "how_to_handle"] and parts[1].optional
    assert [p.key for p in answer_parts(SavesTo.SUPPORTER)] == ["text", "how_they_help"]
    assert [p.key for p in answer_parts(SavesTo.EMERGENCY_CONTACT)] == ["text", "contact"]
    assert [p.key for p in answer_parts(SavesTo.GOAL)] == ["text"]
    p = _apply_parts(Profile(), "trigger", "Family visits", {"how_to_handle": "Keep them short,\n take a walk"})
    assert [(t.text, t.how_to_handle) for t in p.plan.triggers] == [("Family visits", "Keep them short, take a walk")]
    assert [(t.text, t.how_to_handle) for t in p.triggers] == [("Family visits", "Keep them short, take a walk")]
    # answered again with a new way to handle it: the same trigger, its handling updated; an empty box keeps it
    p = _apply_parts(p, "trigger", "family visits", {"how_to_handle": "Leave after an hour"})
    assert [(t.text, t.how_to_handle) for t in p.plan.triggers] == [("Family visits", "Leave after an hour")]
    p = _apply_parts(p, "trigger", "Family visits", {"how_to_handle": "  "})
    assert p.plan.triggers[0].how_to_handle == "Leave after an hour"
    s = _apply_parts(Profile(), "supporter", "My sister", {"how_they_help": "calls on hard days"})
    assert [(x.name, x.how_they_help) for x in s.plan.supporters] == [("My sister", "calls on hard days")]
    e = _apply_parts(Profile(), "emergency_contact", "Crisis team", {"contact": "555-0100" * 40})
    assert len(e.plan.emergency_contacts[0].contact) == 200  # cut to what the field holds


def _apply_parts(profile: Profile, target: str, text: str, parts: dict[str, str]) -> Profile:
    new = apply_reflection(profile, target, text, TODAY, parts=parts)
    Profile.model_validate(new.model_dump(mode="json"))
    return new
