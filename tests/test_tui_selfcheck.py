"""Pilot tests: the progress self-check and the PHQ-9 / GAD-7 questionnaires (with the crisis interrupt)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from textual.widgets import Sparkline, Static

from imr_tui.domain import selfcheck as sc
from imr_tui.domain.progress import QuestionnaireResult
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.questionnaire import QuestionnaireListScreen
from imr_tui.tui.screens.selfcheck import SelfCheckScreen
from tests.conftest import CONTENT, FIXED_END, FIXED_NOW
from tests.conftest import settle as _settle

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _app(store: Store, now: datetime = NOW) -> IMRApp:
    return IMRApp(store=store, content=CONTENT, clock=lambda: now)


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


# ------------------------------------------------------------------ self-check
async def test_answering_15_questions_saves_one_self_check_and_shows_results(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        assert isinstance(app.screen, SelfCheckScreen)
        assert "Question 1 of 15" in _text(app, "#sc-progress")
        assert sc.TOPICS[0].question in _text(app, "#sc-text")
        for key in "123451234512345":
            await pilot.press(key)
        await _settle(app, pilot)
        checks = store.progress().self_checks
        assert len(checks) == 1
        assert checks[0].answers == dict(zip(sc.TOPIC_IDS, [1, 2, 3, 4, 5] * 3, strict=True))
        assert "average 3.0 out of 5" in _text(app, "#sc-title")
        assert "first self-check" in _text(app, "#sc-compare")
        topics = _text(app, "#sc-topics")
        assert all(t.title in topics for t in sc.TOPICS)
        assert not app.screen.query_one("#sc-chart", Sparkline).display  # one check: no chart yet


async def test_closing_after_5_answers_keeps_them_and_carries_on_next_time(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        for key in "45454":
            await pilot.press(key)
        # closing at once: the app finishes every queued save before it exits
    reopened = Store.open(store.root)
    checks = reopened.progress().self_checks
    assert len(checks) == 1
    assert checks[0].answers == dict(zip(sc.TOPIC_IDS[:5], [4, 5, 4, 5, 4], strict=True))

    app = _app(reopened, NOW + timedelta(days=2))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        assert "Question 6 of 15" in _text(app, "#sc-progress")
        for _ in range(10):
            await pilot.press("3")
        await _settle(app, pilot)
    checks = reopened.progress().self_checks
    assert len(checks) == 1 and len(checks[0].answers) == 15  # the same entry, finished


async def test_left_goes_back_to_change_an_answer_and_skip_leaves_a_topic_out(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        await pilot.press("2", "left")
        assert "Question 1 of 15" in _text(app, "#sc-progress")
        assert "(your answer)" in _text(app, "#sc-answers")
        await pilot.press("4")
        assert "Question 2 of 15" in _text(app, "#sc-progress")
        for _ in range(11):
            await pilot.press("5")
        assert "Question 13 of 15" in _text(app, "#sc-progress")  # medicine: can be skipped
        assert "skip" in _text(app, "#sc-hint")
        await pilot.press("s", "5", "5")
        await _settle(app, pilot)
    check = store.progress().self_checks[0]
    assert check.answers["goal_progress"] == 4
    assert "medication" not in check.answers and sc.skipped_topics(check) == ["medication"]
    assert sc.is_finished(check)


async def test_results_compare_with_last_time_and_chart_the_averages(store: Store) -> None:
    earlier = sc.make_check(NOW - timedelta(days=100), {t: 2 for t in sc.TOPIC_IDS})
    store.update_progress(lambda p: p.model_copy(update={"self_checks": [*p.self_checks, earlier]}))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        assert "Question 1 of 15" in _text(app, "#sc-progress")  # due: it starts at once
        await pilot.press("1")
        for _ in range(14):
            await pilot.press("4")
        await _settle(app, pilot)
        compare = _text(app, "#sc-compare")
        assert "2.0" in compare and "better" in compare
        topics = _text(app, "#sc-topics").splitlines()
        assert any(line.startswith("Your goal") and "worse" in line for line in topics)
        assert any(line.startswith("Coping day to day") and "better" in line for line in topics)
        chart = app.screen.query_one("#sc-chart", Sparkline)
        assert chart.display and len(chart.data or []) == 2
        assert "2 self-checks" in _text(app, "#sc-chart-label")
    assert len(store.progress().self_checks) == 2


async def test_not_due_opens_on_the_results_and_n_starts_a_new_one(store: Store) -> None:
    recent = sc.make_check(NOW - timedelta(days=30), {t: 3 for t in sc.TOPIC_IDS})
    store.update_progress(lambda p: p.model_copy(update={"self_checks": [*p.self_checks, recent]}))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        assert "average 3.0" in _text(app, "#sc-title")
        assert "Next self-check" in _text(app, "#sc-next")
        await pilot.press("1")  # not a question: nothing is answered
        await pilot.press("n")
        assert "Question 1 of 15" in _text(app, "#sc-progress")
        await pilot.press("5")
        await _settle(app, pilot)
    checks = store.progress().self_checks
    assert len(checks) == 2 and checks[1].answers == {"goal_progress": 5}


async def test_self_check_shows_a_damaged_file_without_crashing(store: Store) -> None:
    store.progress_path.write_text("{")
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("selfcheck")
        await _settle(app, pilot)
        assert "cannot open" in _text(app, "#sc-loading") and "not valid JSON" in _text(app, "#sc-loading")
        await pilot.press("3")  # no question shown: nothing happens
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SelfCheckScreen)


# --------------------------------------------------------------- questionnaires
async def test_phq9_item_9_above_zero_stops_at_once_saves_and_opens_crisis_help(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        await pilot.press("p")
        assert "question 1 of 9" in _text(app, "#qn-progress")
        for _ in range(8):
            await pilot.press("0")
        assert "better off dead" in _text(app, "#qn-item")
        await pilot.press("1")
        await _settle(app, pilot)
        assert isinstance(app.screen, CrisisScreen)
        results = store.progress().questionnaires
        assert len(results) == 1
        assert results[0].name == "phq9" and results[0].answers == [0] * 8 + [1] and results[0].total is None
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireListScreen)  # the questions are closed, not waiting
        assert "stopped at question 9" in _text(app, "#qn-earlier")
        await pilot.press("3")  # not a question any more: nothing is answered
        await _settle(app, pilot)
    assert store.progress().questionnaires[0].answers == [0] * 8 + [1]


async def test_phq9_crisis_stop_happens_whatever_the_total(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        await pilot.press("p")
        for _ in range(8):
            await pilot.press("3")
        await pilot.press("2")
        await _settle(app, pilot)
        assert isinstance(app.screen, CrisisScreen)
    assert store.progress().questionnaires[0].total is None


async def test_phq9_with_item_9_at_zero_finishes_with_a_total(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        await pilot.press("p")
        for key in "11111111":
            await pilot.press(key)
        await pilot.press("0")
        await _settle(app, pilot)
        assert not isinstance(app.screen, CrisisScreen)
        assert "8" in _text(app, "#qn-total") and "Mild" in _text(app, "#qn-band")
    result = store.progress().questionnaires[0]
    assert result.total == 8 and result.answers == [1] * 8 + [0]


async def test_gad7_full_run_saves_the_total_and_shows_the_band(store: Store) -> None:
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        assert "not a diagnosis" in _text(app, "#qn-about")
        await pilot.press("g")
        assert "question 1 of 7" in _text(app, "#qn-progress")
        assert "Over the last 2 weeks" in _text(app, "#qn-stem")
        for key in "2222233":
            await pilot.press(key)
        await _settle(app, pilot)
        assert "16" in _text(app, "#qn-total") and "out of 21" in _text(app, "#qn-total")
        assert "Severe" in _text(app, "#qn-band")
        assert "not a diagnosis" in _text(app, "#qn-note")
        await pilot.press("enter")
        await _settle(app, pilot)
        earlier = _text(app, "#qn-earlier")
        assert "GAD-7" in earlier and "16 of 21: Severe" in earlier
    result = store.progress().questionnaires[0]
    assert result.name == "gad7" and result.answers == [2, 2, 2, 2, 2, 3, 3] and result.total == 16


def _clock_in_another_zone() -> datetime:
    """A clock whose day is not the computer's day for the same moment (as for a person who travelled):
    the day of a questionnaire is the clock's day, as for check-ins and the self-check, in any TZ."""
    local = FIXED_NOW.utcoffset()
    assert local is not None
    if local > timedelta(0):
        now = datetime.combine(FIXED_END, time(23, 30), tzinfo=timezone(local - timedelta(hours=12)))
    else:
        now = datetime.combine(FIXED_END, time(0, 30), tzinfo=timezone(local + timedelta(hours=12)))
    assert now.astimezone().date() != now.date()
    return now


