"""Words on screen (issue 12, item 8): articles, example dates in the future, "upset" not "distress",
as many choice numbers as there are choices, nothing to circle, no "checked" under a country without
lines, and a command palette that offers only what works and finds areas by plain words."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, Static

from imr_tui.domain.coping import CopingUse
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.goals import due_examples, parse_day
from tests.conftest import CONTENT, FIXED_END, settle, wait_for
from tests.test_tui_lessons import L1, M7, goto, open_lesson

NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)


def footer_keys(app: IMRApp) -> dict[str, str]:
    return {k.description: k.key_display for k in app.screen.query("FooterKey") if k.display}


# ------------------------------------------------------------------ the plan
async def test_the_plan_says_an_emergency_contact(store: Store) -> None:
    from imr_tui.tui.screens.entry_dialog import EntryDialog

    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("plan")
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert "Press a to add an emergency contact." in str(app.screen.query_one("#empty-emergency_contacts",
                                                                                  Static).render())
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, EntryDialog) and "Add an emergency contact" in str(app.screen.title_text)


# --------------------------------------------------------------- dates
@pytest.mark.parametrize("today", [date(2026, 11, 20), date(2026, 12, 31), date(2031, 2, 27)])
def test_the_example_due_date_is_never_in_the_past(today: date) -> None:
    example = due_examples(today).rsplit(" ", 1)[-1]
    day = parse_day(example, today)
    assert day is not None and day > today
    with pytest.raises(ValueError, match=(today + timedelta(days=14)).isoformat()):
        parse_day("someday", today)


async def test_a_goal_steps_date_box_shows_an_example_from_today(store: Store) -> None:
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("goals")
        await settle(app, pilot)
        await pilot.press("g", *"Get a job", "enter", *"Money", "enter")
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        boxes = [i.placeholder for i in app.screen.query(Input)]
        assert f"+7, friday or {FIXED_END + timedelta(days=14):%Y-%m-%d} (you can leave it empty)" in boxes
        assert not any("2026-12-01" in b for b in boxes)


# ------------------------------------------------------------------ coping
async def test_the_toolbox_says_upset_with_its_scale_not_distress(store: Store) -> None:
    for day in range(3):
        store.add_coping_use(CopingUse(at=NOW - timedelta(days=day), strategy="Walk", distress_before=8,
                                       distress_after=3))
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("coping")
        await settle(app, pilot)
        toolbox = str(app.screen.query_one("#toolbox", Static).render())
        assert "distress" not in toolbox.lower()
        assert "1. Walk: you felt 5.0 points less upset after, on average (3 times)" in toolbox
        assert "from 0 (calm) to 10 (very upset)" in toolbox and "upset 8 before, 3 after (0 to 10)" in toolbox


# ----------------------------------------------------------------- lessons
async def test_the_choose_key_shows_as_many_numbers_as_there_are_choices(store: Store) -> None:
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, M7, L1)  # 3-choice checks, then 2 home practice options
        await goto(app, pilot, "check", 0)
        assert footer_keys(app)["Choose"] == "1-3"
        await goto(app, pilot, "practice", 0)
        assert footer_keys(app)["Choose"] == "1-2"
        await pilot.press("1")  # key 1 still picks the first
        await settle(app, pilot)
        assert [p.lesson_id for p in store.progress().practice] == [L1]


def test_no_lesson_asks_to_circle_anything() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (CONTENT / "modules").glob("*.yaml"))
    assert "circle" not in text.lower()


# ------------------------------------------------------------------ crisis
async def test_a_country_without_lines_shows_no_checked_note(store: Store, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    data = yaml.safe_load((folder / "crisis-lines.yaml").read_text(encoding="utf-8"))
    data["countries"]["XX"] = {"name": "Nowhere Land", "emergency": [{"number": "112"}]}
    (folder / "crisis-lines.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    store.update_settings(lambda s: setattr(s, "country", "XX") or s)
    app = IMRApp(store=store, content=folder, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        text = str(app.screen.query_one("#crisis-text", Static).render())
        assert "Numbers for: Nowhere Land" in text and "112" in text
        assert "checked" not in text and "Crisis lines" not in text


# --------------------------------------------------------------- palette
async def _best(app: IMRApp, query: str) -> list[str]:
    from imr_tui.tui.commands import ScreensProvider

    provider = ScreensProvider(app.screen)
    hits = [hit async for hit in provider.search(query)]
    return [str(h.text) for h in sorted(hits, key=lambda h: -h.score)]


async def test_the_palette_finds_areas_by_plain_words(store: Store) -> None:
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert (await _best(app, "warning"))[0] == "Go to: Relapse prevention plan"
        medicine = await _best(app, "medicine")
        assert {"Go to: Daily check-in", "Lesson: Using Medication Effectively"} <= set(medicine[:3]), medicine
        sleep = await _best(app, "sleep")
        assert {"Go to: Daily check-in", "Go to: History and trends", "Lesson: Healthy Lifestyles"} <= set(sleep[:4])
        assert "Change the colours" in (await _best(app, "colours"))[:2]


async def test_the_palette_offers_only_what_works(store: Store) -> None:
    from textual.command import CommandList

    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "Crisis help" in "\n".join(
            str(o.prompt) for o in app.screen.query_one(CommandList).options))
        shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        text = "\n".join(shown)
        assert "Crisis help" in text and "Change the colours" in text and "Quit imr-tui" in text
        for gone in ("Screenshot", "Keys", "Maximize", "Theme"):
            assert gone not in text, shown
        await pilot.press(*"medicine")
        assert await wait_for(pilot, lambda: "Daily check-in" in "\n".join(
            str(o.prompt) for o in app.screen.query_one(CommandList).options))
        found = "\n".join(str(o.prompt) for o in app.screen.query_one(CommandList).options)
        assert "Daily check-in" in found and "Using Medication Effectively" in found
        assert "Screenshot" not in found
