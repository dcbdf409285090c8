"""History: a chart and a one-line summary per check-in item, over 30, 90 or 365 days; a row for
medicine and one for alcohol or drug use; and a month of mood, one cell a day (m).

Each item is drawn on its own useful scale (insights.trends.chart_range: sleep 0-12 hours unless a
longer night was logged), with the numbers the plan's warning signs watch drawn across it (╌) and
named in the key, and dates under it. A day with no check-in is a gap, never a low bar
(tui/widgets/charts.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Header, Static

from imr_tui.domain.checkin import Worse
from imr_tui.domain.format import day_month
from imr_tui.domain.summary import DAY_SUMMARY_RULE, MEDICATION_DAY_RULE
from imr_tui.tui import clock
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.charts import (
    MEDICINE,
    MEDICINE_KEY,
    PREFIX,
    USE,
    USE_KEY,
    axis,
    chart_key,
    item_chart,
    month_grid,
    state_row,
)
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.insights.trends import DayStates, History, ItemTrend


def _window_text(days: int, start: date, end: date, bucket_days: int) -> Content:
    if bucket_days == 1:
        mark = "Each mark is one day."
    elif bucket_days == 7:
        mark = "Each mark is one week: the average of the days you checked in."
    else:
        mark = f"Each mark is {bucket_days} days: the average of the days you checked in."
    return Content.from_markup(
        "[b]Last $days days[/b] ($start to $end). $mark\nA gap means no check-in. A taller mark is a higher number. "
        "Press [b]1[/b], [b]2[/b] or [b]3[/b] for 30, 90 or 365 days. [b]m[/b] shows a month of mood.",
        days=days, start=day_month(start, True), end=day_month(end, True), mark=mark)


def _states_summary(title: str, states: DayStates, words: dict[int, str]) -> str:
    if not states.answered:
        return f"{title}: no answers in these {len(states.days)} days"
    counts = ", ".join(f"{words[k]} on {states.count(k)}" for k in words if states.count(k))
    return f"{title}: {counts} of {len(states.days)} days"


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
        # named on the screen ("m shows a month of mood"): the Footer keeps F1 at 60 columns
        Binding("m", "month", "Month", id="history.month", show=False,
                tooltip="A month of mood, one cell a day (m again: charts)"),
        Binding("left_square_bracket", "month_step(-1)", "Month before", id="history.month_before", key_display="[",
                show=False, tooltip="In the month view: the month before"),
        Binding("right_square_bracket", "month_step(1)", "Month after", id="history.month_after", key_display="]",
                show=False, tooltip="In the month view: the month after"),
        Binding("escape", "back", "Back", id="history.back", tooltip="Go back to the last screen"),
    ]

    def __init__(self, end: date | None = None, days: int = 30) -> None:
        """`end` is the last day shown (today when None: tests pass a fixed day)."""
        super().__init__()
        self.end = end
        self.days = days
        self.history: History | None = None
        self.month: date | None = None  # the month shown in the month view (None: the charts)

    @property
    def trends(self) -> list[ItemTrend]:
        return self.history.items if self.history else []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-body"):
            yield Static("", id="history-window")
            yield Static(Content(DAY_SUMMARY_RULE), id="history-rule")
            yield Static("Loading…", id="history-status")
            yield Static("", id="history-month")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-month").display = False

    def on_screen_resume(self) -> None:
        # also sent when the screen is first shown; coming back from Settings picks up changed items
        self.load(self.days)

    def reload(self, change: Change) -> None:
        self.load(self.days)

    def action_window(self, days: int) -> None:
        self.month = None
        if days != self.days or not self.history:
            self.days = days
            self.load(days)
        elif self.history:
            self.show_history(self.history)

    def action_month(self) -> None:
        end = self.end or clock.today()
        self.month = None if self.month else end.replace(day=1)
        self.load(self.days)

    def action_month_step(self, delta: int) -> None:
        if self.month is None:
            return
        index = self.month.year * 12 + self.month.month - 1 + delta
        end = self.end or clock.today()
        month = date(index // 12, index % 12 + 1, 1)
        if month > end.replace(day=1):
            return  # no months in the future
        self.month = month
        self.load(self.days)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "month_step":
            return self.month is not None
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def max_columns(self) -> int:
        """How many marks fit beside the labels at this width (60 at 80 columns, fewer on a narrow terminal)."""
        from imr_tui.insights.trends import MAX_COLUMNS

        width = self.size.width or 80
        return max(20, min(MAX_COLUMNS, width - PREFIX - 5))

    @work(thread=True, exclusive=True, group="history-load")
    def load(self, days: int) -> None:
        """Reads only the month files of the window (at most 13, more for a rule's usual), off the main thread."""
        from textual.worker import get_current_worker

        from imr_tui.insights.trends import load_history
        from imr_tui.store.files import StoreError

        app = self.imr
        self.from_thread(self.show_loading, days)
        end = self.end or clock.today()
        try:
            result = load_history(app.store, end, days, self.max_columns(), self.month)
        except StoreError as exc:
            if not get_current_worker().is_cancelled:
                self.from_thread(self.show_error, str(exc), "Could not be read")
            return
        if not get_current_worker().is_cancelled:
            self.from_thread(self.show_history, result)

    def show_loading(self, days: int) -> None:
        if self.history:
            return  # the charts stay until the new ones are ready (a load takes a few ms): no jumping lines
        status = self.query_one("#history-status", Static)
        status.remove_class("error")
        status.update(Content(f"Loading the last {days} days…"))
        status.display = True

    def show_error(self, message: str, title: str = "Not saved") -> None:
        super().show_error(message, title)
        self.query_one("#history-status", Static).display = True

    def show_history(self, history: History) -> None:
        from imr_tui.insights.trends import bucket_days_for, window_start

        self.history = history
        end, days = history.end, history.days
        size = history.items[0].bucket_days if history.items else bucket_days_for(days, self.max_columns())
        self.query_one("#history-window", Static).update(_window_text(days, window_start(end, days), end, size))
        status = self.query_one("#history-status", Static)
        status.remove_class("error")
        if history.items:
            status.display = False
        else:
            status.update(Content("No check-in items are turned on. You can turn them on in Settings."))
        # a new list replaces the old one: its ids (#chart-mood, ...) are unique within it while the old one goes
        self.query(".trend-list").remove()
        month = self.query_one("#history-month", Static)
        month.display = self.month is not None
        for widget in ("#history-window", "#history-rule"):
            self.query_one(widget).display = self.month is None
        if self.month is not None:
            month.update(self._month_text(history, self.month))
            self.refresh_bindings()
            return
        blocks = [self._states_block("medicine", history.medication), self._states_block("substances", history.use),
                  *(self._item_block(t, history) for t in history.items)]
        self.query_one("#history-body", VerticalScroll).mount(
            Vertical(*(b for b in blocks if b is not None), classes="trend-list"))
        self.refresh_bindings()

    def _item_block(self, t: ItemTrend, history: History) -> Widget:
        item = t.item
        summary = Content(t.summary()).stylize("bold", 0, len(item.label))  # the label is the person's text: never markup
        low, high = history.scales[item.id]
        marks = history.marks.get(item.id, [])
        worse = "low" if item.worse is Worse.LOW else "high"
        return Vertical(
            Static(summary, id=f"summary-{item.id}", classes="trend-summary"),
            Static(item_chart(t.points, low, high, item.unit, marks), id=f"chart-{item.id}", classes="trend-chart"),
            Static(Content(" " * PREFIX + axis(t.start, len(t.days), t.bucket_days, len(t.points))),
                   classes="trend-axis"),
            Static(chart_key(low, high, (item.low, item.high), item.unit, worse, marks), classes="trend-scale"),
            id=f"trend-{item.id}", classes="trend",
        )

    def _states_block(self, which: str, states: DayStates | None) -> Widget | None:
        """The medicine or alcohol-and-drugs row; its ids have a "-" (never in an item's id): #chart-row-medicine."""
        if states is None:
            return None
        if which == "medicine":
            summary = _states_summary("Medicine", states, {0: "taken", 1: "partly", 2: "not taken"})
            row, key = state_row("Medicine", states, MEDICINE), f"{MEDICINE_KEY}. {MEDICATION_DAY_RULE}"
        else:
            summary = _states_summary("Alcohol or drugs", states, {1: "used", 0: "no use"})
            row, key = state_row("Used", states, USE), USE_KEY
        if states.bucket_days > 1:
            key += f" Each mark is {states.bucket_days} days: the worst of them."
        return Vertical(
            Static(Content(summary).stylize("bold", 0, summary.index(":")), id=f"summary-row-{which}",
                   classes="trend-summary"),
            Static(Content(row), id=f"chart-row-{which}", classes="trend-chart"),
            Static(Content(" " * PREFIX + axis(states.start, len(states.days), states.bucket_days,
                                               len(states.points))), classes="trend-axis"),
            Static(Content(key), classes="trend-scale"),
            id=f"trend-row-{which}", classes="trend",
        )

    def _month_text(self, history: History, month: date) -> Content:
        end = self.end or clock.today()
        mood = next((t.item for t in history.items if t.item.id == "mood"), None)
        low, high = (mood.low, mood.high) if mood else (0.0, 10.0)
        title = Content.from_markup(
            "[b]Mood in $month[/b], one cell a day (the worst of the day). [b]$before[/b] and [b]$after[/b] change "
            "the month; [b]m[/b] goes back to the charts.\n", month=f"{month:%B %Y}", before="[", after="]")
        grid = Content("\n".join(month_grid(month, history.mood, low, high, end)))
        key = Content(f"\nEach day: its date, a bar as tall as the mood ({low:g} to {high:g}), and the number. "
                      "· means no check-in that day.")
        return title + grid + key
