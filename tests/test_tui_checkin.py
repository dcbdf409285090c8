"""Pilot tests for the daily check-in screen (80x24, keyboard only)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import time, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from imr_tui.domain.checkin import CheckIn, Medication, SubstanceUse
from imr_tui.store.files import StoreError
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.checkin import CheckInScreen
from imr_tui.tui.screens.checkin_draft import DRAFT_DELAY_S, draft_path, read_draft
from imr_tui.tui.screens.checkin_picker import CheckInPicker
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.screens.leave_dialog import LeaveDialog
from imr_tui.tui.widgets.scale import ScaleInput
from tests.conftest import FIXED_END, FIXED_NOW, make_app, seen_notices, settle, wait_for

N_ITEMS = 10  # the default check-in items, all enabled


async def open_checkin(app: IMRApp, pilot: Pilot[None]) -> CheckInScreen:
    await settle(app, pilot)
    await pilot.press("c")  # from Home
    await settle(app, pilot)
    assert isinstance(app.screen, CheckInScreen)
    return app.screen


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[" " if ch == " " else ch for ch in text])


def row(app: IMRApp, item_id: str) -> ScaleInput:
    return app.screen.query_one(f"#item-{item_id}", ScaleInput)


def messages(app: IMRApp) -> list[str]:
    return seen_notices(app)


def draft_values(store: Store) -> dict[str, float] | None:
    """The values in the draft file (None: no draft yet)."""
    draft = read_draft(store)
    return None if draft is None else draft.state.values


# ------------------------------------------------------------------ the fast path
async def test_keyboard_only_checkin_reaches_the_store(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        assert app.focused is row(app, "mood")  # the first item has focus on open
        # The fast path, 12 key presses from Home:
        #   c (open) | 6 (mood) | tab | 4 (anxiety) | tab | 1 0 (stress = 10) | tab | 6 . 5 (sleep) | ctrl+s
        #   = 1 + 1 + 1 + 1 + 1 + 2 + 1 + 3 + 1 = 12 keys; a daily check-in of the 4 main items in well under 30 s.
        await pilot.press("6", "tab", "4", "tab", "1", "0", "tab", "6", ".", "5", "ctrl+s")
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.values == {"mood": 6, "anxiety": 4, "stress": 10, "sleep": 6.5}
        assert "sleep_quality" not in saved.values and "voices" not in saved.values  # skipped items are absent
        assert saved.medication is None and saved.substances == [] and saved.note == ""
        assert saved.day == FIXED_END
        assert saved.at == FIXED_NOW  # today: the time is now, on the App's clock
        assert isinstance(app.screen, HomeScreen)
        assert "Saved" in messages(app)
        assert not draft_path(store).exists()


async def test_rows_show_values_ends_and_worse_side(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("6", "down", "down", "down", "7", "left", "right", "right", "backspace", "left")
        mood = str(row(app, "mood").render())
        assert "Mood" in mood and "\n  6   " in mood and "0 = very low … 10 = very good" in mood
        assert "no answer" in str(row(app, "anxiety").render())
        # 7, then ← 6.5, → 7, → 7.5; Backspace takes off the last digit ("7.", which is 7); ← 6.5
        assert row(app, "sleep").value == 6.5
        sleep = str(row(app, "sleep").render())
        assert "6.5 hours of sleep" in sleep  # the focused row says what the number means
        assert "(low is worse)" in sleep and "(low is worse)" not in mood  # and which end is worse
        hint = str(app.screen.query_one("#hint", Static).render())
        assert "like 6.5" in hint  # the sleep row's hint says how to type half hours


async def test_medication_substances_tags_and_note_are_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("5", *["tab"] * N_ITEMS)  # past every item to the medicine row
        assert app.focused is app.screen.query_one("#medication")
        await pilot.press("p", "tab")
        await type_text(pilot, "beer 2 cans, red wine=a lot, cannabis")
        await pilot.press("enter")  # Enter goes on to the next box
        await type_text(pilot, "work, family, work")
        await pilot.press("tab")
        await type_text(pilot, "[bold]x[/x]")
        await pilot.press("enter")  # Enter on the last field saves
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.values == {"mood": 5}
        assert saved.medication == Medication.PARTLY
        assert saved.substances == [SubstanceUse(what="beer", amount="2 cans"),
                                    SubstanceUse(what="red wine", amount="a lot"),
                                    SubstanceUse(what="cannabis", amount="")]
        assert saved.tags == ["work", "family"]
        assert saved.note == "[bold]x[/x]"


async def test_a_substance_that_does_not_say_what_is_not_saved_and_is_named(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("5", *["tab"] * N_ITEMS, "tab")  # past the items and the medicine row
        await type_text(pilot, "beer 2 cans, =3")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInScreen) and store.checkins() == []
        assert "'=3' does not say what was used. Write it like beer=2 or beer 2 cans." in messages(app)


async def test_markup_in_a_note_is_shown_as_typed_when_editing(store: Store) -> None:
    store.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 3}, note="[bold]x[/x]"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        picker = app.screen.query_one("#picker", OptionList)
        assert app.focused is picker
        prompt = picker.get_option_at_index(0).prompt
        assert "[bold]x[/x]" in str(prompt) and "mood 3" in str(prompt)
        assert "[bold]x[/x]" in picker.render_line(0).text  # shown on screen as typed
        await pilot.press("enter")
        await settle(app, pilot)
        note = app.screen.query_one("#note", Input)
        assert note.value == "[bold]x[/x]"
        await pilot.press("up")  # from the first row up wraps round to the note
        await pilot.pause()
        assert note.has_focus
        assert "[bold]x[/x]" in note.render_line(0).text
        assert row(app, "mood").value == 3


# ---------------------------------------------------------------- days and edits
async def test_a_past_day_checkin_is_saved_on_that_day_at_noon(store: Store) -> None:
    yesterday = FIXED_END - timedelta(days=1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        line = str(app.screen.query_one("#day-line", Static).render())
        assert f"{yesterday:%a} {yesterday.day} {yesterday:%b}" in line and "12:00" in line
        await pilot.press("5", "ctrl+s")
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.day == yesterday and saved.at.time() == time(12, 0)
        assert store.checkins_on(yesterday) == [saved]


async def test_the_day_cannot_go_into_the_future(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        await pilot.press("right_square_bracket")
        assert screen.day == FIXED_END
        assert any("not come yet" in m for m in messages(app))
        await pilot.press("left_square_bracket", "left_square_bracket", "right_square_bracket",
                          "right_square_bracket", "right_square_bracket")
        assert screen.day == FIXED_END
        assert "today" in str(app.screen.query_one("#day-line", Static).render())
    future = CheckInScreen(day=FIXED_END + timedelta(days=3))
    assert future.day == FIXED_END


async def test_editing_an_existing_checkin_changes_it_without_a_duplicate(store: Store) -> None:
    old = store.add_checkin(CheckIn(at=FIXED_NOW.replace(hour=9, minute=5),
                                    values={"mood": 3, "gone_item": 2}, note="old", tags=["work"]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Changing" in str(app.screen.query_one("#day-line", Static).render())
        await pilot.press("7", "ctrl+s")
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.id == old.id
        assert saved.values == {"mood": 7, "gone_item": 2}  # a value of an item not shown is kept
        assert saved.note == "old" and saved.tags == ["work"]
        assert saved.at == old.at and saved.updated is not None


async def test_opening_with_a_checkin_id_prefills_it(store: Store) -> None:
    old = store.add_checkin(CheckIn(at=FIXED_NOW - timedelta(days=2), values={"stress": 8},
                                    medication=Medication.TAKEN,
                                    substances=[SubstanceUse(what="beer", amount="2 cans")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(CheckInScreen(day=old.day, checkin_id=old.id))
        await settle(app, pilot)
        assert row(app, "stress").value == 8
        assert app.screen.query_one("#substances", Input).value == "beer 2 cans"
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert store.checkins() == [old]


async def test_edit_key_is_offered_only_when_something_was_saved_that_day(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        assert "checkin.edit" not in {b.binding.id for b in app.screen.active_bindings.values()}
        await pilot.press("e")  # not offered in the Footer, and does nothing
        await settle(app, pilot)
        assert app.screen is screen and app.focused is row(app, "mood")
        store.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 1}))
        await pilot.press("left_square_bracket", "right_square_bracket")  # the day's check-ins are read again
        await settle(app, pilot)
        assert "checkin.edit" in {b.binding.id for b in app.screen.active_bindings.values()}
        assert "1 saved" in str(app.screen.query_one("#day-line", Static).render())
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInPicker)
        await pilot.press("escape")  # back to the form, nothing changed
        await settle(app, pilot)
        assert app.screen is screen and app.focused is row(app, "mood") and row(app, "mood").value is None


# ------------------------------------------------------------------------ drafts
async def test_a_draft_survives_closing_the_app(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("6", "tab", "4", "tab", "tab", "tab", "2")
        # the draft timer writes it while the app is still open: wait for what it writes, not for its delay
        assert await wait_for(pilot, lambda: draft_values(store) == {"mood": 6, "anxiety": 4, "sleep_quality": 2})
        await settle(app, pilot)
        if os.name == "posix":
            assert draft_path(store).stat().st_mode & 0o777 == 0o600
        assert store.checkins() == []  # a half check-in never reaches the store
    again = make_app(Store.open(store.root, lock_timeout=0.5))
    async with again.run_test(size=(80, 24)) as pilot:
        await open_checkin(again, pilot)
        assert row(again, "mood").value == 6 and row(again, "anxiety").value == 4
        assert row(again, "sleep_quality").value == 2 and row(again, "stress").value is None
        assert any("was restored" in m for m in messages(again))


async def test_a_draft_is_kept_even_when_the_app_closes_at_once(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("8", "tab", "tab", "tab")
        await pilot.press("ctrl+q")
    again = make_app(Store.open(store.root, lock_timeout=0.5))
    async with again.run_test(size=(80, 24)) as pilot:
        await open_checkin(again, pilot)
        assert row(again, "mood").value == 8


async def test_saving_deletes_the_draft(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("3")
        assert await wait_for(pilot, lambda: draft_values(store) == {"mood": 3})
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not draft_path(store).exists()
        assert [c.values for c in store.checkins()] == [{"mood": 3}]


async def test_a_draft_timer_that_fires_after_the_save_writes_nothing(store: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Save while the draft timer still waits; then fire it (as a late timer would): no draft comes back."""
    flushes: list[Callable[[], object]] = []
    set_timer = CheckInScreen.set_timer

    def recording(self, delay, callback=None, **kwargs):  # type: ignore[no-untyped-def]
        if delay == DRAFT_DELAY_S and callback is not None:
            flushes.append(callback)
        return set_timer(self, delay, callback, **kwargs)

    monkeypatch.setattr(CheckInScreen, "set_timer", recording)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("4", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and [c.values for c in store.checkins()] == [{"mood": 4}]
        assert flushes, "typing a value starts the draft timer"
        for flush in flushes:
            flush()
        await settle(app, pilot)
        assert not draft_path(store).exists()


async def test_escape_asks_then_throws_away_or_keeps(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        await pilot.press("4", "escape")
        assert isinstance(app.screen, LeaveDialog)  # a question on top: nothing on the form can be typed into
        words = str(app.screen.query_one("#leave-keys", Static).render())
        assert "keep it for next time" in words and "throw it away" in words and "go back" in words
        await pilot.press("tab", "5")
        await pilot.press("escape")  # go back to it
        await settle(app, pilot)
        assert app.screen is screen and app.focused is row(app, "mood") and row(app, "mood").value == 4
        await pilot.press("escape", "k")  # keep it for later
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and draft_path(store).exists()
        await open_checkin(app, pilot)
        assert row(app, "mood").value == 4
        await pilot.press("escape", "d")  # throw it away
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not draft_path(store).exists() and store.checkins() == []
        await open_checkin(app, pilot)
        assert row(app, "mood").value is None


# ------------------------------------------------------------------ errors, keys
async def test_a_store_error_on_save_shows_a_message_and_keeps_the_values(store: Store,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(checkin: CheckIn) -> CheckIn:
        raise StoreError("Could not save 2026-11.json: the disk is full.", None, "Nothing was changed.")

    monkeypatch.setattr(store, "add_checkin", broken)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("6", "tab", "9", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert any("Not saved" in m and "disk is full" in m for m in messages(app))
        assert row(app, "mood").value == 6 and row(app, "anxiety").value == 9
        assert await wait_for(pilot, lambda: draft_values(store) == {"mood": 6, "anxiety": 9})  # kept as a draft


async def test_a_damaged_settings_file_is_reported_and_escape_goes_back(store: Store) -> None:
    store.manifest_path.write_text('{"schema_version": 1, "kind": "manifest", "settings": {"items": 5}}')
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        assert "cannot open" in str(app.screen.query_one("#day-line", Static).render())
        await pilot.press("ctrl+s", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_nothing_filled_in_is_not_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInScreen) and store.checkins() == []
        assert any("Nothing to save" in m for m in messages(app))


async def test_f2_works_from_the_checkin_and_keeps_the_values(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("7", "f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and row(app, "mood").value == 7


async def test_every_field_fits_80x24_and_the_focused_row_is_visible(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        form = screen.query_one("#form")
        for _ in range(N_ITEMS + 4):
            focused = app.focused
            assert focused is not None
            region = focused.region
            assert region.height > 0 and region.right <= 80
            assert form.region.y <= region.y and region.bottom <= form.region.bottom, focused
            await pilot.press("down")
            await pilot.pause()
        assert app.focused is row(app, "mood")  # down from the note wraps round to the top
        bindings = {b.binding.id for b in screen.active_bindings.values()}
        assert {"checkin.save", "checkin.day", "checkin.back"} <= bindings


async def test_bindings_have_ids_descriptions_and_tooltips() -> None:
    for binding in CheckInScreen.BINDINGS + ScaleInput.BINDINGS:
        assert binding.id and binding.description and binding.tooltip  # type: ignore[union-attr]


# -------------------------------------------------------------------- the parts
async def test_scale_typing_rules() -> None:
    """Digits build the number shown while it stays on the scale; a digit that would go past the
    end is refused and the number stays; Backspace takes off a digit; no key depends on time."""
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ScaleInput("Mood", id="ten", value=6)
            yield ScaleInput("Sleep", low=0, high=24, step=0.5, unit="hours", id="sleep")
            yield ScaleInput("Energy", low=0, high=4, id="four")

    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        ten, sleep, four = app.query_one("#ten", ScaleInput), app.query_one("#sleep", ScaleInput), \
            app.query_one("#four", ScaleInput)
        ten.focus()
        await pilot.press("1")  # arriving on a row: the first digit starts a new number (6 becomes 1)
        assert ten.value == 1
        await pilot.press("0")
        assert ten.value == 10 and ten.value_text() == "10"
        assert "mood 10 out of 10" in ten.meaning()
        await pilot.press("3")  # 103 is off the scale: refused, 10 stays, and the row says why
        assert ten.value == 10 and "Mood goes from 0 to 10" in str(ten.render())
        await pilot.press(".")  # no halves on a whole-number scale
        assert ten.value == 10 and "whole numbers" in ten.problem
        await pilot.press("backspace")
        assert ten.value == 1 and ten.problem == ""
        await pilot.press("backspace")
        assert ten.value is None and ten.value_text() == "no answer"
        await pilot.press("0", "7")  # a leading 0 does not make 07 a different number
        assert ten.value == 7
        await pilot.press("right", "right")
        assert ten.value == 9
        await pilot.press("4")  # after the arrows, a digit starts a new number
        assert ten.value == 4
        await pilot.press("delete")
        assert ten.value is None
        sleep.focus()
        await pilot.press("7", ".", "5")
        assert sleep.value == 7.5 and sleep.meaning() == "7.5 hours of sleep"
        await pilot.press("right")
        assert sleep.value == 8
        await pilot.press("2", "5")  # 25 hours is too many: refused, 2 stays
        assert sleep.value == 2
        await pilot.press("backspace", "6", ".", "3")  # 6.3 is not a half step: refused, 6 stays
        assert sleep.value == 6 and "steps of 0.5" in sleep.problem
        await pilot.press("5")
        assert sleep.value == 6.5
        four.focus()
        await pilot.press("7")  # past the end of a 0-4 scale on the first digit
        assert four.value is None and "Energy goes from 0 to 4" in four.problem
        await pilot.press("3")
        assert four.value == 3
        ten.focus()
        await pilot.press("9")
        sleep.focus()
        ten.focus()  # back on the row: a digit starts a new number again (2, not 92)
        await pilot.press("2")
        assert ten.value == 2
