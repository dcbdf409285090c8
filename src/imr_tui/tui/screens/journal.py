"""The journal: every check-in with its note, medicine and alcohol or drug use, and every coping use,
newest first, one line each; the one picked is shown in full below the list.

Search by words, a tag and a range of days (insights/journal.py: the same search as `imr-tui notes`).
Enter opens the check-in picked, to change it. The whole journal is read once, in a thread; after
that only the months that changed are read again, and a search is a scan in memory.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Static

from imr_tui.domain.format import day_time
from imr_tui.tui import clock
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.entry_list import EntryList
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.insights.journal import JournalEntry, JournalQuery
    from imr_tui.store.store import Store

FIELDS = ("search-words", "search-tag", "search-from", "search-to")


def month_span(month: str) -> tuple[date, date]:
    """The first and last day of "2026-11"."""
    year, number = int(month[:4]), int(month[5:7])
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return first, date.fromordinal(after.toordinal() - 1)


def month_before(day: date) -> str:
    return f"{day.year - 1:04d}-12" if day.month == 1 else f"{day.year:04d}-{day.month - 1:02d}"


def read_months(store: Store, months: set[str] | None) -> dict[str, list[JournalEntry]]:
    """{month: its entries, newest first}: every month when `months` is None, else just those."""
    from imr_tui.insights.journal import build_entries, load_entries

    if months is None:
        out: dict[str, list[JournalEntry]] = {}
        for e in load_entries(store):
            out.setdefault(f"{e.at.year:04d}-{e.at.month:02d}", []).append(e)
        return out
    items = store.checkin_items()
    found = {}
    for month in months:
        first, last = month_span(month)
        found[month] = build_entries(store.checkins(first, last), store.coping_uses(first, last), items)
    return found


def detail_text(entry: JournalEntry | None) -> Content:
    from imr_tui.insights.journal import entry_lines

    if entry is None:
        return Content("")
    kind = "Check-in" if entry.kind == "checkin" else "Coping log"
    parts = [Content.from_markup("[b]$kind, $when[/b]", kind=kind, when=day_time(entry.at))]
    parts += [Content.from_markup("[dim]$label:[/dim] $text", label=label, text=text)
              for label, text in entry_lines(entry)]
    return Content("\n").join(parts)


class JournalScreen(IMRScreen[None]):
    CSS_PATH = "journal.tcss"
    HELP_TOPIC = "journal"
    WATCHES = frozenset({"checkins", "coping", "settings"})
    ERROR_BOX = "#journal-status"
    BINDINGS = [
        Binding("slash", "search", "Search", id="journal.search", key_display="/",
                tooltip="Type words, a tag or days to find entries"),
        Binding("escape", "back", "Back", id="journal.back", tooltip="Back to the list, or to the last screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.months: dict[str, list[JournalEntry]] | None = None
        self.all: list[JournalEntry] = []
        self.query_error = ""
        self.loading_more = False  # the newest months are shown; the older ones are still being read

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.from_markup(
            "Your check-ins and coping logs, newest first. [b]/[/b] searches; [b]Enter[/b] opens a check-in "
            "to change it."), id="journal-intro")
        with Horizontal(id="journal-search"):
            yield Input(placeholder="words to find", id="search-words", max_length=200)
            yield Input(placeholder="a tag, e.g. walk", id="search-tag", max_length=40)
            yield Input(placeholder="from, e.g. -30", id="search-from", max_length=40)
            yield Input(placeholder="to, e.g. today", id="search-to", max_length=40)
        yield Static("Loading your journal…", id="journal-status")
        yield EntryList(id="journal-list")
        with VerticalScroll(id="journal-detail-box"):  # a long note scrolls here (Tab, then the arrows)
            yield Static("", id="journal-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(EntryList).focus()
        self.load(None)

    def shows_data(self) -> bool:
        return self.months is not None

    def reload(self, change: Change) -> None:
        if self.months is None or change.settings or self.loading_more:  # (a new load replaces the one running)
            self.load(None)
        else:
            self.load(set(change.checkins | change.coping))

    # ---------------------------------------------------------------- reading
    @work(thread=True, exclusive=True, group="journal-load")
    def load(self, months: set[str] | None) -> None:
        """Read the months that changed (all of them with None: the last two first, to show them at once)."""
        from textual.worker import get_current_worker

        from imr_tui.store.files import StoreError

        store = self.imr.store
        try:
            if months is None and self.months is None:
                today = clock.today()
                recent = {f"{today.year:04d}-{today.month:02d}", month_before(today)}
                self.from_thread(self.got_months, read_months(store, recent), False, True)
            found = read_months(store, months)
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Your journal could not be read")
            return
        if not get_current_worker().is_cancelled:
            self.from_thread(self.got_months, found, months is None, False)

    def got_months(self, found: dict[str, list[JournalEntry]], everything: bool, first_part: bool) -> None:
        """Show what was read: all months, or the ones that changed; `first_part`: older ones follow."""
        if everything or self.months is None:
            self.months = dict(found)
        else:
            self.months.update(found)
        self.loading_more = first_part
        self.all = [e for month in sorted(self.months, reverse=True) for e in self.months[month]]
        self.run_search()

    # ---------------------------------------------------------------- search
    def current_query(self) -> JournalQuery:
        """The query on the form; a date that cannot be read yet is left out, and said in the status line."""
        from imr_tui.insights.journal import JournalQuery, read_query

        words, tag, start, end = (self.query_one(f"#{f}", Input).value for f in FIELDS)
        today = clock.today()
        self.query_error = ""
        try:
            return read_query(words, tag, start, end, today=today, names=("From", "To"))
        except ValueError as exc:
            self.query_error = str(exc)
        for keep_start, keep_end in ((True, False), (False, True), (False, False)):
            try:
                return read_query(words, tag, start if keep_start else "", end if keep_end else "", today=today)
            except ValueError:
                continue
        return JournalQuery(words, tag)

    def run_search(self) -> None:
        from imr_tui.insights.journal import search

        if self.months is None:
            return
        box = self.query_one(EntryList)
        keep = box.current.id if box.current else None
        query = self.current_query()
        found = search(self.all, query)
        box.show(found, keep)
        status = self.query_one("#journal-status", Static)
        status.remove_class("error")
        total = f"{len(found):,} of {len(self.all):,}" if query else f"{len(self.all):,}"
        words = f"{total} entr{'y' if len(found) == 1 and not query else 'ies'}"
        if query:
            words += f" {query.describe()}"
        if not self.all:
            words = "Nothing here yet. Your check-ins and coping logs will show here."
        elif not found:
            words = f"Nothing found {query.describe()}. Try fewer words, or other days."
        if self.loading_more:
            words = f"{words}. Reading older entries…" if self.all else "Reading your journal…"
        if self.query_error:
            status.add_class("error")
            words = f"{self.query_error} ({words})"
        status.update(Content(words))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id in FIELDS:
            self.run_search()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(EntryList).focus()

    @on(EntryList.Highlighted)
    def _highlighted(self, event: EntryList.Highlighted) -> None:
        self.query_one("#journal-detail", Static).update(detail_text(event.entry))
        self.query_one("#journal-detail-box", VerticalScroll).scroll_home(animate=False)

    @on(EntryList.Picked)
    def _picked(self, event: EntryList.Picked) -> None:
        entry = event.entry
        if entry.kind == "checkin":
            self.imr.open("checkin", entry.day, entry.id)
        else:
            self.notify("A coping log cannot be changed yet. You can log a new one on the Coping screen (t on Home).",
                        timeout=6)

    # --------------------------------------------------------------- actions
    def action_search(self) -> None:
        self.query_one("#search-words", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(EntryList).focus()
        else:
            self.app.pop_screen()
