"""Where a lesson's reflection answer goes in the profile (goal, relapse prevention plan, toolbox, plans).

The curriculum names the target of each reflection (`saves_to` in the module files, domain.saves_to.SavesTo).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final, TypeVar

from imr_tui.domain.lists import add_once, same_text
from imr_tui.domain.profile import (
    ActionStep,
    CopingStrategy,
    EmergencyContact,
    Goal,
    GoalStep,
    PersonalPlanItem,
    Profile,
    Supporter,
    Trigger,
    WarningSign,
    same_names,
    same_texts,
)
from imr_tui.domain.saves_to import SavesTo

T = TypeVar("T")

DEFAULT_GOAL_TEXT: Final = "My recovery goal"
DEFAULT_SOURCE: Final = "lesson"
MAX_ITEM_CHARS: Final = 500  # the longest text a profile item holds (see profile.Short)


MAIN: Final = "text"  # the part every answer has: the lesson's Answer.text


@dataclass(frozen=True)
class AnswerPart:
    """One box of a reflection answer: the field it fills (MAIN, or another field of the same entry)."""

    key: str
    label: str
    max_chars: int = MAX_ITEM_CHARS
    optional: bool = False


ANSWER: Final = (AnswerPart(MAIN, "Your answer"),)
PARTS: Final[dict[SavesTo, tuple[AnswerPart, ...]]] = {
    SavesTo.TRIGGER: (AnswerPart(MAIN, "The trigger"),
                      AnswerPart("how_to_handle", "How you could avoid or handle it", 2000, optional=True)),
    SavesTo.SUPPORTER: (AnswerPart(MAIN, "Who"), AnswerPart("how_they_help", "How they can help", 2000, optional=True)),
    SavesTo.EMERGENCY_CONTACT: (AnswerPart(MAIN, "Who"),
                                AnswerPart("contact", "Phone number or email", 200, optional=True)),
}


def answer_parts(saves_to: SavesTo | str) -> tuple[AnswerPart, ...]:
    """The boxes a reflection asks for, in order: one for most answers; for an answer that fills a part of
    the plan with more than one field (a trigger and how to handle it), one box per field."""
    try:
        return PARTS.get(SavesTo(saves_to), ANSWER)
    except ValueError:
        return ANSWER


def clean_text(text: str) -> str:
    """One line, single spaces, at most MAX_ITEM_CHARS characters ("" when there is nothing to save)."""
    return " ".join(text.split())[:MAX_ITEM_CHARS].strip()


def _same_open_step(old: GoalStep, new: GoalStep) -> bool:
    return not old.done and same_text(old.text, new.text)


def _goal_source(goal: Goal) -> str | None:
    extra = goal.model_extra or {}
    source = extra.get("source")
    return source if isinstance(source, str) else None


def _new_goal(text: str, today: date, source: str) -> Goal:
    return Goal.model_validate({"text": text, "created": today, "source": source})


def _fill(entry: object, parts: Mapping[str, str], saves_to: SavesTo) -> None:
    """Set the other fields of an entry from the answer's other boxes (an empty box changes nothing)."""
    for part in answer_parts(saves_to)[1:]:
        value = " ".join(parts.get(part.key, "").split())[:part.max_chars].strip()
        if value:
            setattr(entry, part.key, value)


def _put(entries: list[T], new: T, same: Callable[[T, T], bool], parts: Mapping[str, str], saves_to: SavesTo) -> None:
    _fill(add_once(entries, new, same), parts, saves_to)


def apply_reflection(profile: Profile, saves_to: SavesTo | str, text: str, today: date, *,
                     source: str = DEFAULT_SOURCE, now: datetime | None = None,
                     parts: Mapping[str, str] | None = None) -> Profile:
    """Return a copy of `profile` with the answer added where `saves_to` says.

    - goal: becomes the active goal. If the active goal came from the same `source` (e.g. the same
      reflection answered again), its text is updated instead of adding a second goal.
    - goal_step: a step of the active goal ("My recovery goal" is created when there is none).
    - trigger: the plan's triggers and the person's trigger list.
    - supporter: the plan's supporters and the person's supporter list (the text is the name).
    - warning_sign, action_step, emergency_contact: that part of the relapse prevention plan.
    - coping_strategy, stress_plan, sobriety_plan: the toolbox, the stress plan, the sobriety plan.
    - none: nothing changes.

    Text that is already in a list (ignoring case) is not added twice. Empty or blank text changes
    nothing. `parts` holds the answer's other boxes (see `answer_parts`): how to handle a trigger, how
    a supporter helps, an emergency contact's phone; each fills that field of the entry (new or found).
    `source` names where the answer came from (e.g. "module/lesson/reflection"); `now` is the time stored
    on stress and sobriety plan lines (by default the start of `today`).

    Raises ValueError for a target name that is not a SavesTo value.
    """
    try:
        target = SavesTo(saves_to)
    except ValueError:
        names = ", ".join(sorted(SavesTo))
        raise ValueError(f"unknown reflection target {saves_to!r} (expected one of: {names})") from None
    item = clean_text(text)
    if target is SavesTo.NONE or not item:
        return profile
    p = profile.model_copy(deep=True)
    more = parts or {}

    if target is SavesTo.GOAL:
        active = p.active_goal()
        if active is not None and _goal_source(active) == source:
            active.text = item
        elif active is None or not same_text(active.text, item):
            p.goals.insert(0, _new_goal(item, today, source))  # the first goal not archived is the active one
    elif target is SavesTo.GOAL_STEP:
        goal = p.active_goal()
        if goal is None:
            goal = _new_goal(DEFAULT_GOAL_TEXT, today, source)
            p.goals.insert(0, goal)
        add_once(goal.steps, GoalStep(text=item), _same_open_step)  # a done step may come back
    elif target is SavesTo.TRIGGER:
        _put(p.plan.triggers, Trigger(text=item), same_texts, more, target)
        _put(p.triggers, Trigger(text=item), same_texts, more, target)
    elif target is SavesTo.WARNING_SIGN:
        add_once(p.plan.warning_signs, WarningSign(text=item), same_texts)
    elif target is SavesTo.ACTION_STEP:
        add_once(p.plan.action_steps, ActionStep(text=item), same_texts)
    elif target is SavesTo.SUPPORTER:
        _put(p.plan.supporters, Supporter(name=item), same_names, more, target)
        _put(p.supporters, Supporter(name=item), same_names, more, target)
    elif target is SavesTo.EMERGENCY_CONTACT:
        _put(p.plan.emergency_contacts, EmergencyContact(name=item), same_names, more, target)
    elif target is SavesTo.COPING_STRATEGY:
        add_once(p.strategies, CopingStrategy(text=item), same_texts)
    elif target in (SavesTo.STRESS_PLAN, SavesTo.SOBRIETY_PLAN):
        added = now or datetime.combine(today, time())
        add_once(p.stress_plan if target is SavesTo.STRESS_PLAN else p.sobriety_plan,
                 PersonalPlanItem(text=item, added=added), same_texts)
    return p
