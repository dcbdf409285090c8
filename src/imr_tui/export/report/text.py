"""The wording both formats of the report share (Markdown and PDF say the same things)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from imr_tui.export.report.model import (
    CheckinsSection,
    CopingSection,
    ItemSummary,
    MedicationDays,
    Report,
    SelfCheckSection,
    SignResult,
    day_ranges,
)
from imr_tui.insights.trends import fmt_number

PRIVATE_NOTE = "This report holds private health information. Share it only with people you choose."
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
    return fmt_number(x) + (f" {unit}" if unit else "")


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
        text += (f"; distress (0-10) was {fmt_number(c.average_before)} before and {fmt_number(c.average_after)} "
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
