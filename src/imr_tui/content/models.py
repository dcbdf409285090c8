"""Pydantic models for the curriculum files in content/modules/.

One YAML file per module. The header keys (number, id, title, summary, learn) come
before `lessons:` so the module index can be read without parsing every lesson.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from imr_tui.domain.saves_to import SavesTo  # where a reflection answer also goes (defined with its words in domain)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Check(_Strict):
    """A check of understanding: one question, three or four choices (the editorial rule in audit.py),
    one right answer, and for every choice a line of feedback that says why it is right or not."""

    id: Slug
    question: Text
    choices: list[Text] = Field(min_length=2, max_length=5)
    answer: int = Field(ge=0, description="Index (from 0) of the right choice.")
    why: Text = Field(description="Why that answer is right, shown after any answer.")
    feedback: list[Text] = Field(default_factory=list,
                                 description="One line per choice, in the same order: why that choice is right or not.")
    scenario: bool = Field(default=False, description="A short story question about a person (\"Ana has slept ...\").")

    @model_validator(mode="after")
    def _answer_in_range(self) -> Check:
        if self.answer >= len(self.choices):
            raise ValueError(f"answer {self.answer} is not one of the {len(self.choices)} choices (count from 0)")
        if self.feedback and len(self.feedback) != len(self.choices):
            raise ValueError(f"feedback has {len(self.feedback)} lines for {len(self.choices)} choices (one per choice)")
        return self


class Reflection(_Strict):
    """A question the person answers in their own words."""

    id: Slug
    prompt: Text
    saves_to: SavesTo = SavesTo.NONE
    hint: str = ""


class Practice(_Strict):
    """A home practice option the person can choose."""

    id: Slug
    text: Text


class LessonKind(StrEnum):
    """A module's ordinary lessons, its one made-up recovery story, and its page for supporters."""

    LESSON = "lesson"
    STORY = "story"  # a composite recovery story, clearly labelled as made up
    SUPPORTERS = "supporters"  # "For supporters": what the module is about, how to help, what not to do


class Lesson(_Strict):
    id: Slug
    title: Text
    kind: LessonKind = LessonKind.LESSON
    pages: list[Text] = Field(min_length=1, description="Markdown, one string per page.")
    checks: list[Check] = Field(default_factory=list)
    reflections: list[Reflection] = Field(default_factory=list)
    practice: list[Practice] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Lesson:
        seen: set[str] = set()
        items: list[Check | Reflection | Practice] = [*self.checks, *self.reflections, *self.practice]
        for item in items:
            if item.id in seen:
                raise ValueError(f"id {item.id!r} is used twice in lesson {self.id!r}")
            seen.add(item.id)
        return self


class ModuleHeader(_Strict):
    """What the module index needs: everything but the lessons."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    number: int = Field(ge=1, le=99)
    id: Slug
    title: Text
    summary: Text
    learn: list[Text] = Field(min_length=1, description="What you will learn, one line each.")


class Module(ModuleHeader):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lessons: list[Lesson] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_lessons(self) -> Module:
        ids = [lesson.id for lesson in self.lessons]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"lesson ids used twice: {', '.join(dupes)}")
        return self
