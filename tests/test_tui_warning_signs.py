"""Pilot tests: warning signs that watch medicine and alcohol or drug use, picked in the plan and
firing on the open Home right after the shell check-in that meets them."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Select, Static

from imr_tui.domain.checkin import CheckIn, Medication
from imr_tui.domain.profile import (
    ActionStep,
    EmergencyContact,
    RelapsePlanBody,
    RuleKind,
    Supporter,
    WarningRule,
    WarningSign,
)
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.plan import PlanScreen
from imr_tui.tui.screens.warning_sign_dialog import WarningSignDialog
from tests.conftest import CONTENT, run_cli, settle


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_a_medicine_rule_fires_on_the_open_home_after_shell_checkins(store_dir: Path) -> None:
    store = Store.open(store_dir)
    now = datetime.now().astimezone()
    store.add_checkin(CheckIn(at=now - timedelta(days=2), medication=Medication.MISSED))
    store.save_plan(RelapsePlanBody(
        warning_signs=[WarningSign(id="w-med", text="Skipping my pills", rule=WarningRule(
            kind=RuleKind.MEDICATION, medication=Medication.MISSED, days=2, window=7))],
        action_steps=[ActionStep(text="Call the clinic nurse")],
        supporters=[Supporter(name="Ana", how_they_help="reminds me", contact="555-0142"), Supporter(name="Sam")]))
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#warning-signs").display
        # a "partly" day does not meet "not taken"
        done = await asyncio.to_thread(run_cli, "checkin", "--med", "partly", home=store_dir)
        assert done.returncode == 0, done.stderr
        assert await _until(lambda: "done" in _text(app, "#today").split(".")[0], 2.5)
        await settle(app, pilot)
        assert not app.screen.query_one("#warning-signs").display
        done = await asyncio.to_thread(run_cli, "checkin", "--med", "no", home=store_dir)
        assert done.returncode == 0, done.stderr
        seen = time.monotonic()
        assert await _until(lambda: app.screen.query_one("#warning-signs").display, 2.5)
        assert time.monotonic() - seen < 2.5
        words = _text(app, "#warning-signs")
        assert "Skipping my pills" in words and "medicine not taken on 2 of the last 7 days" in words
        assert "Call the clinic nurse" in words
        assert "Ana (reminds me): 555-0142" in words and "Sam" in words  # each supporter with their phone


async def test_a_substance_amount_rule_fires_from_a_shell_checkin(store_dir: Path) -> None:
    store = Store.open(store_dir)
    now = datetime.now().astimezone()
    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(text="Drinking more", rule=WarningRule(
        kind=RuleKind.SUBSTANCE, substance="beer", threshold=4, days=1, window=3))]))
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        done = await asyncio.to_thread(run_cli, "checkin", "--substance", "beer=3", "--substance", "wine=2",
                                       home=store_dir)
        assert done.returncode == 0, done.stderr
        assert await _until(lambda: "done" in _text(app, "#today").split(".")[0], 2.5)
        await settle(app, pilot)
        assert not app.screen.query_one("#warning-signs").display  # 3 beers (the wine is not beer)
        done = await asyncio.to_thread(run_cli, "checkin", "--substance", "beer 1 can", home=store_dir)
        assert done.returncode == 0, done.stderr
        assert await _until(lambda: app.screen.query_one("#warning-signs").display, 2.5)
        assert "used beer, 4 or more in a day, on 1 of the last 3 days" in _text(app, "#warning-signs")


async def _open_sign_dialog(app: IMRApp, pilot) -> WarningSignDialog:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open("plan")
    await settle(app, pilot)
    assert isinstance(app.screen, PlanScreen)
    await pilot.press("2", "a")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, WarningSignDialog)
    return dialog


async def test_the_dialog_offers_medicine_and_substance_rules(store: Store) -> None:
    now = datetime.now().astimezone()
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_sign_dialog(app, pilot)
        await pilot.press(*"Missing pills", "tab", "space")
        await pilot.pause()
        dialog.query_one("#rule-item", Select).value = "@medication"
        await pilot.pause()
        how = dialog.query_one("#rule-how", Select)
        assert how.value == "medication:partly"
        assert not dialog.query_one("#rule-number").visible  # no number to type for medicine
        how.value = "medication:no"
        dialog.query_one("#rule-days").focus()
        await pilot.press("backspace", "2", "tab", "backspace", "7")
        await pilot.pause()
        assert "medicine not taken on 2 of the last 7 days" in _text(app, "#rule-words")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        rule = store.profile().plan.warning_signs[0].rule
        assert rule is not None and (rule.kind, rule.medication, rule.days, rule.window) == (
            RuleKind.MEDICATION, Medication.MISSED, 2, 7)
        assert rule.item is None
        # the plan says it in words
        assert isinstance(app.screen, PlanScreen)

        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        await pilot.press(*"Drinking again", "tab", "space")
        await pilot.pause()
        dialog.query_one("#rule-item", Select).value = "@substance"
        await pilot.pause()
        assert dialog.query_one("#rule-what-row").display
        assert "used alcohol or drugs" in _text(app, "#rule-words")
        dialog.query_one("#rule-how", Select).value = "substance:amount"
        await pilot.pause()
        assert "amount" in _text(app, "#rule-words")  # asks for the amount first
        dialog.query_one("#rule-what").focus()
        await pilot.press(*"wine", "tab")
        dialog.query_one("#rule-number").focus()
        await pilot.press("3", "tab", "backspace", "1", "tab", "backspace", "3")
        await pilot.pause()
        assert "used wine, 3 or more in a day, on 1 of the last 3 days" in _text(app, "#rule-words")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        rule = store.profile().plan.warning_signs[1].rule
        assert rule is not None and (rule.kind, rule.substance, rule.threshold) == (RuleKind.SUBSTANCE, "wine", 3)


async def test_editing_a_medicine_sign_opens_on_its_own_choices(store: Store) -> None:
    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(text="Pills", rule=WarningRule(
        kind=RuleKind.MEDICATION, medication=Medication.MISSED, days=1, window=3))],
        emergency_contacts=[EmergencyContact(name="Crisis team", contact="555-0100")]))
    now = datetime.now().astimezone()
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        await pilot.press("2", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        assert dialog.query_one("#rule-item", Select).value == "@medication"
        assert dialog.query_one("#rule-how", Select).value == "medication:no"
        assert "medicine not taken on 1 of the last 3 days" in _text(app, "#rule-words")


async def test_f2_shows_the_persons_own_steps_and_contacts_above_the_lines(store: Store) -> None:
    from imr_tui.tui.screens.crisis import CrisisScreen

    store.update_settings(lambda s: setattr(s, "country", "GB") or s)
    store.save_plan(RelapsePlanBody(
        action_steps=[ActionStep(text="Call [b]my[/x] case manager"), ActionStep(text="Go to bed by 11")],
        emergency_contacts=[EmergencyContact(name="Crisis team", contact="555-0100")],
        supporters=[Supporter(name="Ana", contact="555-0142")]))
    now = datetime.now().astimezone()
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        text = _text(app, "#crisis-text")
        steps, contact, lines, helper = (text.index(w) for w in (
            "1. Call [b]my[/x] case manager", "Crisis team\n    555-0100", "Samaritans", "Ana\n    555-0142"))
        assert steps < contact < lines < helper  # own steps, own contacts, then the lines, then the helpers
        assert "2. Go to bed by 11" in text
        box = app.screen.query_one("#crisis-text")
        assert box.region.y < 5  # the steps are at the top, on screen without scrolling
