"""Patterns: which logged factors go with better or worse days. Never a claim of cause.

A day's outcome is its mood (the worst of the day, see domain.summary). A factor is shown only
when there are at least 3 days with it and 3 days without it, both with a mood.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from imr_tui.domain.checkin import CheckIn, CheckInItem
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.format import number
from imr_tui.domain.progress import HomePractice
from imr_tui.domain.summary import day_values

MIN_DAYS = 3
OUTCOME = "mood"
GOOD_SLEEP_HOURS = 7.0
NOTE = "This shows what tends to go together in your own check-ins. It does not show what causes what."


@dataclass(frozen=True)
class Pattern:
    factor: str
    days_with: int
    days_without: int
    mean_with: float
    mean_without: float

    @property
    def difference(self) -> float:
        return self.mean_with - self.mean_without

    def describe(self) -> str:
        if abs(self.difference) < 0.05:
            how = "about the same as"
        else:
            how = f"{abs(self.difference):.1f} points {'higher' if self.difference > 0 else 'lower'} than"
        return (f"On days with {self.factor} ({self.days_with} days), your mood was {how} on other days "
                f"({self.days_without} days).")


@dataclass(frozen=True)
class Factor:
    name: str
    present: set[date]
    known: set[date] | None = None  # days on which the factor could be judged; None: every day with a mood


def factors_by_day(checkins: Iterable[CheckIn], items: Iterable[CheckInItem], coping: Iterable[CopingUse],
                   practice: Iterable[HomePractice]) -> tuple[dict[date, float], list[Factor]]:
    """(mood by day, the factors logged)."""
    checkins = list(checkins)
    values = day_values(checkins, items)
    sleep = values.get("sleep", {})
    factors = [
        # for sleep, "without" means a night under the line, not a day with no sleep logged
        Factor(f"sleep of {number(GOOD_SLEEP_HOURS)} hours or more", {d for d, v in sleep.items() if v >= GOOD_SLEEP_HOURS},
               set(sleep)),
        Factor("alcohol or drug use", {c.day for c in checkins if c.substances or c.values.get("use", 0) > 0}),
        Factor("a coping strategy used", {u.at.date() for u in coping}),
        Factor("home practice done", {p.done_on for p in practice if p.done_on}),
    ]
    tags: dict[str, set[date]] = {}
    for c in checkins:
        for tag in c.tags:
            tags.setdefault(tag, set()).add(c.day)
    factors += [Factor(f"the tag '{tag}'", days) for tag, days in sorted(tags.items())]
    return values.get(OUTCOME, {}), factors


def patterns(checkins: Iterable[CheckIn], items: Iterable[CheckInItem], coping: Iterable[CopingUse] = (),
             practice: Iterable[HomePractice] = ()) -> list[Pattern]:
    """Factors with at least 3 days with and 3 without (days with a mood), largest difference first."""
    mood, factors = factors_by_day(checkins, items, coping, practice)
    out: list[Pattern] = []
    for f in factors:
        universe = f.known if f.known is not None else set(mood)
        with_days = [mood[d] for d in f.present if d in mood]
        without = [mood[d] for d in universe if d in mood and d not in f.present]
        if len(with_days) >= MIN_DAYS and len(without) >= MIN_DAYS:
            out.append(Pattern(f.name, len(with_days), len(without), sum(with_days) / len(with_days),
                               sum(without) / len(without)))
    return sorted(out, key=lambda p: -abs(p.difference))