@pytest.mark.parametrize("now", [NOW, _clock_in_another_zone()], ids=["utc-clock", "clock-in-another-zone"])
async def test_questionnaire_left_part_way_is_saved_and_carried_on_the_same_day(store: Store, now: datetime) -> None:
    app = _app(store, now)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        await pilot.press("g", "1", "2", "left")
        assert "question 2 of 7" in _text(app, "#qn-progress")
        await pilot.press("3", "escape")
        await _settle(app, pilot)
        assert "not finished (2 of 7 answered)" in _text(app, "#qn-earlier")
        await pilot.press("enter")  # GAD-7 is the second option: PHQ-9 is highlighted
        assert "PHQ-9" in _text(app, "#qn-progress")
        await pilot.press("escape", "g")
        assert "question 3 of 7" in _text(app, "#qn-progress")
        for key in "00000":
            await pilot.press(key)
        await _settle(app, pilot)
    results = [r for r in store.progress().questionnaires if r.name == "gad7"]
    assert len(results) == 1 and results[0].answers == [1, 3, 0, 0, 0, 0, 0] and results[0].total == 4


async def test_earlier_results_list_newest_first(store: Store) -> None:
    def add(p):  # type: ignore[no-untyped-def]
        p.questionnaires.append(QuestionnaireResult(name="phq9", at=NOW - timedelta(days=30), answers=[2] * 9,
                                                    total=18))
        p.questionnaires.append(QuestionnaireResult(name="gad7", at=NOW - timedelta(days=3), answers=[0] * 7, total=0))
        return p

    store.update_progress(add)
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("questionnaires")
        await _settle(app, pilot)
        lines = _text(app, "#qn-earlier").splitlines()
        assert "GAD-7  0 of 21: Minimal" in lines[1]
        assert "PHQ-9  18 of 27: Moderately severe" in lines[2]
