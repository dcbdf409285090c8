"""Gathering a report: `build_report(store, start, end, sections)` reads only what the chosen sections need."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from imr_tui.content.loader import ContentError, Curriculum
from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.summary import day_values
from imr_tui.export.report.extra import practice_section, use_section
from imr_tui.export.report.model import (
    DEFAULT_SECTIONS,
    MAX_DAYS,
    SECTIONS,
    CheckinsSection,
    CopingSection,
    GoalsSection,
    GoalSummary,
    ItemSummary,
    LessonDone,
    LessonsSection,
    LessonTitles,
    MedicationDays,
    NoteEntry,
    NotesSection,
    Report,
    SelfCheckResult,
    SelfCheckSection,
    SignResult,
    SignsSection,
    StepDone,
    StepOpen,
    TriggerHelp,
)
from imr_tui.insights.coping import rank_strategies
from imr_tui.insights.rules import RuleInputs, days_needed, describe, fired_days, watched_item

if TYPE_CHECKING:
    from imr_tui.domain.coping import CopingUse
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Progress
    from imr_tui.store.store import Store


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
    inputs = RuleInputs(checkins, items)
    days = _period_days(start, end)
    results: list[SignResult] = []
    unwatched: list[str] = []
    for sign in profile.plan.warning_signs:
        rule = sign.rule
        if rule is None:
            unwatched.append(sign.text)
            continue
        item_values = inputs.values(rule)
        fired = fired_days(rule, item_values, start, end)
        with_data = sum(1 for d in days if d in item_values)
        results.append(SignResult(sign.text, describe(rule, watched_item(rule, items)), with_data, fired))
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
    progress = store.progress() if want & {"lessons", "selfcheck", "practice", "use"} else None
    checkins: list[CheckIn] = []
    if want & {"checkins", "signs", "notes", "use"}:
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
        practice=practice_section(progress, start, end, lesson_titles) if "practice" in want and progress else None,
        use=use_section(checkins, progress, start, end) if "use" in want and progress is not None else None,
        notes=notes_section(checkins, start, end) if "notes" in want else None,
    )
