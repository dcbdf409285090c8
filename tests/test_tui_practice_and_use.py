"""Home practice (mark done, how it went, overdue on Home, shown in its lesson, in the report) and, for a
person who tracks alcohol or drug use, days since the last use on Home, a slip written down without
judgement (into the plan if they choose) and the history of use in the report."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from textual.widgets import Checkbox, Input, Static, TextArea

from imr_tui.domain.checkin import CheckIn, SubstanceUse
from imr_tui.domain.profile import RelapsePlanBody, Trigger
from imr_tui.domain.progress import HomePractice, Progress, Slip, slip_to_plan
from imr_tui.export.report import build_report, render_markdown
from imr_tui.export.report.pdf import pdf_bytes
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.home import HomeScreen
from imr_tui.tui.screens.practice_dialog import PracticeDialog
from imr_tui.tui.screens.slip_dialog import SlipDialog
from tests.conftest import CONTENT, FIXED_END, seen_notices, settle

NOW = datetime.combine(FIXED_END, time(10), tzinfo=UTC)
M7, L1 = "reducing-relapses", "what-a-relapse-is"


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _practice(due: date, text: str = "Write down [b]one[/x] thing", chosen: date | None = None) -> HomePractice:
    return HomePractice(module_id=M7, lesson_id=L1, practice_id="notice", text=text,
                        chosen_on=chosen or due - timedelta(days=7), due=due)


def test_finishing_a_practice_keeps_how_it_went_and_only_marks_that_choice() -> None:
    old = _practice(FIXED_END - timedelta(days=20))
    old.done_on, old.how_it_went = FIXED_END - timedelta(days=15), "fine"
    progress = Progress(practice=[old, _practice(FIXED_END - timedelta(days=2))])
    assert progress.practice[1].overdue(FIXED_END) and not progress.practice[0].overdue(FIXED_END)
    assert progress.finish_practice(progress.practice[1].model_copy(), FIXED_END, "  hard \n at first ")
    assert (progress.practice[1].done_on, progress.practice[1].how_it_went) == (FIXED_END, "hard at first")
    assert progress.practice[0].how_it_went == "fine"  # the earlier time stays as it was
    assert [p.how_it_went for p in progress.practised(M7, L1)] == ["hard at first", "fine"]  # latest first
    assert not progress.finish_practice(_practice(FIXED_END, chosen=FIXED_END), FIXED_END)  # not there: nothing done


async def test_home_shows_overdue_practice_and_w_marks_it_done_with_how_it_went(store: Store) -> None:
    store.update_progress(lambda p: p.practice.append(_practice(FIXED_END - timedelta(days=2))) or p)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        words = _text(app, "#practice")
        assert "Write down [b]one[/x] thing" in words  # as typed
        assert "it was for Wed 18 Nov, 2 days ago: that is fine" in words and "Press w" in words
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PracticeDialog)
        assert app.focused is app.screen.query_one("#practice-how", Input)  # one practice: straight to the line
        await pilot.press(*"Easier than I thought", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        [done] = store.progress().practice
        assert (done.done_on, done.how_it_went) == (FIXED_END, "Easier than I thought")
        assert not app.screen.query_one("#practice").display
        assert any("your home practice is done" in n for n in seen_notices(app))
        await pilot.press("w")  # nothing open: the key does nothing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        # the lesson shows what was practised, and how it went
        app.open_lesson(M7, L1)
        await settle(app, pilot)
        screen = app.screen
        for _ in range(30):
            if screen.current is not None and screen.current.kind == "practice":  # type: ignore[attr-defined]
                break
            await pilot.press("pagedown" if isinstance(app.focused, TextArea) else "right")
            await settle(app, pilot)
        status = _text(app, "#practice-status")
        assert "What you practised" in status and "Write down [b]one[/x] thing" in status
        assert "How it went: Easier than I thought" in status


def test_the_report_can_include_home_practice_and_use_over_time(store: Store) -> None:
    done = _practice(FIXED_END - timedelta(days=3), text="Notice [what] came before")
    done.done_on, done.how_it_went = FIXED_END - timedelta(days=1), "I saw a pattern"
    store.update_progress(lambda p: setattr(p, "practice", [done, _practice(FIXED_END + timedelta(days=4))]) or
                          p.slips.append(Slip(on=FIXED_END - timedelta(days=2), what_happened="Party", try_next="Leave")))
    for days_ago in (0, 2, 9):
        store.add_checkin(CheckIn(at=NOW - timedelta(days=days_ago),
                                  substances=[SubstanceUse(what="beer", amount="2")] if days_ago == 2 else []))
    store.add_checkin(CheckIn(at=NOW - timedelta(days=9, hours=1), values={"use": 1}))
    report = build_report(store, FIXED_END - timedelta(days=13), FIXED_END, ["practice", "use"], today=FIXED_END)
    md = render_markdown(report)
    assert "## Home practice" in md and "- Done 2026-11-19: Notice \\[what\\] came before" in md
    assert "How it went: I saw a pattern" in md and "Not done yet:" in md
    assert "## Alcohol and drug use over time" in md
    assert "Alcohol or drug use on 2 of the 3 days with a check-in (14 days in the period)." in md
    assert "What was used: beer on 1 day." in md and "Last day of use in this period: 2026-11-18." in md
    assert "| 2026-11-07 | 1 | 1 |" in md and "| 2026-11-14 | 2 | 1 |" in md  # by week (a yes to "use" on the 11th)
    assert "- 2026-11-18: Party Next time: Leave" in md
    assert pdf_bytes(report).startswith(b"%PDF")
    default = render_markdown(build_report(store, FIXED_END - timedelta(days=13), FIXED_END, today=FIXED_END))
    assert "## Home practice" not in default and "over time" not in default  # only when asked for


def test_a_slip_goes_into_the_plan_as_a_trigger_and_how_to_handle_it() -> None:
    plan = RelapsePlanBody(triggers=[Trigger(text="Payday")])
    slip_to_plan(plan, Slip(on=FIXED_END, what_happened=" payday ", try_next="Pay bills first"))
    slip_to_plan(plan, Slip(on=FIXED_END, what_happened="A party\nat Jo's", try_next=""))
    assert [(t.text, t.how_to_handle) for t in plan.triggers] == [("Payday", "Pay bills first"), ("A party at Jo's", "")]


async def test_days_since_the_last_use_on_home_and_a_slip_written_down(store: Store) -> None:
    store.add_checkin(CheckIn(at=NOW - timedelta(days=40), substances=[SubstanceUse(what="wine")]))
    store.add_checkin(CheckIn(at=NOW - timedelta(days=1), values={"mood": 6}))
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#substances").display  # not tracked: nothing is said
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        # turned on in Settings (3 Items)
        app.open("settings")
        await settle(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        box = app.screen.query_one("#track-substances", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(app, pilot)
        assert store.settings().track_substances
        await pilot.press("escape")
        await settle(app, pilot)
        words = _text(app, "#substances")
        assert "Days since you last used alcohol or drugs: 40 (last on Sun 11 Oct)" in words and "x" in words

        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SlipDialog)
        assert "Slips happen to many people in recovery" in str(dialog.query_one(".intro", Static).render())
        day = dialog.query_one("#slip-day", Input)
        day.value = "tomorrow"
        await pilot.pause()
        assert "a day that has passed" in _text(app, "#slip-day-words")
        day.value = "-2"
        await pilot.pause()
        assert _text(app, "#slip-day-words") == "Wednesday 18 November"
        dialog.query_one("#slip-what", TextArea).text = "An old friend came by with beer"
        dialog.query_one("#slip-next", TextArea).text = "Meet outside, at the cafe"
        dialog.query_one("#slip-plan", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        [slip] = store.progress().slips
        assert (slip.on, slip.what_happened, slip.try_next, slip.in_plan) == (
            FIXED_END - timedelta(days=2), "An old friend came by with beer", "Meet outside, at the cafe", True)
        assert [(t.text, t.how_to_handle) for t in store.profile().plan.triggers] == [
            ("An old friend came by with beer", "Meet outside, at the cafe")]
        assert "Days since you last used alcohol or drugs: 2 (last on Wed 18 Nov)" in _text(app, "#substances")

        # Escape with words typed asks first; "no" keeps the dialog
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#slip-what", TextArea).text = "x"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SlipDialog)
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and len(store.progress().slips) == 1


def test_no_use_in_the_last_year_is_said_plainly(store: Store) -> None:
    from imr_tui.insights.today import substance_days

    store.add_checkin(CheckIn(at=NOW - timedelta(days=400), substances=[SubstanceUse(what="wine")]))
    store.add_checkin(CheckIn(at=NOW - timedelta(days=3), values={"use": 0}))
    days = substance_days(store, Progress(), FIXED_END)
    assert days.last_use is None and days.days_since is None
    store.add_checkin(CheckIn(at=NOW - timedelta(days=200), values={"use": 1}))
    assert substance_days(store, Progress(), FIXED_END).days_since == 200
