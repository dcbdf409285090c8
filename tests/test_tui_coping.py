"""Pilot tests: the coping screen: log, toolbox and patterns (80x24)."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import VerticalScroll
from textual.widgets import Footer, Select, Static

from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import CopingStrategy, RelapsePlanBody, Trigger
from imr_tui.insights.patterns import NOTE
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.coping import CopingScreen
from imr_tui.tui.screens.coping_log_dialog import CopingLogDialog
from tests.conftest import CONTENT as CONTENT_DIR
from tests.conftest import FIXED_END, FIXED_NOW, crisis_round_trip, make_app
from tests.conftest import settle as _settle


async def _open_coping(app: IMRApp, pilot, screen: CopingScreen | None = None) -> CopingScreen:  # type: ignore[no-untyped-def]
    await _settle(app, pilot)
    if screen is None:
        app.open("coping")
    else:
        app.push_screen(screen)
    await _settle(app, pilot)
    assert isinstance(app.screen, CopingScreen)
    return app.screen


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def _assert_fits(app: IMRApp) -> None:
    footer = app.screen.query_one(Footer)
    assert footer.virtual_size.width <= 80, f"Footer is {footer.virtual_size.width} columns wide"


def _use(strategy: str, before: int, after: int, days_ago: int = 0) -> CopingUse:
    return CopingUse(at=FIXED_NOW - timedelta(days=days_ago), strategy=strategy,
                     distress_before=before, distress_after=after)


async def test_log_a_new_trigger_and_strategy(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot)
        assert "not logged a coping strategy yet" in _text(screen, "#toolbox")
        _assert_fits(app)
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CopingLogDialog)
        _assert_fits(app)
        box = dialog.query_one("#log-box", VerticalScroll)
        assert box.region.bottom <= 23 and box.max_scroll_y == 0  # nothing clipped, no scrolling needed
        assert dialog.focused is dialog.query_one("#log-new-trigger")  # no triggers yet: type one
        await pilot.press(*"Argument", "enter", *"shouting", "enter")
        dialog.query_one("#log-new-strategy").focus()
        await pilot.press(*"Walk", "enter", "8", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # "after" is still empty
        await pilot.pause()
        assert app.screen is dialog and "before and after" in _text(dialog, "#log-error")
        await pilot.press("3", "ctrl+s")
        await _settle(app, pilot)
        assert app.screen is screen
        uses = store.coping_uses()
        assert [(u.strategy, u.distress_before, u.distress_after, u.situation) for u in uses] == [
            ("Walk", 8, 3, "shouting")]
        profile = store.profile()
        assert [t.text for t in profile.triggers] == ["Argument"] and uses[0].trigger_id == profile.triggers[0].id
        assert [s.text for s in profile.strategies] == ["Walk"] and uses[0].strategy_id == profile.strategies[0].id
        toolbox = _text(screen, "#toolbox")
        assert "Walk: used 1 time; not enough data yet" in toolbox
        assert "Argument: Walk: upset 8 before, 3 after (0 to 10)" in toolbox


async def test_log_picks_a_plan_trigger_and_a_listed_strategy(store: Store) -> None:
    store.save_plan(RelapsePlanBody(triggers=[Trigger(id="t-late", text="Late nights")]))
    store.update_profile(lambda p: setattr(p, "strategies", [CopingStrategy(id="s-b", text="[bold]x[/x]")]) or p)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot)
        assert "Not logged yet: [bold]x[/x]" in _text(screen, "#toolbox")  # as typed
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CopingLogDialog)
        dialog.query_one("#log-trigger", Select).value = "t-late"
        dialog.query_one("#log-strategy", Select).value = "s-b"
        dialog.query_one("#log-before").focus()
        await pilot.press("6", "enter", "2", "ctrl+s")
        await _settle(app, pilot)
        [use] = store.coping_uses()
        assert (use.trigger_id, use.strategy_id, use.strategy) == ("t-late", "s-b", "[bold]x[/x]")
        assert store.profile().triggers == []  # nothing new typed: nothing added
        assert "Late nights: [bold]x[/x]: upset 6 before, 2 after (0 to 10)" in _text(screen, "#toolbox")


async def test_toolbox_ranks_a_strategy_after_three_uses(store: Store) -> None:
    store.add_coping_use(_use("Go for a walk", 8, 3, days_ago=2))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot)
        assert "not enough data yet" in _text(screen, "#toolbox")
        store.add_coping_use(_use("Go for a walk", 6, 4, days_ago=1))
        store.add_coping_use(_use("Go for a walk", 7, 4))
        store.add_coping_use(_use("Music", 5, 5))
        await pilot.press("t")  # read again
        await _settle(app, pilot)
        toolbox = _text(screen, "#toolbox")
        assert "1. Go for a walk: you felt 3.3 points less upset after, on average (3 times)" in toolbox
        assert "Music: used 1 time; not enough data yet" in toolbox


async def test_patterns_on_the_demo_store_show_a_pattern_and_the_note(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot, CopingScreen(end=FIXED_END))
        assert "1. " in _text(screen, "#toolbox")
        await pilot.press("p")
        await _settle(app, pilot)
        text = _text(screen, "#patterns")
        assert "Patterns in the last 90 days" in text
        assert "On days with" in text and "your mood was" in text
        assert NOTE in text
        _assert_fits(app)
        await crisis_round_trip(app, pilot, screen)


async def test_patterns_say_not_enough_data_yet_when_empty(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        assert "Not enough data yet" in _text(screen, "#patterns")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CopingScreen)


def _finished(*lessons: tuple[str, str]):  # type: ignore[no-untyped-def]
    from imr_tui.domain.progress import LessonProgress

    def change(progress):  # type: ignore[no-untyped-def]
        progress.lessons += [LessonProgress(module_id=m, lesson_id=lesson, done=True) for m, lesson in lessons]
        return progress

    return change


def test_hint_examples_follow_one_plain_rule() -> None:
    from imr_tui.insights.coping import hint_examples

    assert hint_examples("For example, a walk, music, or a call with a friend.") == [
        "A walk", "Music", "A call with a friend"]
    assert hint_examples('For example, "Call my cousin when I feel lonely."') == ["Call my cousin when I feel lonely"]
    assert hint_examples("For example, for voices, play music with headphones.") == ["Play music with headphones"]
    assert hint_examples("Slow breathing helps.") == []  # not an example list: nothing is guessed
    assert hint_examples("") == []


def test_suggestions_come_from_finished_lessons_less_the_toolbox_and_skipped(store: Store) -> None:
    from imr_tui.content.loader import Curriculum
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Progress
    from imr_tui.insights.coping import suggested_strategies
    from imr_tui.paths import modules_dir

    curriculum = Curriculum(modules_dir(CONTENT_DIR))
    progress = _finished(("coping-with-stress", "relaxation"), ("stress-vulnerability", "lowering-stress"))(Progress())
    ideas = suggested_strategies(curriculum, progress, Profile())
    lesson = "Lowering stress and building support"
    assert [(i.text, i.lesson) for i in ideas][:3] == [("A walk", lesson), ("Music", lesson),
                                                       ("A call with a friend", lesson)]
    assert "Slow breathing on the bus" in [i.text for i in ideas]  # the relaxation lesson, later in the course
    profile = Profile(strategies=[CopingStrategy(text="a WALK")])
    progress.coping_skipped.append("Music")
    assert [i.text for i in suggested_strategies(curriculum, progress, profile)][:2] == [
        "A call with a friend", "Slow breathing on the bus"]
    assert suggested_strategies(curriculum, Progress(), Profile()) == []  # nothing read yet: no ideas


async def test_the_toolbox_offers_ideas_from_lessons_read_to_add_or_skip(store: Store) -> None:
    store.update_progress(_finished(("coping-with-stress", "relaxation")))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_coping(app, pilot)
        text = _text(screen, "#toolbox")
        assert "An idea from the lessons you read" in text and "Slow breathing on the bus" in text
        assert "1 more after this one" in text and "Press a to add it" in text
        await pilot.press("a")
        await _settle(app, pilot)
        assert [s.text for s in store.profile().strategies] == ["Slow breathing on the bus"]
        text = _text(screen, "#toolbox")
        assert "Picturing the lake" in text and "Slow breathing on the bus" in text  # now in "Not logged yet"
        await pilot.press("s")
        await _settle(app, pilot)
        assert store.progress().coping_skipped == ["Picturing the lake"]
        assert "An idea from the lessons" not in _text(screen, "#toolbox")
        await pilot.press("a")  # no idea left: nothing happens
        await _settle(app, pilot)
        assert len(store.profile().strategies) == 1
        _assert_fits(app)
