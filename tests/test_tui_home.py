"""Pilot tests: the app starts on Home and the crisis key works."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import EmergencyContact, RelapsePlanBody
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from tests.conftest import FIXED_END, FIXED_NOW, make_app, settle


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_app_starts_on_home_and_shows_no_checkin_yet(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "not done yet" in _text(app, "#today")


async def test_home_shows_a_checkin_made_from_the_shell(store: Store) -> None:
    store.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 5}))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "done" in _text(app, "#today") and "1 time" in _text(app, "#today")


async def test_crisis_key_opens_lines_and_contacts_with_markup_shown_as_typed(store: Store) -> None:
    store.update_settings(lambda s: setattr(s, "country", "GB") or s)
    store.save_plan(RelapsePlanBody(emergency_contacts=[EmergencyContact(name="[bold]Mum[/x]", contact="555-0100")]))
    app = make_app(store)
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
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = _text(app, "#crisis-text")
        assert "local emergency number" in text and "not added any" in text


async def test_home_shows_a_clear_message_for_a_damaged_file(store: Store, tmp_path: Path) -> None:
    store.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 5}))
    for p in store.checkins_dir.iterdir():
        p.write_text("{")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "not valid JSON" in _text(app, "#today")


async def test_help_opens_for_the_current_screen_and_closes(store: Store) -> None:
    from textual.widgets import Markdown

    from imr_tui.tui.screens.help import HelpScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "home"
        md = app.screen.query_one(Markdown)
        assert "Today's check-in" in md.source and "Crisis help" in md.source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    """Every screen, dialog and widget of the TUI (found by walking the package), and the App."""
    import importlib
    import inspect
    import pkgutil

    import imr_tui.tui as tui_pkg

    classes: list[type] = [IMRApp]
    for info in pkgutil.walk_packages(tui_pkg.__path__, "imr_tui.tui."):
        module = importlib.import_module(info.name)
        classes += [c for _, c in inspect.getmembers(module, inspect.isclass)
                    if c.__module__ == module.__name__ and "BINDINGS" in c.__dict__]
    assert len(classes) > 20
    for cls in classes:
        for b in cls.__dict__["BINDINGS"]:
            assert b.id, f"{cls.__name__} binding {b.key} has no id"
            assert b.description, f"{cls.__name__} binding {b.key} has no description"
            assert b.tooltip, f"{cls.__name__} binding {b.key} has no tooltip"


async def test_home_summary_on_the_demo_store(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Get a part-time job" in _text(app, "#goal")
        assert "Ask about jobs at the library" in _text(app, "#goal")
        assert "Write down one thing you enjoy doing" in _text(app, "#practice")
        assert "lesson" in _text(app, "#lesson").lower()


async def test_a_fired_warning_sign_shows_on_home_with_own_steps_and_can_be_dismissed(store: Store) -> None:
    from datetime import timedelta

    from imr_tui.domain.profile import ActionStep, Supporter, WarningRule, WarningSign

    now = FIXED_NOW
    for i in range(3):
        store.add_checkin(CheckIn(at=now - timedelta(days=i), values={"sleep": 4}, note="[red]short night[/red]"))
    store.save_plan(RelapsePlanBody(
        warning_signs=[WarningSign(id="w-sleep", text="Sleeping [b]less[/x]",
                                   rule=WarningRule(item="sleep", comparison="<=", threshold=5, days=3, window=5))],
        action_steps=[ActionStep(text="Call my case manager")],
        supporters=[Supporter(name="Ana", how_they_help="walks with me")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = _text(app, "#warning-signs")
        assert "Sleeping [b]less[/x]" in text  # as typed
        assert "sleep at or under 5 hours on 3 of the last 5 days" in text
        assert "Call my case manager" in text and "Ana (walks with me)" in text
        assert app.screen.query_one("#warning-signs").display
        await pilot.press("d")
        await settle(app, pilot)
        assert not app.screen.query_one("#warning-signs").display
        assert store.progress().dismissed_signs == {"w-sleep": FIXED_END}


async def test_no_sign_fires_on_missing_days(store: Store) -> None:
    from imr_tui.domain.profile import WarningRule, WarningSign

    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(text="Sleeping less", rule=WarningRule(
        item="sleep", comparison="<=", threshold=5, days=1, window=5))]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#warning-signs").display


async def test_command_palette_jumps_to_a_screen(store: Store) -> None:
    from imr_tui.tui.commands import ScreensProvider
    from imr_tui.tui.screens.history import HistoryScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = ScreensProvider(app.screen)
        hits = [hit async for hit in provider.search("history")]
        assert hits and "History" in str(hits[0].text)
        hits[0].command()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        titles = [str(h.text) for h in [x async for x in ScreensProvider(app.screen).discover()]]
        assert "Crisis help" in titles and not any("History" in t for t in titles)  # not the screen you are on


async def test_home_offers_the_newest_good_backup_for_a_damaged_file(store: Store) -> None:
    from imr_tui.store.backup import make_backup

    store.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 5}))
    good = make_backup(store)
    for p in store.checkins_dir.iterdir():
        p.write_text("{")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = _text(app, "#today")
        assert "not valid JSON" in text and good.name in text and "imr-tui restore" in text
