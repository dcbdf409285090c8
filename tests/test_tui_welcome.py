"""The first-start welcome: shown once on an empty data folder (never on one in use, never in the demo),
each step saved through the data service, each one skippable."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import Goal, Profile
from imr_tui.domain.settings import Settings, clean_local_number, needs_welcome
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.confirm_dialog import ConfirmDialog
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.screens.welcome import WelcomeScreen
from tests.conftest import CONTENT, FIXED_END, settle

NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)


def new_app(store: Store, **kwargs: object) -> IMRApp:
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW, welcome=True, **kwargs)  # type: ignore[arg-type]


def text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


# ------------------------------------------------------------------ the rule
def test_the_rule_a_new_folder_needs_the_welcome_and_nothing_else_does(store: Store) -> None:
    assert not store.holds_data() and needs_welcome(store.settings(), store.holds_data())
    assert not needs_welcome(Settings(welcomed=True), holds_data=False)
    assert not needs_welcome(Settings(), holds_data=True)
    assert not needs_welcome(Settings(country="GB"), holds_data=False)  # chosen already: in use
    store.add_checkin(CheckIn(at=NOW, values={"mood": 5}))
    assert store.holds_data() and not needs_welcome(store.settings(), store.holds_data())


@pytest.mark.parametrize("what", ["checkin", "profile", "progress"])
def test_a_folder_from_an_older_imr_tui_never_shows_it(store_dir: Path, what: str) -> None:
    """Its manifest has no `welcomed` key; any data in the folder means it is in use."""
    store = Store.open(store_dir)
    raw = json.loads(store.manifest_path.read_text())
    del raw["settings"]["welcomed"]
    store.manifest_path.write_text(json.dumps(raw))
    if what == "checkin":
        store.add_checkin(CheckIn(at=NOW, values={"mood": 5}))
    elif what == "profile":
        store.update_profile(lambda p: Profile(goals=[Goal(text="Walk")]))
    else:
        store.update_progress(lambda p: p.model_copy(update={"dismissed_signs": {"x": NOW.date()}}))
    again = Store.open(store_dir)
    assert not again.settings().welcomed and not needs_welcome(again.settings(), again.holds_data())


def test_a_local_number_is_digits_and_spaces() -> None:
    assert clean_local_number("  +30 210-123  4567 ") == "+30 210 123 4567"
    assert clean_local_number("") == ""
    for bad in ("call 112", "112!", "1+2", "9" * 41):
        with pytest.raises(ValueError):
            clean_local_number(bad)


# ------------------------------------------------------------------- opening
async def test_a_first_start_opens_the_welcome_and_it_shows_once(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Step 1 of 5: Where you live" in text(app, "#welcome-title")
        await pilot.click("#skip-all")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.settings().welcomed
    again = new_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, HomeScreen)


async def test_a_folder_in_use_and_the_demo_open_on_home(store: Store, demo_store: Store) -> None:
    store.add_checkin(CheckIn(at=NOW, values={"mood": 5}))
    for app in (new_app(store), new_app(Store.open(demo_store.root.parent / "empty"), demo=True),
                IMRApp(store=Store.open(demo_store.root.parent / "empty2"), content=CONTENT, clock=lambda: NOW)):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, HomeScreen), app


# ------------------------------------------------------------------ the steps
async def test_every_step_saved_through_to_home(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        places = app.screen.query_one("#places", OptionList)
        assert app.focused is places
        prompts = [str(places.get_option_at_index(i).prompt) for i in range(places.option_count)]
        assert prompts[0].startswith("United States\n  Emergency: 911") and "Call or text 988" in prompts[0]
        assert any(p.startswith("United Kingdom") and "Call 116 123" in p for p in prompts)
        assert prompts[-1].startswith("Somewhere else")
        await pilot.press("down", "down", "enter")  # United Kingdom (the lines between are skipped)
        await settle(app, pilot)
        assert store.settings().country == "GB"
        assert "Step 2 of 5" in text(app, "#welcome-title")
        assert "Saved: F2 shows the numbers for United Kingdom." in text(app, "#welcome-status")

        await pilot.press("space")  # mood off
        await pilot.press("tab", *"Pain", "tab", *"How bad is the pain?", "enter")
        await settle(app, pilot)
        settings = store.settings()
        assert not settings.item("mood").enabled and settings.item("anxiety").enabled
        pain = settings.item("pain")
        assert pain is not None and pain.question == "How bad is the pain?" and (pain.low, pain.high) == (0, 10)
        assert pain.worse == "high" and pain.enabled and not pain.builtin

        assert "Step 3 of 5" in text(app, "#welcome-title")
        await pilot.press(*"Crisis team", "tab", *"0300 555 1234", "tab", *"Ana", "enter")
        await settle(app, pilot)
        plan = store.profile().plan
        assert [(c.name, c.contact) for c in plan.emergency_contacts] == [("Crisis team", "0300 555 1234")]
        assert [(s.name, s.contact) for s in plan.supporters] == [("Ana", "")]
        assert plan.reviewed_on == NOW.date()  # a plan just made is not "over 3 months" old

        assert "Step 4 of 5" in text(app, "#welcome-title")
        words = text(app, "#import-text")
        assert "pick the file" in words and "Settings" in words
        assert app.focused is app.screen.query_one("#open-import")
        await pilot.press("tab", "enter")  # past the import button to "Go on"
        await settle(app, pilot)
        assert "Step 5 of 5" in text(app, "#welcome-title")
        assert "Your data stays on this computer" in text(app, "#about-text")
        assert not store.settings().welcomed
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert store.settings().welcomed
        await pilot.press("f2")
        await settle(app, pilot)
        crisis = text(app, "#crisis-text")
        assert "Numbers for: United Kingdom" in crisis and "Crisis team" in crisis and "0300 555 1234" in crisis


async def test_escape_skips_every_step_and_saves_nothing_but_the_flag(store: Store) -> None:
    before = store.settings()
    app = new_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        for n in range(1, 6):
            assert f"Step {n} of 5" in text(app, "#welcome-title")
            await pilot.press("escape")
            await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.settings() == before.model_copy(update={"welcomed": True})
    assert not store.holds_data()


async def test_somewhere_else_explains_shows_the_directory_and_saves_a_local_number(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "enter")
        await settle(app, pilot)
        about = text(app, "#elsewhere-text")
        assert "not in the list" in about and "Go to findahelpline.com" in about
        assert app.focused is app.screen.query_one("#local-number", Input)
        await pilot.press(*"call 112", "enter")
        await settle(app, pilot)
        assert "only digits and spaces" in text(app, "#welcome-status")
        assert store.settings().country == "US"  # nothing saved
        app.screen.query_one("#local-number", Input).value = ""
        await pilot.press(*"112", "enter")
        await settle(app, pilot)
        assert (store.settings().country, store.settings().local_emergency) == ("OTHER", "112")
        assert "Step 2 of 5" in text(app, "#welcome-title")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CrisisScreen)
        crisis = text(app, "#crisis-text")
        assert "Numbers for: somewhere else" in crisis and "112" in crisis


async def test_escape_after_typing_asks_first(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "escape")  # to step 3
        await settle(app, pilot)
        await pilot.press(*"Mum")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # back to it: nothing lost
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen) and "Step 3 of 5" in text(app, "#welcome-title")
        assert app.screen.query_one("#contact-name", Input).value == "Mum"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert "Step 4 of 5" in text(app, "#welcome-title")
        assert store.profile().plan.emergency_contacts == []


async def test_a_number_without_a_name_is_not_saved(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "escape", "tab", *"555 0100", "enter")
        await settle(app, pilot)
        assert "Type a name next to the phone number" in text(app, "#welcome-status")
        assert app.focused is app.screen.query_one("#contact-name", Input)
        assert store.profile().plan.emergency_contacts == [] and "Step 3 of 5" in text(app, "#welcome-title")


async def test_keys_typed_at_once_are_not_lost(store: Store) -> None:
    """The country list is there before the first paint: down, down, Enter picks the third country."""
    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert store.settings().country == "GB"


async def test_the_welcome_opens_the_import_screen(store: Store) -> None:
    from imr_tui.tui.screens.import_screen import ImportScreen

    app = new_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "escape", "escape")
        await settle(app, pilot)
        assert "Step 4 of 5" in text(app, "#welcome-title") and "pick the file" in text(app, "#import-text")
        assert app.focused is app.screen.query_one("#open-import")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
