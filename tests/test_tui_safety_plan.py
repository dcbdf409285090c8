"""Pilot tests: the safety plan form (one step at a time), its part of the plan screen, F2 showing it first,
and the offer after PHQ-9 question 9 (80x24)."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Footer, OptionList, Static, TabbedContent

from imr_tui.domain.profile import SAFETY_STEPS, RelapsePlanBody, SafetyPlan, Supporter
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.confirm_dialog import ConfirmDialog
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.leave_dialog import LeaveDialog
from imr_tui.tui.screens.plan import PlanScreen
from imr_tui.tui.screens.questionnaire import QuestionnaireListScreen
from imr_tui.tui.screens.safety_plan import SafetyPlanScreen, StepArea
from tests.conftest import CONTENT, seen_notices, settle

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


def _app(store: Store) -> IMRApp:
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _fits(app: IMRApp) -> None:
    footer = app.screen.query_one(Footer)
    assert footer.virtual_size.width <= 80, f"Footer is {footer.virtual_size.width} columns wide"


def _save(store: Store, plan: SafetyPlan, **more: object) -> None:
    def change(body: RelapsePlanBody) -> None:
        body.safety_plan = plan
        for key, value in more.items():
            setattr(body, key, value)

    store.update_plan(change)


async def _open_safety_part(app: IMRApp, pilot) -> PlanScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open("plan")
    await settle(app, pilot)
    await pilot.press("6")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, PlanScreen)
    assert screen.query_one("#plan-tabs", TabbedContent).active == "tab-safety_plan"
    return screen


async def _type_lines(pilot, *lines: str) -> None:  # type: ignore[no-untyped-def]
    for line in lines:
        await pilot.press(*line, "enter")


def _step_number(app: IMRApp) -> int:
    screen = app.screen
    assert isinstance(screen, SafetyPlanScreen)
    return screen.index + 1


# ---------------------------------------------------------------------- the form
async def test_stepping_through_the_form_skipping_and_saving(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan_screen = await _open_safety_part(app, pilot)
        assert "not made a safety plan yet" in _text(app, "#empty-safety_plan")
        _fits(app)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SafetyPlanScreen)
        _fits(app)
        assert "step 1 of 7" in _text(app, "#sp-progress")
        assert SAFETY_STEPS[0].title in _text(app, "#sp-title")
        assert form.query_one(StepArea).placeholder.startswith("For example")
        assert "PgUp" not in _text(app, "#sp-hint")  # nothing before step 1
        # step 1: two lines, then Enter on the empty line goes on
        await _type_lines(pilot, "I feel like a [b]burden[/b]", "I stop answering my phone")
        assert _step_number(app) == 1  # Enter after words starts a new line, it does not leave the step
        await pilot.press("enter")
        await pilot.pause()
        assert _step_number(app) == 2 and SAFETY_STEPS[1].title in _text(app, "#sp-title")
        # step 2: skipped with Enter on the empty step
        await pilot.press("enter")
        await pilot.pause()
        assert _step_number(app) == 3
        # step 3: words, then PgUp goes back; step 2 is still empty, step 3's words are kept
        await pilot.press(*"The library")
        await pilot.press("pageup")
        await pilot.pause()
        assert _step_number(app) == 2 and form.query_one(StepArea).text == ""
        await pilot.press("pagedown")
        await pilot.pause()
        assert _step_number(app) == 3 and form.query_one(StepArea).text == "The library\n"
        await pilot.press("enter")  # the cursor is on the empty last line: on to step 4
        await pilot.pause()
        assert _step_number(app) == 4
        for _ in range(3):  # skip 4, 5 and 6
            await pilot.press("enter")
            await pilot.pause()
        assert _step_number(app) == 7 and "reason for living" in _text(app, "#sp-title")
        assert "saves your safety plan" in _text(app, "#sp-hint")
        assert "PgUp goes back" in _text(app, "#sp-hint")
        await _type_lines(pilot, "My daughter Mia")
        assert not any("Saved your safety plan" in n for n in seen_notices(app))  # not before the last step
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is plan_screen
        assert any("Saved your safety plan" in n for n in seen_notices(app))
        saved = store.profile().plan.safety_plan
        assert saved.warning_signs == ["I feel like a [b]burden[/b]", "I stop answering my phone"]
        assert saved.on_my_own == [] and saved.ask_for_help == [] and saved.safer_surroundings == []
        assert saved.distractions == ["The library"]
        assert saved.reason_for_living == ["My daughter Mia"]
        assert saved.updated_on == TODAY
        # the plan screen shows what was saved, as typed (markup shown, not applied)
        box = plan_screen.query_one("#list-safety_plan", OptionList)
        prompts = [str(o.prompt) for o in box.options if o.id]
        assert len(prompts) == 7
        assert "I feel like a [b]burden[/b]" in prompts[0]
        assert "nothing written yet" in prompts[1]
        assert "My daughter Mia" in prompts[6]


async def test_escape_with_typed_changes_asks_keep_throw_away_or_go_back(store: Store) -> None:
    _save(store, SafetyPlan(on_my_own=["Walk"]))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_safety_part(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SafetyPlanScreen)
        # no change yet: Escape just closes
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SafetyPlanScreen)
        await pilot.press(*"Crying a lot", "enter", "enter")  # step 1, then on to step 2
        await pilot.press(*"Music")  # step 2 already had "Walk": a line added
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LeaveDialog)
        question = str(dialog.query_one("#leave-question", Static).render())
        assert "My warning signs" in question and "Things I can do on my own" in question
        # go back: what was typed is still there
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is form and form.query_one(StepArea).text == "Walk\nMusic"
        # throw away: nothing saved
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        assert store.profile().plan.safety_plan.warning_signs == []
        assert store.profile().plan.safety_plan.on_my_own == ["Walk"]
        # keep: saved
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*"Crying a lot", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("k")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        saved = store.profile().plan.safety_plan
        assert saved.warning_signs == ["Crying a lot"] and saved.on_my_own == ["Walk"]
        assert store.profile().plan.history[-1].plan.safety_plan.warning_signs == []  # the version before is kept


async def test_changing_one_step_later_keeps_another_processes_change(store: Store) -> None:
    _save(store, SafetyPlan(warning_signs=["Old sign"], ask_for_help=["Sam"]),
          supporters=[Supporter(name="Ana [i]", contact="555 0142")])
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan_screen = await _open_safety_part(app, pilot)
        box = plan_screen.query_one("#list-safety_plan", OptionList)
        box.highlighted = box.get_option_index("ask_for_help")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SafetyPlanScreen)
        assert "step 4 of 7 (only this one)" in _text(app, "#sp-progress")
        assert "Supporters in your plan: Ana [i] 555 0142" in _text(app, "#sp-from-plan")
        assert form.query_one(StepArea).text == "Sam\n"
        # meanwhile another process changes step 1
        Store.open(store.root).update_plan(lambda body: setattr(
            body, "safety_plan", body.safety_plan.with_lines("warning_signs", ["New sign"])))
        await pilot.press(*"Ana 555 0142", "enter", "enter")  # Enter on the empty line saves this one step
        await settle(app, pilot)
        assert app.screen is plan_screen
        saved = store.profile().plan.safety_plan
        assert saved.ask_for_help == ["Sam", "Ana 555 0142"]
        assert saved.warning_signs == ["New sign"]  # not undone by the form


async def test_a_line_too_long_says_why_and_stays_on_the_step(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(SafetyPlanScreen())
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SafetyPlanScreen)
        form.query_one(StepArea).load_text("x" * 501 + "\n")
        form.query_one(StepArea).move_cursor((1, 0))
        await pilot.press("enter")
        await pilot.pause()
        assert _step_number(app) == 1
        assert "line 1 has 501 characters" in _text(app, "#sp-error")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form and store.profile().plan.safety_plan.is_empty()


async def test_every_step_skipped_saves_nothing_and_says_so(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(SafetyPlanScreen())
        await settle(app, pilot)
        for _ in SAFETY_STEPS:
            await pilot.press("enter")
            await pilot.pause()
        await settle(app, pilot)
        assert not isinstance(app.screen, SafetyPlanScreen)
        assert any("every step was skipped" in n for n in seen_notices(app))
        assert store.profile().plan.history == []  # nothing written


async def test_clearing_a_step_from_the_plan_screen_asks_first(store: Store) -> None:
    _save(store, SafetyPlan(warning_signs=["Sign"], on_my_own=["Walk"]))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan_screen = await _open_safety_part(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1. My warning signs" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen is plan_screen
        saved = store.profile().plan.safety_plan
        assert saved.warning_signs == [] and saved.on_my_own == ["Walk"]


# ---------------------------------------------------------------------- F2
async def test_f2_shows_the_safety_plan_first_escaped(store: Store) -> None:
    _save(store, SafetyPlan(warning_signs=["I stop [b]eating[/b]"], professionals=["Dr Lee 555 0100"],
                            reason_for_living=["My dog [red]Rex[/red]"]))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CrisisScreen)
        text = _text(app, "#crisis-text")
        danger, plan, reason = text.index("If you are in danger now"), text.index("Your safety plan"), \
            text.index("My reason for living: My dog [red]Rex[/red]")
        sign, pro = text.index("I stop [b]eating[/b]"), text.index("Dr Lee 555 0100")
        lines, contacts = text.index("Crisis lines"), text.index("Your emergency contacts")
        assert danger < plan < reason < sign < pro < contacts < lines  # the person's own people before the lines
        assert "1. My warning signs" in text and "2. Professionals and services to contact" in text
        assert "Things I can do on my own" not in text  # a skipped step is not shown in a crisis


async def test_f2_without_a_safety_plan_shows_the_lines_as_before(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        text = _text(app, "#crisis-text")
        assert "safety plan" not in text.lower()
        assert text.startswith("If you are in danger now")


# ---------------------------------------------------------------------- after PHQ-9 question 9
async def _phq9_question_9(app: IMRApp, pilot, answer: str) -> None:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open("questionnaires")
    await settle(app, pilot)
    await pilot.press("p")
    for _ in range(8):
        await pilot.press("0")
    await pilot.press(answer)
    await settle(app, pilot)


async def test_phq9_question_9_leads_to_the_offer_to_make_a_safety_plan(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _phq9_question_9(app, pilot, "2")
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("s")  # crisis help is open: the offer is not there yet
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireListScreen)
        offer = _text(app, "#qn-safety-offer")
        assert "a safety plan can help. Press s to make one." in offer
        assert screen.query_one("#qn-safety-offer").region.bottom <= 23  # on screen, not below the fold
        _fits(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, SafetyPlanScreen)
        assert "step 1 of 7" in _text(app, "#sp-progress")
        await pilot.press("escape")  # nothing typed: back, and the offer has done its job
        await settle(app, pilot)
        assert app.screen is screen
        assert not screen.query_one("#qn-safety-offer").display


async def test_with_a_safety_plan_the_offer_is_to_look_it_over(store: Store) -> None:
    _save(store, SafetyPlan(reason_for_living=["My son"]))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _phq9_question_9(app, pilot, "1")
        await pilot.press("escape")
        await settle(app, pilot)
        assert "look over your safety plan" in _text(app, "#qn-safety-offer")
        await pilot.press("s")
        await settle(app, pilot)
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen)
        assert plan_screen.query_one("#plan-tabs", TabbedContent).active == "tab-safety_plan"
        box = plan_screen.query_one("#list-safety_plan", OptionList)
        assert "My son" in str(box.get_option("reason_for_living").prompt)


async def test_no_offer_when_question_9_is_not_at_all(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _phq9_question_9(app, pilot, "0")
        assert not isinstance(app.screen, CrisisScreen)
        await pilot.press("enter")  # the result: back to the list
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireListScreen)
        assert not screen.query_one("#qn-safety-offer").display
        await pilot.press("s")
        await settle(app, pilot)
        assert app.screen is screen
