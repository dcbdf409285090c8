"""Pilot tests for the lessons: the module list and the lesson reader, at 80x24, on the real content."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Footer, Markdown, OptionList, Static, TextArea

from imr_tui.domain.progress import LessonProgress, Progress
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.screens.lesson import LessonScreen, Step, StepKind
from imr_tui.tui.screens.modules import ModuleListScreen
from tests.conftest import FIXED_END, FIXED_NOW, ROOT, make_app, settle

M7 = "reducing-relapses"
L1 = "what-a-relapse-is"  # 4 pages, 3 checks, 1 reflection (saves_to none), 2 practice options
L2 = "triggers"  # reflections my-trigger and trigger-and-plan save to the plan's triggers


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _lp(store: Store, module_id: str = M7, lesson_id: str = L1) -> LessonProgress:
    lp = store.progress().lesson(module_id, lesson_id)
    assert lp is not None, f"no progress saved for {module_id}/{lesson_id}"
    return lp


def _page(store: Store) -> int:
    return _lp(store).page


def _done_progress(store: Store, module_id: str, lesson_id: str) -> None:
    def change(p: Progress) -> Progress:
        p.lessons.append(LessonProgress(module_id=module_id, lesson_id=lesson_id, page=0, done=True,
                                        updated=FIXED_NOW))
        return p

    store.update_progress(change)


async def open_lesson(app: IMRApp, pilot: Pilot[None], module_id: str = M7, lesson_id: str | None = L1) -> LessonScreen:
    await settle(app, pilot)
    app.open_lesson(module_id, lesson_id)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, LessonScreen) and screen.loaded
    return screen


async def goto(app: IMRApp, pilot: Pilot[None], kind: StepKind, index: int = 0) -> LessonScreen:
    """Press Next (as a person would) until the reader shows the wanted step."""
    screen = app.screen
    assert isinstance(screen, LessonScreen)
    for _ in range(60):
        if screen.current == Step(kind, index):
            return screen
        await pilot.press("pagedown" if isinstance(app.focused, TextArea) else "right")
        await settle(app, pilot)
    raise AssertionError(f"never reached {kind} {index}; at {screen.current}")


# ------------------------------------------------------------------ module list
def _lessons_in(number: int) -> int:
    """How many lessons a shipped module has (stories and the lesson for supporters included)."""
    from imr_tui.content.loader import Curriculum

    curriculum = Curriculum(ROOT / "content" / "modules")
    entry = next(e for e in curriculum.index if e.header.number == number)
    return len(curriculum.module(entry.id).lessons)


async def test_module_list_shows_11_modules_and_progress(store: Store) -> None:
    _done_progress(store, M7, L1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, ModuleListScreen)
        modules = app.screen.query_one("#module-list", OptionList)
        assert modules.option_count == 11
        prompts = [str(modules.get_option_at_index(i).prompt) for i in range(11)]
        assert prompts[0].startswith(" 1. Recovery Strategies") and f"0/{_lessons_in(1)}" in prompts[0]
        assert prompts[6].startswith(" 7. Reducing Relapses") and f"1/{_lessons_in(7)}" in prompts[6]
        assert prompts[10].startswith("11. Healthy Lifestyles")
        assert "What you will learn" in _text(app, "#detail") and "Recovery Strategies" in _text(app, "#detail")
        for _ in range(6):
            await pilot.press("down")
        await pilot.pause()
        detail = _text(app, "#detail")
        assert "Module 7: Reducing Relapses" in detail and "How to spot your early warning signs" in detail
        assert f"1 of {_lessons_in(7)} lessons done" in detail


async def test_module_list_opens_lessons_then_a_lesson_and_escape_goes_back(store: Store) -> None:
    _done_progress(store, M7, L1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        for _ in range(6):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        lessons = app.screen.query_one("#lesson-list", OptionList)
        assert lessons.display and not app.screen.query_one("#module-list", OptionList).display
        assert lessons.option_count == _lessons_in(7)  # the story and the lesson for supporters count too
        assert "✓ done" in str(lessons.get_option_at_index(0).prompt)
        assert lessons.highlighted == 1  # the first lesson not done
        assert "Module 7: Reducing Relapses" in _text(app, "#list-title")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == L2
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ModuleListScreen)
        assert "started" in str(app.screen.query_one("#lesson-list", OptionList).get_option_at_index(1).prompt)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#module-list", OptionList).display
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_module_list_shows_a_damaged_progress_file_without_crashing(store: Store) -> None:
    store.progress_path.write_text("{")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("lessons")
        await settle(app, pilot)
        assert "could not be read" in _text(app, "#detail") and "not valid JSON" in _text(app, "#detail")


# ------------------------------------------------------------------ the reader
async def test_pages_turn_and_every_turn_is_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot)
        assert "Page 1 of 4" in _text(app, "#where") and "What a relapse is" in _text(app, "#where")
        assert "What is a relapse?" in app.screen.query_one("#page", Markdown).source
        lp = store.progress().lesson(M7, L1)
        assert lp is not None and lp.page == 0 and lp.updated is not None and not lp.done  # opening counts
        await pilot.press("right")
        await settle(app, pilot)
        assert "Page 2 of 4" in _text(app, "#where")
        assert _page(store) == 1
        await pilot.press("n")
        await pilot.press("space")
        await settle(app, pilot)
        assert "Page 4 of 4" in _text(app, "#where")
        assert _page(store) == 3
        await pilot.press("left")
        await settle(app, pilot)
        assert "Page 3 of 4" in _text(app, "#where") and screen.step == 2
        assert _page(store) == 2
        await pilot.press("b", "b", "b")  # back stops at the first page
        await settle(app, pilot)
        assert screen.step == 0 and _page(store) == 0


async def test_a_new_app_on_the_same_store_opens_the_lesson_on_the_same_step(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await goto(app, pilot, "check", 1)
    again = Store.open(store.root, lock_timeout=0.5)
    app2 = make_app(again)
    async with app2.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app2, pilot)
        assert screen.current == Step("check", 1)
        assert "Question 2 of 3" in _text(app2, "#where")
        await pilot.press("escape")  # Home offers to continue the same lesson
        await settle(app2, pilot)
        assert isinstance(app2.screen, HomeScreen) and "Continue lesson" in _text(app2, "#lesson")
        await pilot.press("l")
        await settle(app2, pilot)
        assert isinstance(app2.screen, LessonScreen) and app2.screen.current == Step("check", 1)


async def test_without_a_lesson_id_the_first_unfinished_lesson_opens(store: Store) -> None:
    _done_progress(store, M7, L1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot, M7, None)
        assert screen.lesson_id == L2 and "Knowing your triggers" in _text(app, "#where")


async def test_a_check_gives_feedback_with_the_why_and_saves_the_answer(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await goto(app, pilot, "check", 0)  # "How do most relapses happen?" (the answer is choice 2)
        assert "How do most relapses happen?" in _text(app, "#question")
        assert isinstance(app.focused, OptionList)
        await pilot.press("1")
        await settle(app, pilot)
        feedback = _text(app, "#feedback")
        assert "Not quite, and that is OK" in feedback and "They build over days or weeks" in feedback
        assert "Most relapses build slowly" in feedback  # the why
        answers = store.progress().answers
        assert [(a.item_id, a.choice, a.correct) for a in answers] == [("how-relapses-build", 0, False)]
        await pilot.press("down", "enter")  # arrows and Enter work too; a new answer replaces the old one
        await settle(app, pilot)
        assert "Yes, that is right" in _text(app, "#feedback") and "Most relapses build slowly" in _text(app, "#feedback")
        answers = store.progress().answers
        assert [(a.item_id, a.choice, a.correct) for a in answers] == [("how-relapses-build", 1, True)]
        await pilot.press("right", "left")  # coming back shows the answer given
        await settle(app, pilot)
        assert "Yes, that is right" in _text(app, "#feedback")


async def test_a_reflection_in_module_7_adds_a_trigger_to_the_plan(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, M7, L2)
        screen = await goto(app, pilot, "reflection", 0)
        assert "Name one thing that can set off" in _text(app, "#prompt")
        assert "as a trigger" in _text(app, "#saves-to")
        assert isinstance(app.focused, TextArea)
        assert "The trigger" in _text(app, "#part-label-0") and "handle" in _text(app, "#part-label-1")
        await pilot.press(*"Late nights")  # n, space and b type: they do not turn the page here
        await pilot.press("enter")  # to the second box: how to handle it (left empty here)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.current == Step("reflection", 1)
        profile = store.profile()
        assert [t.text for t in profile.plan.triggers] == ["Late nights"]
        assert [t.text for t in profile.triggers] == ["Late nights"]
        answer = next(a for a in store.progress().answers if a.item_id == "my-trigger")
        assert answer.text == "Late nights" and answer.choice is None
        await pilot.press("pageup")  # back, and Enter again without a change adds nothing twice
        await settle(app, pilot)
        assert app.screen.query_one("#answer", TextArea).text == "Late nights"
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert [t.text for t in store.profile().plan.triggers] == ["Late nights"]


async def test_an_empty_reflection_is_skipped_without_saving(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, M7, L2)
        screen = await goto(app, pilot, "reflection", 0)
        await pilot.press("space", "enter")
        await settle(app, pilot)
        assert screen.current == Step("reflection", 1)
        assert store.profile().plan.triggers == []
        assert not [a for a in store.progress().answers if a.item_id == "my-trigger"]


async def test_reflection_markup_is_stored_and_shown_as_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await goto(app, pilot, "reflection", 0)
        await pilot.press(*"[bold]x[/x]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [a.text for a in store.progress().answers if a.item_id == "what-to-protect"] == ["[bold]x[/x]"]
        await pilot.press("pageup")
        await settle(app, pilot)
        assert app.screen.query_one("#answer", TextArea).text == "[bold]x[/x]"
        await goto(app, pilot, "done")
        assert "[bold]x[/x]" in _text(app, "#done-text")


async def test_text_typed_in_a_reflection_is_saved_when_leaving_with_escape(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, M7, L2)
        await goto(app, pilot, "reflection", 1)
        await pilot.press(*"Payday")
        await pilot.press("escape", "k")  # Escape asks first; k keeps (saves) the answer
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [t.text for t in store.profile().plan.triggers] == ["Payday"]


async def test_choosing_home_practice_saves_it_and_home_shows_it(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await goto(app, pilot, "practice")
        await pilot.press("2")
        await settle(app, pilot)
        today = FIXED_END
        practice = store.progress().practice
        assert [(p.practice_id, p.chosen_on, p.due) for p in practice] == [
            ("tell-someone", today, today + timedelta(days=7))]
        assert "Saved" in _text(app, "#practice-status")
        assert "✓" in str(app.screen.query_one("#practice-options", OptionList).get_option_at_index(1).prompt)
        await pilot.press("up", "enter")  # changing one's mind replaces the choice
        await settle(app, pilot)
        assert [p.practice_id for p in store.progress().practice] == ["look-back"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Think back to a past hard time" in _text(app, "#practice")


async def test_finishing_marks_the_lesson_done_and_next_opens_the_next_lesson(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot)
        await goto(app, pilot, "done")
        assert "Well done" in _text(app, "#done-text") and "Knowing your triggers" in _text(app, "#done-text")
        lp = store.progress().lesson(M7, L1)
        assert lp is not None and lp.done
        await pilot.press("left")  # going back does not undo "done"
        await settle(app, pilot)
        assert _lp(store).done
        await goto(app, pilot, "done")
        await pilot.press("right")
        await settle(app, pilot)
        assert app.screen is screen and screen.lesson_id == L2 and screen.current == Step("page", 0)
        assert "Knowing your triggers" in _text(app, "#where")
        assert store.progress().lesson(M7, L2) is not None


async def test_a_done_lesson_opens_again_at_the_start(store: Store) -> None:
    def change(p: Progress) -> Progress:
        p.lessons.append(LessonProgress(module_id=M7, lesson_id=L1, page=9, done=True))
        return p

    store.update_progress(change)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot)
        assert screen.current == Step("page", 0)
        assert _lp(store).done


async def test_f2_opens_the_crisis_screen_from_the_reader_even_while_typing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await goto(app, pilot, "reflection", 0)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)


async def test_a_damaged_progress_file_shows_a_message_in_the_reader(store: Store) -> None:
    store.progress_path.write_text("[]")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson(M7, L1)
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen) and not app.screen.loaded
        assert "could not be opened" in _text(app, "#loading-text")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_an_unknown_lesson_shows_a_message(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson(M7, "no-such-lesson")
        await settle(app, pilot)
        assert "There is no lesson" in _text(app, "#loading-text")


# ------------------------------------------------------------------ 80x24
def _fits(app: IMRApp) -> None:
    for widget in app.screen.query("*"):
        if widget.display and widget.region.width:
            assert widget.region.right <= 80, f"{widget} goes past column 80: {widget.region}"
    footer = app.screen.query_one(Footer)
    assert footer.virtual_size.width <= 80, f"the Footer is {footer.virtual_size.width} columns wide"
    keys = footer.query("FooterKey")  # by the CSS type name: the class itself is not public in Textual
    assert keys, "the Footer shows no keys"
    for key in keys:
        assert key.region.right <= 80 and key.region.width > 0, f"footer key {key.render()!s} is cut off"


async def test_every_step_fits_80x24_without_sideways_scrolling(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot)
        page = screen.query_one("#page", Markdown)
        view = screen.query_one("#page-view", VerticalScroll)
        seen = set()
        while True:
            step = screen.current
            assert step is not None
            seen.add(step.kind)
            if step.kind == "page":
                assert 0 < page.size.width <= 80 and view.max_scroll_x == 0
            for scroller in screen.query(VerticalScroll):
                assert scroller.max_scroll_x == 0
            _fits(app)
            if step.kind == "done":
                break
            await goto(app, pilot, screen.steps[screen.step + 1].kind, screen.steps[screen.step + 1].index)
        assert seen == {"page", "check", "reflection", "practice", "done"}
        await pilot.press("escape")
        await settle(app, pilot)
        app.open("lessons")
        await settle(app, pilot)
        _fits(app)
        await pilot.press("enter")
        await pilot.pause()
        _fits(app)


async def test_next_on_a_long_page_scrolls_to_its_end_before_turning(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot, "using-medication", "weighing-pros-and-cons")
        await goto(app, pilot, "page", 1)
        view = screen.query_one("#page-view", VerticalScroll)
        assert view.max_scroll_y > 0, "this page is meant to be longer than the screen"
        assert "more below" in _text(app, "#where")
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.current == Step("page", 1) and view.scroll_y == view.max_scroll_y
        assert "more below" not in _text(app, "#where")
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.current == Step("page", 2)


async def test_the_demo_store_shows_its_finished_lesson_and_opens_the_next(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("lessons")
        await settle(app, pilot)
        modules = app.screen.query_one("#module-list", OptionList)
        assert f"1/{_lessons_in(1)}" in str(modules.get_option_at_index(0).prompt)
        screen = await open_lesson(app, pilot, "recovery-strategies", None)
        assert screen.lesson_id != "what-recovery-means" and screen.current == Step("page", 0)


async def test_a_trigger_answer_asks_for_the_trigger_then_how_to_handle_it_in_tall_boxes(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, M7, L2)
        screen = await goto(app, pilot, "reflection", 1)  # "Name another trigger, and one way you could handle it"
        assert "another trigger" in _text(app, "#prompt")
        first, second = screen.query_one("#answer", TextArea), screen.query_one("#answer-1", TextArea)
        assert first.display and second.display and app.focused is first
        assert first.size.height >= 3  # tall enough to read a sentence as it is typed
        long = "Family visits on Sunday afternoons when my uncle asks about work and money"
        await pilot.press(*long)
        await pilot.pause()
        assert first.wrapped_document.height >= 2  # the whole answer shows, wrapped, not scrolled away
        await pilot.press("enter")
        assert app.focused is second
        await pilot.press(*"Keep them short and take a walk after", "enter")
        await settle(app, pilot)
        assert screen.current == Step("practice")
        assert [(t.text, t.how_to_handle) for t in store.profile().plan.triggers] == [
            (long, "Keep them short and take a walk after")]
        answer = next(a for a in store.progress().answers if a.item_id == "trigger-and-plan")
        assert answer.text == long and answer.parts == {"how_to_handle": "Keep them short and take a walk after"}
        await goto(app, pilot, "done")
        done = _text(app, "#done-text")
        assert "The trigger: Family visits" in done and "How you could avoid or handle it: Keep them short" in done
        # coming back shows both boxes as saved
        await pilot.press("left")
        await settle(app, pilot)
        await pilot.press("left")
        await settle(app, pilot)
        assert screen.current == Step("reflection", 1)
        assert screen.query_one("#answer-1", TextArea).text == "Keep them short and take a walk after"


async def test_a_single_answer_has_one_box_and_no_part_labels(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        screen = await goto(app, pilot, "reflection", 0)
        assert screen.query_one("#answer", TextArea).display
        assert not screen.query_one("#answer-1", TextArea).display
        assert not screen.query_one("#part-label-0").display
