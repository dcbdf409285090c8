"""Goals, the relapse prevention plan (with its suicide safety plan), triggers, coping strategies and supporters
(profile.json)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Protocol

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from imr_tui.domain.checkin import ItemId, Medication, new_id
from imr_tui.domain.lists import add_once, find, same_text, unique

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)


class Trigger(_Record):
    """Something that has set off symptoms or use before, and how to avoid or handle it."""

    text: Short
    how_to_handle: str = Field(default="", max_length=2000)


class CopingStrategy(_Record):
    text: Short
    notes: str = Field(default="", max_length=2000)


class Supporter(_Record):
    """Someone the person wants to help, and how."""

    name: Short
    how_they_help: str = Field(default="", max_length=2000)
    contact: str = Field(default="", max_length=200)


class EmergencyContact(_Record):
    name: Short
    contact: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=500)


class Comparison(StrEnum):
    AT_LEAST = ">="
    AT_MOST = "<="


class RuleKind(StrEnum):
    THRESHOLD = "threshold"  # an item's value compared with a fixed number
    BASELINE = "baseline"  # an item's value compared with the person's own median of the last `baseline_days`
    MEDICATION = "medication"  # the day's medicine answer: not taken (or partly taken)
    SUBSTANCE = "substance"  # alcohol or drug use that day: any use, or an amount at or over `threshold`


ITEM_KINDS = frozenset({RuleKind.THRESHOLD, RuleKind.BASELINE})  # the kinds that watch a check-in item


class WarningRule(BaseModel):
    """Watches check-ins: the sign fires when the condition holds on `days` of the last `window` days.

    Days with no check-in never count toward firing. THRESHOLD and BASELINE watch the check-in item
    `item`; MEDICATION watches the medicine answer (`medication`: PARTLY means partly or not taken,
    MISSED means not taken); SUBSTANCE watches the alcohol and drugs listed (`substance`: a name the
    use must contain, "" for any) and the yes/no "use" item: any use when `threshold` is 0, else an
    amount in a day at or over `threshold` (see domain.summary.day_amounts).
    """

    model_config = ConfigDict(extra="allow")

    item: ItemId | None = None
    kind: RuleKind = RuleKind.THRESHOLD
    comparison: Comparison = Comparison.AT_LEAST
    threshold: float = 0  # THRESHOLD: the number; BASELINE: distance from the median (>= 0); SUBSTANCE: amount
    days: int = Field(default=3, ge=1, le=90)
    window: int = Field(default=5, ge=1, le=90)
    baseline_days: int = Field(default=28, ge=7, le=365)
    medication: Medication = Medication.PARTLY
    substance: str = Field(default="", max_length=80)

    @model_validator(mode="after")
    def _days_in_window(self) -> WarningRule:
        if self.days > self.window:
            raise ValueError(f"a rule cannot need {self.days} days out of only the last {self.window}")
        if self.kind is RuleKind.BASELINE and self.threshold < 0:
            raise ValueError("a baseline rule's distance from the usual value must be 0 or more")
        if self.kind in ITEM_KINDS and self.item is None:
            raise ValueError("a rule on a check-in item needs the item it watches")
        if self.kind is RuleKind.MEDICATION and self.medication not in (Medication.PARTLY, Medication.MISSED):
            raise ValueError("a medicine rule watches for 'partly' or 'no' (not taken)")
        if self.kind is RuleKind.SUBSTANCE and self.threshold < 0:
            raise ValueError("an amount to watch for must be 0 (any use) or more")
        return self


class WarningSign(_Record):
    text: Short
    rule: WarningRule | None = None


class ActionStep(_Record):
    text: Short


@dataclass(frozen=True)
class SafetyStep:
    """One step of the suicide safety plan: the field it is kept in, and the words the form and exports use."""

    key: str
    title: str
    question: str
    example: str


# The steps of a suicide safety plan, in the order they are used (Stanley-Brown safety planning, in our
# own words), then the person's reason for living. Each step holds short lines in the person's words.
SAFETY_STEPS: tuple[SafetyStep, ...] = (
    SafetyStep("warning_signs", "My warning signs",
               "What thoughts, moods or situations tell you that a crisis may be coming?",
               "For example: I stop answering my phone"),
    SafetyStep("on_my_own", "Things I can do on my own",
               "What can you do on your own to take your mind off things and feel a little better?",
               "For example: a hot shower, loud music, a walk"),
    SafetyStep("distractions", "People and places that take my mind off things",
               "Who can you be with, or where can you go, to take your mind off things?",
               "For example: the library, coffee with my cousin"),
    SafetyStep("ask_for_help", "People I can ask for help",
               "Who can you ask for help when it gets hard? Add their phone numbers.",
               "For example: my brother Sam, 555 0134"),
    SafetyStep("professionals", "Professionals and services to contact",
               "Which care team members or crisis lines can you call? Add their numbers.",
               "For example: my case manager, 555 0100"),
    SafetyStep("safer_surroundings", "Making my surroundings safer",
               "How can you make your home safer? Think of medicines, firearms, alcohol and drugs: "
               "kept away, or held by someone you trust.",
               "For example: my sister keeps my extra pills"),
    SafetyStep("reason_for_living", "My reason for living",
               "What matters most to you, and is worth living for?",
               "For example: my daughter, my dog, seeing the sea again"),
)
SAFETY_STEP_KEYS: tuple[str, ...] = tuple(s.key for s in SAFETY_STEPS)

SAFETY_LINE_MAX = 500  # characters in one line (as for every short text of the plan)
SAFETY_LINES_MAX = 50  # lines in one step


def _lines() -> Any:
    return Field(default_factory=list, max_length=SAFETY_LINES_MAX)


def clean_lines(lines: list[str]) -> list[str]:
    """The lines a step keeps: blank lines dropped, spaces inside a line made single."""
    return [" ".join(line.split()) for line in lines if line.strip()]


def safety_lines_problem(lines: list[str]) -> str | None:
    """Why these lines cannot be kept as one step, in plain words; None when they can."""
    kept = clean_lines(lines)
    if len(kept) > SAFETY_LINES_MAX:
        return f"a step can have at most {SAFETY_LINES_MAX} lines; this one has {len(kept)}"
    for n, line in enumerate(kept, 1):
        if len(line) > SAFETY_LINE_MAX:
            return f"line {n} has {len(line)} characters; a line can have at most {SAFETY_LINE_MAX}"
    return None


class SafetyPlan(BaseModel):
    """A suicide safety plan: short lines in the person's own words for each step of SAFETY_STEPS.

    Made when calm, used in order when thoughts of suicide come. A step left empty was skipped.
    """

    model_config = ConfigDict(extra="allow")

    warning_signs: list[Short] = _lines()
    on_my_own: list[Short] = _lines()
    distractions: list[Short] = _lines()
    ask_for_help: list[Short] = _lines()
    professionals: list[Short] = _lines()
    safer_surroundings: list[Short] = _lines()
    reason_for_living: list[Short] = _lines()
    updated_on: date | None = None

    def lines(self, key: str) -> list[str]:
        if key not in SAFETY_STEP_KEYS:
            raise KeyError(key)
        return list(getattr(self, key))

    def with_lines(self, key: str, lines: list[str]) -> SafetyPlan:
        """A copy with one step's lines replaced (blank lines dropped, each line stripped)."""
        if key not in SAFETY_STEP_KEYS:
            raise KeyError(key)
        return SafetyPlan.model_validate({**self.model_dump(mode="json"), key: clean_lines(lines)})

    def filled(self) -> list[tuple[SafetyStep, list[str]]]:
        """The steps that have something written, in order."""
        return [(s, self.lines(s.key)) for s in SAFETY_STEPS if self.lines(s.key)]

    def is_empty(self) -> bool:
        return not self.filled()


