"""Lesson progress, answers, home practice and self-checks (progress.json)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from imr_tui.domain.lists import replace

if TYPE_CHECKING:
    from imr_tui.domain.profile import RelapsePlanBody


class LessonProgress(BaseModel):
    model_config = ConfigDict(extra="allow")

    module_id: str
    lesson_id: str
    page: int = Field(default=0, ge=0)
    done: bool = False
    updated: AwareDatetime | None = None


class Answer(BaseModel):
    """A check answered (choice) or a reflection written (text)."""

    model_config = ConfigDict(extra="allow")

    module_id: str
    lesson_id: str
    item_id: str
    choice: int | None = None
    correct: bool | None = None
    text: str = Field(default="", max_length=10_000)
    parts: dict[str, str] = Field(default_factory=dict)  # a reflection's other boxes (domain.reflections.PARTS)
    at: AwareDatetime


class HomePractice(BaseModel):
    model_config = ConfigDict(extra="allow")

    module_id: str
    lesson_id: str
    practice_id: str
    text: str
    chosen_on: date
    due: date | None = None
    done_on: date | None = None
    how_it_went: str = Field(default="", max_length=500)  # a line in the person's words, when done

    def overdue(self, today: date) -> bool:
        """Not done, and its day has passed."""
        return self.done_on is None and self.due is not None and self.due < today

    def same(self, other: HomePractice) -> bool:
        """The same choice of practice (a lesson's practice may be chosen again after it was done)."""
        return (self.module_id, self.lesson_id, self.practice_id, self.chosen_on) == (
            other.module_id, other.lesson_id, other.practice_id, other.chosen_on)


class Slip(BaseModel):
    """A time the person used alcohol or drugs when they did not want to, in their own words."""

    model_config = ConfigDict(extra="allow")

    on: date
    what_happened: str = Field(default="", max_length=2000)
    try_next: str = Field(default="", max_length=2000)  # what to try next time
    in_plan: bool = False  # what to try next time was added to the relapse prevention plan
    at: AwareDatetime | None = None  # when it was written down


class SelfCheck(BaseModel):
    """The 3-monthly progress self-check: 15 topics rated 1 (worst) to 5 (best)."""

    model_config = ConfigDict(extra="allow")

    at: AwareDatetime
    answers: dict[str, int] = Field(default_factory=dict)


class QuestionnaireResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str  # "phq9" or "gad7"
    at: AwareDatetime
    answers: list[int] = Field(default_factory=list)
    total: int | None = None


class Progress(BaseModel):
    model_config = ConfigDict(extra="allow")

    lessons: list[LessonProgress] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    practice: list[HomePractice] = Field(default_factory=list)
    self_checks: list[SelfCheck] = Field(default_factory=list)
    questionnaires: list[QuestionnaireResult] = Field(default_factory=list)
    dismissed_signs: dict[str, date] = Field(default_factory=dict)  # warning sign id -> day it was dismissed
    slips: list[Slip] = Field(default_factory=list)
    coping_skipped: list[str] = Field(default_factory=list)  # ideas from the lessons the person chose to skip

    def put_answer(self, answer: Answer) -> None:
        """Keep the newest answer to a check or reflection (it replaces the earlier one)."""
        replace(self.answers, answer, _same_item)

    def choose_practice(self, chosen: HomePractice) -> None:
        """Changing one's mind replaces the earlier choice from this lesson (if not done yet)."""
        replace(self.practice, chosen, _same_open_practice)

    def finish_practice(self, practice: HomePractice, on: date, how_it_went: str = "") -> bool:
        """Mark this practice done on `on`, with a line on how it went. False if it is no longer there."""
        for p in self.practice:
            if p.same(practice):
                p.done_on = on
                p.how_it_went = " ".join(how_it_went.split())[:500]
                return True
        return False

    def practised(self, module_id: str, lesson_id: str) -> list[HomePractice]:
        """The practice done from this lesson, the latest first."""
        done = [p for p in self.practice if (p.module_id, p.lesson_id) == (module_id, lesson_id) and p.done_on]
        return sorted(done, key=lambda p: p.done_on or date.min, reverse=True)

    def lesson(self, module_id: str, lesson_id: str) -> LessonProgress | None:
        for lp in self.lessons:
            if lp.module_id == module_id and lp.lesson_id == lesson_id:
                return lp
        return None


def _same_item(old: Answer, new: Answer) -> bool:
    return (old.module_id, old.lesson_id, old.item_id) == (new.module_id, new.lesson_id, new.item_id)


def _same_open_practice(old: HomePractice, new: HomePractice) -> bool:
    return (old.module_id, old.lesson_id) == (new.module_id, new.lesson_id) and old.done_on is None


def slip_to_plan(plan: RelapsePlanBody, slip: Slip) -> None:
    """Put a slip in the relapse prevention plan: what happened as a trigger, what to try next time as how to
    handle it (a trigger already there with the same words gets this way to handle it)."""
    from imr_tui.domain.lists import add_once
    from imr_tui.domain.profile import Trigger, same_texts

    text = " ".join(slip.what_happened.split())[:500]
    if not text:
        return
    trigger = add_once(plan.triggers, Trigger(text=text), same_texts)
    if slip.try_next.strip():
        trigger.how_to_handle = " ".join(slip.try_next.split())[:2000]
