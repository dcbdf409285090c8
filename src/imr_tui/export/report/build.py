"""Gathering a report: `build_report(store, start, end, sections)` reads only what the chosen sections need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from math import ceil
from typing import TYPE_CHECKING

from imr_tui.content.loader import ContentError, Curriculum
from imr_tui.domain import questionnaires as q
from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.profile import Comparison, RuleKind
from imr_tui.domain.summary import day_values
from imr_tui.export.plan_md import safety_steps
from imr_tui.export.report.extra import practice_section, use_section
from imr_tui.export.report.model import (
    DEFAULT_SECTIONS,
    MAX_DAYS,
    SECTIONS,
    USE_ITEM,
    ChartRule,
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
    QuestionnaireShown,
    QuestionnairesSection,
    Report,
    SafetyPlanSection,
    SelfCheckResult,
    SelfCheckSection,
    SignResult,
    SignsSection,
    StepDone,
    StepOpen,
    TriggerHelp,
)
from imr_tui.insights.coping import rank_strategies
from imr_tui.insights.rules import RuleInputs, days_needed, describe, evaluate, fired_days, watched_item

if TYPE_CHECKING:
    from imr_tui.domain.coping import CopingUse
    from imr_tui.domain.profile import Profile, WarningRule, WarningSign
    from imr_tui.domain.progress import Progress, QuestionnaireResult
    from imr_tui.store.store import Store

LIMIT_SAMPLES = 240  # a baseline rule's moving limit is worked out on at most this many days of the period

Watched = list[tuple["WarningSign", "WarningRule", list[date]]]


def parse_sections(values: Iterable[str] | None) -> tuple[str, ...]:
    """Section names (each may be a comma-separated list) in report order; None or empty: the default.

    Raises ValueError naming an unknown section.
    """
    lookup = {s.replace("_", ""): s for s in SECTIONS}  # "safety-plan", "safety_plan" and "safetyplan" alike
    chosen: set[str] = set()
    for value in values or ():
        for name in value.split(","):
            key = name.strip().lower().replace("-", "").replace("_", "")
            if not key:
                continue
            if key == "all":
                chosen.update(DEFAULT_SECTIONS)
                continue
            if key not in lookup:
                raise ValueError(f"unknown section {name.strip()!r} (choose from: {', '.join(SECTIONS)}, all)")
            chosen.add(lookup[key])
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


def _longest_gap(with_checkin: set[date], start: date, end: date) -> tuple[date, date] | None:
    best: tuple[date, date] | None = None
    run_start: date | None = None
    for d in [*_period_days(start, end), end + timedelta(days=1)]:
        if d <= end and d not in with_checkin:
            run_start = run_start or d
            continue
        if run_start is not None:
            last = d - timedelta(days=1)
            if best is None or (last - run_start) > (best[1] - best[0]):
                best = (run_start, last)
            run_start = None
    return best


def _within(values: Mapping[str, Mapping[date, float]], start: date, end: date) -> dict[str, dict[date, float]]:
    out = {k: {d: v for d, v in per_day.items() if start <= d <= end} for k, per_day in values.items()}
    return {k: v for k, v in out.items() if v}


def checkins_section(checkins: Sequence[CheckIn], items: Sequence[CheckInItem], start: date,
                     end: date, rules: Mapping[str, Sequence[ChartRule]] | None = None,
                     values: Mapping[str, Mapping[date, float]] | None = None) -> CheckinsSection:
    """Per-item stats over start..end from the check-ins of those days; `rules` (by item id) are drawn on
    the charts. `values`: the day values of `checkins` when the caller has them already."""
    in_period = [c for c in checkins if start <= c.day <= end]
    values = _within(values, start, end) if values is not None else day_values(in_period, items)
    days = _period_days(start, end)
    rules = rules or {}

    def summary(item: CheckInItem, per_day: Mapping[date, float], known: bool = True) -> ItemSummary:
        return ItemSummary(item, tuple(per_day.get(d) for d in days), known=known, first_day=start,
                           rules=tuple(rules.get(item.id, ())))

    summaries: list[ItemSummary] = []
    for item in items:
        per_day = values.get(item.id, {})
        if not item.enabled and not per_day:
            continue  # an item turned off, with nothing in this period
        summaries.append(summary(item, per_day))
    known = {i.id for i in items}
    for item_id in sorted(set(values) - known):
        summaries.append(summary(_unknown_item(item_id), values[item_id], known=False))
    substance_days: dict[str, set[date]] = {}
    any_days: set[date] = set()
    for c in in_period:
        for s in c.substances:
            key = " ".join(s.what.split()).lower()
            substance_days.setdefault(key, set()).add(c.day)
            any_days.add(c.day)
    substances = sorted(((k, len(v)) for k, v in substance_days.items()), key=lambda kv: (-kv[1], kv[0]))
    used = any_days | {d for d, v in values.get(USE_ITEM, {}).items() if v >= 1}
    with_checkin = {c.day for c in in_period}
    return CheckinsSection(
        checkins=len(in_period),
        days_with_checkin=len(with_checkin),
        items=summaries,
        medication=_medication_days(in_period),
        substance_days=len(any_days),
        substances=substances,
        use_days=sorted(used),
        longest_gap=_longest_gap(with_checkin, start, end),
    )


def watched_signs(profile: Profile, inputs: RuleInputs, start: date, end: date) -> Watched:
    """(sign, rule, the days start..end it fired) for each warning sign with a rule, in the plan's order.
    `inputs` must be made from check-ins reaching back far enough for the windows and baselines
    (`signs_history_start`)."""
    return [(s, s.rule, fired_days(s.rule, inputs.values(s.rule), start, end))
            for s in profile.plan.warning_signs if s.rule is not None]


def _baseline_limits(rule: WarningRule, values: Mapping[date, float], start: date,
                     end: date) -> list[tuple[date, float | None]]:
    """(day, the value at which a baseline rule holds, or None without a baseline) on up to LIMIT_SAMPLES
    days of start..end, always including the last."""
    days = (end - start).days + 1
    step = max(1, ceil(days / LIMIT_SAMPLES))
    out: list[tuple[date, float | None]] = []
    for i in sorted({*range(0, days, step), days - 1}):
        day = start + timedelta(days=i)
        base = evaluate(rule, values, day).baseline
        limit = None if base is None else base + rule.threshold if rule.comparison is Comparison.AT_LEAST \
            else base - rule.threshold
        out.append((day, limit))
    return out


def chart_rules(watched: Watched, inputs: RuleInputs, start: date, end: date) -> dict[str, list[ChartRule]]:
    """The rules each item's chart draws, by item id (medicine and substance rules watch no item chart)."""
    out: dict[str, list[ChartRule]] = {}
    for sign, rule, fired in watched:
        if rule.item is None or rule.kind not in (RuleKind.THRESHOLD, RuleKind.BASELINE):
            continue
        if rule.kind is RuleKind.THRESHOLD:
            drawn = ChartRule(sign.text, rule.comparison, rule.threshold, fired=fired)
        else:
            drawn = ChartRule(sign.text, rule.comparison, None, _baseline_limits(rule, inputs.values(rule),
                                                                                 start, end), fired, rule.threshold)
        out.setdefault(rule.item, []).append(drawn)
    return out


