"""Pilot tests for the History screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Sparkline, Static

from imr_tui.domain.checkin import CheckIn, CheckInItem
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.history import HistoryScreen, ItemScale
from tests.conftest import FIXED_END, make_app
from tests.conftest import settle as _settle


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _chart_line(app: IMRApp, item_id: str) -> str:
    chart = app.screen.query_one(f"#chart-{item_id}", Sparkline)
    return chart.render_line(0).text


async def test_history_shows_a_sparkline_and_summary_per_enabled_item(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        enabled = demo_store.settings().enabled_items()
        charts = list(app.screen.query(Sparkline))
        assert len(charts) == len(enabled) == 10
        for item, chart in zip(enabled, charts, strict=True):
            assert chart.id == f"chart-{item.id}"
            assert chart.size.width == 30  # one column a day
        mood = _text(app, "#summary-mood")
        assert mood.startswith("Mood: ") and " of 30 days, average " in mood and "lowest" in mood
        assert "highest" in _text(app, "#summary-stress")
        assert "Last 30 days" in _text(app, "#history-window") and "20 Nov 2026" in _text(app, "#history-window")
        assert not app.screen.query_one("#history-status").display


async def test_the_day_summary_rule_is_on_screen(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert _text(app, "#history-rule") == DAY_SUMMARY_RULE
        rule = app.screen.query_one("#history-rule")
        assert rule.region.height >= 2 and rule.region.y < 24  # visible without scrolling


async def test_keys_switch_between_30_90_and_365_days(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        await pilot.press("2")
        await _settle(app, pilot)
        assert "Last 90 days" in _text(app, "#history-window") and "2 days" in _text(app, "#history-window")
        assert app.screen.query_one("#chart-mood", Sparkline).size.width == 45
        assert " of 90 days" in _text(app, "#summary-mood")
        await pilot.press("3")
        await _settle(app, pilot)
        assert "Last 365 days" in _text(app, "#history-window") and "one week" in _text(app, "#history-window")
        assert app.screen.query_one("#chart-mood", Sparkline).size.width == 53  # 52 weeks and a day
        assert len(app.screen.query(Sparkline)) == 10  # the old charts are gone
        assert " of 365 days" in _text(app, "#summary-mood")
        line = _chart_line(app, "mood")
        assert line[:38] == " " * 38  # the demo holds 90 days: the older weeks are blank, not zeros
        assert line[-5:].strip() == line[-5:]  # the last weeks have data
        await pilot.press("1")
        await _settle(app, pilot)
        assert app.screen.query_one("#chart-mood", Sparkline).size.width == 30


async def test_missing_days_are_gaps_not_low_bars(store: Store) -> None:
    day = datetime(FIXED_END.year, FIXED_END.month, FIXED_END.day, 12, tzinfo=UTC)
    store.add_checkin(CheckIn(at=day, values={"mood": 10, "stress": 0}))
    store.add_checkin(CheckIn(at=day - timedelta(days=2), values={"mood": 0}))
    store.add_checkin(CheckIn(at=day - timedelta(days=2, hours=3), values={"mood": 8}))  # same day: worst (0) counts
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert _chart_line(app, "mood") == " " * 27 + "▁ █"  # 0 is the lowest bar; the day between is a gap
        assert _chart_line(app, "stress") == " " * 29 + "▁"
        assert _chart_line(app, "sleep") == " " * 30
        assert _text(app, "#summary-mood") == "Mood: 2 of 30 days, average 5, lowest 0"
        assert _text(app, "#summary-sleep") == "Sleep: no check-ins in these 30 days"


def test_item_scale_draws_values_on_the_item_scale_and_gaps_below_it() -> None:
    scale = ItemScale([None, 0, 5, 10], low=0, high=10)
    assert scale.data() == [0, 1, 2, 3]
    assert scale([0]) < 0  # a gap: far below the lowest bar
    assert scale([1]) == 0 and scale([2]) == 1.5 and scale([3]) == 3  # on 0..len-1, the Sparkline's own range
    assert scale([1, 2]) == 0.75  # several columns in one bar: their average
    assert scale([0, 3]) == 3  # the gap is ignored


async def test_an_own_item_label_is_shown_as_typed(store: Store) -> None:
    def add(s):  # type: ignore[no-untyped-def]
        s.items.append(CheckInItem(id="bold_pain_x", label="[bold]Pain[/x]", question="How bad?"))
        return s

    store.update_settings(add)
    store.add_checkin(CheckIn(at=datetime(2026, 11, 20, 9, tzinfo=UTC), values={"bold_pain_x": 4}))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert _text(app, "#summary-bold_pain_x") == "[bold]Pain[/x]: 1 of 30 days, average 4, highest 4"


async def test_f2_opens_crisis_help_and_escape_comes_back(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_home_key_h_opens_history_for_today(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("h")
        await _settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(app.screen.query(Sparkline)) == 10


async def test_fits_80x24_and_scrolls(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        for days_key in ("1", "2", "3"):
            await pilot.press(days_key)
            await _settle(app, pilot)
            body = app.screen.query_one("#history-body")
            assert body.virtual_size.width <= body.scrollable_content_region.width  # nothing cut off at the side
            for chart in app.screen.query(Sparkline):
                assert chart.region.right <= 80 - 2  # leaves room for the scroll bar
            for scale in app.screen.query(".trend-scale"):
                assert scale.region.width >= 18
        body = app.screen.query_one("#history-body")
        assert body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        bindings = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"history.30", "history.90", "history.365", "history.back"} <= bindings


async def test_a_damaged_file_shows_a_message_not_a_crash(store: Store) -> None:
    store.add_checkin(CheckIn(at=datetime(2026, 11, 20, 9, tzinfo=UTC), values={"mood": 5}))
    for p in store.checkins_dir.iterdir():
        p.write_text("{")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "not valid JSON" in _text(app, "#history-status")
        assert app.screen.query_one("#history-status").display


async def test_items_turned_off_in_settings_are_not_shown(demo_store: Store) -> None:
    def off(s):  # type: ignore[no-untyped-def]
        for i in s.items:
            i.enabled = i.id == "mood"
        return s

    demo_store.update_settings(off)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert [c.id for c in app.screen.query(Sparkline)] == ["chart-mood"]


async def test_ten_years_of_data_load_a_year_in_weeks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from imr_tui.demo import build_demo_store

    big = build_demo_store(tmp_path / "big", days=3650, seed=7, end=FIXED_END, tz=UTC)
    app = make_app(big)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END, days=365)
        await _settle(app, pilot)
        mood = _text(app, "#summary-mood")
        assert mood.startswith("Mood: 3") and " of 365 days" in mood
        assert " " not in _chart_line(app, "mood")  # every week of the year has data


async def test_f1_shows_the_history_help(demo_store: Store) -> None:
    from imr_tui.tui.screens.help import HelpScreen

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "history"
