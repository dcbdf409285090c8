"""Pilot tests: the relapse prevention plan screen (80x24)."""

from __future__ import annotations

from textual.widgets import Footer, OptionList, Select, Static, TabbedContent

from imr_tui.domain.profile import Comparison, RelapsePlanBody, RuleKind, Supporter, Trigger
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.confirm_dialog import ConfirmDialog
from imr_tui.tui.screens.entry_dialog import EntryDialog
from imr_tui.tui.screens.plan import PlanScreen
from imr_tui.tui.screens.plan_history_dialog import PlanHistoryDialog
from imr_tui.tui.screens.warning_sign_dialog import WarningSignDialog
from tests.conftest import FIXED_END, crisis_round_trip, make_app
from tests.conftest import settle as _settle


async def _open_plan(app: IMRApp, pilot) -> PlanScreen:  # type: ignore[no-untyped-def]
    await _settle(app, pilot)  # Home's own loading first
    app.open("plan")
    await _settle(app, pilot)
    assert isinstance(app.screen, PlanScreen)
    return app.screen


def _prompts(screen: PlanScreen, key: str) -> list[str]:
    box = screen.query_one(f"#list-{key}", OptionList)
    return [str(o.prompt) for o in box.options if o.id]


def _assert_fits(app: IMRApp) -> None:
    """Nothing clipped at 80x24: every Footer key is inside the 80 columns."""
    footer = app.screen.query_one(Footer)
    assert footer.virtual_size.width <= 80, f"Footer is {footer.virtual_size.width} columns wide"


async def test_add_a_trigger_and_a_warning_sign_with_a_rule(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_plan(app, pilot)
        assert "Not reviewed yet" in str(screen.query_one("#plan-reviewed", Static).render())
        _assert_fits(app)

        # 1 Triggers: add one with how to handle it
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"Late nights", "enter", *"Phone off at 11 pm", "enter")
        await _settle(app, pilot)
        assert app.screen is screen
        plan = store.profile().plan
        assert [(t.text, t.how_to_handle) for t in plan.triggers] == [("Late nights", "Phone off at 11 pm")]
        assert plan.reviewed_on is None  # a change is not a review: only r says the plan was looked over
        assert "Late nights" in _prompts(screen, "triggers")[0]
        assert "Phone off at 11 pm" in _prompts(screen, "triggers")[0]
        assert plan.history == []  # the empty plan before is not worth keeping

        # 2 Warning signs: add one that watches sleep
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#plan-tabs", TabbedContent).active == "tab-warning_signs"
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        await pilot.press(*"Sleeping less", "tab", "space")  # the text, then tick "watch my check-ins"
        await pilot.pause()
        dialog.query_one("#rule-item", Select).value = "sleep"
        dialog.query_one("#rule-how", Select).value = "threshold<="
        dialog.query_one("#rule-number").focus()
        await pilot.press("5", "tab", "backspace", "3", "tab", "backspace", "5")
        await pilot.pause()
        words = str(dialog.query_one("#rule-words", Static).render())
        assert "sleep at or under 5 hours on 3 of the last 5 days" in words
        _assert_fits(app)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert app.screen is screen
        plan = store.profile().plan
        sign = plan.warning_signs[0]
        assert sign.text == "Sleeping less" and sign.rule is not None
        assert (sign.rule.item, sign.rule.kind, sign.rule.comparison) == ("sleep", RuleKind.THRESHOLD, Comparison.AT_MOST)
        assert (sign.rule.threshold, sign.rule.days, sign.rule.window) == (5, 3, 5)
        # the rule in plain words on the plan screen too
        assert "sleep at or under 5 hours on 3 of the last 5 days" in _prompts(screen, "warning_signs")[0]
        # the second save kept the first version in the history
        assert len(plan.history) == 1
        assert [t.text for t in plan.history[0].plan.triggers] == ["Late nights"]
        assert plan.history[0].plan.warning_signs == []
        assert plan.triggers[0].text == "Late nights"