def signs_section(profile: Profile, checkins: Sequence[CheckIn], items: Sequence[CheckInItem], start: date,
                  end: date, watched: Watched | None = None,
                  values: Mapping[str, Mapping[date, float]] | None = None) -> SignsSection:
    """Every rule of the plan evaluated for each day start..end. `checkins` must reach back far enough
    for the rules' windows and baselines (see `signs_history_start`); `values` are the items' day values,
    when the caller has them already."""
    inputs = RuleInputs(checkins, items, values)
    days = _period_days(start, end)
    if watched is None:
        watched = watched_signs(profile, inputs, start, end)
    results: list[SignResult] = []
    for sign, rule, fired in watched:
        item_values = inputs.values(rule)
        with_data = sum(1 for d in days if d in item_values)
        results.append(SignResult(sign.text, describe(rule, watched_item(rule, items)), with_data, fired,
                                  rule.item or ""))
    return SignsSection(results, [s.text for s in profile.plan.warning_signs if s.rule is None])


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
        done_by_end = sum(1 for s in g.steps if s.done and (s.done_on is None or s.done_on <= end))
        nxt = g.next_step()
        out.append(GoalSummary(g.text, g.archived, done, open_steps, follow_ups, steps=len(g.steps),
                               steps_done=done_by_end, reached_on=g.reached_on,
                               next_step=StepOpen(nxt.text, nxt.due) if nxt else None))
    return GoalsSection(out)


