"""Pilot tests: the goals screen, its steps, the weekly follow-up and problem solving (80x24)."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import VerticalScroll
from textual.widgets import Footer, OptionList, Static

from imr_tui.domain.dates import parse_day
from imr_tui.domain.profile import Goal, GoalStep
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.entry_dialog import EntryDialog
from imr_tui.tui.screens.follow_up_dialog import FollowUpDialog
from imr_tui.tui.screens.goals import GoalsScreen
from imr_tui.tui.screens.problem_solving_dialog import ProblemSolvingDialog
from tests.conftest import FIXED_END, crisis_round_trip, make_app
from tests.conftest import settle as _settle


async def _open_goals(app: IMRApp, pilot) -> GoalsScreen:  # type: ignore[no-untyped-def]
    await _settle(app, pilot)
    app.open("goals")
    await _settle(app, pilot)
    assert isinstance(app.screen, GoalsScreen)
    return app.screen


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def _steps(screen: GoalsScreen) -> list[str]:
    return [str(o.prompt) for o in screen.query_one("#steps", OptionList).options]


def _assert_fits(app: IMRApp) -> None:
    footer = app.screen.query_one(Footer)
    assert footer.virtual_size.width <= 80, f"Footer is {footer.virtual_size.width} columns wide"


async def test_create_a_goal_with_two_steps_mark_one_done_and_follow_up(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_goals(app, pilot)
        assert "You have no goal yet" in _text(screen, "#goal-text")
        _assert_fits(app)

        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"Get a job", "enter", *"Money", "enter")
        await _settle(app, pilot)
        goal = store.profile().goals[0]
        assert (goal.text, goal.why, goal.created) == ("Get a job", "Money", FIXED_END)
        assert "Get a job" in _text(screen, "#goal-text")

        # two steps, with dates typed as +3 and a weekday
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"My CV", "tab", *"+3")
        await pilot.pause()
        assert "in 3 days" in _text(app.screen, "#check-due")
        await pilot.press("enter")
        await _settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ask", "tab", *"fri", "enter")
        await _settle(app, pilot)
        steps = store.profile().goals[0].steps
        assert [(s.text, s.due) for s in steps] == [("My CV", FIXED_END + timedelta(days=3)),
                                                     ("Ask", parse_day("friday", FIXED_END))]
        assert len(_steps(screen)) == 2

        # a bad date gets a clear message and nothing is saved
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await pilot.press(*"Sam", "tab", *"someday")
        await pilot.pause()
        assert "not a date I know" in _text(dialog, "#check-due")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and "Please fix" in _text(dialog, "#entry-error")
        await pilot.press("escape", "d")  # something is typed: Escape asks, d throws it away
        await _settle(app, pilot)
        assert len(store.profile().goals[0].steps) == 2

        # mark the first step done with space
        screen.query_one("#steps", OptionList).highlighted = 0
        await pilot.press("space")
        await _settle(app, pilot)
        first = store.profile().goals[0].steps[0]
        assert first.done and first.done_on == FIXED_END
        assert _steps(screen)[0].startswith("[x] My CV")

        # the weekly follow-up; its next step becomes a new step
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpDialog)
        _assert_fits(app)
        box = app.screen.query_one("#follow-box", VerticalScroll)
        assert box.region.bottom <= 23 and box.max_scroll_y == 0  # nothing clipped, no scrolling needed
        await pilot.press(*"CV done", "enter", *"Tired", "enter", *"Call", "enter",
                          "tab", *"+2", "enter")
        await _settle(app, pilot)
        goal = store.profile().goals[0]
        assert [(f.on, f.went_well, f.got_in_way, f.next_step) for f in goal.follow_ups] == [
            (FIXED_END, "CV done", "Tired", "Call")]
        assert (goal.steps[-1].text, goal.steps[-1].due) == ("Call", FIXED_END + timedelta(days=2))
        assert "Next step you chose: Call" in _text(screen, "#follow-up")
        _assert_fits(app)


async def test_problem_solving_adds_the_chosen_plan_as_steps(store: Store) -> None:
    step = GoalStep(id="s1", text="Ask about jobs at the library", due=FIXED_END - timedelta(days=2))
    store.update_profile(lambda p: p.goals.append(Goal(id="g1", text="Get a job", steps=[step])) or p)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_goals(app, pilot)
        # an overdue step offers the method
        assert "past its date" in _text(screen, "#step-note") and "Press s" in _text(screen, "#step-note")
        assert "was due" in _steps(screen)[0]
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProblemSolvingDialog)
        _assert_fits(app)
        assert dialog.query_one("#ps-box").region.bottom <= 23
        assert "Part 1 of 6" in _text(dialog, "#ps-stage-title")
        await pilot.press("ctrl+n")  # nothing typed yet: it says what is missing
        await pilot.pause()
        assert "Write the problem" in _text(dialog, "#ps-error")
        await pilot.press(*"I get nervous", "enter")
        await _settle(app, pilot)
        assert "Part 2 of 6" in _text(dialog, "#ps-stage-title")
        # the draft was saved as the person went
        draft = store.profile().goals[0].problem_draft
        assert draft is not None and draft.problem == "I get nervous" and draft.step_id == "s1"

        await pilot.press(*"Friend", "enter", *"Phone", "ctrl+n")
        await pilot.pause()
        assert "Part 3 of 6" in _text(dialog, "#ps-stage-title")
        await pilot.press(*"calm", "tab", *"busy", "tab", *"easy", "tab", *"scary")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Part 4 of 6" in _text(dialog, "#ps-stage-title")
        choices = [str(o.prompt) for o in dialog.query_one("#ps-choose-list", OptionList).options]
        assert "Good: calm" in choices[0] and "Bad: scary" in choices[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Part 5 of 6" in _text(dialog, "#ps-stage-title")
        assert "Phone" in _text(dialog, "#ps-chosen")
        await pilot.press(*"Find it", "enter", *"Call", "tab", *"+1", "ctrl+n")
        await pilot.pause()
        assert "Part 6 of 6" in _text(dialog, "#ps-stage-title")
        assert "This adds 3 steps" in _text(dialog, "#ps-summary")
        _assert_fits(app)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert app.screen is screen
        goal = store.profile().goals[0]
        assert [(s.text, s.due) for s in goal.steps[1:]] == [
            ("Find it", FIXED_END + timedelta(days=1)), ("Call", None),
            ('Look back: did my plan for "I get nervous" help?', FIXED_END + timedelta(days=7))]
        assert goal.problem_draft is None
        (record,) = goal.problem_solving
        assert record.chosen == "Phone" and record.ideas[0].good == "calm" and record.ideas[1].bad == "scary"
        assert (record.on, record.review_on, record.step_id) == (FIXED_END, FIXED_END + timedelta(days=7), "s1")
        assert record.session == draft.session  # the draft's piece of work, now finished
        assert len(_steps(screen)) == 4


async def test_problem_solving_can_be_closed_and_taken_up_again(store: Store) -> None:
    store.update_profile(lambda p: p.goals.append(Goal(text="Get a job", steps=[GoalStep(text="Call")])) or p)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_goals(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"No phone credit", "enter", *"Use the library phone", "escape", "k")  # k keeps it
        await _settle(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        draft = store.profile().goals[0].problem_draft
        assert draft is not None and draft.ideas == "Use the library phone"
        assert "go on" in _text(app.screen, "#step-note")
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProblemSolvingDialog)
        assert "Part 2 of 6" in _text(dialog, "#ps-stage-title")
        assert dialog.query_one("#ps-problem").value == "No phone credit"  # type: ignore[attr-defined]


async def test_goal_text_markup_is_shown_as_typed_and_f2_opens_crisis(store: Store) -> None:
    store.update_profile(lambda p: p.goals.append(Goal(text="[bold]x[/x]", why="[red]why[/]",
                                                       steps=[GoalStep(text="[b]step[/i]")])) or p)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_goals(app, pilot)
        assert "[bold]x[/x]" in _text(screen, "#goal-text") and "[red]why[/]" in _text(screen, "#goal-text")
        assert "[b]step[/i]" in _steps(screen)[0]
        _assert_fits(app)
        await pilot.press("g")  # with a goal, g changes it
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#field-text").value == "[bold]x[/x]"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        await crisis_round_trip(app, pilot, screen)


async def test_goals_on_the_demo_store(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_goals(app, pilot)
        assert "Get a part-time job" in _text(screen, "#goal-text")
        steps = _steps(screen)
        assert steps[0].startswith("[x] Update my CV") and "Apply to two jobs" in steps[2]
        _assert_fits(app)


async def test_a_reached_goal_is_kept_and_a_new_one_can_be_set(demo_store: Store) -> None:
    from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_goals(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await _settle(app, pilot)
    profile = demo_store.profile()
    (goal,) = profile.goals
    assert goal.archived and goal.reached_on is not None and goal.text == "Get a part-time job"
    assert profile.active_goal() is None
