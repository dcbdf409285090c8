"""Escape on a form with typed changes asks: keep (save it), throw away, or go back (ux.md "Input").

One test per form: the goal, a goal step, the weekly follow-up, problem solving, each part of the
plan (trigger, warning sign, step, supporter, emergency contact), the coping log and a lesson
reflection. Each one checks all four ways out: nothing typed closes at once; Escape then Escape
goes back to the form with the text still there; d throws it away (nothing saved); k saves it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from imr_tui.domain.profile import Goal, GoalStep
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.coping_log_dialog import CopingLogDialog
from imr_tui.tui.screens.entry_dialog import EntryDialog
from imr_tui.tui.screens.follow_up_dialog import FollowUpDialog
from imr_tui.tui.screens.leave_dialog import LeaveDialog
from imr_tui.tui.screens.lesson import LessonScreen
from imr_tui.tui.screens.problem_solving_dialog import ProblemSolvingDialog
from imr_tui.tui.screens.warning_sign_dialog import WarningSignDialog
from tests.conftest import CONTENT, FIXED_END, crisis_round_trip, settle

NOW = datetime.combine(FIXED_END, time(9, 30)).astimezone()
Opener = Callable[[IMRApp, Pilot[None]], Awaitable[None]]


def make_app(store: Store) -> IMRApp:
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


def with_goal(store: Store) -> None:
    store.update_profile(lambda p: p.goals.append(Goal(text="Get a job", steps=[GoalStep(text="Call")])) or p)


async def open_on(app: IMRApp, pilot: Pilot[None], screen: str, *keys: str) -> None:
    await settle(app, pilot)
    app.open(screen)
    await settle(app, pilot)
    await pilot.press(*keys)
    await settle(app, pilot)


async def ask_then(app: IMRApp, pilot: Pilot[None], form: Screen[object], answer: str) -> None:
    """Escape on the form shows the question; `answer` is pressed in it."""
    await pilot.press("escape")
    await pilot.pause()
    question = app.screen
    assert isinstance(question, LeaveDialog), f"Escape on {type(form).__name__} did not ask"
    words = str(question.query_one("#leave-keys", Static).render())
    assert "keep it" in words and "throw it away" in words and "go back" in words
    await pilot.press(answer)
    await settle(app, pilot)


async def leave_four_ways(app: IMRApp, form_type: type, open_form: Opener,
                          fill: Callable[[Pilot[None]], Awaitable[None]], saved: Callable[[], bool],
                          typed: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(app, pilot)
        base = app.screen_stack[-2]
        assert isinstance(app.screen, form_type)
        await pilot.press("escape")  # nothing typed: closes at once, no question
        await settle(app, pilot)
        assert app.screen is base

        await open_form(app, pilot)
        form = app.screen
        await fill(pilot)
        await ask_then(app, pilot, form, "escape")  # go back: the form and its text are still there
        assert app.screen is form
        assert any(typed in i.value for i in form.query(Input)), "what was typed is gone"

        await ask_then(app, pilot, form, "d")  # throw it away
        assert app.screen is base and not saved()

        await open_form(app, pilot)
        form = app.screen
        await fill(pilot)
        await ask_then(app, pilot, form, "k")  # keep: saved, as Ctrl+S would
        assert app.screen is base
        assert saved(), f"k did not save the {form_type.__name__}"


async def type_in(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[" " if c == " " else c for c in text])


# ------------------------------------------------------------------------ goals
async def test_escape_on_the_goal_form(store: Store) -> None:
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        await open_on(app, pilot, "goals", "g") if len(app.screen_stack) == 1 else await pilot.press("g")
        await settle(app, pilot)

    await leave_four_ways(app, EntryDialog, open_form, lambda p: type_in(p, "Get a job"),
                          lambda: [g.text for g in store.profile().goals] == ["Get a job"], "Get a job")


async def test_escape_on_the_goal_step_form(store: Store) -> None:
    with_goal(store)
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        await open_on(app, pilot, "goals", "a") if len(app.screen_stack) == 1 else await pilot.press("a")
        await settle(app, pilot)

    await leave_four_ways(app, EntryDialog, open_form, lambda p: type_in(p, "Ask Ana"),
                          lambda: [s.text for s in store.profile().goals[0].steps] == ["Call", "Ask Ana"], "Ask Ana")


async def test_escape_on_the_weekly_follow_up(store: Store) -> None:
    with_goal(store)
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        await open_on(app, pilot, "goals", "f") if len(app.screen_stack) == 1 else await pilot.press("f")
        await settle(app, pilot)

    await leave_four_ways(app, FollowUpDialog, open_form, lambda p: type_in(p, "A walk"),
                          lambda: [f.went_well for f in store.profile().goals[0].follow_ups] == ["A walk"], "A walk")


async def test_escape_on_problem_solving_keeps_or_throws_away_the_draft(store: Store) -> None:
    with_goal(store)
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        await open_on(app, pilot, "goals", "s") if len(app.screen_stack) == 1 else await pilot.press("s")
        await settle(app, pilot)

    def saved() -> bool:
        draft = store.profile().goals[0].problem_draft
        return draft is not None and draft.problem == "No phone credit"

    await leave_four_ways(app, ProblemSolvingDialog, open_form,
                          lambda p: type_in(p, "No phone credit"), saved, "No phone credit")


async def test_throwing_away_problem_solving_undoes_the_parts_kept_on_the_way(store: Store) -> None:
    """Moving on to the next part keeps a draft; "throw away" puts the draft back as it was."""
    with_goal(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_on(app, pilot, "goals", "s")
        form = app.screen
        assert isinstance(form, ProblemSolvingDialog)
        await type_in(pilot, "No phone credit")
        await pilot.press("enter")  # on to part 2: the draft is kept
        await settle(app, pilot)
        assert store.profile().goals[0].problem_draft is not None
        await ask_then(app, pilot, form, "d")
        draft = store.profile().goals[0].problem_draft
        assert draft is None or draft.problem == ""


# ------------------------------------------------------------------------- plan
PLAN_PARTS = [
    ("1", EntryDialog, "Late nights", lambda plan: [t.text for t in plan.triggers]),
    ("2", WarningSignDialog, "Sleeping less", lambda plan: [w.text for w in plan.warning_signs]),
    ("3", EntryDialog, "Call Ana", lambda plan: [s.text for s in plan.action_steps]),
    ("4", EntryDialog, "Ana", lambda plan: [s.name for s in plan.supporters]),
    ("5", EntryDialog, "Crisis team", lambda plan: [c.name for c in plan.emergency_contacts]),
]


@pytest.mark.parametrize(("part", "form_type", "text", "entries"), PLAN_PARTS,
                         ids=["trigger", "warning sign", "step", "supporter", "emergency contact"])
async def test_escape_on_each_plan_form(store: Store, part: str, form_type: type, text: str,
                                        entries: Callable[[object], list[str]]) -> None:
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        if len(app.screen_stack) == 1:
            await open_on(app, pilot, "plan", part, "a")
        else:
            await pilot.press("a")
            await settle(app, pilot)

    await leave_four_ways(app, form_type, open_form, lambda p: type_in(p, text),
                          lambda: entries(store.profile().plan) == [text], text)


# ------------------------------------------------------------------------ coping
async def test_escape_on_the_coping_log(store: Store) -> None:
    app = make_app(store)

    async def open_form(app: IMRApp, pilot: Pilot[None]) -> None:
        await open_on(app, pilot, "coping", "l") if len(app.screen_stack) == 1 else await pilot.press("l")
        await settle(app, pilot)

    async def fill(pilot: Pilot[None]) -> None:
        await type_in(pilot, "Argument")  # a new trigger (there are none to pick yet)
        pilot.app.screen.query_one("#log-new-strategy").focus()
        await type_in(pilot, "Walk")
        await pilot.press("enter", "8", "enter", "3")

    def saved() -> bool:
        return [(u.strategy, u.distress_before, u.distress_after) for u in store.coping_uses()] == [("Walk", 8, 3)]

    await leave_four_ways(app, CopingLogDialog, open_form, fill, saved, "Argument")


async def test_keep_on_an_unfinished_coping_log_says_what_is_missing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_on(app, pilot, "coping", "l")
        form = app.screen
        await type_in(pilot, "Argument")
        await ask_then(app, pilot, form, "k")
        assert app.screen is form  # nothing to save yet: the form stays open and says why
        assert "Pick what you did" in str(form.query_one("#log-error", Static).render())
        assert store.coping_uses() == []


# ----------------------------------------------------------------------- lesson
async def _to_reflection(app: IMRApp, pilot: Pilot[None]) -> LessonScreen:
    await settle(app, pilot)
    app.open_lesson("reducing-relapses", "triggers")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, LessonScreen)
    for _ in range(40):
        if screen.current is not None and screen.current.kind == "reflection":
            return screen
        await pilot.press("pagedown" if isinstance(app.focused, Input) else "right")
        await settle(app, pilot)
    raise AssertionError("no reflection in the lesson")


async def test_escape_on_a_lesson_reflection(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        screen = await _to_reflection(app, pilot)
        await type_in(pilot, "Payday")
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, LeaveDialog)
        await crisis_round_trip(app, pilot, question)  # F2 works in the question too
        await pilot.press("escape")  # go back
        await settle(app, pilot)
        assert app.screen is screen and screen.query_one("#answer", TextArea).text == "Payday"
        await ask_then(app, pilot, screen, "d")  # throw away
        assert app.screen is home and store.profile().plan.triggers == []

        screen = await _to_reflection(app, pilot)
        assert screen.query_one("#answer", TextArea).text == ""
        await type_in(pilot, "Payday")
        await ask_then(app, pilot, screen, "k")  # keep
        assert app.screen is home
        assert [t.text for t in store.profile().plan.triggers] == ["Payday"]

        screen = await _to_reflection(app, pilot)  # the saved answer, unchanged: Escape leaves at once
        assert screen.query_one("#answer", TextArea).text == "Payday"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home


async def test_opening_a_saved_entry_and_changing_nothing_closes_at_once(store: Store) -> None:
    from imr_tui.domain.profile import RelapsePlanBody, Supporter, WarningRule, WarningSign

    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(text="Sleeping less", rule=WarningRule(
        item="sleep", comparison="<=", threshold=5, days=3, window=5))], supporters=[Supporter(name="Ana")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_on(app, pilot, "plan", "2", "e")
        plan = app.screen_stack[-2]
        assert isinstance(app.screen, WarningSignDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is plan
        await pilot.press("4", "e")
        await settle(app, pilot)
        assert isinstance(app.screen, EntryDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is plan
        await pilot.press("e", "backspace")  # a change, even a deleted letter, asks first
        await settle(app, pilot)
        await ask_then(app, pilot, app.screen, "d")
        assert app.screen is plan and [s.name for s in store.profile().plan.supporters] == ["Ana"]
