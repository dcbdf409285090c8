"""The coping toolbox: the person's own strategies ranked by how much they helped them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imr_tui.domain.coping import CopingUse

if TYPE_CHECKING:
    from imr_tui.content.loader import Curriculum
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Progress

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


# ------------------------------------------------------------------ ideas from the lessons read
@dataclass(frozen=True)
class Suggestion:
    """A coping strategy named in a lesson the person has finished, not yet in their toolbox nor skipped."""

    text: str
    lesson: str  # the lesson's title


def hint_examples(hint: str) -> list[str]:
    """The examples a reflection's hint gives: the text after "For example," cut at "or" and at commas.

    'For example, a walk, music, or a call with a friend.' -> ["A walk", "Music", "A call with a friend"];
    a quoted example stays whole ('For example, "Call my cousin when I feel lonely."'); a part that only
    says what the example is for ("for voices, play music") is left out.
    """
    text = " ".join(hint.split())
    lower = text.lower()
    if not lower.startswith("for example"):
        return []
    text = text[len("for example"):].lstrip(" ,:").strip()
    if text[:1] in "\"“'":
        inner = text.strip(" .").strip("\"“”'").rstrip(".")
        return [_sentence(inner)] if inner else []
    parts = [p.strip(" .") for chunk in text.rstrip(".").split(", or ") for p in chunk.split(", ")]
    parts = [q.strip() for p in parts for q in p.split(" or ")]
    return [_sentence(p) for p in parts if p and not p.lower().startswith("for ")]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def suggested_strategies(curriculum: Curriculum, progress: Progress, profile: Profile) -> list[Suggestion]:
    """The rule: for each lesson the person has finished, in the order of the course, the examples in the
    hint of each reflection whose answer goes to the coping toolbox (saves_to: coping_strategy), less any
    already in the toolbox (ignoring case) or skipped before (Progress.coping_skipped)."""
    from imr_tui.content.loader import ContentError
    from imr_tui.domain.lists import text_key
    from imr_tui.domain.saves_to import SavesTo

    done = {(p.module_id, p.lesson_id) for p in progress.lessons if p.done}
    have = {text_key(s.text) for s in profile.strategies} | {text_key(t) for t in progress.coping_skipped}
    out: list[Suggestion] = []
    for entry in curriculum.index:
        if not any((entry.id, lid) in done for lid in entry.lesson_ids):
            continue
        try:
            module = curriculum.module(entry.id)
        except ContentError:
            continue
        for lesson in module.lessons:
            if (module.id, lesson.id) not in done:
                continue
            for r in lesson.reflections:
                if r.saves_to is not SavesTo.COPING_STRATEGY:
                    continue
                for text in hint_examples(r.hint):
                    if text_key(text) not in have:
                        have.add(text_key(text))
                        out.append(Suggestion(text[:500], lesson.title))
    return out
