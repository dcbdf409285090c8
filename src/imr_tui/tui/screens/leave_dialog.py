"""Leaving a form with typed changes: keep them, throw them away, or go back to the form.

`LeaveDialog` asks the question (k keeps, d throws away, Escape, Enter or b goes back: the safe
answer is the easy one). `FormDialog` is the base of every form in a dialog: Escape closes it at
once when nothing was typed, and asks first when something was. "Keep" saves what is typed, as
Ctrl+S would; a form whose answers are not complete yet stays open and says what is missing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer

R = TypeVar("R")


class Leave(StrEnum):
    KEEP = "keep"
    DISCARD = "discard"
    STAY = "stay"


class LeaveDialog(IMRModal[Leave]):
    CSS_PATH = "leave_dialog.tcss"
    BINDINGS = [
        Binding("k", "answer('keep')", "Keep", id="leave.keep", tooltip="Keep what you typed"),
        Binding("d", "answer('discard')", "Throw away", id="leave.discard", tooltip="Throw away what you typed"),
        Binding("escape,enter,b,c", "answer('stay')", "Go back", id="leave.stay", key_display="Esc",
                tooltip="Go back to the form; nothing changes"),
    ]

    def __init__(self, keep: str = "keep it: save what you typed", *,
                 what: str | Content = "What you typed is not saved yet.", help_topic: str = "home") -> None:
        """`keep` says what k does ("keep it: save what you typed", "keep it for next time"). `what` is
        plain text or Content, so the person's own words in it are never parsed as markup."""
        super().__init__()
        self.keep_words = keep
        self.what = what
        self.HELP_TOPIC = help_topic

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box") as box:
            box.border_title = "Leave this form?"
            yield Static(Content(self.what) if isinstance(self.what, str) else self.what, id="leave-question")
            yield Static(Content.from_markup(
                "[b]k[/b]    $keep\n[b]d[/b]    throw it away\n[b]Esc[/b]  go back to the form",
                keep=self.keep_words), id="leave-keys")
        yield Footer()

    def action_answer(self, choice: str) -> None:
        self.dismiss(Leave(choice))


class FormDialog(IMRModal[R]):
    """A form in a dialog. Subclasses give `has_unsaved_changes()` and `action_save()`; Escape is
    bound to `cancel`."""

    KEEP_WORDS: ClassVar[str] = "keep it: save what you typed"

    def action_save(self) -> None:
        """Check and save the form (each form has its own)."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.has_unsaved_changes():
            self.throw_away()
            return
        self.app.push_screen(LeaveDialog(self.KEEP_WORDS, help_topic=self.HELP_TOPIC), self._answered)

    def _answered(self, choice: Leave | None) -> None:
        if choice is Leave.KEEP:
            self.keep()
        elif choice is Leave.DISCARD:
            self.throw_away()

    def keep(self) -> None:
        """Keep what is typed: save it, as Ctrl+S does."""
        self.action_save()

    def throw_away(self) -> None:
        """Close without saving (a form that keeps a draft as it goes undoes it here)."""
        self.dismiss(None)  # every form returns None for "closed without saving"
