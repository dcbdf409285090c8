"""Pilot tests: the app starts on Home and the crisis key works."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Static

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import EmergencyContact, RelapsePlanBody
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from tests.conftest import CONTENT


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_app_starts_on_home_and_shows_no_checkin_yet(store: Store) -> None:
    app = IMRApp(store=store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "not done yet" in _text(app, "#today")


async def test_home_shows_a_checkin_made_from_the_shell(store: Store) -> None:
    store.add_checkin(CheckIn(at=datetime.now(UTC), values={"mood": 5}))
    app = IMRApp(store=store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "done" in _text(app, "#today") and "1 time" in _text(app, "#today")


async def test_crisis_key_opens_lines_and_contacts_with_markup_shown_as_typed(store: Store) -> None:
    store.update_settings(lambda s: setattr(s, "country", "GB") or s)
    store.save_plan(RelapsePlanBody(emergency_contacts=[EmergencyContact(name="[bold]Mum[/x]", contact="555-0100")]))
    app = IMRApp(store=store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        text = _text(app, "#crisis-text")
        assert "Samaritans" in text and "116 123" in text
        assert "[bold]Mum[/x]" in text and "555-0100" in text
        await pilot.press("f2")  # pressing again does not stack a second crisis screen
        assert len([s for s in app.screen_stack if isinstance(s, CrisisScreen)]) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_crisis_screen_for_an_unlisted_country_points_to_local_help(store: Store) -> None:
    store.update_settings(lambda s: setattr(s, "country", "ZZ") or s)
    app = IMRApp(store=store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = _text(app, "#crisis-text")
        assert "local emergency number" in text and "not added any" in text


async def test_home_shows_a_clear_message_for_a_damaged_file(store: Store, tmp_path: Path) -> None:
    store.add_checkin(CheckIn(at=datetime.now(UTC), values={"mood": 5}))
    for p in store.checkins_dir.iterdir():
        p.write_text("{")
    app = IMRApp(store=store, content=CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not valid JSON" in _text(app, "#today")
