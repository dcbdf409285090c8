"""The crisis key works from every screen that exists, and returns to where the person was."""

from __future__ import annotations

import pytest

from imr_tui.store.store import Store
from imr_tui.tui.app import SCREENS, IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from tests.conftest import CONTENT

NAMES = [*SCREENS, "lesson", "help", "lock"]


@pytest.mark.parametrize("name", NAMES)
async def test_f2_opens_crisis_help_from(name: str, demo_store: Store) -> None:
    app = IMRApp(store=demo_store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if name == "lesson":
            app.open_lesson("reducing-relapses", None)
        elif name == "help":
            app.action_help()
        elif name == "lock":
            app.action_lock()
        else:
            app.open(name)
        await pilot.pause()
        await pilot.pause()
        under = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen), f"F2 did not open crisis help from {name}"
        assert "emergency" in str(app.screen.query_one("#crisis-text").render()).lower()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under
