"""Two sections a report can include when asked for: home practice, and alcohol and drug use over time.

Each has its dataclasses, its builder and its wording here, shared by the Markdown and the PDF; neither
is in the default sections (`--sections practice,use`, or picked on the Report screen).

- practice: the home practice done in the period (with how it went, in the person's words) and what
  is still open.
- use: days with alcohol or drug use, by week (by month for more than 13 weeks), what was used, the
  last day of use, and the slips written down in the period (what happened, what to try next time).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from imr_tui.domain.summary import day_uses

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn
    from imr_tui.domain.progress import Progress

Titles = Callable[[str, str], "str | None"]
WEEKS_AT_MOST = 13  # longer periods are counted by month


@dataclass(frozen=True)
class PracticeEntry:
    text: str
    lesson: str
    chosen_on: date
    due: date | None
    done_on: date | None
    how_it_went: str


@dataclass(frozen=True)
class PracticeSection:
    done: list[PracticeEntry]  # done in the period, oldest first
    open: list[PracticeEntry]  # chosen by the end of the period and not done


def practice_section(progress: Progress, start: date, end: date, titles: Titles | None = None) -> PracticeSection:
    def entry(p: object) -> PracticeEntry:
        from imr_tui.domain.progress import HomePractice

        assert isinstance(p, HomePractice)
        lesson = (titles(p.module_id, p.lesson_id) if titles else None) or f"{p.module_id} / {p.lesson_id}"
        return PracticeEntry(p.text, lesson, p.chosen_on, p.due, p.done_on, p.how_it_went)

    done = [entry(p) for p in progress.practice if p.done_on and start <= p.done_on <= end]
    still = [entry(p) for p in progress.practice if p.done_on is None and p.chosen_on <= end]
    return PracticeSection(sorted(done, key=lambda e: e.done_on or date.min), sorted(still, key=lambda e: e.chosen_on))


def practice_rows(section: PracticeSection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(done, open) as (a date, the words) rows."""
    done = [(e.done_on.isoformat() if e.done_on else "", f"{e.text} ({e.lesson})"
             + (f" How it went: {e.how_it_went}" if e.how_it_went else "")) for e in section.done]
    still = [(f"since {e.chosen_on.isoformat()}", f"{e.text} ({e.lesson})"
              + (f", for {e.due.isoformat()}" if e.due else "")) for e in section.open]
    return done, still


@dataclass(frozen=True)
class UseRow:
    first: date
    last: date
    days_checked: int  # days with a check-in
    days_used: int  # of those, days with use


@dataclass(frozen=True)
class SlipEntry:
    on: date
    what_happened: str
    try_next: str
    in_plan: bool


@dataclass(frozen=True)
class UseSection:
    days_checked: int
    days_used: int
    rows: list[UseRow]
    by_week: bool  # False: the rows are months
    substances: list[tuple[str, int]]  # (what, days), most days first
    last_use: date | None  # the last day with use up to the end of the period (in the check-ins read)
    slips: list[SlipEntry]


def _spans(start: date, end: date, by_week: bool) -> list[tuple[date, date]]:
    out = []
    first = start
    while first <= end:
        if by_week:
            last = min(end, first + timedelta(days=6))
        else:
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            last = min(end, after - timedelta(days=1))
        out.append((first, last))
        first = last + timedelta(days=1)
    return out


def use_section(checkins: Sequence[CheckIn], progress: Progress, start: date, end: date) -> UseSection:
    """Use in the period, from the check-ins of start..end (and the slips written down)."""
    in_period = [c for c in checkins if start <= c.day <= end]
    uses = day_uses(in_period)
    by_week = (end - start).days + 1 <= WEEKS_AT_MOST * 7
    rows = [UseRow(a, b, sum(1 for d in uses if a <= d <= b), sum(1 for d, n in uses.items() if a <= d <= b and n))
            for a, b in _spans(start, end, by_week)]
    named: dict[str, set[date]] = {}
    for c in in_period:
        for u in c.substances:
            named.setdefault(" ".join(u.what.split()).lower(), set()).add(c.day)
    used_days = [d for d, n in uses.items() if n]
    slips = sorted((SlipEntry(s.on, s.what_happened, s.try_next, s.in_plan) for s in progress.slips
                    if start <= s.on <= end), key=lambda s: s.on)
    last = max([*used_days, *(s.on for s in slips)], default=None)
    return UseSection(len(uses), len(used_days), rows, by_week,
                      sorted(((k, len(v)) for k, v in named.items()), key=lambda kv: (-kv[1], kv[0])), last, slips)


def use_summary(section: UseSection, period_days: int) -> list[str]:
    """The section's sentences, in plain words."""
    out = [f"Alcohol or drug use on {section.days_used} of the {section.days_checked} days with a check-in "
           f"({period_days} days in the period)."]
    if section.substances:
        out.append("What was used: " + "; ".join(f"{what} on {n} day{'s' if n != 1 else ''}"
                                                for what, n in section.substances) + ".")
    out.append(f"Last day of use in this period: {section.last_use.isoformat()}." if section.last_use
               else "No use written down in this period.")
    return out


def use_table(section: UseSection) -> tuple[list[str], list[list[str]]]:
    head = ["Week from" if section.by_week else "Month", "Days with a check-in", "Days with use"]
    rows = [[r.first.isoformat() if section.by_week else f"{r.first:%Y-%m}", str(r.days_checked), str(r.days_used)]
            for r in section.rows]
    return head, rows


def slip_rows(section: UseSection) -> list[tuple[str, str]]:
    out = []
    for s in section.slips:
        words = s.what_happened or "(nothing written about what happened)"
        if s.try_next:
            words += f" Next time: {s.try_next}"
        if s.in_plan:
            words += " (added to the relapse prevention plan)"
        out.append((s.on.isoformat(), words))
    return out
