"""What every screen and modal shares: the typed app, the help topic, one way to show an error,
and how a screen hears that data changed (see tui/data.py).

A screen lists the data it shows in `WATCHES` ("checkins", "coping", "profile", "progress",
"settings") and reads it again in `reload()`. When a change arrives while the person has typed
something not yet saved (`has_unsaved_changes()`), the screen is not refreshed: it says that newer
data arrived and keeps what they typed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from imr_tui.tui.data import Change, DataChanged

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp

R = TypeVar("R")


class _Shared:
    """Mixed into IMRScreen and IMRModal (both are Textual screens)."""

    HELP_TOPIC: str = "home"  # a dialog may set its own on the instance
    WATCHES: ClassVar[frozenset[str]] = frozenset()
    ERROR_BOX: ClassVar[str] = ""  # a Static that shows a loading error in place of the data, if the screen has one

    app: Any
    is_attached: bool

    @property
    def imr(self) -> IMRApp:
        app: IMRApp = self.app
        return app

    def show_error(self, message: str, title: str = "Not saved") -> None:
        """One way to show a problem: a notice that stays a while, and the error box if the screen has one."""
        if not self.is_attached:
            return
        self.notify(message, severity="error", title=title, markup=False, timeout=10)  # type: ignore[attr-defined]
        if self.ERROR_BOX and not self.shows_data():
            boxes = self.query(self.ERROR_BOX)  # type: ignore[attr-defined]
            if boxes:
                box = boxes.first(Static)
                box.update(Content(message))
                box.add_class("error")

    def shows_data(self) -> bool:
        """True once the screen shows its data: an error then leaves it on screen (only a notice)."""
        return False

    def from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """From a worker thread: run callback on the main thread, only while this screen is still open."""
        def guarded() -> None:
            if self.is_attached:
                callback(*args)

        with contextlib.suppress(RuntimeError):  # the app has closed
            self.app.call_from_thread(guarded)

    def if_open(self, callback: Callable[..., Any]) -> Callable[..., None]:
        """Wrap a data-service callback so it does nothing once this screen has closed."""
        def guarded(*args: Any) -> None:
            if self.is_attached:
                callback(*args)

        return guarded

    def has_unsaved_changes(self) -> bool:
        """True while the person has typed something this screen has not saved yet."""
        return False

    def reload(self, change: Change) -> None:
        """Read the data again and show it (screens that show data override this)."""

    def on_data_changed(self, event: DataChanged) -> None:  # by name: Textual finds it through the MRO
        if not self.is_attached or not event.change.touches(self.WATCHES):
            return
        if self.has_unsaved_changes():
            self.notify("Newer data was saved (" + event.change.describe() + "). What you typed is kept: "  # type: ignore[attr-defined]
                        "save it or go back to see the new data.", title="New data", markup=False, timeout=8)
            return
        self.reload(event.change)


class IMRScreen(_Shared, Screen[R]):
    """A full screen of imr-tui."""


class IMRModal(_Shared, ModalScreen[R]):
    """A dialog of imr-tui."""
