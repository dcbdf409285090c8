"""Check-in input for a person slowed by medicine (ux.md "Input", issue 12 item 2).

No timed keys (a slow "1 … 0" is 10), y and n on every yes/no question, "same as last time",
the quick check-in one key from Home, and keys typed while the screen opens (type-ahead).
"""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, time, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from imr_tui.domain.checkin import CheckIn, Medication
from imr_tui.domain.settings import Settings
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.checkin import CheckInScreen
from imr_tui.tui.screens.checkin_draft import Draft, FormState, write_draft
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.widgets.scale import ChoiceInput, ScaleInput
from tests.conftest import CONTENT, FIXED_END, seen_notices, settle

NOW = datetime.combine(FIXED_END, time(9, 30)).astimezone()


def make_app(store: Store) -> IMRApp:
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


def row(app: IMRApp, item_id: str) -> ScaleInput:
    return app.screen.query_one(f"#item-{item_id}", ScaleInput)


async def open_checkin(app: IMRApp, pilot: Pilot[None], key: str = "c") -> CheckInScreen:
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, CheckInScreen)
    return app.screen


def pick_quick(store: Store, *item_ids: str) -> None:
    def change(settings: Settings) -> Settings:
        settings.quick_items = list(item_ids)
        return settings

    store.update_settings(change)


# ------------------------------------------------------------------ no timed keys
async def test_a_slow_one_then_zero_saves_mood_10(store: Store) -> None:
    """The bug this issue began with: 1, a pause of 1.5 s, then 0 saved mood 0. It must be 10."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("1")
        await asyncio.sleep(1.5)  # a real pause, as a person slowed by medicine types: the point of this test
        await pilot.press("0")
        await pilot.pause()
        mood = row(app, "mood")
        assert mood.value == 10
        shown = str(mood.render())
        assert "mood 10 out of 10: very good" in shown  # what is shown is what will be saved
        assert "╺┓ ┏━┓" in shown  # in large figures
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.values == {"mood": 10}


async def test_the_number_shown_is_the_number_saved_after_a_refused_digit(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("8", "9")  # 89 is off the 0-10 scale: refused, 8 stays and the row says why
        assert row(app, "mood").value == 8
        assert "Mood goes from 0 to 10. Backspace takes off a digit." in str(row(app, "mood").render())
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert [c.values for c in store.checkins()] == [{"mood": 8}]


# ---------------------------------------------------------------------- yes / no
async def test_y_and_n_answer_every_yes_no_question(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press(*["down"] * 9)  # to "Did you drink or use drugs?"
        use = row(app, "use")
        assert app.focused is use
        assert "y = yes, n = no" in str(app.screen.query_one("#hint", Static).render())
        await pilot.press("y")
        assert use.value == 1 and "yes" in str(use.render())
        await pilot.press("n")
        assert use.value == 0 and use.meaning() == "no"
        await pilot.press("Y")
        assert use.value == 1
        await pilot.press("enter")  # on to the medicine: y, p, n, x
        medication = app.screen.query_one("#medication", ChoiceInput)
        assert app.focused is medication
        await pilot.press("n")
        assert medication.value == Medication.MISSED.value
        assert "(•) No (n)" in str(medication.render()).replace("\u00a0", " ")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [saved] = store.checkins()
        assert saved.values == {"use": 1} and saved.medication == Medication.MISSED


# ---------------------------------------------------------------- same as last time
async def test_same_as_last_time_fills_only_the_empty_questions(store: Store) -> None:
    store.add_checkin(CheckIn(at=NOW - timedelta(days=1), values={"mood": 4, "sleep": 7.5, "stress": 6},
                              medication=Medication.TAKEN, note="a hard day", tags=["work"]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        assert "checkin.same" in {b.binding.id for b in screen.active_bindings.values()}
        await pilot.press("6", "s")  # today's mood first; then the rest as last time
        await pilot.pause()
        assert row(app, "mood").value == 6  # what was typed today stays
        assert row(app, "sleep").value == 7.5 and row(app, "stress").value == 6
        assert screen.query_one("#medication", ChoiceInput).value == Medication.TAKEN.value
        assert screen.query_one("#note", Input).value == "" and screen.query_one("#tags", Input).value == ""
        assert any("Filled in from your check-in of" in m for m in seen_notices(app))
        await pilot.press("down", "down", "3")  # change what differs: stress 3
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        today = [c for c in store.checkins() if c.day == NOW.date()]
        assert [(c.values, c.medication, c.note) for c in today] == [
            ({"mood": 6, "stress": 3, "sleep": 7.5}, Medication.TAKEN, "")]


async def test_same_as_last_time_looks_past_a_quick_checkin(store: Store) -> None:
    store.add_checkin(CheckIn(at=NOW - timedelta(days=1), values={"mood": 4, "sleep": 7}))
    store.add_checkin(CheckIn(at=NOW - timedelta(hours=3), values={"mood": 2}))  # a quick one this morning
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert (row(app, "mood").value, row(app, "sleep").value) == (4, 7)


async def test_same_as_last_time_is_not_offered_without_an_earlier_checkin(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        assert "checkin.same" not in {b.binding.id for b in screen.active_bindings.values()}
        await pilot.press("s")
        await pilot.pause()
        assert all(r.value is None for r in screen.query(ScaleInput))


# ------------------------------------------------------------------ quick check-in
async def test_quick_checkin_from_home_is_three_keys(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot, "u")
        assert [r.id for r in screen.query(ScaleInput)] == ["item-mood"]
        assert not screen.query_one("#medication").display or not screen.query_one("#extras").display
        assert "Quick check-in" in str(screen.query_one("#day-line", Static).render())
        assert "then Enter to save" in str(screen.query_one("#hint", Static).render())
        await pilot.press("7", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [c.values for c in store.checkins()] == [{"mood": 7}]


async def test_quick_checkin_asks_the_items_picked_in_settings(store: Store) -> None:
    pick_quick(store, "mood", "sleep", "use")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot, "u")
        assert [r.id for r in screen.query(ScaleInput)] == ["item-mood", "item-sleep", "item-use"]
        await pilot.press("5", "enter", "6", ".", "5", "enter")
        assert isinstance(app.screen, CheckInScreen)  # Enter saves only on the last question
        await pilot.press("n", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [c.values for c in store.checkins()] == [{"mood": 5, "sleep": 6.5, "use": 0}]


async def test_quick_checkin_with_a_full_draft_shows_all_of_it(store: Store) -> None:
    write_draft(store, Draft(state=FormState(values={"mood": 3, "anxiety": 8}, note="kept"), day=NOW.date(),
                             checkin_id=None, saved_at=NOW))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot, "u")
        assert not screen.quick and row(app, "anxiety").value == 8
        assert screen.query_one("#note", Input).value == "kept"
        assert any("here is all of it" in m for m in seen_notices(app))


# -------------------------------------------------------------------- type-ahead
@pytest.fixture
def slow_open(store: Store, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the check-in's first read until the test lets it go (a slow disk, a busy machine)."""
    go = threading.Event()
    settings = store.settings

    def held() -> Settings:
        go.wait(10)
        return settings()

    monkeypatch.setattr(store, "settings", held)
    return go


