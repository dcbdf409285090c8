"""A report for an appointment: what a clinician can read in two minutes.

`build_report(store, start, end, sections)` gathers the chosen sections for the days
start..end (both included); `render_markdown(report)` turns it into Markdown, and
`imr_tui.export.report_pdf.render_pdf(report, path)` into a PDF. Only the sections asked for
are read and shown: notes (the person's own words) appear only when "notes" is asked for.

Sections, in the order they are shown:
  checkins   per item: days with data, average, lowest, highest, a small chart; medication and
             alcohol/drug days
  signs      each warning sign of the plan with a rule, evaluated for every day of the period:
             the days it fired
  coping     coping strategies used in the period, ranked by how much distress dropped, and the
             triggers met with what helped
  goals      goal steps done in the period, and the steps still open
  lessons    lessons finished in the period
  selfcheck  progress self-checks taken in the period
  notes      check-in notes (never included unless asked for)

A day's value follows imr_tui.domain.summary.DAY_SUMMARY_RULE (the worst value of the day),
and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.content.loader import ContentError, Curriculum
from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, Worse
from imr_tui.domain.format import number, stamp, with_unit
from imr_tui.domain.summary import DAY_SUMMARY_RULE, day_values
from imr_tui.insights.coping import MIN_USES, StrategyStats, rank_strategies
from imr_tui.insights.rules import days_needed, describe, fired_days
from imr_tui.insights.trends import DaySeries, bucket, bucket_days_for, is_yes_no

if TYPE_CHECKING:
    from imr_tui.domain.coping import CopingUse
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Progress
    from imr_tui.store.store import Store

SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck", "notes")
DEFAULT_SECTIONS: tuple[str, ...] = ("checkins", "signs", "coping", "goals", "lessons", "selfcheck")
SECTION_TITLES: dict[str, str] = {
    "checkins": "Check-ins",
    "signs": "Warning signs",
    "coping": "Coping: triggers met and what helped",
    "goals": "Goal progress",
    "lessons": "Lessons done",
    "selfcheck": "Self-check results",
    "notes": "Notes",
}
MAX_DAYS = 366 * 100
SPARK = "▁▂▃▄▅▆▇█"
MD_CHART_COLUMNS = 60  # the most marks a Markdown chart has (longer periods: several days a mark)
PRIVATE_NOTE = "This report holds private health information. Share it only with people you choose."

LessonTitles = Callable[[str, str], "str | None"]


def parse_sections(values: Iterable[str] | None) -> tuple[str, ...]:
    """Section names (each may be a comma-separated list) in report order; None or empty: the default.

    Raises ValueError naming an unknown section.
    """
    chosen: set[str] = set()
    for value in values or ():
        for name in value.split(","):
            key = name.strip().lower().replace("-", "")
            if not key:
                continue
            if key == "all":
                chosen.update(DEFAULT_SECTIONS)
                continue
            if key not in SECTIONS:
                raise ValueError(f"unknown section {name.strip()!r} (choose from: {', '.join(SECTIONS)}, all)")
            chosen.add(key)
    if not chosen:
        return DEFAULT_SECTIONS
    return tuple(s for s in SECTIONS if s in chosen)


# ----------------------------------------------------------------- the model
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
    notes: NotesSection | None = None
    day_rule: str = DAY_SUMMARY_RULE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def title(self) -> str:
        return f"Recovery report: {self.start.isoformat()} to {self.end.isoformat()}"


# ----------------------------------------------------------------- helpers
def day_ranges(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days joined into (first, last) runs, in order."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and d - out[-1][1] == timedelta(days=1):
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def describe_ranges(days: Sequence[date]) -> str:
    """'2026-11-01 to 2026-11-04, 2026-11-10' for a list of days."""
    parts = []
    for a, b in day_ranges(days):
        parts.append(a.isoformat() if a == b else f"{a.isoformat()} to {b.isoformat()}")
    return ", ".join(parts)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _period_days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


_MED_RANK = {Medication.MISSED: 0, Medication.PARTLY: 1, Medication.TAKEN: 2}


def _medication_days(checkins: Sequence[CheckIn]) -> MedicationDays:
    by_day: dict[date, list[Medication | None]] = {}
    for c in checkins:
        by_day.setdefault(c.day, []).append(c.medication)
    counts = {"taken": 0, "partly": 0, "missed": 0, "not_prescribed": 0, "no_answer": 0}
    for answers in by_day.values():
        ranked = [a for a in answers if a is not None and a in _MED_RANK]
        if ranked:
            worst = min(ranked, key=lambda a: _MED_RANK[a])
            key = {Medication.MISSED: "missed", Medication.PARTLY: "partly", Medication.TAKEN: "taken"}[worst]
        elif Medication.NOT_PRESCRIBED in answers:
            key = "not_prescribed"
        else:
            key = "no_answer"
        counts[key] += 1
    return MedicationDays(**counts)


# ----------------------------------------------------------------- sections
def _unknown_item(item_id: str) -> CheckInItem:
    return CheckInItem(id=item_id, label=item_id.replace("_", " ").capitalize()[:40], question="?", low=0,
                       high=10)


def checkins_section(checkins: Sequence[CheckIn], items: Sequence[CheckInItem], start: date,
                     end: date) -> CheckinsSection:
    """Per-item stats over start..end from the check-ins of those days."""
    in_period = [c for c in checkins if start <= c.day <= end]
    values = day_values(in_period, items)
    days = _period_days(start, end)
    summaries: list[ItemSummary] = []
    for item in items:
        per_day = values.get(item.id, {})
        if not item.enabled and not per_day:
            continue  # an item turned off, with nothing in this period
        summaries.append(ItemSummary(item, tuple(per_day.get(d) for d in days)))
    known = {i.id for i in items}
    for item_id in sorted(set(values) - known):
        per_day = values[item_id]
        summaries.append(ItemSummary(_unknown_item(item_id), tuple(per_day.get(d) for d in days), known=False))
    substance_days: dict[str, set[date]] = {}
    any_days: set[date] = set()
    for c in in_period:
        for s in c.substances:
            key = " ".join(s.what.split()).lower()
            substance_days.setdefault(key, set()).add(c.day)
            any_days.add(c.day)
    substances = sorted(((k, len(v)) for k, v in substance_days.items()), key=lambda kv: (-kv[1], kv[0]))
    return CheckinsSection(
        checkins=len(in_period),
        days_with_checkin=len({c.day for c in in_period}),
        items=summaries,
        medication=_medication_days(in_period),
        substance_days=len(any_days),
        substances=substances,
    )


def signs_section(profile: Profile, checkins: Sequence[CheckIn], items: Sequence[CheckInItem], start: date,
                  end: date) -> SignsSection:
    """Every rule of the plan evaluated for each day start..end. `checkins` must reach back far enough
    for the rules' windows and baselines (see `signs_history_start`)."""
    by_id = {i.id: i for i in items}
    values = day_values(checkins, items)
    days = _period_days(start, end)
    results: list[SignResult] = []
    unwatched: list[str] = []
    for sign in profile.plan.warning_signs:
        rule = sign.rule
        if rule is None:
            unwatched.append(sign.text)
            continue
        item_values = values.get(rule.item, {})
        fired = fired_days(rule, item_values, start, end)
        with_data = sum(1 for d in days if d in item_values)
        results.append(SignResult(sign.text, describe(rule, by_id.get(rule.item)), with_data, fired))
    return SignsSection(results, unwatched)


