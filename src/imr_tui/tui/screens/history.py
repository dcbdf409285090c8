"""History: a small chart and a one-line summary per check-in item, over 30, 90 or 365 days.

How gaps are drawn: Textual's Sparkline has no notion of a missing value, and it scales its
bars between the lowest and highest number it is given. Both would mislead here: filling a
missing day with 0 (or the item's low end) draws a bad day that never happened, and scaling to
the data makes a flat "2 out of 10" month look like a full-height chart. So each chart is given
the column numbers 0..n-1 as its data (which pins its scale to 0..n-1), and a summary function
turns each column into the height of that column's value on the item's own scale (low..high).
A column with no value gets a height far below 0, which the Sparkline draws as a blank. The
result: a gap where there was no check-in, and bar heights that mean the same on every screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Header, Sparkline, Static

from imr_tui.domain.checkin import Worse
from imr_tui.domain.format import day_month, number
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.tui import clock
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.insights.trends import ItemTrend


class ItemScale:
    """A Sparkline summary function that draws `points` on a fixed low..high scale, with blanks for None.

    The Sparkline must be given `list(range(len(points)))` as its data: it then hands this function
    the column numbers of each bar, and scales the result between 0 and len(points) - 1.
    """

    def __init__(self, points: Sequence[float | None], low: float, high: float) -> None:
        self.points = list(points)
        self.low = low
        self.span = (high - low) or 1.0
        self.top = float(max(1, len(self.points) - 1))

    def data(self) -> list[float]:
        return [float(i) for i in range(len(self.points))]

    def __call__(self, columns: Sequence[float]) -> float:
        values = [v for v in (self.points[int(c)] for c in columns if 0 <= int(c) < len(self.points)) if v is not None]
        if not values:
            return -2 * self.top  # far below the scale: drawn as a blank, not as a low bar
        ratio = (sum(values) / len(values) - self.low) / self.span
        return min(1.0, max(0.0, ratio)) * self.top


def _axis(start: date, end: date, width: int) -> str:
    """First and last day under a chart `width` columns wide."""
    year = (end - start).days > 200 or start.year != end.year
    left, right = day_month(start, year), day_month(end, year)
    gap = width - len(left) - len(right)
    return left + " " * gap + right if gap >= 1 else f"{left} to {right}"


def _window_text(days: int, start: date, end: date, bucket_days: int) -> Content:
    if bucket_days == 1:
        mark = "Each mark is one day."
    elif bucket_days == 7:
        mark = "Each mark is one week: the average of the days you checked in."
    else:
        mark = f"Each mark is {bucket_days} days: the average of the days you checked in."
    return Content.from_markup(
        "[b]Last $days days[/b] ($start to $end). $mark\nA gap means no check-in. A taller mark is a higher number. "
        "Press [b]1[/b], [b]2[/b] or [b]3[/b] for 30, 90 or 365 days.",
        days=days, start=day_month(start, True), end=day_month(end, True), mark=mark)


WINDOW_KEYS = Binding.Group("30/90/365 days")  # one label for the three keys keeps the Footer inside 80 columns


class HistoryScreen(IMRScreen[None]):
    CSS_PATH = "history.tcss"
    HELP_TOPIC = "history"
    WATCHES = frozenset({"checkins", "settings", "profile"})
    ERROR_BOX = "#history-status"
    BINDINGS = [
        Binding("1", "window(30)", "30 days", id="history.30", tooltip="Show the last 30 days", group=WINDOW_KEYS),
        Binding("2", "window(90)", "90 days", id="history.90", tooltip="Show the last 90 days", group=WINDOW_KEYS),
        Binding("3", "window(365)", "365 days", id="history.365", tooltip="Show the last year, one mark a week",
                group=WINDOW_KEYS),
        Binding("escape", "back", "Back", id="history.back", tooltip="Go back to the last screen"),
    ]

    def __init__(self, end: date | None = None, days: int = 30) -> None:
        """`end` is the last day shown (today when None: tests pass a fixed day)."""
        super().__init__()
        self.end = end
        self.days = days
        self.trends: list[ItemTrend] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-body"):
            yield Static("", id="history-window")
            yield Static(Content(DAY_SUMMARY_RULE), id="history-rule")
            yield Static("Loading…", id="history-status")
        yield Footer()

    def on_screen_resume(self) -> None:
        # also sent when the screen is first shown; coming back from Settings picks up changed items
        self.load(self.days)

    def reload(self, change: Change) -> None:
        self.load(self.days)

    def action_window(self, days: int) -> None:
        if days != self.days or not self.trends:
            self.days = days
            self.load(days)

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(thread=True, exclusive=True, group="history-load")
    def load(self, days: int) -> None:
        """Reads only the month files of the window (at most 13), off the main thread."""
        from textual.worker import get_current_worker

        from imr_tui.insights.trends import load_trends
        from imr_tui.store.files import StoreError

        app = self.imr
        self.from_thread(self.show_loading, days)
        end = self.end or clock.today()
        try:
            result = load_trends(app.store, end, days)
        except StoreError as exc:
            if not get_current_worker().is_cancelled:
                self.from_thread(self.show_error, str(exc), "Could not be read")
            return
        if not get_current_worker().is_cancelled:
            self.from_thread(self.show_trends, days, end, result)

    def show_loading(self, days: int) -> None:
        if self.trends:
            return  # the charts stay until the new ones are ready (a load takes a few ms): no jumping lines
        status = self.query_one("#history-status", Static)
        status.remove_class("error")
        status.update(Content(f"Loading the last {days} days…"))
        status.display = True

    def show_error(self, message: str, title: str = "Not saved") -> None:
        super().show_error(message, title)
        self.query_one("#history-status", Static).display = True

    def show_trends(self, days: int, end: date, result: list[ItemTrend]) -> None:
        from imr_tui.insights.trends import bucket_days_for, window_start

        self.trends = result
        self.query_one("#history-window", Static).update(
            _window_text(days, window_start(end, days), end, bucket_days_for(days)))
        status = self.query_one("#history-status", Static)
        status.remove_class("error")
        if result:
            status.display = False
        else:
            status.update(Content("No check-in items are turned on. You can turn them on in Settings."))
        # a new list replaces the old one: its ids (#chart-mood, ...) are unique within it while the old one goes
        self.query(".trend-list").remove()
        self.query_one("#history-body", VerticalScroll).mount(
            Vertical(*(self._item_block(t) for t in result), classes="trend-list"))

    def _item_block(self, t: ItemTrend) -> Widget:
        item = t.item
        summary = Content(t.summary()).stylize("bold", 0, len(item.label))  # the label is the person's text: never markup
        scale = ItemScale(t.points, item.low, item.high)
        chart = Sparkline(scale.data(), summary_function=scale, id=f"chart-{item.id}", classes="trend-chart")
        chart.styles.width = len(t.points)
        worse = "low" if item.worse is Worse.LOW else "high"
        key = Content(f"{number(item.low)} to {number(item.high)}, {worse} is worse")
        return Vertical(
            Static(summary, id=f"summary-{item.id}", classes="trend-summary"),
            Horizontal(chart, Static(key, classes="trend-scale"), classes="trend-row"),
            Static(Content(_axis(t.start, t.end, len(t.points))), classes="trend-axis"),
            id=f"trend-{item.id}", classes="trend",
        )
