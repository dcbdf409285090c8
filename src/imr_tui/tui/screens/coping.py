"""Coping: log a trigger and what was done about it (l), the toolbox of the person's own strategies
ranked by how much they helped them (t), and patterns in the last 90 days (p).

The toolbox also offers, one at a time, the coping ideas of the lessons the person has finished
(insights.coping.suggested_strategies): a adds the idea to the toolbox, s skips it for good.

Nothing here claims a cause: the toolbox shows the person's own before-and-after numbers, and
the patterns view shows what tends to go together, with insights.patterns.NOTE under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, Static

from imr_tui.domain.coping import CopingUse
from imr_tui.domain.format import short_day
from imr_tui.domain.lists import text_key
from imr_tui.domain.profile import CopingStrategy, Profile, Trigger
from imr_tui.insights.coping import MIN_USES, StrategyStats, Suggestion, rank_strategies
from imr_tui.tui import clock
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.progress import Progress
    from imr_tui.insights.patterns import Pattern
    from imr_tui.store.store import Store
    from imr_tui.tui.screens.coping_log_dialog import CopingLog

PATTERN_DAYS = 90
RECENT_LOGS = 5




def toolbox_text(stats: Sequence[StrategyStats], strategies: Sequence[CopingStrategy], uses: Sequence[CopingUse],
                 triggers: Sequence[Trigger]) -> Content:
    """The toolbox as Content. Strategy names are the person's own words: never parsed as markup."""
    parts = [Content.from_markup("[b]Your coping toolbox[/b]  [dim](p: patterns in your check-ins)[/dim]\n")]
    if not uses:
        parts.append(Content(
            "You have not logged a coping strategy yet. Press l after you use one: what set it off, what you "
            f"did, and how upset you were before and after. After {MIN_USES} logs of one strategy, you can see "
            "how much it helps you.\n"))
    ranked = [s for s in stats if s.average_drop is not None]
    waiting = [s for s in stats if s.average_drop is None]
    if ranked:
        parts.append(Content("What helped you most: how much less upset you felt after it, from 0 (calm) to "
                             "10 (very upset), in your own logs:\n"))
        for n, s in enumerate(ranked, 1):
            parts.append(Content(f"{n}. {s.for_the_person()}\n"))
    if waiting:
        parts.append(Content.from_markup("\n[b]Not enough data yet[/b] [dim](a strategy is ranked after "
                                         "$n logs)[/dim]\n", n=MIN_USES))
        for s in waiting:
            parts.append(Content(f"• {s.describe()}\n"))
    logged = {text_key(s.strategy) for s in stats}
    unused = [s.text for s in strategies if text_key(s.text) not in logged]
    if unused:
        parts.append(Content.from_markup("\n[b]Not logged yet:[/b] $names\n", names="; ".join(unused)))
    if uses:
        names = {t.id: t.text for t in triggers}
        parts.append(Content.from_markup("\n[b]Your last logs[/b]\n"))
        for u in list(reversed(uses))[:RECENT_LOGS]:
            trigger = names.get(u.trigger_id or "", "")
            what = f"{trigger}: {u.strategy}" if trigger else u.strategy
            parts.append(Content(f"• {short_day(u.at.date())}  {what}: upset {u.distress_before} before, "
                                 f"{u.distress_after} after (0 to 10)\n"))
    return Content("").join(parts)


def ideas_text(ideas: Sequence[Suggestion]) -> Content:
    """The next idea from the lessons, with the keys that act on it."""
    first = ideas[0]
    more = f" ({len(ideas) - 1} more after this one)" if len(ideas) > 1 else ""
    return Content.from_markup(
        "[b]An idea from the lessons you read[/b]$more\n  [b]$idea[/b]  [dim](from \"$lesson\")[/dim]\n"
        "  Press [b]a[/b] to add it to your toolbox, or [b]s[/b] to skip it.\n\n",
        more=more, idea=first.text, lesson=first.lesson)