def signs_history_start(profile: Profile, start: date) -> date:
    """The first day the signs section needs check-ins from."""
    rules = [s.rule for s in profile.plan.warning_signs if s.rule is not None]
    span = max((days_needed(r) for r in rules), default=0)
    return start - timedelta(days=span)


def coping_section(uses: Sequence[CopingUse], profile: Profile) -> CopingSection:
    names: dict[str, str] = {}
    for t in [*profile.plan.triggers, *profile.triggers]:
        names.setdefault(t.id, t.text)
    by_trigger: dict[str, list[CopingUse]] = {}
    not_linked = 0
    for u in uses:
        if u.trigger_id:
            by_trigger.setdefault(u.trigger_id, []).append(u)
        else:
            not_linked += 1
    triggers = [TriggerHelp(names.get(tid, "a trigger no longer in the list"), len(group), rank_strategies(group))
                for tid, group in by_trigger.items()]
    triggers.sort(key=lambda t: (-t.times, t.trigger))
    n = len(uses)
    return CopingSection(
        uses=n,
        days=len({u.at.date() for u in uses}),
        average_before=sum(u.distress_before for u in uses) / n if n else None,
        average_after=sum(u.distress_after for u in uses) / n if n else None,
        strategies=rank_strategies(uses),
        triggers=triggers,
        not_linked=not_linked,
    )