async def test_a_bad_rule_gets_a_plain_message_and_is_not_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(app, pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        await pilot.press(*"Feeling stressed", "tab", "space")
        dialog.query_one("#rule-item", Select).value = "stress"
        dialog.query_one("#rule-number").focus()
        await pilot.press(*"12")
        await pilot.pause()
        assert "Stress goes from 0 to 10" in str(dialog.query_one("#rule-words", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "not finished" in str(dialog.query_one("#sign-error", Static).render())
        await pilot.press("escape")
        await _settle(app, pilot)
        assert store.profile().plan.warning_signs == []


async def test_supporter_markup_is_shown_as_typed_and_edit_remove_history(store: Store) -> None:
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="Parties")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"[bold]x[/x]", "enter", *"walks with me", "enter", *"555-0142", "enter")
        await _settle(app, pilot)
        supporters = store.profile().plan.supporters
        assert [(s.name, s.how_they_help, s.contact) for s in supporters] == [
            ("[bold]x[/x]", "walks with me", "555-0142")]
        prompt = _prompts(screen, "supporters")[0]
        assert "[bold]x[/x]" in prompt and "555-0142" in prompt

        # edit with Enter: the form comes back filled in
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#field-name").value == "[bold]x[/x]"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()

        # remove, with a confirm
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "[bold]x[/x]" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")
        await _settle(app, pilot)
        assert store.profile().plan.supporters == []

        # mark as reviewed saves one more version
        await pilot.press("r")
        await _settle(app, pilot)
        assert "Last reviewed on" in str(screen.query_one("#plan-reviewed", Static).render())
        history = store.profile().plan.history
        assert len(history) == 3

        # history: newest first, read-only view of one version
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanHistoryDialog)
        listing = dialog.query_one("#history-list", OptionList)
        assert listing.option_count == 3
        assert "0 supporters," in str(listing.get_option_at_index(0).prompt)  # newest first
        assert "1 supporter," in str(listing.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        version = str(dialog.query_one("#history-version", Static).render())
        assert "[bold]x[/x]" in version and "Parties" in version
        _assert_fits(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_plan_on_the_demo_store_fits_and_f2_opens_crisis(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_plan(app, pilot)
        assert "Late nights" in _prompts(screen, "triggers")[0]
        _assert_fits(app)
        await pilot.press("2")
        await pilot.pause()
        assert "sleep at or under 5 hours on 3 of the last 5 days" in _prompts(screen, "warning_signs")[0]
        assert "Does not watch" in _prompts(screen, "warning_signs")[2]
        # the tabs fit in 80 columns
        for tab in screen.query("ContentTab"):
            assert tab.region.right <= 80
        await crisis_round_trip(app, pilot, screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlanScreen)


async def test_editing_a_sign_keeps_its_id_and_rule_item(store: Store) -> None:
    from imr_tui.domain.profile import WarningRule, WarningSign

    store.save_plan(RelapsePlanBody(warning_signs=[WarningSign(id="w1", text="Sleeping less", rule=WarningRule(
        item="sleep", comparison="<=", threshold=5, days=3, window=5))], supporters=[Supporter(name="Ana")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(app, pilot)
        await pilot.press("2", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        assert dialog.query_one("#rule-item", Select).value == "sleep"
        dialog.query_one("#rule-number").focus()
        await pilot.press("backspace", "6")
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        sign = store.profile().plan.warning_signs[0]
        assert sign.id == "w1" and sign.rule is not None and sign.rule.threshold == 6


async def test_dialogs_fit_and_f1_f2_work_inside_them(store: Store) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    from imr_tui.tui.screens.help import HelpScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "plan"
        assert "Warning signs" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2", "a", "tab", "space")  # the whole rule form is shown
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WarningSignDialog)
        box = dialog.query_one("#sign-box", VerticalScroll)
        assert box.region.bottom <= 23 and box.region.right <= 80
        assert box.max_scroll_y == 0, "the warning sign form needs scrolling at 80x24"
        await crisis_round_trip(app, pilot, dialog)
        await pilot.press("escape", "d")  # the box was ticked: Escape asks, d throws it away
        await pilot.pause()
        assert app.screen is screen


async def test_an_earlier_version_can_be_used_again(store: Store) -> None:
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="Old trigger")]))
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="New trigger")]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(app, pilot)
        await pilot.press("h")
        await _settle(app, pilot)
        assert isinstance(app.screen, PlanHistoryDialog)
        await pilot.press("u")  # nothing chosen yet: the key does nothing
        assert isinstance(app.screen, PlanHistoryDialog)
        await pilot.press("enter")  # read the newest earlier version
        await _settle(app, pilot)
        await pilot.press("u")
        await _settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
    plan = store.profile().plan
    assert [t.text for t in plan.triggers] == ["Old trigger"]
    assert [t.text for t in plan.history[-1].plan.triggers] == ["New trigger"]  # nothing lost


async def test_only_r_marks_the_plan_reviewed(store: Store) -> None:
    from datetime import timedelta

    old = FIXED_END - timedelta(days=120)
    store.save_plan(RelapsePlanBody(triggers=[Trigger(text="Late nights")], reviewed_on=old))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_plan(app, pilot)
        assert "Time to look it over" in str(screen.query_one("#plan-reviewed", Static).render())
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Payday", "enter", "enter")
        await _settle(app, pilot)
        plan = store.profile().plan
        assert [t.text for t in plan.triggers] == ["Late nights", "Payday"] and plan.reviewed_on == old
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await _settle(app, pilot)
        assert len(store.profile().plan.triggers) == 1 and store.profile().plan.reviewed_on == old
        await pilot.press("r")
        await _settle(app, pilot)
        assert store.profile().plan.reviewed_on == FIXED_END
        assert "Last reviewed on" in str(screen.query_one("#plan-reviewed", Static).render())
        assert "Time to look it over" not in str(screen.query_one("#plan-reviewed", Static).render())
