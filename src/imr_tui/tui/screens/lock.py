"""Lock: hides everything (ctrl+l) until the person comes back. Against shoulder surfing.

The screen is opaque (see lock.tcss), so nothing of the screens beneath shows through. Escape
does not close it. F2 crisis help still works (the app's binding has priority), and so does F1.
While it is shown, the command palette is switched off: its "Go to" commands would get round
the lock.

When the app offers `passphrase_check` (a callable taking the passphrase and returning True when
it is right, used once the store is encrypted), the lock asks for the passphrase; a wrong one
can be tried again as often as needed. Otherwise Enter opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Input, Static

from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer

WRONG = "That is not the passphrase. Try again."


class LockScreen(IMRModal[None]):
    CSS_PATH = "lock.tcss"
    HELP_TOPIC = "lock"
    BINDINGS = [
        # priority: shown in the Footer even while the passphrase field (whose own Enter is hidden) has focus
        Binding("enter", "unlock", "Come back", id="lock.unlock", priority=True, tooltip="Open imr-tui again"),
        # Escape must not open the lock: it is bound here so it does nothing but say how to come back.
        Binding("escape", "stay", "Stay locked", id="lock.stay", show=False,
                tooltip="The screen stays locked; Enter opens it"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._checking = False
        self._unlock_on_resume = False
        self._palette_was: bool | None = None

    def passphrase_check(self) -> Callable[[str], Any] | None:
        check = getattr(self.app, "passphrase_check", None)
        return check if callable(check) else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="lock-box") as box:
            box.border_title = "Locked"
            yield Static(Content("imr-tui is locked. Nothing is shown until you come back."), id="lock-text")
            if self.passphrase_check() is not None:
                yield Static(Content("Type your passphrase, then press Enter."), id="lock-how")
                yield Input(placeholder="passphrase", password=True, id="lock-passphrase", max_length=1024)
            else:
                yield Static(Content("Press Enter to come back."), id="lock-how")
            yield Static("", id="lock-message")
            yield Static(Content.from_markup("Press [b]F2[/b] for crisis help."), id="lock-crisis")
        yield Footer()

    def on_mount(self) -> None:
        self._palette_was = self.app.use_command_palette
        self.app.use_command_palette = False
        if self.passphrase_check() is not None:
            self.query_one("#lock-passphrase", Input).focus()

    def on_unmount(self) -> None:
        if self._palette_was is not None:
            self.app.use_command_palette = self._palette_was

    def on_screen_resume(self) -> None:
        if self._unlock_on_resume:  # the passphrase was right while crisis help was open on top
            self.dismiss()

    def _say(self, text: str) -> None:
        self.query_one("#lock-message", Static).update(Content(text))

    def action_stay(self) -> None:
        how = "Type your passphrase, then press Enter." if self.passphrase_check() else "Press Enter to come back."
        self._say(f"The screen stays locked. {how}")

    def action_unlock(self) -> None:
        if self.passphrase_check() is None:
            self.dismiss()
            return
        self.try_passphrase(self.query_one("#lock-passphrase", Input).value)

    @on(Input.Submitted, "#lock-passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.try_passphrase(event.value)

    def try_passphrase(self, passphrase: str) -> None:
        if self._checking:
            return
        if not passphrase:
            self._say("Type your passphrase, then press Enter.")
            return
        self._checking = True
        self.query_one("#lock-passphrase", Input).disabled = True
        self._say("Checking…")
        self.check(passphrase)

    @work(thread=True, exclusive=True, group="lock-check")
    def check(self, passphrase: str) -> None:
        """Off the main thread: a passphrase check may take a moment on purpose (key stretching)."""
        check = self.passphrase_check()
        try:
            right = check is not None and check(passphrase) is True
        except Exception as exc:  # any failure keeps the screen locked and says why
            self.app.call_from_thread(self.checked, False, f"The passphrase could not be checked: {exc}")
            return
        self.app.call_from_thread(self.checked, right, "" if right else WRONG)

    def checked(self, right: bool, message: str) -> None:
        self._checking = False
        field = self.query_one("#lock-passphrase", Input)
        field.disabled = False
        if right:
            self._say("")
            if self.app.screen is self:
                self.dismiss()
            else:
                self._unlock_on_resume = True
            return
        field.value = ""
        field.focus()
        self._say(message)
