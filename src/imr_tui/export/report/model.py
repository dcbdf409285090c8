"""What a report holds: plain frozen dataclasses, one per section, and the section names.

Built by imr_tui.export.report.build, shown by .markdown and .pdf (the wording both share is in .text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from imr_tui.domain.checkin import Worse
from imr_tui.domain.format import number, with_unit
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.export.report.extra import PracticeSection, UseSection
from imr_tui.insights.coping import StrategyStats
from imr_tui.insights.trends import DaySeries, bucket, bucket_days_for, is_yes_no

SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck", "practice", "use",
                             "notes")
DEFAULT_SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck")
SECTION_TITLES: dict[str, str] = {
    "checkins": "Check-ins",
    "signs": "Warning signs",
    "coping": "Coping: triggers met and what helped",
    "goals": "Goal progress",
    "lessons": "Lessons done",
    "selfcheck": "Self-check results",
    "practice": "Home practice",
    "use": "Alcohol and drug use over time",
    "notes": "Notes",
}
MAX_DAYS = 366 * 100

LessonTitles = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class ItemSummary(DaySeries):
    """One check-in item over the period. `days` has one entry a day, oldest first; None: no value."""

    known: bool = True  # False: an item id found in the data but not in the person's settings

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def yes_no(self) -> bool:
        return is_yes_no(self.item)

    @property
    def yes_days(self) -> int:
        return sum(1 for v in self.present if v >= 1)

    def scale_text(self) -> str:
        if self.yes_no:
            return "yes or no"
        worse = "low is worse" if self.item.worse is Worse.LOW else "high is worse"
        return f"{number(self.item.low, 1)}-{with_unit(self.item.high, self.item.unit, 1)}, {worse}"

    def points(self, max_columns: int) -> tuple[int, list[float | None]]:
        """(days per point, the points): the days grouped so a chart has at most `max_columns` points."""
        size = bucket_days_for(len(self.days), max_columns)
        return size, (bucket(list(self.days), size) if size > 1 else list(self.days))


@dataclass(frozen=True)
class MedicationDays:
    """Days by their medication answer (the worst answer of the day: no, then partly, then yes)."""

    taken: int = 0
    partly: int = 0
    missed: int = 0
    not_prescribed: int = 0
    no_answer: int = 0  # days with a check-in but no medication answer

    @property
    def answered(self) -> int:
        return self.taken + self.partly + self.missed + self.not_prescribed


@dataclass(frozen=True)
class CheckinsSection:
    checkins: int
    days_with_checkin: int
    items: list[ItemSummary]
    medication: MedicationDays
    substance_days: int
    substances: list[tuple[str, int]]  # (what, days), most days first


@dataclass(frozen=True)
class SignResult:
    sign: str
    rule: str
    item_days_with_data: int  # days of the period on which the rule's item had a value
    days: list[date]  # the days of the period on which the sign fired

    def ranges(self) -> list[tuple[date, date]]:
        return day_ranges(self.days)


@dataclass(frozen=True)
class SignsSection:
    signs: list[SignResult]
    unwatched: list[str]  # signs the plan lists without a rule: the person watches them


@dataclass(frozen=True)
class TriggerHelp:
    trigger: str
    times: int
    strategies: list[StrategyStats]


@dataclass(frozen=True)
class CopingSection:
    uses: int
    days: int
    average_before: float | None
    average_after: float | None
    strategies: list[StrategyStats]
    triggers: list[TriggerHelp]
    not_linked: int  # uses not linked to a trigger


@dataclass(frozen=True)
class StepDone:
    text: str
    done_on: date


@dataclass(frozen=True)
class StepOpen:
    text: str
    due: date | None


@dataclass(frozen=True)
class GoalSummary:
    text: str
    archived: bool
    done: list[StepDone]
    open: list[StepOpen]
    follow_ups: int  # follow-ups dated in the period


@dataclass(frozen=True)
class GoalsSection:
    goals: list[GoalSummary]


@dataclass(frozen=True)
class LessonDone:
    module_id: str
    lesson_id: str
    title: str
    on: date


@dataclass(frozen=True)
class LessonsSection:
    done: list[LessonDone]
    done_ever: int  # lessons finished at any time (up to the end of the period)


@dataclass(frozen=True)
class SelfCheckResult:
    on: date
    answers: dict[str, int]

    @property
    def average(self) -> float | None:
        vals = list(self.answers.values())
        return sum(vals) / len(vals) if vals else None


@dataclass(frozen=True)
class SelfCheckSection:
    checks: list[SelfCheckResult]
    topics: list[str]


@dataclass(frozen=True)
class NoteEntry:
    at: datetime
    text: str


@dataclass(frozen=True)
class NotesSection:
    notes: list[NoteEntry]


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    generated: date
    sections: tuple[str, ...]
    checkins: CheckinsSection | None = None
    signs: SignsSection | None = None
    coping: CopingSection | None = None
    goals: GoalsSection | None = None
    lessons: LessonsSection | None = None
    selfcheck: SelfCheckSection | None = None
    practice: PracticeSection | None = None
    use: UseSection | None = None
    notes: NotesSection | None = None
    day_rule: str = DAY_SUMMARY_RULE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def title(self) -> str:
        return f"Recovery report: {self.start.isoformat()} to {self.end.isoformat()}"


def day_ranges(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days joined into (first, last) runs, in order."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and d - out[-1][1] == timedelta(days=1):
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out