class RelapsePlanBody(BaseModel):
    """The five IMR elements of a relapse prevention plan, covering mental health and substance use, and the
    suicide safety plan as its own part."""

    model_config = ConfigDict(extra="allow")

    triggers: list[Trigger] = Field(default_factory=list)
    warning_signs: list[WarningSign] = Field(default_factory=list)
    action_steps: list[ActionStep] = Field(default_factory=list)
    supporters: list[Supporter] = Field(default_factory=list)
    emergency_contacts: list[EmergencyContact] = Field(default_factory=list)
    safety_plan: SafetyPlan = Field(default_factory=SafetyPlan)
    reviewed_on: date | None = None


class PlanVersion(BaseModel):
    model_config = ConfigDict(extra="allow")

    saved_at: AwareDatetime
    plan: RelapsePlanBody


class RelapsePlan(RelapsePlanBody):
    history: list[PlanVersion] = Field(default_factory=list)


class GoalStep(_Record):
    text: Short
    due: date | None = None
    done: bool = False
    done_on: date | None = None


class FollowUp(_Record):
    on: date
    went_well: str = Field(default="", max_length=2000)
    got_in_way: str = Field(default="", max_length=2000)
    next_step: str = Field(default="", max_length=2000)


class ProblemIdea(BaseModel):
    """One idea for solving a problem, with what is good and bad about it.

    The texts here have no length limit: the form never had one, and what it saved must load."""

    model_config = ConfigDict(extra="allow")

    idea: str
    good: str = ""
    bad: str = ""


class SolvedProblem(BaseModel):
    """A finished problem-solving plan for a stuck step, kept on the goal to look back on.

    Stored as the goal's `problem_solving` list, in the form it had as an undeclared extra key
    (before it was typed), so files written then load unchanged."""

    model_config = ConfigDict(extra="allow")

    problem: str
    ideas: list[ProblemIdea] = Field(default_factory=list)
    chosen: str = ""
    steps: list[str] = Field(default_factory=list)
    review_on: date | None = None  # the day to look back: did the plan help?
    on: date | None = None  # the day it was made
    step_id: str = ""  # the stuck step it was made for
    session: str = ""  # one id per piece of work (see Goal.keep_problem_draft)