def goals_section(profile: Profile, start: date, end: date) -> GoalsSection:
    out: list[GoalSummary] = []
    for g in profile.goals:
        done = [StepDone(s.text, s.done_on) for s in g.steps if s.done and s.done_on and start <= s.done_on <= end]
        done.sort(key=lambda s: s.done_on)
        if g.archived and not done:
            continue
        open_steps = [StepOpen(s.text, s.due) for s in g.steps if not s.done]
        follow_ups = sum(1 for f in g.follow_ups if start <= f.on <= end)
        out.append(GoalSummary(g.text, g.archived, done, open_steps, follow_ups))
    return GoalsSection(out)


def lessons_section(progress: Progress, start: date, end: date, titles: LessonTitles | None = None) -> LessonsSection:
    done: list[LessonDone] = []
    ever = 0
    for lp in progress.lessons:
        if not lp.done:
            continue
        on = lp.updated.date() if lp.updated else None
        if on is None or on <= end:
            ever += 1
        if on is None or not start <= on <= end:
            continue
        title = titles(lp.module_id, lp.lesson_id) if titles else None
        done.append(LessonDone(lp.module_id, lp.lesson_id, title or f"{lp.module_id} / {lp.lesson_id}", on))
    done.sort(key=lambda d: (d.on, d.title))
    return LessonsSection(done, ever)


def selfcheck_section(progress: Progress, start: date, end: date) -> SelfCheckSection:
    checks = sorted((SelfCheckResult(s.at.date(), dict(s.answers)) for s in progress.self_checks
                     if start <= s.at.date() <= end), key=lambda s: s.on)
    topics: list[str] = []
    for c in checks:
        for t in c.answers:
            if t not in topics:
                topics.append(t)
    return SelfCheckSection(checks, topics)


def notes_section(checkins: Sequence[CheckIn], start: date, end: date) -> NotesSection:
    return NotesSection([NoteEntry(c.at, c.note) for c in checkins if c.note.strip() and start <= c.day <= end])


def lesson_titles_from(curriculum: Curriculum) -> LessonTitles:
    """'Module: Lesson' titles for the lessons section; None for a lesson that cannot be found."""

    def title(module_id: str, lesson_id: str) -> str | None:
        try:
            module = curriculum.module(module_id)
        except (ContentError, OSError, ValueError):
            return None
        lesson = next((ls for ls in module.lessons if ls.id == lesson_id), None)
        return f"{module.title}: {lesson.title}" if lesson else None

    return title


