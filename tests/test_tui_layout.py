"""Layout at 80x24 and 60x20: the Footer keeps F2, F1 and the screen's main keys; nothing important
is below the fold (the Home menu with a warning sign showing); plan tabs are not cut."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TabbedContent

from imr_tui.demo import build_demo_store
from imr_tui.domain.checkin import CheckIn
from imr_tui.store.store import Store
from imr_tui.tui.app import SCREENS, IMRApp
from imr_tui.tui.screens.home import MENU
from tests.conftest import CONTENT, FIXED_END, settle

NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)
SIZES = [(80, 24), (60, 20)]


def fired_store(root: Path) -> Store:
    """The demo, with three short nights just before NOW: its "Sleeping less" sign fires on Home."""
    store = build_demo_store(root, days=90, seed=7, end=FIXED_END, tz=UTC)
    for n in range(1, 4):
        store.add_checkin(CheckIn(at=NOW - timedelta(days=n, hours=-1), values={"sleep": 3}))
    return store


def shown_keys(app: IMRApp) -> list[Any]:
    return [k for k in app.screen.query("FooterKey") if k.display]


def assert_footer_fits(app: IMRApp, width: int) -> list[str]:
    keys = shown_keys(app)
    for key in keys:
        assert key.region.width > 0 and key.region.right <= width, f"{key.key_display} {key.description} is cut off"
    return [k.key_display for k in keys]


@pytest.mark.parametrize("size", SIZES)
async def test_the_home_menu_stays_on_screen_when_a_warning_sign_shows(tmp_path: Path, size: tuple[int, int]):
    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        signs = app.screen.query_one("#warning-signs", Static)
        assert signs.display and "Sleeping less" in str(signs.render())
        menu = app.screen.query_one("#menu", Static)
        footer_top = size[1] - 1
        assert menu.region.height > 1 and menu.region.bottom <= footer_top, menu.region
        text = str(menu.render())
        assert all(f"{key} {label}" in text for key, label in MENU), text  # a key never leaves its word
        assert max(len(line) for line in text.splitlines()) <= size[0] - 4


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(set(SCREENS) - {"home"}))
async def test_every_screen_keeps_f2_and_f1_in_the_footer(tmp_path: Path, name: str, size: tuple[int, int]):
    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.open(name)
        await settle(app, pilot)
        await pilot.pause()
        shown = assert_footer_fits(app, size[0])
        assert shown[0] == "F2" and "F1" in shown, (name, shown)
        await pilot.press("f2")  # a dialog over it: F1 still shown (F2 is where you are)
        await settle(app, pilot)
        assert assert_footer_fits(app, size[0]) == ["esc", "F1"]


async def test_a_narrow_footer_hides_quit_and_spare_keys_first_and_keeps_back(tmp_path: Path):
    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        await pilot.pause()
        shown = [k.description for k in shown_keys(app)]
        assert "Quit" not in shown and "History" not in shown  # Quit is on Home's menu, h on the screen
        assert {"Crisis help", "Add", "Back", "Help"} <= set(shown), shown
        assert "h shows earlier versions" in str(app.screen.query_one("#plan-reviewed", Static).render())
        await pilot.resize_terminal(100, 24)
        await settle(app, pilot)
        await pilot.pause()
        assert {"Quit", "History"} <= {k.description for k in shown_keys(app)}


@pytest.mark.parametrize("size", SIZES)
async def test_plan_tabs_are_never_cut(tmp_path: Path, size: tuple[int, int]):
    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        tabs = list(app.screen.query_one(TabbedContent).query("ContentTab"))
        assert len(tabs) == 6
        for tab in tabs:
            assert 0 < tab.region.right <= size[0], (str(tab.label), tab.region)
        labels = [str(t.label) for t in tabs]
        assert labels[-1] == ("6 Safety plan" if size[0] >= 80 else "6 Safety")
        assert ("2 Warning signs" in labels) == (size[0] > 80)  # the longest title is the first made short
        assert ("3 What to do" in labels) == (size[0] >= 80)


async def test_f1_opens_help_from_a_dialog_and_closes_it_and_a_question_mark_still_types(tmp_path: Path):
    from textual.widgets import Input

    from imr_tui.tui.screens.entry_dialog import EntryDialog
    from imr_tui.tui.screens.help import HelpScreen

    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert assert_footer_fits(app, 60)[0] == "F2" and "F1" in assert_footer_fits(app, 60)
        await pilot.press("question_mark")
        assert isinstance(app.focused, Input) and app.focused.value == "?"
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == dialog.HELP_TOPIC
        await pilot.press("f1")
        await settle(app, pilot)
        assert app.screen is dialog


async def test_the_footer_measures_its_keys_as_textual_draws_them(tmp_path: Path):
    """What fits is decided before drawing, from each key's text (key_width): it must match the drawn width."""
    from imr_tui.tui.widgets.footer import Footer, key_width

    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW, demo=True)
    async with app.run_test(size=(160, 24)) as pilot:  # wide: every key is drawn
        await settle(app, pilot)
        for name in SCREENS:
            app.open(name)
            await settle(app, pilot)
            footer = app.screen.query_one(Footer)
            drawn = [(type(c).__name__, c.outer_size.width + c.styles.margin.width) for c in footer.children]
            measured = [(type(c).__name__, key_width(c, footer.compact)) for c in footer.children]
            assert len(drawn) > 2 and measured == drawn, name
            app.open("home")
            await settle(app, pilot)


@pytest.mark.parametrize(("name", "says"), [("history", "Press 1, 2 or 3 for 30, 90 or 365 days."),
                                            ("coping", "(p: patterns in your check-ins)")])
async def test_a_key_left_out_of_a_narrow_footer_is_written_on_the_screen(tmp_path: Path, name: str, says: str):
    app = IMRApp(store=fired_store(tmp_path / "demo"), content=CONTENT, clock=lambda: NOW, demo=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.open(name)
        await settle(app, pilot)
        screen_text = " ".join(str(w.render()) for w in app.screen.query(Static) if w.display)
        assert says in " ".join(screen_text.split()), screen_text
        shown = {k.description for k in shown_keys(app)}
        assert {"Crisis help", "Help", "Back"} <= shown
