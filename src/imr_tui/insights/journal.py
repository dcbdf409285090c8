"""The journal: every check-in (its note, medicine, alcohol and drugs, tags, ratings) and every coping
use, newest first, and a search over them by words, tag and days. Shared by the journal screen and
`imr-tui notes`.

How a search matches (the same in the app and the shell):
- words: every word typed must appear somewhere in the entry (its note, tags, what was used, the
  medicine answer, the coping strategy and situation), in any order. Case and accents do not
  matter ("cafe" finds "Café", "ευχαριστω" finds "ευχαριστώ").
- tag: the entry has that tag (case and accents do not matter).
- days: the entry's day is from `start` to `end`, both included (either may be open).

Each entry keeps its search text folded once (`JournalEntry.haystack`), so a search over ten years
(about 14,000 entries) is a few passes over short strings (see bench/journal.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.checkin_text import format_substances
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.format import number
from imr_tui.insights.trends import is_yes_no

if TYPE_CHECKING:
    from imr_tui.store.store import Store

MEDICATION_WORDS = {Medication.TAKEN: "taken", Medication.PARTLY: "partly taken", Medication.MISSED: "not taken",
                    Medication.NOT_PRESCRIBED: "not prescribed"}


def fold(text: str) -> str:
    """Text as a search compares it: lower case, accents removed, single spaces."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


class JournalEntry:
    """One line of the journal: a check-in or a coping use. Its ratings are put in words only when shown."""

    __slots__ = ("_ratings", "_values", "at", "distress", "folded_tags", "haystack", "id", "items", "kind",
                 "medication", "note", "strategy", "substances", "tags")

    def __init__(self, kind: Literal["checkin", "coping"], entry_id: str, at: datetime, *,
                 values: dict[str, float] | None = None, items: dict[str, CheckInItem] | None = None,
                 medication: str = "", substances: str = "", tags: Sequence[str] = (), note: str = "",
                 strategy: str = "", distress: tuple[int, int] | None = None) -> None:
        self.kind, self.id, self.at = kind, entry_id, at
        self._values = values or {}
        self.items = items or {}
        self._ratings: str | None = None
        self.medication = medication  # "taken", "partly taken", "not taken", "not prescribed" ("" = no answer)
        self.substances = substances  # "beer 2 cans, cannabis"
        self.tags = tuple(tags)
        self.note = note  # the check-in's note, or the coping use's situation
        self.strategy = strategy  # coping: what was done
        self.distress = distress  # coping: before, after
        words = [note, medication and f"medicine {medication}", substances, strategy, *tags]
        self.haystack = fold(" ".join(w for w in words if w))
        self.folded_tags = frozenset(fold(t) for t in tags)

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def ratings(self) -> str:
        """ "mood 6, 7 hours of sleep" (made the first time it is needed: most entries are never shown)."""
        if self._ratings is None:
            self._ratings = ratings_text(self._values, self.items)
        return self._ratings

    def __repr__(self) -> str:
        return f"JournalEntry({self.kind}, {self.id}, {self.at.isoformat()})"


def ratings_text(values: dict[str, float], items: dict[str, CheckInItem]) -> str:
    """The ratings of a check-in in the order of the person's items: "mood 6, 7 hours of sleep"."""
    order = {item_id: n for n, item_id in enumerate(items)}
    parts = []
    for item_id in sorted(values, key=lambda i: (order.get(i, len(order)), i)):
        item, value = items.get(item_id), values[item_id]
        if item is None:
            parts.append(f"{item_id.replace('_', ' ')} {number(value)}")
        elif is_yes_no(item):
            parts.append(f"{item.label.lower()}: {(item.high_label or 'yes') if value >= 1 else (item.low_label or 'no')}")
        else:
            parts.append(item.reading(value))
    return ", ".join(parts)


def checkin_entry(c: CheckIn, items: dict[str, CheckInItem]) -> JournalEntry:
    return JournalEntry("checkin", c.id, c.at, values=c.values, items=items,
                        medication=MEDICATION_WORDS.get(c.medication, "") if c.medication else "",
                        substances=format_substances(c.substances) if c.substances else "", tags=c.tags,
                        note=c.note)


def coping_entry(u: CopingUse) -> JournalEntry:
    return JournalEntry("coping", u.id, u.at, note=u.situation, strategy=u.strategy,
                        distress=(u.distress_before, u.distress_after))


