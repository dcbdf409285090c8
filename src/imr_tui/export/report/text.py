"""The wording both formats of the report share (Markdown and PDF say the same things)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from imr_tui.domain.format import number, with_unit
from imr_tui.domain.questionnaires import NOT_A_DIAGNOSIS
from imr_tui.export.report.model import (
    SECTION_TITLES,
    CheckinsSection,
    CopingSection,
    Direction,
    GoalsSection,
    ItemSummary,
    LessonsSection,
    MedicationDays,
    QuestionnaireShown,
    QuestionnairesSection,
    Report,
    SelfCheckSection,
    SignResult,
    SignsSection,
    day_ranges,
)

PRIVATE_NOTE = "This report holds private health information. Share it only with people you choose."
SUMMARY_TITLE = "Summary for the care team"
SUMMARY_RANGES = 3  # the most recent runs of days a sign fired, on the summary
SUMMARY_ITEM_HEAD = ["Item", "Scale", "Days", "Typical", "Trend", "Worst days"]
SAFETY_PLAN_INTRO = ("The person's suicide safety plan as it is now, in their own words: steps used in order when "
                     "thoughts of suicide come.")
SAFETY_PLAN_NONE = "No safety plan has been made in the app yet."
SAFETY_STEP_EMPTY = "(nothing written)"


def safety_plan_changed(updated_on: date | None) -> str:
    return f" Last changed: {updated_on.isoformat()}." if updated_on else ""


def describe_ranges(days: Sequence[date]) -> str:
    """'2026-11-01 to 2026-11-04, 2026-11-10' for a list of days."""
    parts = []
    for a, b in day_ranges(days):
        parts.append(a.isoformat() if a == b else f"{a.isoformat()} to {b.isoformat()}")
    return ", ".join(parts)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "-"
    return with_unit(x, unit, 1)


def chart_caption(report: Report, days_per_point: int) -> str:
    each = "one mark a day" if days_per_point == 1 else \
        f"one mark for every {days_per_point} days (the average of their day values)"
    return (f"Charts run from {report.start.isoformat()} (left) to {report.end.isoformat()} (right), {each}. "
            "A gap is a time with no value. The height runs over each item's scale, from its lowest to its highest "
            "number, except that a scale wider than 0-12 goes only as high as needed (sleep: 0-12 hours).")


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


# ------------------------------------------------------------------ the summary (page 1, and the top of Markdown)
def made_text(report: Report) -> str:
    return (f"{report.start.isoformat()} to {report.end.isoformat()} ({plural(report.days, 'day')}). Made with imr-tui on "
            f"{report.generated.isoformat()} from the person's own entries.")


def recent_ranges(days: Sequence[date], limit: int) -> str:
    """The last `limit` runs of days, most recent first, and how many earlier runs there were."""
    runs = day_ranges(days)
    shown = [a.isoformat() if a == b else f"{a.isoformat()} to {b.isoformat()}" for a, b in reversed(runs[-limit:])]
    more = len(runs) - limit
    return ", ".join(shown) + (f" (and {plural(more, 'earlier time')})" if more > 0 else "")


def checkin_count_text(c: CheckinsSection, days: int) -> str:
    without = days - c.days_with_checkin
    text = f"checked in on {c.days_with_checkin} of {plural(days, 'day')} ({plural(c.checkins, 'check-in')}); "
    if without == 0:
        return text + "no day without one."
    text += f"{plural(without, 'day')} without one"
    if c.longest_gap and c.gap_days > 1:
        a, b = c.longest_gap
        text += f"; the longest gap {plural(c.gap_days, 'day')} ({a.isoformat()} to {b.isoformat()})"
    return text + "."


def scale_short(s: ItemSummary) -> str:
    if s.yes_no:
        return "yes/no"
    unit = f" {s.item.unit}" if s.item.unit else ""
    worse = "low" if s.item.worse.value == "low" else "high"
    return f"{number(s.item.low, 1)}-{number(s.item.high, 1)}{unit}, {worse} is worse"


def typical_text(s: ItemSummary) -> str:
    if s.days_with_data == 0:
        return "-"
    if s.yes_no:
        return f"yes on {s.yes_days} of {s.days_with_data}"
    assert s.median is not None
    mid = s.middle_half
    return number(s.median, 1) + (f" ({number(mid[0], 1)}-{number(mid[1], 1)})" if mid and mid[0] != mid[1] else "")


def trend_text(s: ItemSummary) -> str:
    t = s.trend()
    if t.direction is Direction.UNKNOWN or t.first is None or t.second is None:
        return "not enough data"
    if s.yes_no:
        return f"{t.direction.value} ({t.first:.0%} → {t.second:.0%} of days)".replace("%", " %")
    return f"{t.direction.value} ({number(t.first, 1)} → {number(t.second, 1)})"


def worst_text(s: ItemSummary, n: int = 3) -> str:
    worst = s.worst_days(n)
    if not worst:
        return "-" if not s.yes_no or s.days_with_data == 0 else "no yes"
    if s.yes_no:
        return "yes: " + ", ".join(d.isoformat() for d, _ in worst)
    return ", ".join(f"{d.isoformat()} ({number(v, 1)})" for d, v in worst)


def summary_item_rows(c: CheckinsSection, days: int) -> list[list[str]]:
    """The rows of the summary's item table (SUMMARY_ITEM_HEAD), for the items with at least one value."""
    return [[s.label + ("" if s.known else " (not in the settings)"), scale_short(s), f"{s.days_with_data} of {days}",
             typical_text(s), trend_text(s), worst_text(s)] for s in c.items if s.days_with_data]