async def test_keys_typed_while_the_checkin_opens_are_kept_in_order(store: Store, slow_open: threading.Event) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "7", "enter", "4", "tab", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen) and screen.mode == "loading"  # still opening
        await pilot.press("0")
        slow_open.set()
        await settle(app, pilot)
        assert screen.mode == "form"
        assert (row(app, "mood").value, row(app, "anxiety").value, row(app, "stress").value) == (7, 4, 10)
        assert app.focused is row(app, "stress")


async def test_a_screen_key_typed_ahead_still_works(store: Store, slow_open: threading.Event) -> None:
    """A held key that is not a row's (here "e", pick a saved check-in) goes through the app's keys."""
    from imr_tui.tui.screens.checkin_picker import CheckInPicker

    store.add_checkin(CheckIn(at=NOW - timedelta(hours=1), values={"mood": 3}))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "e")
        await pilot.pause()
        slow_open.set()
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInPicker)


async def test_a_quick_checkin_typed_ahead_is_saved(store: Store, slow_open: threading.Event) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u", "8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and store.checkins() == []
        slow_open.set()
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [c.values for c in store.checkins()] == [{"mood": 8}]


async def test_keys_that_overtake_a_move_land_on_the_row_they_were_typed_for(store: Store) -> None:
    """Keys sent faster than the rows take them (a burst, a busy machine) still land in order."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        from textual import events

        for key, character in [("6", "6"), ("enter", "\r"), ("3", "3"), ("enter", "\r"), ("1", "1"), ("0", "0")]:
            app.post_message(events.Key(key, character))  # all at once, no waiting in between
        await settle(app, pilot)
        assert (row(app, "mood").value, row(app, "anxiety").value, row(app, "stress").value) == (6, 3, 10)
        assert app.focused is row(app, "stress") and screen.mode == "form"


async def test_escape_while_saving_does_not_keep_a_draft_of_a_saved_checkin(store: Store,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from imr_tui.tui.screens.checkin_draft import draft_path

    go = threading.Event()
    add = store.add_checkin

    def slow_add(checkin: CheckIn) -> CheckIn:
        go.wait(10)
        return add(checkin)

    monkeypatch.setattr(store, "add_checkin", slow_add)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(app, pilot)
        await pilot.press("6", "ctrl+s")
        await pilot.pause()
        assert screen.mode == "saving"
        await pilot.press("escape", "k")  # no question while it saves; k does nothing here
        await pilot.pause()
        assert app.screen is screen
        go.set()
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and [c.values for c in store.checkins()] == [{"mood": 6}]
        assert not draft_path(store).exists()

