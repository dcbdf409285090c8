"""A choice from syncing: one thing was changed on two computers; the person sees both and picks one.

Until they choose, nothing is dropped: this computer's version is in use, the other is kept in the
file (`sync_choices`, store/sync.py). The version not chosen is kept in quarantine/sync/.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.store.store import Store
    from imr_tui.store.sync import Choice


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) if not isinstance(value, str) else value


class SyncChoiceScreen(IMRScreen[None]):
    CSS_PATH = "sync_choice.tcss"
    HELP_TOPIC = "home"
    WATCHES = frozenset({"profile", "progress", "settings"})
    ERROR_BOX = "#sync-what"
    BINDINGS = [
        Binding("1", "choose(0)", "Keep this computer's", id="sync.mine",
                tooltip="Keep the version on this computer (the other is kept aside)"),
        Binding("2", "choose(1)", "Keep the other", id="sync.other",
                tooltip="Use the version from the other computer (this one is kept aside)"),
        Binding("escape", "app.pop_screen", "Later", id="sync.later", tooltip="Choose later: nothing is lost"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choice: Choice | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="sync-what")
        with Horizontal(id="sync-sides"):
            with VerticalScroll(id="sync-mine"):
                yield Static("", id="sync-mine-text")
            with VerticalScroll(id="sync-other"):
                yield Static("", id="sync-other-text")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def reload(self, change: Change) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="sync-load")
    def load(self) -> None:
        from imr_tui.store.sync import pending_choices

        choices = pending_choices(self.imr.store)
        self.from_thread(self.show, choices[0] if choices else None, len(choices))

    def show(self, choice: Choice | None, count: int) -> None:
        self.choice = choice
        what = self.query_one("#sync-what", Static)
        if choice is None:
            what.update("No choice is waiting. Press Escape to go back.")
            self.query_one("#sync-sides").display = False
            return
        more = f" ({count - 1} more after this one)" if count > 1 else ""
        what.update(Content.from_markup(
            "[b]$what[/b] was changed on two computers$more. Which one do you want to keep? "
            "The other is kept aside, never deleted.", what=choice.what, more=more))
        self.query_one("#sync-sides").display = True
        self.query_one("#sync-mine-text", Static).update(
            Content.from_markup("[b]1  This computer[/b]\n") + Content(_show(choice.mine)))
        self.query_one("#sync-other-text", Static).update(
            Content.from_markup("[b]2  The other computer[/b]\n") + Content(_show(choice.others[0])))

    def action_choose(self, index: int) -> None:
        choice = self.choice
        if choice is None:
            return

        def run(store: Store) -> None:
            from imr_tui.store.sync import choose

            choose(store, choice.kind, choice.field, index)

        self.imr.data.submit(run, what="your choice", on_done=self.if_open(lambda _r: self.load()))