def build_report(store: Store, start: date, end: date, sections: Iterable[str] | None = None, *,
                 today: date | None = None, lesson_titles: LessonTitles | None = None) -> Report:
    """Gather the chosen sections for start..end (both included). Reads only what they need.

    Raises ValueError for an unknown section, an empty or too long period.
    """
    chosen = parse_sections(sections)
    if end < start:
        raise ValueError(f"the start {start.isoformat()} is after the end {end.isoformat()}")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValueError("a report can cover at most 100 years")
    want = set(chosen)
    items = store.checkin_items() if want & {"checkins", "signs"} else []
    profile = store.profile() if want & {"signs", "coping", "goals"} else None
    progress = store.progress() if want & {"lessons", "selfcheck"} else None
    checkins: list[CheckIn] = []
    if want & {"checkins", "signs", "notes"}:
        first = signs_history_start(profile, start) if "signs" in want and profile is not None else start
        checkins = store.checkins(first, end)
    return Report(
        start=start, end=end, generated=today or date.today(), sections=chosen,
        checkins=checkins_section(checkins, items, start, end) if "checkins" in want else None,
        signs=signs_section(profile, checkins, items, start, end) if "signs" in want and profile is not None else None,
        coping=coping_section(store.coping_uses(start, end), profile) if "coping" in want and profile is not None else None,
        goals=goals_section(profile, start, end) if "goals" in want and profile is not None else None,
        lessons=lessons_section(progress, start, end, lesson_titles) if "lessons" in want and progress is not None else None,
        selfcheck=selfcheck_section(progress, start, end) if "selfcheck" in want and progress is not None else None,
        notes=notes_section(checkins, start, end) if "notes" in want else None,
    )


# ----------------------------------------------------------------- Markdown
def md_text(text: str) -> str:
    """User text as literal Markdown on one line: characters that would format it are escaped."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def sparkline(points: Sequence[float | None], low: float, high: float) -> str:
    """One mark per point, ▁ (low end of the scale) to █ (high end); a space where there is no value."""
    span = high - low
    out = []
    for v in points:
        if v is None:
            out.append(" ")
            continue
        level = round((v - low) / span * (len(SPARK) - 1)) if span > 0 else 0
        out.append(SPARK[max(0, min(len(SPARK) - 1, level))])
    return "".join(out)


def _code_span(text: str) -> str:
    """A Markdown code span that keeps every space (CommonMark strips one from each end when both are spaces)."""
    if text.startswith(" ") and text.endswith(" ") and text.strip():
        text = f" {text} "
    return f"`{text}`"


def _num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "-"
    return with_unit(x, unit, 1)


def chart_caption(report: Report, days_per_point: int) -> str:
    each = "one mark a day" if days_per_point == 1 else \
        f"one mark for every {days_per_point} days (the average of their day values)"
    return (f"Charts run from {report.start.isoformat()} (left) to {report.end.isoformat()} (right), {each}. "
            "A gap is a time with no value. The height runs over each item's scale, from its lowest to its highest "
            "number.")


def medication_text(m: MedicationDays) -> str:
    if m.answered == 0:
        return "Medication: no answers in this period."
    parts = [f"taken on {plural(m.taken, 'day')}"]
    if m.partly:
        parts.append(f"partly on {plural(m.partly, 'day')}")
    parts.append(f"missed on {plural(m.missed, 'day')}")
    if m.not_prescribed:
        parts.append(f"not prescribed on {plural(m.not_prescribed, 'day')}")
    if m.no_answer:
        parts.append(f"no answer on {plural(m.no_answer, 'day')} with a check-in")
    return "Medication (the worst answer of each day): " + ", ".join(parts) + "."


def substances_text(c: CheckinsSection, quote: Callable[[str], str] = str) -> str:
    if not c.substance_days:
        return "Alcohol or drugs: none written down in this period."
    what = ", ".join(f"{quote(name)} ({plural(n, 'day')})" for name, n in c.substances)
    return f"Alcohol or drugs written down on {plural(c.substance_days, 'day')}: {what}."


def item_stats_text(s: ItemSummary, days: int) -> tuple[str, str, str, str]:
    """(days, average, lowest, highest) as shown in both formats."""
    count = f"{s.days_with_data} of {days}"
    if s.days_with_data == 0:
        return count, "no values", "-", "-"
    if s.yes_no:
        return count, f"yes on {plural(s.yes_days, 'day')}", "-", "-"
    unit = s.item.unit
    return count, _num(s.average, unit), _num(s.minimum, unit), _num(s.maximum, unit)


def sign_text(s: SignResult, period_days: int) -> str:
    if s.days:
        return f"fired on {plural(len(s.days), 'day')}: {describe_ranges(s.days)}"
    if s.item_days_with_data == 0:
        return "did not fire; there were no values for it in this period, so it could not be checked"
    return f"did not fire (values on {s.item_days_with_data} of {period_days} days)"


def coping_summary_text(c: CopingSection) -> str:
    if c.uses == 0:
        return "No coping strategies were written down in this period."
    text = f"Coping strategies used {plural(c.uses, 'time')} on {plural(c.days, 'day')}"
    if c.average_before is not None and c.average_after is not None:
        text += (f"; distress (0-10) was {number(c.average_before, 1)} before and {number(c.average_after, 1)} "
                 "after, on average")
    return text + "."


def selfcheck_rows(sc: SelfCheckSection) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the self-check table: one score column for a single check, else first, last, change."""
    def topic(t: str) -> str:
        return t.replace("_", " ").replace("-", " ").capitalize()

    checks = sc.checks
    if len(checks) == 1:
        only = checks[0]
        head = ["Topic", only.on.isoformat()]
        rows = [[topic(t), str(only.answers[t]) if t in only.answers else "-"] for t in sc.topics]
        rows.append(["Average", _num(only.average)])
        return head, rows
    first, last = checks[0], checks[-1]
    head = ["Topic", first.on.isoformat(), last.on.isoformat(), "Change"]
    rows = []
    for t in sc.topics:
        a, b = first.answers.get(t), last.answers.get(t)
        change = f"{b - a:+d}" if a is not None and b is not None else "-"
        rows.append([topic(t), "-" if a is None else str(a), "-" if b is None else str(b), change])
    fa, la = first.average, last.average
    rows.append(["Average", _num(fa), _num(la), f"{la - fa:+.1f}" if fa is not None and la is not None else "-"])
    return head, rows


