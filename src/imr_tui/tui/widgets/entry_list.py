"""A list of journal entries, one line each, that draws only the lines on screen.

Ten years of check-ins are about 14,000 lines: an OptionList would build a widget line for each
one up front. This list is a ScrollView with `render_line`, so moving, scrolling and a new search
cost the same for a week of data as for ten years. Text is drawn as plain segments: a note with
Rich markup in it shows as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from imr_tui.domain.format import stamp
from imr_tui.insights.journal import JournalEntry, entry_title


class EntryList(ScrollView, can_focus=True):
    """One line per entry: when, then what. Up/Down, Page Up/Down, Home/End move; Enter picks."""

    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--when", "entry-list--coping"}
    DEFAULT_CSS = """
    EntryList > .entry-list--cursor { background: $accent 40%; text-style: bold; }
    EntryList:focus > .entry-list--cursor { background: $accent; color: $text; }
    EntryList > .entry-list--when { color: $text-muted; }
    EntryList > .entry-list--coping { color: $text-success; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="entries.up", show=False, tooltip="The entry above"),
        Binding("down", "move(1)", "Down", id="entries.down", show=False, tooltip="The entry below"),
        Binding("pageup", "page(-1)", "Page up", id="entries.pageup", show=False, tooltip="One screen up"),
        Binding("pagedown", "page(1)", "Page down", id="entries.pagedown", show=False, tooltip="One screen down"),
        Binding("home", "first", "First", id="entries.first", show=False, tooltip="The newest entry"),
        Binding("end", "last", "Last", id="entries.last", show=False, tooltip="The oldest entry"),
        # named on the screen ("Enter opens a check-in"): the Footer keeps F1 at 60 columns
        Binding("enter", "pick", "Change", id="entries.pick", show=False, tooltip="Open this entry to change it"),
    ]

    cursor: reactive[int] = reactive(0, repaint=False)  # only the lines that change are drawn again

    class Highlighted(Message):
        def __init__(self, entry: JournalEntry | None) -> None:
            super().__init__()
            self.entry = entry

    class Picked(Message):
        def __init__(self, entry: JournalEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[JournalEntry] = []

    # ---------------------------------------------------------------- data
    @property
    def current(self) -> JournalEntry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def show(self, entries: Sequence[JournalEntry], keep_id: str | None = None) -> None:
        """Show these entries; the cursor stays on the entry `keep_id` if it is still there, else goes to the top."""
        self.entries = list(entries)
        at = next((n for n, e in enumerate(self.entries) if e.id == keep_id), 0) if keep_id else 0
        self.virtual_size = Size(self.size.width, len(self.entries))
        self.set_reactive(EntryList.cursor, at)
        self._follow()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._follow():  # no scroll: just the line left and the line reached
            self.refresh_line(old)
            self.refresh_line(new)
        self.post_message(self.Highlighted(self.current))

    def _follow(self) -> bool:
        """Scroll so the cursor's line is on screen; True if it scrolled (everything is drawn again)."""
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        else:
            return False
        return True

    # ------------------------------------------------------------- drawing
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        if not 0 <= row < len(self.entries):
            return Strip.blank(width, self.rich_style)
        entry = self.entries[row]
        base = self.rich_style
        if row == self.cursor:
            base = base + self.get_component_rich_style("entry-list--cursor")
        when = self.get_component_rich_style("entry-list--when", partial=True)
        what = self.get_component_rich_style("entry-list--coping", partial=True) if entry.kind == "coping" else Style()
        mark = "▶ " if row == self.cursor else "  "  # the cursor is a glyph too, not a colour alone
        segments = [Segment(mark, base), Segment(f"{stamp(entry.at)}  ", base + when),
                    Segment(" ".join(entry_title(entry).split()), base + what)]
        return Strip(segments).adjust_cell_length(width, base)

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries))
        self._follow()

    # -------------------------------------------------------------- moving
    def _go(self, row: int) -> None:
        if self.entries:
            self.cursor = max(0, min(len(self.entries) - 1, row))

    def action_move(self, delta: int) -> None:
        self._go(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._go(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(len(self.entries) - 1)

    def action_pick(self) -> None:
        if self.current is not None:
            self.post_message(self.Picked(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self._go(round(self.scroll_y) + offset.y)