def medicine_text(m: MedicationDays) -> str:
    if m.answered == 0:
        return "no answers in this period."
    if m.prescribed == 0:
        return f"not prescribed (answered on {plural(m.not_prescribed, 'day')})."
    share = m.taken_share or 0
    text = f"taken on {m.taken} of {plural(m.prescribed, 'day')} answered ({share:.0%})".replace("%", " %")
    rest = [f"partly on {plural(m.partly, 'day')}" if m.partly else "", f"missed on {plural(m.missed, 'day')}"
            if m.missed else "", f"no answer on {plural(m.no_answer, 'day')} with a check-in" if m.no_answer else ""]
    rest = [r for r in rest if r]
    return text + ("; " + "; ".join(rest) if rest else "") + "."


def use_days_text(c: CheckinsSection, quote: Callable[[str], str] = str) -> str:
    if not c.use_days:
        return f"none written down (on {plural(c.days_with_checkin, 'day')} with a check-in)."
    text = f"on {len(c.use_days)} of {plural(c.days_with_checkin, 'day')} with a check-in"
    text += f"; the latest {recent_ranges(c.use_days, SUMMARY_RANGES)}"
    if c.substances:
        text += "; written down: " + ", ".join(f"{quote(name)} ({plural(n, 'day')})" for name, n in c.substances[:4])
        if len(c.substances) > 4:
            text += f" and {plural(len(c.substances) - 4, 'other')}"
    return text + "."


def fired_summary(sg: SignsSection) -> tuple[list[tuple[str, str]], list[str]]:
    """([(sign, 'the rule: N days: the latest runs')], [signs that did not fire])."""
    fired = [(s.sign, f"{s.rule}: {plural(len(s.days), 'day')}, the latest {recent_ranges(s.days, SUMMARY_RANGES)}")
             for s in sg.signs if s.days]
    quiet = [s.sign + (" (no values to check)" if s.item_days_with_data == 0 else "") for s in sg.signs if not s.days]
    return fired, quiet


def questionnaire_text(s: QuestionnaireShown, start: date) -> str:
    before = " (before this period)" if s.on < start else ""
    if s.stopped_for_crisis:
        return (f"{s.name} on {s.on.isoformat()}{before}: stopped at question 9 (thoughts of being better off dead "
                "or of self-harm, answered above \"not at all\"), so it has no total.")
    return f"{s.name} on {s.on.isoformat()}{before}: {s.total} of {s.max_total} ({s.band})."


def questionnaires_text(qs: QuestionnairesSection, start: date) -> str:
    if not qs.latest:
        return "none taken."
    return " ".join(questionnaire_text(s, start) for s in qs.latest) + " " + NOT_A_DIAGNOSIS.split(". ")[0] + "."


def goal_lines(gs: GoalsSection, limit: int) -> list[str]:
    active = [g for g in gs.goals if not g.archived] or gs.goals
    out = []
    for g in active[:limit]:
        text = f"{g.text}: {g.steps_done} of {plural(g.steps, 'step')} done ({len(g.done)} in this period)"
        if g.reached_on:
            text += f"; reached on {g.reached_on.isoformat()}"
        elif g.next_step:
            due = f" (due {g.next_step.due.isoformat()})" if g.next_step.due else ""
            text += f"; next: {g.next_step.text}{due}"
        out.append(text + ".")
    if len(active) > limit:
        out.append(f"And {plural(len(active) - limit, 'more goal')}.")
    return out


def coping_line(cp: CopingSection) -> str:
    if cp.uses == 0:
        return "none written down."
    text = coping_summary_text(cp).removeprefix("Coping strategies used ").rstrip(".")
    best = next((s for s in cp.strategies if s.average_drop is not None), None)
    if best is not None and best.average_drop is not None:
        text += f"; helped most: {best.strategy} ({number(best.average_drop, 1)} points lower, {plural(best.uses, 'time')})"
    return "used " + text + "."


def lessons_line(ls: LessonsSection) -> str:
    return f"{len(ls.done)} finished in this period ({ls.done_ever} in all)."


def selfcheck_line(sc: SelfCheckSection) -> str:
    if not sc.checks:
        return "none in this period."
    last = sc.checks[-1]
    avg = last.average
    text = f"{plural(len(sc.checks), 'self-check')}; the latest on {last.on.isoformat()}"
    return text + (f", average {number(avg, 1)} of 5." if avg is not None else ".")


def detail_list(report: Report) -> str:
    names = [SECTION_TITLES[s].split(":")[0].split(" (")[0] for s in report.sections]
    return ", ".join(names)
