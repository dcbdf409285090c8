"""Pilot tests: after an answer to a check, the reader shows the feedback line of the choice given, then `why`."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.lesson import LessonScreen, Step
from tests.conftest import CONTENT, make_app, settle

MODULE = """\
number: 1
id: demo
title: Demo
summary: A short module.
learn:
  - One thing
lessons:
  - id: first
    title: First lesson
    pages:
      - Page one.
    checks:
      - id: with-feedback
        scenario: true
        question: Mei has slept 4 hours three nights running. What is a good first step?
        choices:
          - Look at her plan
          - Wait a few weeks
          - "Drink [b]a little[/x]"
        answer: 0
        why: The why line.
        feedback:
          - Right. Her plan says what helps.
          - Not the best. Waiting lets a relapse build.
          - "Alcohol makes sleep worse [b]as typed[/x]."
      - id: without-feedback
        question: Which one?
        choices: [a, b, c]
        answer: 1
        why: The second why.
    reflections:
      - id: r1
        prompt: What do you think?
    practice:
      - id: p1
        text: Try it.
"""


def _feedback(app: IMRApp) -> str:
    return str(app.screen.query_one("#feedback", Static).render())


def _content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "modules").mkdir(parents=True)
    (folder / "modules" / "01-demo.yaml").write_text(MODULE, encoding="utf-8")
    (folder / "crisis-lines.yaml").symlink_to(CONTENT / "crisis-lines.yaml")
    return folder


async def _answer(app: IMRApp, pilot, key: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(app, pilot)
    return _feedback(app)


async def test_the_feedback_line_of_the_choice_given_comes_before_why(store: Store, tmp_path: Path) -> None:
    app = make_app(store, content=_content(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("demo", "first")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.current == Step("check", 0)
        assert "Press a number" in _feedback(app)  # nothing before an answer

        text = await _answer(app, pilot, "2")
        lines = text.splitlines()
        assert lines[0].startswith("Not quite, and that is OK.")
        assert lines[1:3] == ["Not the best. Waiting lets a relapse build.", "The why line."]
        assert "Right. Her plan" not in text and "Alcohol" not in text

        text = await _answer(app, pilot, "1")
        assert text.splitlines()[:3] == ["Yes, that is right.", "Right. Her plan says what helps.", "The why line."]
        assert "Not the best" not in text

        text = await _answer(app, pilot, "3")  # markup in feedback shows as typed
        assert "Alcohol makes sleep worse [b]as typed[/x]." in text.splitlines()

        await pilot.press("right", "left")  # coming back shows the feedback of the answer given
        await settle(app, pilot)
        assert "Alcohol makes sleep worse [b]as typed[/x]." in _feedback(app)

        await pilot.press("right")
        await settle(app, pilot)
        assert screen.current == Step("check", 1)
        text = await _answer(app, pilot, "2")  # a check without feedback shows the why alone
        assert text.splitlines()[:2] == ["Yes, that is right.", "The second why."]
