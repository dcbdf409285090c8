"""The coping toolbox: the person's own strategies ranked by how much they helped them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imr_tui.domain.coping import CopingUse

MIN_USES = 3


@dataclass(frozen=True)
class StrategyStats:
    strategy: str
    uses: int
    average_drop: float | None  # None: not enough data yet (under MIN_USES uses)

    def describe(self) -> str:
        times = "time" if self.uses == 1 else "times"
        if self.average_drop is None:
            return f"{self.strategy}: used {self.uses} {times}; not enough data yet (needs {MIN_USES})"
        change = "lower" if self.average_drop >= 0 else "higher"
        return (f"{self.strategy}: distress {abs(self.average_drop):.1f} points {change} after, on average "
                f"({self.uses} {times})")

    def for_the_person(self) -> str:
        """The same in the person's own words, for the coping screen ("upset", not "distress")."""
        if self.average_drop is None:
            return self.describe()
        times = "time" if self.uses == 1 else "times"
        change = "less" if self.average_drop >= 0 else "more"
        return (f"{self.strategy}: you felt {abs(self.average_drop):.1f} points {change} upset after, on average "
                f"({self.uses} {times})")


def rank_strategies(uses: Iterable[CopingUse]) -> list[StrategyStats]:
    """Strategies with enough uses first, by average drop in distress (largest first); then the rest."""
    groups: dict[str, list[CopingUse]] = {}
    names: dict[str, str] = {}
    for u in uses:
        key = u.strategy_id or u.strategy.strip().lower()
        groups.setdefault(key, []).append(u)
        names[key] = u.strategy
    stats = []
    for key, group in groups.items():
        avg = sum(u.drop for u in group) / len(group) if len(group) >= MIN_USES else None
        stats.append(StrategyStats(names[key], len(group), avg))
    return sorted(stats, key=lambda s: (s.average_drop is None, -(s.average_drop or 0), -s.uses, s.strategy))
