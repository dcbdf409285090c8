"""Asks what to do with typed changes when leaving a form: keep them (save), throw them away, or go back.

k: keep (the form saves them); d: throw them away; c or Esc: go back to the form. Returns "keep",
"discard" or "back". Used by the safety plan form; the words match the check-in's own question.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer

Choice = Literal["keep", "discard", "back"]


class LeaveDialog(IMRModal[str]):
    CSS_PATH = "leave_dialog.tcss"
    HELP_TOPIC = "safety_plan"
    BINDINGS = [
        Binding("k", "choose('keep')", "Keep", id="leave.keep", tooltip="Save what you typed, then close"),
        Binding("d", "choose('discard')", "Throw away", id="leave.discard",
                tooltip="Close and forget what you typed since the last save"),
        Binding("c,escape", "choose('back')", "Go back", id="leave.back", tooltip="Go back to the form"),
    ]

    def __init__(self, question: Content, *, keep: str = "keep it (save)", help_topic: str = "safety_plan") -> None:
        """`question` is Content, so any of the person's own words in it are never parsed as markup."""
        super().__init__()
        self.question = question
        self.keep_words = keep
        self.HELP_TOPIC = help_topic

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box") as box:
            box.border_title = "Leave without saving?"
            yield Static(self.question, id="leave-question")
            yield Static(Content.from_markup("[b]k[/b] $keep   [b]d[/b] throw it away   [b]c[/b] or [b]Esc[/b] go back",
                                             keep=self.keep_words), id="leave-keys")
        yield Footer()

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)
