"""Pilot tests for the Settings screen: theme, country, check-in items."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select, SelectionList, Static

from imr_tui.domain.checkin import Worse
from imr_tui.store.files import StoreError
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.settings import SettingsScreen, item_id_for, new_item
from tests.conftest import make_app, seen_notices
from tests.conftest import settle as _settle


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _open(app: IMRApp, pilot, part: str = "") -> SettingsScreen:  # type: ignore[no-untyped-def]
    """Settings from Home; with `part` ("3": Items), that part of it."""
    await _settle(app, pilot)
    await pilot.press("s")  # from Home
    await _settle(app, pilot)
    assert isinstance(app.screen, SettingsScreen)
    if part:
        await pilot.press(part)
        await _settle(app, pilot)
    return app.screen


async def _add_item(app: IMRApp, pilot, label: str, question: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("4")
    await pilot.pause()
    assert app.focused is app.screen.query_one("#new-label", Input)
    await pilot.press(*label)
    await pilot.press("tab")
    await pilot.press(*question)
    await pilot.press("enter")
    await _settle(app, pilot)


# ----------------------------------------------------------------------- theme
async def test_theme_list_offers_high_contrast_first(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        themes = screen.query_one("#theme-list", OptionList)
        ids = [themes.get_option_at_index(i).id for i in range(themes.option_count)]
        prompts = [str(themes.get_option_at_index(i).prompt) for i in range(themes.option_count)]
        assert ids[0] == "imr-high-contrast" and prompts[0].startswith("( ) High contrast")
        assert set(ids) <= set(app.available_themes) and len(ids) >= 10
        assert [p for p in prompts if p.startswith("(x)")] == ["(x) Dark  - in use now"]  # the theme in use
        assert not any(i in p for i in app.available_themes for p in prompts)  # plain names, no theme ids
        assert app.focused is themes


async def test_theme_is_used_saved_and_used_again_by_a_new_app(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("home", "enter")  # the first theme: high contrast
        await _settle(app, pilot)
        assert app.theme == "imr-high-contrast"
        assert store.settings().theme == "imr-high-contrast"
        assert "Saved: High contrast" in _text(app, "#settings-status")
        themes = app.screen.query_one("#theme-list", OptionList)
        assert str(themes.get_option_at_index(0).prompt).startswith("(x) High contrast")  # marked at once
    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "imr-high-contrast"


# --------------------------------------------------------------------- country
async def test_country_is_saved_and_f2_shows_its_lines(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        select = app.screen.query_one("#country-select", Select)
        assert app.focused is select and select.value == "US"
        assert "988" in _text(app, "#country-lines")
        await pilot.press("enter")  # open the list: US, CA, GB, ...
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await _settle(app, pilot)
        assert select.value == "GB"
        assert store.settings().country == "GB"
        assert "Samaritans" in _text(app, "#country-lines")
        assert "Saved" in _text(app, "#settings-status")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "Samaritans" in _text(app, "#crisis-text") and "116 123" in _text(app, "#crisis-text")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_other_country_points_to_local_help(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#country-select", Select).value = "OTHER"
        await _settle(app, pilot)
        assert store.settings().country == "OTHER"
        assert "local emergency number" in _text(app, "#country-lines")
        await pilot.press("f2")
        await pilot.pause()
        assert "local emergency number" in _text(app, "#crisis-text")


async def test_somewhere_else_asks_for_a_local_number_that_f2_then_shows(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await _open(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        box = app.screen.query_one("#local-number", Input)
        assert not app.screen.query_one("#local-box").display  # the US is listed: no local number asked
        app.screen.query_one("#country-select", Select).value = "OTHER"
        await _settle(app, pilot)
        assert app.screen.query_one("#local-box").display
        box.focus()
        await pilot.press(*"30 21O")  # a letter O: refused, nothing saved
        await pilot.press("enter")
        await _settle(app, pilot)
        assert store.settings().local_emergency == ""
        assert any("only digits and spaces" in n for n in seen_notices(app))
        box.value = ""
        await pilot.press(*"+30 210-123 4567", "enter")
        await _settle(app, pilot)
        assert store.settings().local_emergency == "+30 210 123 4567"
        assert "Saved: F2 shows your local number +30 210 123 4567." in _text(app, "#settings-status")
        assert box.value == "+30 210 123 4567"
        await pilot.press("f2")
        await _settle(app, pilot)
        assert "+30 210 123 4567" in _text(app, "#crisis-text")


async def test_an_unlisted_country_code_is_kept_when_settings_open(store: Store) -> None:
    store.update_settings(lambda s: setattr(s, "country", "ZZ") or s)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("2")
        await _settle(app, pilot)
        assert app.screen.query_one("#country-select", Select).value == "OTHER"
        assert store.settings().country == "ZZ"  # opening the screen changes nothing


# ----------------------------------------------------------------------- items
async def test_turning_an_item_off_and_on_is_saved_at_once(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "3")
        items = app.screen.query_one("#items-list", SelectionList)
        assert app.focused is items and items.highlighted == 0
        await pilot.press("space")  # Mood
        await _settle(app, pilot)
        assert "mood" not in [i.id for i in store.settings().enabled_items()]
        assert store.settings().item("mood") is not None  # off, not deleted
        assert _text(app, "#settings-status") == "Saved: Mood is off."
        await pilot.press("down", "space", "up", "space")  # Anxiety off, Mood on again
        await _settle(app, pilot)
        enabled = [i.id for i in store.settings().enabled_items()]
        assert "mood" in enabled and "anxiety" not in enabled


async def test_built_in_items_cannot_be_deleted(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, "3")
        assert screen.check_action("delete_item", ()) is False  # so the Footer does not offer it
        await pilot.press("d")
        await _settle(app, pilot)
        assert len(store.settings().items) == 10


async def test_add_an_own_item_shows_the_label_as_typed_then_delete_it(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await _add_item(app, pilot, "[bold]Pain[/x]", "How bad is the pain?")
        item = store.settings().item("bold_pain_x")
        assert item is not None
        assert item.label == "[bold]Pain[/x]" and item.question == "How bad is the pain?"
        assert (item.low, item.high, item.worse, item.builtin, item.enabled) == (0, 10, Worse.HIGH, False, True)
        assert "Added [bold]Pain[/x]." in _text(app, "#add-message")
        assert app.screen.query_one("#new-label", Input).value == ""  # ready for another
        items = app.screen.query_one("#items-list", SelectionList)
        last = items.get_option_at_index(items.option_count - 1)
        assert last.prompt.plain == "[bold]Pain[/x]  (yours)"
        assert last.value == "bold_pain_x"
        # Esc leaves the form (it does not leave Settings), then 3 shows the list
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("3", "end")
        await pilot.pause()
        assert items.highlighted == items.option_count - 1
        lines = [items.render_line(y).text for y in range(items.size.height)]
        assert any(line.rstrip().endswith("[bold]Pain[/x]  (yours)") for line in lines), lines
        await pilot.press("d")
        await _settle(app, pilot)
        assert store.settings().item("bold_pain_x") is None
        assert len(store.settings().items) == 10
        assert "Deleted [bold]Pain[/x]." in _text(app, "#settings-status")


async def test_lower_is_worse_and_a_label_used_twice(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("4")
        await pilot.press(*"Hope", "tab", *"How hopeful do you feel?", "tab")
        await pilot.press("end", "backspace", "backspace", "1", "tab", "end", "backspace", "backspace", "5", "tab")
        await pilot.press("down", "enter")  # Lower numbers are worse
        await pilot.press("tab", "enter")  # the Add item button
        await _settle(app, pilot)
        hope = store.settings().item("hope")
        assert hope is not None and (hope.low, hope.high, hope.worse) == (1, 5, Worse.LOW)
        await pilot.press("escape")  # leave the form, so 4 is a key again
        await _add_item(app, pilot, "MOOD", "Again?")
        assert "already have an item called MOOD" in _text(app, "#settings-status")
        assert "already have an item called MOOD" in _text(app, "#add-message")
        assert len(store.settings().items) == 11


async def test_form_problems_are_shown_and_nothing_is_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("4", "enter")
        await _settle(app, pilot)
        assert "type a name" in _text(app, "#add-message")
        await _add_item(app, pilot, "Pain", "")
        assert "type the question" in _text(app, "#add-message")
        assert len(store.settings().items) == 10


async def test_a_save_that_fails_is_shown(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(change):  # type: ignore[no-untyped-def]
        raise StoreError("Could not save manifest.json: the disk is full.")

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        monkeypatch.setattr(store, "update_settings", broken)
        await pilot.press("3", "space")
        await _settle(app, pilot)
        assert "the disk is full" in _text(app, "#settings-status")
        assert app.screen.query_one("#settings-status").has_class("error")
        assert isinstance(app.screen, SettingsScreen)


async def test_f2_and_80x24(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
            pane = screen.query_one("#settings-tabs").active_pane  # type: ignore[attr-defined]
            assert pane is not None and pane.region.right <= 80 and pane.region.bottom <= 23
            for widget in pane.query("*"):
                if widget.display and widget.region.width:
                    assert widget.region.right <= 80
        form = screen.query_one("#add-form")
        assert form.virtual_size.width <= form.scrollable_content_region.width
        await pilot.press("escape")  # leave the form first
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)


# ------------------------------------------------------------------- plain code
def test_item_id_for_makes_a_valid_unique_slug() -> None:
    assert item_id_for("[bold]Pain[/x]", []) == "bold_pain_x"
    assert item_id_for("Mood", ["mood"]) == "mood_2"
    assert item_id_for("Mood", ["mood", "mood_2"]) == "mood_3"
    assert item_id_for("3 things I did", []) == "item_3_things_i_did"
    assert item_id_for("Ängste", []) == "angste"
    assert item_id_for("痛み", []) == "item"
    long = item_id_for("a" * 40, ["a" * 36])
    assert long == "a" * 36 + "_2" and len(long) <= 40


def test_new_item_checks_what_was_typed() -> None:
    item = new_item(" Pain ", " How bad? ", "0", "10", Worse.HIGH)
    assert (item.label, item.question, item.step) == ("Pain", "How bad?", 1)
    assert new_item("Weight", "Kilos?", "40", "150.5", Worse.HIGH).step == 0.1
    for args, message in [
        (("", "q", "0", "10"), "type a name"),
        (("x" * 41, "q", "0", "10"), "up to 40"),
        (("Pain", " ", "0", "10"), "type the question"),
        (("Pain", "q", "ten", "10"), "lowest number must be a number"),
        (("Pain", "q", "5", "5"), "must be more than"),
    ]:
        with pytest.raises(ValueError, match=message):
            new_item(*args, Worse.HIGH)


async def test_f1_shows_the_settings_help(store: Store) -> None:
    from imr_tui.tui.screens.help import HelpScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "settings"


async def test_the_person_picks_the_quick_check_in_questions(store: Store) -> None:
    from imr_tui.tui.screens.checkin import CheckInScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "3")
        quick = app.screen.query_one("#quick-list", SelectionList)
        quick.focus()
        await pilot.press("space")  # Mood is the only one: it must stay
        await _settle(app, pilot)
        assert store.settings().quick_items == ["mood"] and "mood" in quick.selected
        assert any("at least one question" in n for n in seen_notices(app))
        await pilot.press("down", "down", "down", "space")  # Sleep
        await _settle(app, pilot)
        assert store.settings().quick_items == ["mood", "sleep"]
        assert "now ask" in _text(app, "#settings-status")
        await pilot.press("escape")
        await _settle(app, pilot)
        await pilot.press("u")
        await _settle(app, pilot)
        assert isinstance(app.screen, CheckInScreen) and app.screen.quick
        from imr_tui.tui.widgets.scale import ScaleInput
        assert [r.id for r in app.screen.query(ScaleInput)] == ["item-mood", "item-sleep"]


async def test_the_tracking_choice_is_not_cut_at_60_columns(store: Store) -> None:
    from imr_tui.tui.widgets.toggles import Checkbox

    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await _open(app, pilot, "3")
        box = app.screen.query_one("#track-substances", Checkbox)
        lines = [box.render_line(y).text for y in range(box.size.height)]
        assert any("I track alcohol or drug use (shown on Home)" in line for line in lines), lines
