"""What a report holds: plain frozen dataclasses, one per section, and the section names.

Built by imr_tui.export.report.build, shown by .markdown and .pdf (the wording both share is in .text).
"""

from __future__ import annotations

import heapq
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from math import ceil

from imr_tui.domain.checkin import Worse
from imr_tui.domain.format import number, with_unit
from imr_tui.domain.profile import Comparison
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.export.report.extra import PracticeSection, UseSection
from imr_tui.insights.coping import StrategyStats
from imr_tui.insights.trends import DaySeries, bucket, bucket_days_for, is_yes_no

SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck", "questionnaires",
                             "practice", "use", "safety_plan", "notes")
DEFAULT_SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck", "questionnaires")
SECTION_TITLES: dict[str, str] = {
    "checkins": "Check-ins",
    "signs": "Warning signs",
    "coping": "Coping: triggers met and what helped",
    "goals": "Goal progress",
    "lessons": "Lessons done",
    "selfcheck": "Self-check results",
    "questionnaires": "Questionnaires (PHQ-9, GAD-7)",
    "safety_plan": "Safety plan",
    "practice": "Home practice",
    "use": "Alcohol and drug use over time",
    "notes": "Notes",
}
MAX_DAYS = 366 * 100

# The trend rule (stated in the report): the average of the second half of the period against the first
# half, each needing TREND_MIN_DAYS days with a value; a change of at least TREND_STEP of the chart's
# scale is "better" or "worse", less is "about the same".
TREND_MIN_DAYS = 3
TREND_STEP = 0.1
TREND_RULE = ("Trend: the average of the second half of the period against the first half (each needs at least "
              f"{TREND_MIN_DAYS} days with a value); a change of at least a tenth of the chart's scale is better or "
              "worse, less is about the same.")
TYPICAL_RULE = "Typical: the middle day value (the median), with the middle half of the days in brackets."
USE_ITEM = "use"  # the built-in yes/no item "Used alcohol or drugs"
WIDE_SCALE = 12  # a scale wider than this is drawn only as high as needed, but at least half of it (sleep: 0-12 h)

LessonTitles = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class ItemSummary(DaySeries):
    """One check-in item over the period. `days` has one entry a day, oldest first; None: no value."""

    known: bool = True  # False: an item id found in the data but not in the person's settings
    first_day: date = date.min  # the date of days[0]
    rules: tuple[ChartRule, ...] = ()  # the warning-sign rules that watch this item

    @cached_property
    def present(self) -> list[float]:  # kept: a ten-year report asks for it many times
        return [v for v in self.days if v is not None]

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

    @property
    def median(self) -> float | None:
        p = self.present
        return statistics.median(p) if p else None

    @property
    def middle_half(self) -> tuple[float, float] | None:
        """The first and third quartiles of the day values (None with fewer than 4 days)."""
        p = self.present
        if len(p) < 4:
            return None
        q = statistics.quantiles(p, n=4, method="inclusive")
        return q[0], q[2]

    def worst_days(self, n: int = 3) -> list[tuple[date, float]]:
        """The `n` worst days (date, value), worst first; among equal values the most recent first.

        For a yes/no item: the most recent "yes" days."""
        last = len(self.days) - 1
        if self.yes_no:
            picked = [(i, v) for i in range(last, -1, -1) if (v := self.days[i]) is not None and v >= 1][:n]
        else:
            sign = 1 if self.item.worse is Worse.LOW else -1
            ranked = heapq.nsmallest(n, ((sign * v, last - i) for i, v in enumerate(self.days) if v is not None))
            picked = [(last - back, sign * key) for key, back in ranked]
        return [(self.first_day + timedelta(days=i), v) for i, v in picked]

    def trend(self) -> Trend:
        """The second half of the period against the first (see TREND_RULE)."""
        half = len(self.days) // 2
        first = [v for v in self.days[:half] if v is not None]
        second = [v for v in self.days[half:] if v is not None]
        if len(first) < TREND_MIN_DAYS or len(second) < TREND_MIN_DAYS:
            return Trend(Direction.UNKNOWN, None, None, len(first), len(second))
        a, b = sum(first) / len(first), sum(second) / len(second)
        low, high = self.chart_range()
        step = TREND_STEP * (1 if self.yes_no else high - low)
        if abs(b - a) < step - 1e-9:
            way = Direction.SAME
        elif (b < a) == (self.item.worse is Worse.LOW):
            way = Direction.WORSE
        else:
            way = Direction.BETTER
        return Trend(way, a, b, len(first), len(second))

    def chart_range(self) -> tuple[float, float]:
        """The part of the scale a chart shows: the whole scale, except that a scale wider than WIDE_SCALE
        goes only up to a whole step (a sixth of the scale) above the highest value and threshold, and at
        least half-way (sleep on 0-24 hours is drawn 0-12)."""
        low, high = self.item.low, self.item.high
        span = high - low
        if span <= WIDE_SCALE or self.yes_no:
            return low, high
        step = span / 6
        tops = [v for v in (self.maximum, *self.thresholds) if v is not None]
        top = max([low + span / 2, *(low + ceil((t - low) / step - 1e-9) * step for t in tops)])
        return low, min(high, top)

    @property
    def thresholds(self) -> list[float]:
        out: list[float] = []
        for r in self.rules:
            out += [r.threshold] if r.threshold is not None else [v for _, v in r.limits if v is not None]
        return out