DEFAULT_REVIEW_TEXT = "+7"  # a new plan suggests looking back a week later


class ProblemDraft(BaseModel):
    """An unfinished problem-solving form, as typed (the dates are the words typed, not yet read).

    Stored as the goal's `problem_draft`, in the form it had as an undeclared extra key."""

    model_config = ConfigDict(extra="allow")

    stage: int = 0  # the part of the method the person was on
    problem: str = ""
    ideas: str = ""  # one idea a line
    weigh: dict[str, tuple[str, str]] = Field(default_factory=dict)  # idea -> (good, bad)
    chosen: str = ""
    steps: str = ""  # one step a line
    start: str = ""
    review: str = DEFAULT_REVIEW_TEXT
    step_id: str = ""
    session: str = ""

    @field_validator("weigh", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        """[good] or [] (a row only partly read) stands for [good, ""]: nothing typed is dropped."""
        if isinstance(value, dict):
            return {k: [*v, "", ""][:2] if isinstance(v, list) and len(v) < 2 else v for k, v in value.items()}
        return value


LOOK_BACK_STEP = 'Look back: did my plan for "{problem}" help?'


class Goal(_Record):
    text: Short
    why: str = Field(default="", max_length=2000)
    created: date | None = None
    steps: list[GoalStep] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    archived: bool = False
    reached_on: date | None = None
    problem_solving: list[SolvedProblem] = Field(default_factory=list)
    problem_draft: ProblemDraft | None = None

    def next_step(self) -> GoalStep | None:
        open_steps = [s for s in self.steps if not s.done]
        dated = sorted((s for s in open_steps if s.due), key=lambda s: s.due or date.max)
        return dated[0] if dated else (open_steps[0] if open_steps else None)

    def draft_for(self, step_id: str) -> ProblemDraft | None:
        """The unfinished problem-solving form for this step, if there is one."""
        draft = self.problem_draft
        return draft if draft is not None and draft.step_id == step_id else None

    def keep_problem_draft(self, draft: ProblemDraft) -> bool:
        """Keep the unfinished form, unless its session was finished already: a draft saved after the
        final save (they run one after the other, in any order) must not bring the draft back."""
        if draft.session and any(s.session == draft.session for s in self.problem_solving):
            return False
        self.problem_draft = draft
        return True

    def finish_problem(self, solved: SolvedProblem, start: date | None) -> int:
        """The plan's steps become steps of the goal (the first one due on `start`), then a step to look
        back on the review day; the plan is kept and the draft removed. Returns how many steps were added."""
        for n, text in enumerate(solved.steps):
            self.steps.append(GoalStep(text=text[:500], due=start if n == 0 else None))
        self.steps.append(GoalStep(text=LOOK_BACK_STEP.format(problem=solved.problem)[:500], due=solved.review_on))
        self.problem_solving.append(solved)
        self.problem_draft = None
        return len(solved.steps) + 1


class PersonalPlanItem(_Record):
    """A line of the stress plan (module 8) or the sobriety plan (module 6)."""

    text: Short
    added: datetime | None = None


class Profile(BaseModel):
    model_config = ConfigDict(extra="allow")

    goals: list[Goal] = Field(default_factory=list)
    plan: RelapsePlan = Field(default_factory=RelapsePlan)
    triggers: list[Trigger] = Field(default_factory=list)
    strategies: list[CopingStrategy] = Field(default_factory=list)
    supporters: list[Supporter] = Field(default_factory=list)
    stress_plan: list[PersonalPlanItem] = Field(default_factory=list)
    sobriety_plan: list[PersonalPlanItem] = Field(default_factory=list)

    def active_goal(self) -> Goal | None:
        for g in self.goals:
            if not g.archived:
                return g
        return None

    def all_triggers(self) -> list[Trigger]:
        """The plan's triggers and the person's own list, each text once."""
        return unique([*self.plan.triggers, *self.triggers], same_texts)

    def trigger_named(self, text: str) -> Trigger:
        """The trigger with this text (in the plan or the person's list), added to their list when new."""
        new = Trigger(text=text)
        found = find(self.all_triggers(), new, same_texts)
        return found if found is not None else add_once(self.triggers, new, same_texts)

    def strategy_named(self, text: str) -> CopingStrategy:
        """The coping strategy with this text, added to the toolbox when new."""
        return add_once(self.strategies, CopingStrategy(text=text), same_texts)


class _HasText(Protocol):
    @property
    def text(self) -> str: ...


def same_texts(a: _HasText, b: _HasText) -> bool:
    """Two entries with the same text (ignoring case and spacing)."""
    return same_text(a.text, b.text)


def same_names(a: Supporter | EmergencyContact, b: Supporter | EmergencyContact) -> bool:
    return same_text(a.name, b.name)
