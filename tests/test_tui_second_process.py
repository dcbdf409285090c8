"""A change another process makes while a screen is open is never lost when the screen saves.

The other process holds the store lock and changes the profile (or settings) while the screen's
save is waiting for the lock. A screen that read the data before the lock and wrote it back
whole (as the plan screen once did) would undo the other change; through Store.update_* the
screen's change is made to the data as it is on disk, under the lock.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from imr_tui.domain.profile import Goal, GoalStep, RelapsePlanBody, Trigger
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from tests.conftest import make_app, settle

HOLD_S = 4.0  # long enough to press the last key while the other process holds the lock, even on a loaded machine


def _hold_lock_and_change(root: Path, change: str) -> subprocess.Popen[str]:
    """Start a process that takes the store lock, says "locked", waits, makes `change`, and lets go."""
    code = textwrap.dedent(f"""
        import sys, time
        from imr_tui.store.store import Store
        from imr_tui.domain.profile import *  # noqa
        store = Store.open({str(root)!r})
        with store.writing():
            print("locked", flush=True)
            time.sleep({HOLD_S})
            {change}
        print("done", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _finish(proc: subprocess.Popen[str]) -> None:
    assert proc.poll() is None, "the other process let go of the lock before the screen saved: the test proves nothing"
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "done" in out


async def _open(app: IMRApp, pilot, name: str):  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open(name)
    await settle(app, pilot)
    return app.screen


async def test_plan_keeps_a_trigger_added_by_another_process(store_dir: Path) -> None:
    store = Store.open(store_dir, lock_timeout=30)  # the screen's save waits for the other process
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="Arguments")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "plan")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Late nights", "enter", *"Phone off at 11")
        proc = _hold_lock_and_change(store_dir, "store.update_plan(lambda b: b.triggers.append(Trigger(text='Loud parties')))")
        await pilot.press("enter")
        _finish(proc)
        await settle(app, pilot)
    triggers = [t.text for t in Store.open(store_dir).profile().plan.triggers]
    assert sorted(triggers) == ["Arguments", "Late nights", "Loud parties"]


async def test_goals_keep_a_step_added_by_another_process(store_dir: Path) -> None:
    store = Store.open(store_dir, lock_timeout=30)  # the screen's save waits for the other process
    goal = Goal(text="Get a job", steps=[GoalStep(text="Write my CV")])

    def add(p):  # type: ignore[no-untyped-def]
        p.goals.append(goal)
        return p

    store.update_profile(add)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "goals")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Call the job centre", "tab", *"+3")
        proc = _hold_lock_and_change(store_dir, textwrap.dedent("""
            def add(p):
                p.goals[0].steps.append(GoalStep(text='Ask Kwame about jobs'))
                return p
            store.update_profile(add)""").strip().replace("\n", "\n            "))
        await pilot.press("enter")
        _finish(proc)
        await settle(app, pilot)
    steps = [s.text for s in Store.open(store_dir).profile().goals[0].steps]
    assert sorted(steps) == ["Ask Kwame about jobs", "Call the job centre", "Write my CV"]


async def test_coping_keeps_a_strategy_added_by_another_process(store_dir: Path) -> None:
    store = Store.open(store_dir, lock_timeout=30)  # the screen's save waits for the other process
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, "coping")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        await pilot.press(*"Argument", "enter", *"shouting", "enter")
        dialog.query_one("#log-new-strategy").focus()
        await pilot.press(*"Walk", "enter", "8", "enter", "3")
        proc = _hold_lock_and_change(store_dir, textwrap.dedent("""
            def add(p):
                p.strategies.append(CopingStrategy(text='Music'))
                return p
            store.update_profile(add)""").strip().replace("\n", "\n            "))
        await pilot.press("ctrl+s")
        _finish(proc)
        await settle(app, pilot)
        assert app.screen is screen
    again = Store.open(store_dir)
    assert sorted(s.text for s in again.profile().strategies) == ["Music", "Walk"]
    assert [u.strategy for u in again.coping_uses()] == ["Walk"]


async def test_settings_keep_a_country_set_by_another_process(store_dir: Path) -> None:
    store = Store.open(store_dir, lock_timeout=30)  # the screen's save waits for the other process
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "settings")
        await pilot.press("3")
        await pilot.pause()
        proc = _hold_lock_and_change(store_dir, "store.update_settings(lambda s: setattr(s, 'country', 'GB') or s)")
        await pilot.press("space")  # Mood off
        _finish(proc)
        await settle(app, pilot)
    settings = Store.open(store_dir).settings()
    assert settings.country == "GB"
    assert "mood" not in [i.id for i in settings.enabled_items()]


async def test_a_plan_form_opened_on_an_entry_changed_elsewhere_says_so_and_saves_nothing(store_dir: Path) -> None:
    from imr_tui.tui.screens.entry_dialog import EntryDialog
    from tests.conftest import seen_notices

    store = Store.open(store_dir, lock_timeout=30)  # the screen's save waits for the other process
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="Arguments", how_to_handle="Walk away")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, "plan")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)

        def elsewhere(b):  # type: ignore[no-untyped-def]
            b.triggers[0].how_to_handle = "Call Mei first"

        Store.open(store_dir).update_plan(elsewhere)  # another computer changes the same trigger
        await pilot.press("end", *" now", "enter", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        assert any("changed somewhere else" in n for n in seen_notices(app))
    (trigger,) = Store.open(store_dir).profile().plan.triggers
    assert (trigger.text, trigger.how_to_handle) == ("Arguments", "Call Mei first")  # the other change is kept