def newest_first(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    return sorted(entries, key=attrgetter("at"), reverse=True)


def build_entries(checkins: Iterable[CheckIn], uses: Iterable[CopingUse], items: Iterable[CheckInItem]
                  ) -> list[JournalEntry]:
    """Every check-in and coping use as journal entries, newest first."""
    by_id = {i.id: i for i in items}
    return newest_first([*(checkin_entry(c, by_id) for c in checkins), *(coping_entry(u) for u in uses)])


def load_entries(store: Store, start: date | None = None, end: date | None = None) -> list[JournalEntry]:
    """The journal of start..end (all of it without them), read from the store, newest first."""
    return build_entries(store.checkins(start, end), store.coping_uses(start, end), store.checkin_items())


@dataclass(frozen=True)
class JournalQuery:
    """What to look for; an empty query finds everything."""

    words: str = ""
    tag: str = ""
    start: date | None = None
    end: date | None = None

    def __bool__(self) -> bool:
        return bool(self.words.strip() or self.tag.strip() or self.start or self.end)

    def describe(self) -> str:
        """The query in words, for the line above the list: 'with "walk", tagged "park", from 1 Nov 2026'."""
        parts = []
        if self.words.strip():
            parts.append(f'with "{" ".join(self.words.split())}"')
        if self.tag.strip():
            parts.append(f'tagged "{self.tag.strip()}"')
        if self.start:
            parts.append(f"from {self.start.isoformat()}")
        if self.end:
            parts.append(f"to {self.end.isoformat()}")
        return ", ".join(parts)


def search(entries: Sequence[JournalEntry], query: JournalQuery) -> list[JournalEntry]:
    """The entries that match, in the order given (newest first from build_entries). Each condition is one
    pass over what is left, the cheapest first."""
    found = list(entries)
    if not query:
        return found
    start, end = query.start, query.end
    if start is not None:
        found = [e for e in found if e.at.date() >= start]
    if end is not None:
        found = [e for e in found if e.at.date() <= end]
    tag = fold(query.tag)
    if tag:
        found = [e for e in found if tag in e.folded_tags]
    for word in fold(query.words).split():
        found = [e for e in found if word in e.haystack]
    return found


def entry_title(e: JournalEntry) -> str:
    """The short line the list shows: "Went for a walk · medicine taken · beer 2 · #park · mood 6"."""
    if e.kind == "coping":
        head = [f"coping: {e.strategy}"]
        if e.distress:
            head.append(f"distress {e.distress[0]} → {e.distress[1]}")
        if e.note:
            head.append(e.note)
        return " · ".join(head)
    parts = [" ".join(e.note.split())] if e.note.strip() else []  # the person's own words first
    parts += [p for p in (e.medication and f"medicine {e.medication}", e.substances) if p]
    if e.tags:
        parts.append("#" + " #".join(e.tags))
    if e.ratings:
        parts.append(e.ratings)
    return " · ".join(parts) or "(nothing filled in)"


def entry_lines(e: JournalEntry) -> list[tuple[str, str]]:
    """The whole entry as (label, text) rows, for the detail view and `imr-tui notes`."""
    if e.kind == "coping":
        rows = [("Coping", e.strategy)]
        if e.distress:
            rows.append(("Distress", f"{e.distress[0]} before, {e.distress[1]} after"))
        if e.note:
            rows.append(("What happened", e.note))
        return rows
    rows = []
    if e.note:
        rows.append(("Note", e.note))  # the person's own words first
    if e.medication:
        rows.append(("Medicine", e.medication))
    if e.substances:
        rows.append(("Alcohol or drugs", e.substances))
    if e.tags:
        rows.append(("Tags", ", ".join(e.tags)))
    if e.ratings:
        rows.append(("Ratings", e.ratings))
    return rows or [("Check-in", "nothing filled in")]


def read_query(words: str = "", tag: str = "", start: str = "", end: str = "", *, today: date,
               names: tuple[str, str] = ("from", "to")) -> JournalQuery:
    """A query from what was typed (the days in the grammar of domain/dates.py; a weekday is the last one).
    Raises ValueError with one line naming the field by `names` ("--from: ..."), or a start after the end."""
    from imr_tui.domain.dates import LAST, parse_day

    days: list[date | None] = []
    for name, text in zip(names, (start, end), strict=True):
        try:
            days.append(parse_day(text, today, LAST) if text.strip() else None)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    first, last = days
    if first and last and first > last:
        raise ValueError(f"{names[0]} {first.isoformat()} is after {names[1]} {last.isoformat()}")
    return JournalQuery(" ".join(words.split()), tag.strip(), first, last)


def plain_text(entries: Sequence[JournalEntry]) -> str:
    """The entries as plain text for the shell: a heading line each, then its rows, indented."""
    from imr_tui.domain.format import day_time

    out = []
    for e in entries:
        out.append(f"{day_time(e.at)}  {'check-in' if e.kind == 'checkin' else 'coping'}")
        for label, text in entry_lines(e):
            first, *more = text.splitlines() or [""]
            out.append(f"  {label}: {first}")
            out.extend(f"    {line}" for line in more)
        out.append("")
    return "\n".join(out)
