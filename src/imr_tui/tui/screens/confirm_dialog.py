"""Asks one yes-or-no question (e.g. "Remove this from your plan?"). y or Enter: yes; n or Esc: no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer


class ConfirmDialog(IMRModal[bool]):
    CSS_PATH = "confirm_dialog.tcss"
    HELP_TOPIC = "plan"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, keep things as they are"),
    ]

    def __init__(self, question: Content, *, help_topic: str = "plan") -> None:
        """`question` is Content, so any of the person's own words in it are never parsed as markup."""
        super().__init__()
        self.question = question
        self.HELP_TOPIC = help_topic

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = "Are you sure?"
            yield Static(self.question, id="confirm-question")
            yield Static(Content.from_markup("[b]y[/b] = yes    [b]n[/b] = no"), id="confirm-keys")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
