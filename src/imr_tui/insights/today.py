"""What Home shows: today's check-in, the lesson to continue, the goal step and home practice due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from imr_tui.content.loader import ContentError, Curriculum
from imr_tui.domain import selfcheck
from imr_tui.domain.profile import Profile, Supporter
from imr_tui.domain.progress import HomePractice, Progress
from imr_tui.insights.rules import RuleInputs, days_needed, fired_signs
from imr_tui.store.store import Store


@dataclass(frozen=True)
class NextLesson:
    module_id: str
    module_title: str
    lesson_id: str
    lesson_title: str
    page: int
    started: bool


@dataclass(frozen=True)
class GoalStepDue:
    goal: str
    step: str
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class FiredSign:
    """A warning sign that fired (filled in by the relapse prevention plan's rules)."""

    sign: str
    rule: str
    action_steps: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    sign_id: str = ""


@dataclass(frozen=True)
class SubstanceDays:
    """For a person who tracks alcohol or drug use: the last day of use (a check-in or a slip written down)."""

    last_use: date | None  # None: none in the last LOOK_BACK_DAYS days
    days_since: int | None


LOOK_BACK_DAYS = 366  # how far back Home looks for the last use (a year: at most 13 month files)


@dataclass(frozen=True)
class HomeSummary:
    checkins_today: int
    last_checkin: str
    next_lesson: NextLesson | None
    lessons_done: int
    lessons_total: int
    goal_step: GoalStepDue | None
    practice_due: list[HomePractice]
    warning_signs: list[FiredSign] = field(default_factory=list)
    plan_review_due: bool = False
    selfcheck_due: bool = False
    selfcheck_unfinished: bool = False
    substances: SubstanceDays | None = None  # None: the person does not track use (Settings)
    today: date | None = None


def next_lesson(curriculum: Curriculum, progress: Progress) -> tuple[NextLesson | None, int, int]:
    """The lesson to continue: the most recently opened unfinished one, else the first not done.

    Uses the index's lesson ids and loads at most one module (for the titles), so Home stays light.
    """
    done = {(p.module_id, p.lesson_id) for p in progress.lessons if p.done}
    total = sum(len(e.lesson_ids) for e in curriculum.index)
    done_count = sum(1 for e in curriculum.index for lid in e.lesson_ids if (e.id, lid) in done)
    known = {(e.id, lid) for e in curriculum.index for lid in e.lesson_ids}
    started = sorted((p for p in progress.lessons if not p.done and p.updated and (p.module_id, p.lesson_id) in known),
                     key=lambda p: p.updated or datetime.min.replace(tzinfo=UTC), reverse=True)
    target: tuple[str, str, int, bool] | None = None
    if started:
        target = (started[0].module_id, started[0].lesson_id, started[0].page, True)
    else:
        target = next(((e.id, lid, 0, False) for e in curriculum.index for lid in e.lesson_ids
                       if (e.id, lid) not in done), None)
    if target is None:
        return None, done_count, total
    module_id, lesson_id, page, was_started = target
    try:
        module = curriculum.module(module_id)
    except ContentError:
        return None, done_count, total
    lesson = next((ls for ls in module.lessons if ls.id == lesson_id), None)
    if lesson is None:
        return None, done_count, total
    return NextLesson(module.id, module.title, lesson.id, lesson.title, page, was_started), done_count, total


def warning_signs(store: Store, profile: Profile, progress: Progress, today: date) -> list[FiredSign]:
    """Signs from the plan that fire today, with the person's own action steps and supporters.

    Loads only the days the rules look at, so Home does not slow down as history grows.
    """
    rules = [s.rule for s in profile.plan.warning_signs if s.rule is not None]
    if not rules:
        return []
    span = max(days_needed(r) for r in rules)
    inputs = RuleInputs(store.checkins(today - timedelta(days=span), today), store.checkin_items())
    fired = fired_signs(profile, inputs, today, progress.dismissed_signs)
    steps = [a.text for a in profile.plan.action_steps]
    helpers = [supporter_line(s) for s in profile.plan.supporters or profile.supporters]
    return [FiredSign(f.sign.text, f.rule_text, steps, helpers, f.sign.id) for f in fired]


def supporter_line(s: Supporter) -> str:
    """ "Ana (walks with me): 555-0142": who, how they help, and how to reach them."""
    line = f"{s.name} ({s.how_they_help})" if s.how_they_help else s.name
    return f"{line}: {s.contact}" if s.contact else line


def substance_days(store: Store, progress: Progress, today: date) -> SubstanceDays:
    """The last day of alcohol or drug use in the last year, month by month from the newest (a use listed
    in a check-in, a yes to "use", or a slip written down)."""
    from imr_tui.domain.summary import last_use_day

    first = today - timedelta(days=LOOK_BACK_DAYS - 1)
    slips = [s.on for s in progress.slips if first <= s.on <= today]
    found: date | None = None
    last_day = today
    while found is None and last_day >= first:
        month = last_day.replace(day=1)
        found = last_use_day(store.checkins(max(first, month), last_day))
        last_day = month - timedelta(days=1)
    last = max([d for d in (found, *slips) if d is not None], default=None)
    return SubstanceDays(last, (today - last).days if last else None)


def home_summary(store: Store, curriculum: Curriculum | None, today: date) -> HomeSummary:
    checkins = store.checkins_on(today)
    progress = store.progress()
    profile = store.profile()
    lesson, done, total = next_lesson(curriculum, progress) if curriculum else (None, 0, 0)
    goal = profile.active_goal()
    step = goal.next_step() if goal else None
    goal_due = (GoalStepDue(goal.text, step.text, step.due, bool(step.due and step.due < today))
                if goal and step else None)
    practice = [p for p in progress.practice if p.done_on is None]
    practice.sort(key=lambda p: p.due or date.max)
    return HomeSummary(
        checkins_today=len(checkins),
        last_checkin=checkins[-1].at.strftime("%H:%M") if checkins else "",
        next_lesson=lesson, lessons_done=done, lessons_total=total,
        goal_step=goal_due, practice_due=practice,
        warning_signs=warning_signs(store, profile, progress, today),
        plan_review_due=plan_review_due(profile, today),
        selfcheck_due=selfcheck.due(progress.self_checks, today),
        selfcheck_unfinished=selfcheck.unfinished(progress.self_checks, today) is not None,
        substances=substance_days(store, progress, today) if store.settings().track_substances else None,
        today=today,
    )


def plan_review_due(profile: Profile, today: date) -> bool:
    """A gentle prompt when the plan has content and was last reviewed more than 3 months ago."""
    plan = profile.plan
    has_content = any([plan.triggers, plan.warning_signs, plan.action_steps, plan.supporters, plan.emergency_contacts])
    return has_content and (plan.reviewed_on is None or (today - plan.reviewed_on).days > 91)