class Direction(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "about the same"
    UNKNOWN = "not enough data"


@dataclass(frozen=True)
class Trend:
    direction: Direction
    first: float | None  # the average of the first half
    second: float | None  # ... and of the second half
    first_days: int
    second_days: int


@dataclass(frozen=True)
class ChartRule:
    """A warning-sign rule on an item, as a chart draws it: a fixed threshold, or (baseline rules) the limit
    on some days of the period; and the days it fired."""

    sign: str
    comparison: Comparison
    threshold: float | None  # a fixed threshold; None for a baseline rule
    limits: list[tuple[date, float | None]] = field(default_factory=list)  # baseline rules: (day, limit or None)
    fired: list[date] = field(default_factory=list)
    distance: float = 0  # baseline rules: how far from the person's usual value


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

    @property
    def prescribed(self) -> int:
        """Days answered taken, partly or missed (not "not prescribed")."""
        return self.taken + self.partly + self.missed

    @property
    def taken_share(self) -> float | None:
        return self.taken / self.prescribed if self.prescribed else None


@dataclass(frozen=True)
class CheckinsSection:
    checkins: int
    days_with_checkin: int
    items: list[ItemSummary]
    medication: MedicationDays
    substance_days: int
    substances: list[tuple[str, int]]  # (what, days), most days first
    use_days: list[date] = field(default_factory=list)  # a substance written down, or "Used alcohol or drugs": yes
    longest_gap: tuple[date, date] | None = None  # the longest run of days without a check-in

    @property
    def gap_days(self) -> int:
        return (self.longest_gap[1] - self.longest_gap[0]).days + 1 if self.longest_gap else 0


@dataclass(frozen=True)
class SignResult:
    sign: str
    rule: str
    item_days_with_data: int  # days of the period on which the rule's item had a value
    days: list[date]  # the days of the period on which the sign fired
    item: str = ""  # the id of the item the rule watches

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
    steps: int = 0  # steps in all
    steps_done: int = 0  # steps done at any time up to the end of the period
    reached_on: date | None = None
    next_step: StepOpen | None = None


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
class QuestionnaireShown:
    """One PHQ-9 or GAD-7 as the report shows it."""

    name: str  # "PHQ-9"
    on: date
    total: int | None  # None when it was stopped for crisis help
    max_total: int
    band: str  # the standard band name ("Moderate"), "" without a total
    stopped_for_crisis: bool = False


@dataclass(frozen=True)
class QuestionnairesSection:
    latest: list[QuestionnaireShown]  # the latest of each, up to the end of the period (maybe before it)
    in_period: list[QuestionnaireShown]  # every finished (or stopped) one in the period, oldest first


@dataclass(frozen=True)
class SafetyPlanSection:
    """The person's safety plan as it is now (not limited to the period): every step, numbered, with its lines."""

    steps: list[tuple[str, list[str]]]  # (title, lines); [] when no safety plan was made
    updated_on: date | None


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
    questionnaires: QuestionnairesSection | None = None
    safety_plan: SafetyPlanSection | None = None
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
