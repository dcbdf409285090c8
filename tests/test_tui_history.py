"""Pilot tests for the History screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Static

from imr_tui.domain.checkin import CheckIn, CheckInItem
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from imr_tui.tui.screens.history import HistoryScreen
from imr_tui.tui.widgets.charts import PREFIX, bar_rows
from tests.conftest import CONTENT, FIXED_END, make_app
from tests.conftest import settle as _settle


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _chart_rows(app: IMRApp, item_id: str) -> list[str]:
    """The chart's rows without the labels at the left or a mark's number at the right."""
    text = _text(app, f"#chart-{item_id}")
    return [line[PREFIX:].split(" ◂ ")[0] for line in text.splitlines()]


def _chart_line(app: IMRApp, item_id: str) -> str:
    """The bottom row: every day with a value has a bar in it."""
    return _chart_rows(app, item_id)[-1]


def _charts(app: IMRApp) -> list[Static]:
    return [c for c in app.screen.query(".trend-chart").results(Static) if c.id and "-row-" not in c.id]


async def test_history_shows_a_sparkline_and_summary_per_enabled_item(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        enabled = demo_store.settings().enabled_items()
        charts = _charts(app)
        assert len(charts) == len(enabled) == 10
        for item, chart in zip(enabled, charts, strict=True):
            assert chart.id == f"chart-{item.id}"
            assert {len(r) for r in _chart_rows(app, item.id)} == {30}  # one column a day
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
        assert len(_chart_line(app, "mood")) == 45
        assert " of 90 days" in _text(app, "#summary-mood")
        await pilot.press("3")
        await _settle(app, pilot)
        assert "Last 365 days" in _text(app, "#history-window") and "one week" in _text(app, "#history-window")
        assert len(_chart_line(app, "mood")) == 53  # 52 weeks and a day
        assert len(_charts(app)) == 10  # the old charts are gone
        assert " of 365 days" in _text(app, "#summary-mood")
        line = _chart_line(app, "mood")
        assert line[:38] == " " * 38  # the demo holds 90 days: the older weeks are blank, not zeros
        assert line[-5:].strip() == line[-5:]  # the last weeks have data
        await pilot.press("1")
        await _settle(app, pilot)
        assert len(_chart_line(app, "mood")) == 30


async def test_missing_days_are_gaps_not_low_bars(store: Store) -> None:
    day = datetime(FIXED_END.year, FIXED_END.month, FIXED_END.day, 12, tzinfo=UTC)
    store.add_checkin(CheckIn(at=day, values={"mood": 10, "stress": 0}))
    store.add_checkin(CheckIn(at=day - timedelta(days=2), values={"mood": 0}))
    store.add_checkin(CheckIn(at=day - timedelta(days=2, hours=3), values={"mood": 8}))  # same day: worst (0) counts
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert _chart_rows(app, "mood") == [" " * 29 + "█", " " * 29 + "█", " " * 27 + "▁ █"]  # 0: the lowest bar;
        assert _chart_line(app, "stress") == " " * 29 + "▁"                                    # the day between: a gap
        assert _chart_rows(app, "sleep") == [" " * 30] * 3
        assert _text(app, "#summary-mood") == "Mood: 2 of 30 days, average 5, lowest 0"
        assert _text(app, "#summary-sleep") == "Sleep: no check-ins in these 30 days"


def test_bars_are_drawn_on_the_scale_given_with_gaps_for_missing_days_and_marks_in_empty_cells() -> None:
    assert bar_rows([None, 0, 5, 10], 0, 10, rows=1) == [" ▁▄█"]
    assert bar_rows([None, 0, 5, 10], 0, 10, rows=2) == ["   █", " ▁██"]
    assert bar_rows([4, 7, None], 0, 12, rows=3) == ["   ", " ▆ ", "██ "]  # sleep on 0-12: 4 h and 7 h differ
    assert bar_rows([4, 7], 0, 24, rows=1) == ["▁▂"]  # the same nights on 0-24 hardly differ
    assert bar_rows([2, None, 9], 0, 10, marks=[5], rows=2) == ["╌╌▆", "▃ █"]  # the mark: ╌ where nothing is drawn


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
        assert len(_charts(app)) == 10


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
            for chart in _charts(app):
                assert max(len(line) for line in _text(app, f"#{chart.id}").splitlines()) <= 80 - 4  # room for the bar
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
        assert [c.id for c in _charts(app)] == ["chart-mood"]


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


def _plan_with_sleep_rule(store: Store) -> None:
    from imr_tui.domain.profile import RelapsePlanBody, WarningRule, WarningSign

    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(text="Sleeping [b]less[/x]", rule=WarningRule(
        item="sleep", comparison="<=", threshold=5, days=3, window=5))]))


async def test_sleep_is_drawn_on_0_to_12_hours_with_the_rule_marked_and_dates_under_it(store: Store) -> None:
    day = datetime(FIXED_END.year, FIXED_END.month, FIXED_END.day, 8, tzinfo=UTC)
    store.add_checkin(CheckIn(at=day - timedelta(days=1), values={"sleep": 4}))
    store.add_checkin(CheckIn(at=day, values={"sleep": 7}))
    _plan_with_sleep_rule(store)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: day)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        chart = _text(app, "#chart-sleep").splitlines()
        assert chart[0].startswith("     12 ┤") and chart[-1].startswith("      0 ┤")  # 0 to 12, not 24
        rows = _chart_rows(app, "sleep")
        assert [r[-2:] for r in rows] == ["  ", "╌▆", "██"]  # 4 hours and 7 hours: clearly different bars
        assert rows[1][:28] == "╌" * 28 and chart[1].endswith(" ◂ 5")  # the rule's 5 hours across the chart
        block = app.screen.query_one("#trend-sleep")
        words = " ".join(str(w.render()) for w in block.query(Static))
        assert "0 to 12 hours, low is worse (the scale goes to 24" in words
        assert "5 hours: your sign Sleeping [b]less[/x] (sleep at or under 5 hours on 3 of the last 5 days)" in words
        axis = str(block.query(".trend-axis").first(Static).render())
        assert axis[PREFIX:].startswith("22 Oct") and axis.rstrip().endswith("20 Nov")


async def test_rows_for_medicine_and_for_alcohol_or_drugs(store: Store) -> None:
    from imr_tui.domain.checkin import Medication, SubstanceUse

    day = datetime(FIXED_END.year, FIXED_END.month, FIXED_END.day, 8, tzinfo=UTC)
    meds = [Medication.TAKEN, Medication.PARTLY, Medication.MISSED, Medication.NOT_PRESCRIBED]
    for n, med in enumerate(meds):
        store.add_checkin(CheckIn(at=day - timedelta(days=3 - n), medication=med,
                                  substances=[SubstanceUse(what="beer")] if n == 1 else []))
    store.add_checkin(CheckIn(at=day - timedelta(days=3, hours=-4), medication=Medication.MISSED))  # same day: worst
    app = IMRApp(store=store, content=CONTENT, clock=lambda: day)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        assert _text(app, "#chart-row-medicine")[PREFIX:] == " " * 26 + "✗◐✗ "
        assert _text(app, "#summary-row-medicine") == "Medicine: partly on 1, not taken on 2 of 30 days"
        assert _text(app, "#chart-row-substances")[PREFIX:] == " " * 26 + "·■··"
        assert _text(app, "#summary-row-substances") == "Alcohol or drugs: used on 1, no use on 3 of 30 days"


async def test_the_month_view_shows_one_cell_a_day(store: Store) -> None:
    day = datetime(FIXED_END.year, FIXED_END.month, FIXED_END.day, 8, tzinfo=UTC)  # Fri 20 Nov 2026
    store.add_checkin(CheckIn(at=day - timedelta(days=19), values={"mood": 3}))  # Sun 1 Nov
    store.add_checkin(CheckIn(at=day, values={"mood": 8}))
    store.add_checkin(CheckIn(at=day - timedelta(days=21), values={"mood": 1}))  # 30 Oct
    app = IMRApp(store=store, content=CONTENT, clock=lambda: day)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("history", end=FIXED_END)
        await _settle(app, pilot)
        await pilot.press("m")
        await _settle(app, pilot)
        text = _text(app, "#history-month")
        lines = text.splitlines()
        assert "Mood in November 2026" in lines[0]
        head = next(n for n, line in enumerate(lines) if line.split()[:1] == ["Mon"])
        assert lines[head].split() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert lines[head + 1].rstrip().endswith(" 1") and lines[head + 2].rstrip().endswith("▂ 3")  # Sun 1 Nov: 3
        week = lines.index(next(line for line in lines if line.split()[:1] == ["16"]))
        assert lines[week + 1].split() == ["·", "·", "·", "·", "▆", "8"]  # Mon-Thu: no check-in; Fri 20: 8
        assert not app.screen.query(".trend-list")
        await pilot.press("left_square_bracket")
        await _settle(app, pilot)
        assert "Mood in October 2026" in _text(app, "#history-month") and "▁ 1" in _text(app, "#history-month")
        await pilot.press("right_square_bracket", "right_square_bracket")  # never past this month
        await _settle(app, pilot)
        assert "Mood in November 2026" in _text(app, "#history-month")
        await pilot.press("m")
        await _settle(app, pilot)
        assert app.screen.query(".trend-list") and not app.screen.query_one("#history-month").display
