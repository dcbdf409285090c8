"""Pilot tests: ctrl+l hides everything until the person comes back; F2 still works."""

from __future__ import annotations

import threading

from textual.widgets import Input, Static

from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.screens.lock import WRONG, LockScreen
from tests.conftest import make_app
from tests.conftest import settle as _settle

HOME_WORDS = ("Modules", "Goals", "Check in", "not done yet")


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_ctrl_l_hides_everything_and_escape_does_not_open_it(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        shot = app.export_screenshot()
        assert all(word in shot for word in ("Modules", "Goals"))  # the check below can see Home's words
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert app.screen.styles.background.a == 1  # opaque: nothing beneath shows through
        shot = app.export_screenshot()
        assert not any(word in shot for word in HOME_WORDS)
        assert "Enter to come back" in _text(app, "#lock-how")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert "stays locked" in _text(app, "#lock-message")
        await pilot.press("ctrl+l")  # locking again does not stack a second lock
        assert len([s for s in app.screen_stack if isinstance(s, LockScreen)]) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_lock_is_opaque_with_terminal_ansi_colors_too(store: Store) -> None:
    """A ModalScreen is see-through (transparent) in ANSI color mode unless its CSS says otherwise."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.ansi_color = True
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert app.screen.styles.background.a == 1
        assert not any(word in app.export_screenshot() for word in HOME_WORDS)


async def test_f2_crisis_help_works_on_the_lock_screen(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert not any(word in app.export_screenshot() for word in HOME_WORDS)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)  # back to the lock, not to the data


async def test_command_palette_cannot_get_round_the_lock(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.use_command_palette  # back on once unlocked


async def test_a_wrong_passphrase_keeps_it_locked_and_the_right_one_opens_it(store: Store) -> None:
    app = make_app(store)
    tries: list[str] = []

    def check(passphrase: str) -> bool:
        tries.append(passphrase)
        return passphrase == "blue kettle"

    setattr(app, "passphrase_check", check)  # noqa: B010 (IMRApp does not declare it yet)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await _settle(app, pilot)
        assert "passphrase" in _text(app, "#lock-how")
        field = app.screen.query_one("#lock-passphrase", Input)
        assert field.password and field.has_focus
        await pilot.press("enter")  # nothing typed: not even checked
        assert tries == []
        for attempt in ("red kettle", "green", "no"):  # no lock-out, no limit
            await pilot.press(*attempt)
            await pilot.press("enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, LockScreen)
            assert _text(app, "#lock-message") == WRONG
            assert field.value == ""
        await pilot.press("escape")
        assert isinstance(app.screen, LockScreen)
        await pilot.press(*"blue kettle")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert tries == ["red kettle", "green", "no", "blue kettle"]


async def test_a_failing_passphrase_check_stays_locked_and_shows_the_error_as_typed(store: Store) -> None:
    app = make_app(store)

    def check(passphrase: str) -> bool:
        raise OSError("key file [bold]gone[/x]")

    setattr(app, "passphrase_check", check)  # noqa: B010 (IMRApp does not declare it yet)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press("x", "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        assert "key file [bold]gone[/x]" in _text(app, "#lock-message")


async def test_a_right_passphrase_while_crisis_help_is_open_unlocks_after_it_closes(store: Store) -> None:
    app = make_app(store)
    gate = threading.Event()

    def check(passphrase: str) -> bool:
        gate.wait(5)
        return True

    setattr(app, "passphrase_check", check)  # noqa: B010 (IMRApp does not declare it yet)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press("x", "enter")
        await pilot.press("f2")  # crisis help opens while the check is still running
        gate.set()
        await _settle(app, pilot)
        assert isinstance(app.screen, CrisisScreen)  # the right passphrase did not close crisis help
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
