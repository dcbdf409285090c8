"""Lesson progress, answers, home practice and self-checks (progress.json)."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from imr_tui.domain.lists import replace


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

    def put_answer(self, answer: Answer) -> None:
        """Keep the newest answer to a check or reflection (it replaces the earlier one)."""
        replace(self.answers, answer, _same_item)

    def choose_practice(self, chosen: HomePractice) -> None:
        """Changing one's mind replaces the earlier choice from this lesson (if not done yet)."""
        replace(self.practice, chosen, _same_open_practice)

    def lesson(self, module_id: str, lesson_id: str) -> LessonProgress | None:
        for lp in self.lessons:
            if lp.module_id == module_id and lp.lesson_id == lesson_id:
                return lp
        return None


def _same_item(old: Answer, new: Answer) -> bool:
    return (old.module_id, old.lesson_id, old.item_id) == (new.module_id, new.lesson_id, new.item_id)


def _same_open_practice(old: HomePractice, new: HomePractice) -> bool:
    return (old.module_id, old.lesson_id) == (new.module_id, new.lesson_id) and old.done_on is None
