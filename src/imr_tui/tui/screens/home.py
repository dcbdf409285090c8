"""Home: today's check-in state, and the way to everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp


@dataclass(frozen=True)
class HomeState:
    checkins_today: int
    last_time: str
    error: str = ""


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [Binding("r", "refresh", "Refresh", id="home.refresh", tooltip="Read your data again")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Loading…", id="today")
            yield Static(Content.from_markup("Press [b]F2[/b] at any time for crisis help."), id="crisis-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.load_state()

    def action_refresh(self) -> None:
        self.load_state()

    @work(thread=True, exclusive=True, group="home-load")
    def load_state(self) -> None:
        app: IMRApp = self.app  # type: ignore[assignment]
        from imr_tui.store.files import StoreError

        try:
            today = app.store.checkins_on(datetime.now().astimezone().date())
            state = HomeState(len(today), today[-1].at.strftime("%H:%M") if today else "")
        except StoreError as exc:
            state = HomeState(0, "", error=str(exc))
        self.app.call_from_thread(self.show_state, state)

    def show_state(self, state: HomeState) -> None:
        box = self.query_one("#today", Static)
        if state.error:
            box.update(Content(state.error))
            box.add_class("error")
        elif state.checkins_today:
            times = "time" if state.checkins_today == 1 else "times"
            box.update(Content.from_markup(
                "Today's check-in: [b]done[/b] ($n $times, last at $last).",
                n=state.checkins_today, times=times, last=state.last_time))
            box.remove_class("error")
        else:
            box.update(Content.from_markup("Today's check-in: [b]not done yet[/b]."))
            box.remove_class("error")