def _shown_questionnaire(result: QuestionnaireResult) -> QuestionnaireShown | None:
    """A finished questionnaire, or one stopped for crisis help; None for one left part way or unknown."""
    form = q.QUESTIONNAIRES.get(result.name)
    if form is None:
        return None
    stopped = q.stopped_for_crisis(result)
    if not stopped and not q.is_complete(result):
        return None
    total = None if stopped else result.total
    band = form.band(total).name if total is not None and 0 <= total <= form.max_total else ""
    return QuestionnaireShown(form.name, result.at.date(), total, form.max_total, band, stopped)


def questionnaires_section(progress: Progress, start: date, end: date) -> QuestionnairesSection:
    shown = sorted(((r.at, s) for r in progress.questionnaires if (s := _shown_questionnaire(r)) and s.on <= end),
                   key=lambda x: x[0])
    latest: dict[str, QuestionnaireShown] = {}
    for _, s in shown:
        latest[s.name] = s
    order = [f.name for f in q.QUESTIONNAIRES.values()]
    return QuestionnairesSection(sorted(latest.values(), key=lambda s: order.index(s.name)),
                                 [s for _, s in shown if start <= s.on])


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


def safety_plan_section(profile: Profile) -> SafetyPlanSection:
    plan = profile.plan.safety_plan
    return SafetyPlanSection([] if plan.is_empty() else safety_steps(plan), plan.updated_on)


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
    profile = store.profile() if want & {"checkins", "signs", "coping", "goals", "safety_plan"} else None
    progress = store.progress() if want & {"lessons", "selfcheck", "questionnaires", "practice", "use"} else None
    checkins: list[CheckIn] = []
    watched: Watched = []
    rules: dict[str, list[ChartRule]] = {}
    values: Mapping[str, Mapping[date, float]] | None = None
    if want & {"checkins", "signs", "notes", "use"}:
        rated = profile if want & {"checkins", "signs"} else None
        checkins = store.checkins(signs_history_start(rated, start) if rated else start, end)
        if rated is not None:
            inputs = RuleInputs(checkins, items)
            values = inputs.item_values()
            watched = watched_signs(rated, inputs, start, end)
            rules = chart_rules(watched, inputs, start, end) if "checkins" in want else {}
    return Report(
        start=start, end=end, generated=today or date.today(), sections=chosen,
        checkins=checkins_section(checkins, items, start, end, rules, values) if "checkins" in want else None,
        signs=signs_section(profile, checkins, items, start, end, watched, values) if "signs" in want and profile is not None
        else None,
        coping=coping_section(store.coping_uses(start, end), profile) if "coping" in want and profile is not None else None,
        goals=goals_section(profile, start, end) if "goals" in want and profile is not None else None,
        lessons=lessons_section(progress, start, end, lesson_titles) if "lessons" in want and progress is not None else None,
        selfcheck=selfcheck_section(progress, start, end) if "selfcheck" in want and progress is not None else None,
        questionnaires=questionnaires_section(progress, start, end) if "questionnaires" in want and progress is not None
        else None,
        practice=practice_section(progress, start, end, lesson_titles) if "practice" in want and progress else None,
        use=use_section(checkins, progress, start, end) if "use" in want and progress is not None else None,
        safety_plan=safety_plan_section(profile) if "safety_plan" in want and profile is not None else None,
        notes=notes_section(checkins, start, end) if "notes" in want else None,
    )
