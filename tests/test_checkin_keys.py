"""Keys and seconds for a full, a "same as last time" and a quick check-in, from Home to saved
(figures in docs/benchmarks.md). Run with -s to see them. The key counts are exact: if the form
needs more keys, this test fails and the docs must be looked at again."""

from __future__ import annotations

import time as clock
from datetime import datetime, time, timedelta

from imr_tui.domain.checkin import CheckIn, Medication
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.home import HomeScreen
from tests.conftest import CONTENT, FIXED_END, settle

NOW = datetime.combine(FIXED_END, time(21, 0)).astimezone()
FULL = ["c",
        "6", "enter",  # mood 6
        "4", "enter",  # anxiety 4
        "1", "0", "enter",  # stress 10
        "6", ".", "5", "enter",  # sleep 6.5 hours
        "3", "enter",  # sleep quality 3
        "0", "enter",  # voices 0
        "2", "enter",  # energy 2
        "3", "enter",  # concentration 3
        "0", "enter",  # urge 0
        "n", "enter",  # used alcohol or drugs: no
        "y",  # medicine: yes
        "ctrl+s"]
SAME = ["c", "5", "s", "ctrl+s"]  # mood 5 today, the rest as last time
QUICK = ["u", "7", "enter"]


async def _time(store: Store, keys: list[str]) -> tuple[int, float, CheckIn]:
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = {c.id for c in store.checkins()}
        start = clock.perf_counter()
        for key in keys:
            await pilot.press(key)
        await settle(app, pilot)
        seconds = clock.perf_counter() - start
        assert isinstance(app.screen, HomeScreen)
    [saved] = [c for c in store.checkins() if c.id not in before]
    return len(keys), seconds, saved


async def test_keys_and_seconds_for_a_full_a_same_and_a_quick_checkin(store: Store) -> None:
    keys, seconds, saved = await _time(store, FULL)
    assert saved.values == {"mood": 6, "anxiety": 4, "stress": 10, "sleep": 6.5, "sleep_quality": 3, "voices": 0,
                            "energy": 2, "concentration": 3, "urge": 0, "use": 0}
    assert saved.medication == Medication.TAKEN
    assert keys == 26 and seconds < 30
    print(f"\nfull check-in (10 items and medicine): {keys} keys, {seconds:.2f} s in Pilot")

    saved.at = NOW - timedelta(days=1)
    store.update_checkin(saved)
    keys, seconds, same = await _time(store, SAME)
    assert same.values == {**saved.values, "mood": 5} and same.medication == Medication.TAKEN
    assert keys == 4 and seconds < 30
    print(f"same as last time, one answer changed: {keys} keys, {seconds:.2f} s in Pilot")

    keys, seconds, quick = await _time(store, QUICK)
    assert quick.values == {"mood": 7}
    assert keys == 3 and seconds < 30
    print(f"quick check-in (mood): {keys} keys, {seconds:.2f} s in Pilot")