def _md_table(head: list[str], rows: list[list[str]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown. Text the person wrote is escaped so it shows as written."""
    lines = [f"# {report.title}", ""]
    shown = ", ".join(SECTION_TITLES[s].split(":")[0].lower() for s in report.sections)
    lines += [f"Made with imr-tui on {report.generated.isoformat()} from the person's own entries, "
              f"{plural(report.days, 'day')}. Sections: {shown}.", "", f"_{PRIVATE_NOTE}_", ""]
    if report.checkins is not None or report.signs is not None:
        lines += [f"**How a day is counted.** {report.day_rule} Days with no check-in are left empty, never "
                  "counted as zero.", ""]

    if report.checkins is not None:
        c = report.checkins
        lines += ["## Check-ins", "", f"Checked in on {c.days_with_checkin} of {plural(report.days, 'day')} "
                  f"({plural(c.checkins, 'check-in')}).", ""]
        if c.items:
            rows = []
            size = 1
            for s in c.items:
                size, points = s.points(MD_CHART_COLUMNS)
                count, avg, low, high = item_stats_text(s, report.days)
                label = md_text(s.label) + ("" if s.known else " (not in the settings)")
                chart = _code_span(sparkline(points, s.item.low, s.item.high)) if s.days_with_data else ""
                rows.append([f"{label} ({md_text(s.scale_text())})", count, avg, low, high, chart])
            lines += _md_table(["Item (scale)", "Days with data", "Average", "Lowest", "Highest", "Chart"], rows,
                               right=(1, 2, 3, 4))
            lines += ["", chart_caption(report, size), ""]
        lines += [medication_text(c.medication), "", substances_text(c, md_text), ""]

    if report.signs is not None:
        sg = report.signs
        lines += ["## Warning signs", ""]
        if not sg.signs and not sg.unwatched:
            lines += ["The relapse prevention plan has no warning signs yet.", ""]
        if sg.signs:
            lines += ["Each sign's rule from the relapse prevention plan was checked for every day of the period, "
                      "on the day values above.", ""]
            for sr in sg.signs:
                lines.append(f"- **{md_text(sr.sign)}** (watches: {md_text(sr.rule)}): {sign_text(sr, report.days)}.")
            lines.append("")
        if sg.unwatched:
            lines += ["Signs the person watches for without a rule in the app: "
                      + "; ".join(md_text(t) for t in sg.unwatched) + ".", ""]

    if report.coping is not None:
        cp = report.coping
        lines += ["## Coping: triggers met and what helped", "", coping_summary_text(cp), ""]
        if cp.strategies:
            lines += [f"What helped, most first (an average is shown after {MIN_USES} uses):", ""]
            lines += [f"{n}. {md_text(s.describe())}" for n, s in enumerate(cp.strategies, 1)]
            lines.append("")
        if cp.triggers:
            lines += ["Triggers met:", ""]
            for t in cp.triggers:
                helped = "; ".join(md_text(s.describe()) for s in t.strategies)
                lines.append(f"- **{md_text(t.trigger)}**: {plural(t.times, 'time')}. Used: {helped}.")
            lines.append("")
        if cp.uses:
            lines += [f"{plural(cp.not_linked, 'use was', 'uses were')} not linked to a trigger."
                      if cp.not_linked else "Every use was linked to a trigger.", ""]

    if report.goals is not None:
        lines += ["## Goal progress", ""]
        if not report.goals.goals:
            lines += ["No goals yet.", ""]
        for g in report.goals.goals:
            lines += [f"### {md_text(g.text)}" + (" (archived)" if g.archived else ""), ""]
            if g.done:
                lines += [f"Steps done in this period ({len(g.done)}):", ""]
                lines += [f"- {s.done_on.isoformat()}: {md_text(s.text)}" for s in g.done]
            else:
                lines.append("No steps done in this period.")
            lines.append("")
            if g.open:
                lines += [f"Steps still open ({len(g.open)}):", ""]
                lines += [f"- {md_text(s.text)}" + (f" (due {s.due.isoformat()})" if s.due else "") for s in g.open]
            else:
                lines.append("No steps open.")
            lines.append("")
            if g.follow_ups:
                lines += [f"Goal follow-ups in this period: {g.follow_ups}.", ""]

    if report.lessons is not None:
        ls = report.lessons
        lines += ["## Lessons done", ""]
        if ls.done:
            lines += [f"Finished in this period: {len(ls.done)} (finished in all, up to {report.end.isoformat()}: "
                      f"{ls.done_ever}).", ""]
            lines += [f"- {d.on.isoformat()}: {md_text(d.title)}" for d in ls.done]
        else:
            lines.append(f"No lessons finished in this period (finished in all: {ls.done_ever}).")
        lines.append("")

    if report.selfcheck is not None:
        sc = report.selfcheck
        lines += ["## Self-check results", ""]
        if not sc.checks:
            lines += ["No self-check in this period.", ""]
        else:
            dates = ", ".join(c.on.isoformat() for c in sc.checks)
            lines += [f"{plural(len(sc.checks), 'self-check')} in this period ({dates}). Each topic is rated "
                      "1 (worst) to 5 (best).", ""]
            head, rows = selfcheck_rows(sc)
            lines += _md_table(head, [[md_text(r[0]), *r[1:]] for r in rows], right=range(1, len(head)))
            lines.append("")

    if report.notes is not None:
        lines += ["## Notes", ""]
        if not report.notes.notes:
            lines += ["No notes in this period.", ""]
        for n in report.notes.notes:
            lines.append(f"- {stamp(n.at)}: {md_text(n.text)}")
        if report.notes.notes:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ----------------------------------------------------------------- writing
class ExportWriteError(Exception):
    """A report or export file could not be written; the message names the file and says why."""


def write_export(path: Path, data: bytes) -> None:
    """Write a file the person asked for (a report, an export) atomically, readable only by them (0600).

    The folder is left as it is (it is theirs, e.g. ~/Documents). Raises ExportWriteError (one line,
    names the file) when it cannot be written.
    """
    from imr_tui.store.files import StoreError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data, private_dir=False)
    except StoreError as exc:
        cause = exc.__cause__
        reason = (cause.strerror if isinstance(cause, OSError) else None) or str(exc)
        raise ExportWriteError(f"could not write {path}: {reason}; nothing was written") from exc
