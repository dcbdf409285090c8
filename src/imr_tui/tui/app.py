"""The App: a thin shell. Screens live in tui/screens/, one per file, each with its .tcss."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from imr_tui.store.store import Store


class IMRApp(App[None]):
    TITLE = "imr-tui"
    SUB_TITLE = "Illness Management and Recovery"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f2", "crisis", "Crisis help", id="crisis", priority=True,
                tooltip="Crisis lines and your emergency contacts, from any screen"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Close imr-tui (everything is already saved)"),
    ]

    def __init__(self, store: Store, content: Path):
        super().__init__()
        self.store = store
        self.content = content

    def get_default_screen(self) -> Screen[None]:
        from imr_tui.tui.screens.home import HomeScreen

        return HomeScreen()

    def action_crisis(self) -> None:
        from imr_tui.tui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen())