def patterns_text(found: Sequence[Pattern], start: date, end: date) -> Content:
    from imr_tui.insights.patterns import MIN_DAYS, NOTE

    parts = [Content.from_markup("[b]Patterns in the last $n days[/b] [dim]($start to $end; t: your toolbox)[/dim]\n",
                                 n=PATTERN_DAYS, start=short_day(start), end=short_day(end))]
    if found:  # first, so it is read before the list
        parts.append(Content.from_markup("[i]$note[/i]\n\n", note=NOTE))
    else:
        parts.append(Content(
            f"\nNot enough data yet. A pattern shows once there are at least {MIN_DAYS} days with something "
            f"and {MIN_DAYS} days without it, on days you rated your mood. Keep checking in and logging what "
            "you do, and look again later.\n"))
        return Content("").join(parts)
    for p in found:
        parts.append(Content(f"• {p.describe()}\n"))
    return Content("").join(parts)


class CopingScreen(IMRScreen[None]):
    CSS_PATH = "coping.tcss"
    HELP_TOPIC = "coping"
    WATCHES = frozenset({"profile", "coping", "checkins", "settings", "progress"})
    FOOTER_SPARE = frozenset({"view('toolbox')", "view('patterns')"})  # each view says how to reach the other
    BINDINGS = [
        Binding("l", "log", "Log", id="coping.log", tooltip="Log a trigger you met and what you did about it"),
        Binding("t", "view('toolbox')", "Toolbox", id="coping.toolbox",
                tooltip="Your strategies, ranked by how much they helped you"),
        Binding("p", "view('patterns')", "Patterns", id="coping.patterns",
                tooltip="What tends to go with better or worse days"),
        Binding("escape", "back", "Back", id="coping.back", tooltip="Go back to the last screen"),
        # named in the toolbox next to the idea they act on (the Footer has no room for them)
        Binding("a", "accept_idea", "Add idea", id="coping.add_idea", show=False,
                tooltip="Add the idea from a lesson to your toolbox"),
        Binding("s", "skip_idea", "Skip idea", id="coping.skip_idea", show=False,
                tooltip="Skip the idea from a lesson (it will not be offered again)"),
    ]

    def __init__(self, end: date | None = None) -> None:
        """`end`: the last day of the patterns window (today when None: tests pass a fixed day)."""
        super().__init__()
        self.end = end
        self.profile: Profile | None = None
        self.ideas: list[Suggestion] = []
        self._toolbox = Content("")

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="toolbox-view", id="coping-switcher"):
            with VerticalScroll(id="toolbox-view"):
                yield Static("Loading your toolbox…", id="toolbox")
            with VerticalScroll(id="patterns-view"):
                yield Static("Loading…", id="patterns")
        # compact, and without the palette key (Ctrl+P still works), like the plan and goals screens
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#toolbox-view").focus()

    def on_screen_resume(self) -> None:
        # also sent when the screen is first shown
        self.reload(None)

    def reload(self, change: Change | None) -> None:
        if self.query_one("#coping-switcher", ContentSwitcher).current == "patterns-view":
            self.load_patterns()
        self.load_toolbox()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "log":
            return self.profile is not None
        if action in ("accept_idea", "skip_idea"):
            return bool(self.ideas) and self.query_one("#coping-switcher", ContentSwitcher).current == "toolbox-view"
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_view(self, name: str) -> None:
        self.query_one("#coping-switcher", ContentSwitcher).current = f"{name}-view"
        self.query_one(f"#{name}-view").focus()
        if name == "patterns":
            self.load_patterns()
        else:
            self.load_toolbox()

    # ---------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="coping-toolbox")
    def load_toolbox(self) -> None:
        from imr_tui.insights.coping import suggested_strategies
        from imr_tui.store.files import StoreError

        store = self.imr.store
        try:
            profile = store.profile()
            uses = store.coping_uses()
            curriculum = self.imr.curriculum_or_none()
            ideas = suggested_strategies(curriculum, store.progress(), profile) if curriculum else []
        except StoreError as exc:
            self.from_thread(self.show_box_error, "#toolbox", str(exc))
            return
        self.from_thread(self.show_toolbox, profile, uses, ideas)

    def show_toolbox(self, profile: Profile, uses: list[CopingUse], ideas: list[Suggestion] | None = None) -> None:
        self.profile = profile
        self.ideas = ideas or []
        box = self.query_one("#toolbox", Static)
        box.remove_class("error")
        self._toolbox = toolbox_text(rank_strategies(uses), profile.strategies, uses, profile.all_triggers())
        self._show_toolbox_text()

    def _show_toolbox_text(self) -> None:
        box = self.query_one("#toolbox", Static)
        box.update(ideas_text(self.ideas) + self._toolbox if self.ideas else self._toolbox)
        self.refresh_bindings()

    # ------------------------------------------------------------------- ideas
    def action_accept_idea(self) -> None:
        if not self.ideas:
            return
        idea = self.ideas.pop(0)

        def add(profile: Profile) -> Profile:
            profile.strategy_named(idea.text)
            return profile

        self.imr.data.update_profile(add, what="your coping toolbox", on_error=self.if_open(self.show_error),
                                     on_done=lambda _p: self.imr.notify(f"Added to your toolbox: {idea.text}",
                                                                        markup=False))
        self._show_idea_change()

    def action_skip_idea(self) -> None:
        if not self.ideas:
            return
        idea = self.ideas.pop(0)

        def skip(progress: Progress) -> Progress:
            if text_key(idea.text) not in {text_key(t) for t in progress.coping_skipped}:
                progress.coping_skipped.append(idea.text)
            return progress

        self.imr.data.update_progress(skip, what="your coping toolbox", on_error=self.if_open(self.show_error))
        self._show_idea_change()

    def _show_idea_change(self) -> None:
        """Show the next idea at once; the saved change reloads the toolbox a moment later."""
        self._show_toolbox_text()

    @work(thread=True, exclusive=True, group="coping-patterns")
    def load_patterns(self) -> None:
        from imr_tui.insights.patterns import patterns
        from imr_tui.store.files import StoreError

        store = self.imr.store
        end = self.end or today()
        start = end - timedelta(days=PATTERN_DAYS - 1)
        try:
            found = patterns(store.checkins(start, end), store.settings().items,
                             store.coping_uses(start, end), store.progress().practice)
        except StoreError as exc:
            self.from_thread(self.show_box_error, "#patterns", str(exc))
            return
        self.from_thread(self.show_patterns, found, start, end)

    def show_patterns(self, found: list[Pattern], start: date, end: date) -> None:
        box = self.query_one("#patterns", Static)
        box.remove_class("error")
        box.update(patterns_text(found, start, end))

    def show_box_error(self, selector: str, message: str) -> None:
        """A view that could not be read says so in its place."""
        box = self.query_one(selector, Static)
        box.update(Content(message))
        box.add_class("error")

    # ---------------------------------------------------------------- logging
    def action_log(self) -> None:
        from imr_tui.tui.screens.coping_log_dialog import CopingLogDialog

        if self.profile is None:
            return
        profile = self.profile

        def done(log: CopingLog | None) -> None:
            if log is not None:
                self.save_log(log, profile)

        self.app.push_screen(CopingLogDialog(profile.all_triggers(), list(profile.strategies)), done)

    def save_log(self, log: CopingLog, shown: Profile) -> None:
        """Add a typed trigger or strategy to the person's lists, then save the use: one job of the data service."""
        trigger_id, strategy_id = log.trigger_id, log.strategy_id
        strategy = next((s.text for s in shown.strategies if s.id == strategy_id), "")

        def run(store: Store) -> CopingUse:
            ids: dict[str, str] = {}
            if log.new_trigger or log.new_strategy:

                def add(profile: Profile) -> Profile:
                    if log.new_trigger:
                        ids["trigger"] = profile.trigger_named(log.new_trigger).id
                    if log.new_strategy:
                        found = profile.strategy_named(log.new_strategy)
                        ids["strategy"] = found.id
                        ids["strategy_text"] = found.text
                    return profile

                store.update_profile(add)
            use = CopingUse(at=clock.now(), strategy_id=ids.get("strategy", strategy_id),
                            strategy=ids.get("strategy_text", strategy), trigger_id=ids.get("trigger", trigger_id),
                            situation=log.situation, distress_before=log.before, distress_after=log.after)
            return store.add_coping_use(use)

        self.imr.data.submit(run, what="your coping log", on_error=self.if_open(self.show_error),
                             on_done=lambda _use: self.imr.notify(
                                 f"Saved. Your distress went from {log.before} to {log.after}."))
