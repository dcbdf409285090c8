"""Checkboxes, radio buttons and selection lists write their state ([x] / [ ], (•) / ( )) in every
theme, high contrast included; and the screens use these widgets, not Textual's colour-only ones."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from imr_tui.tui.themes import HIGH_CONTRAST
from imr_tui.tui.widgets.toggles import Checkbox, RadioButton, SelectionList

TUI = Path(__file__).resolve().parent.parent / "src" / "imr_tui" / "tui"
# screens owned by others that still import Textual's own; each one is to switch its import line
# to imr_tui.tui.widgets.toggles (the test fails when one has, so the name comes off this list)
PENDING: set[str] = set()
TOGGLES = ("Checkbox", "RadioButton", "SelectionList", "Switch", "ToggleButton")


class Toggles(App[None]):
    def compose(self) -> ComposeResult:
        yield Checkbox("Ticked", value=True, id="on")
        yield Checkbox("Not ticked", value=False, id="off")
        with RadioSet(id="set"):
            yield RadioButton("Picked", value=True, id="picked")
            yield RadioButton("Not picked", id="other")
        yield SelectionList[str](("Notes", "notes", False), ("Check-ins", "checkins", True), id="list")


async def test_every_state_is_written_in_every_theme() -> None:
    app = Toggles()
    app.register_theme(HIGH_CONTRAST)
    async with app.run_test(size=(60, 20)) as pilot:
        themes = sorted(app.available_themes)
        assert "imr-high-contrast" in themes and len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            on, off = app.query_one("#on", Checkbox), app.query_one("#off", Checkbox)
            assert on.render_line(0).text.strip().startswith("[x] Ticked"), theme
            assert off.render_line(0).text.strip().startswith("[ ] Not ticked"), theme
            assert "(•) Picked" in app.query_one("#picked", RadioButton).render_line(0).text
            assert "( ) Not picked" in app.query_one("#other", RadioButton).render_line(0).text
            lines = [app.query_one("#list", SelectionList).render_line(y).text for y in range(2)]
            assert "[ ] Notes" in lines[0] and "[x] Check-ins" in lines[1], (theme, lines)


async def test_the_written_state_follows_the_keys() -> None:
    app = Toggles()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one("#off", Checkbox)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and "[x] Not ticked" in box.render_line(0).text
        listing = app.query_one("#list", SelectionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("space")  # ticks "Notes"
        await pilot.pause()
        assert "[x] Notes" in listing.render_line(0).text and sorted(listing.selected) == ["checkins", "notes"]
        await pilot.press("down", "space")  # unticks "Check-ins"
        await pilot.pause()
        assert "[ ] Check-ins" in listing.render_line(1).text and listing.selected == ["notes"]


def test_screens_use_the_written_toggles() -> None:
    """No file in tui/ builds Textual's own toggles (besides the few listed as pending)."""
    pattern = re.compile(r"from textual\.widgets import (\([^)]*\)|[^\n]*)")
    users = set()
    for path in TUI.rglob("*.py"):
        rel = path.relative_to(TUI).as_posix()
        if rel == "widgets/toggles.py":
            continue
        names = {n.strip() for m in pattern.finditer(path.read_text()) for n in m.group(1).strip("()").split(",")}
        if names & set(TOGGLES):
            users.add(rel)
    assert users <= PENDING, f"use imr_tui.tui.widgets.toggles in: {sorted(users - PENDING)}"
    assert users >= PENDING, f"switched already, take off PENDING: {sorted(PENDING - users)}"
