"""Earlier versions of the relapse prevention plan: pick one to read it (read-only)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.format import day_time, long_day
from imr_tui.domain.profile import SAFETY_STEPS, PlanVersion, RelapsePlanBody
from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.screens.plan import ELEMENTS, SAFETY, entry_content, plan_summary, safety_step_content
from imr_tui.tui.widgets.footer import Footer


def saved_when(version: PlanVersion) -> str:
    at = version.saved_at.astimezone()
    return day_time(at)


def plan_text(body: RelapsePlanBody, items: list[CheckInItem]) -> Content:
    """A whole version of the plan as Content (the person's words are never parsed as markup)."""
    by_id = {i.id: i for i in items}
    parts: list[Content] = []
    if body.reviewed_on:
        parts.append(Content(f"Reviewed on {long_day(body.reviewed_on)}\n"))
    for el in ELEMENTS:
        parts.append(Content.from_markup("\n[b]$title[/b]\n", title=el.title[2:]))
        entries = getattr(body, el.key)
        if not entries:
            parts.append(Content.from_markup("  [dim](nothing)[/dim]\n"))
        for e in entries:
            parts.append(Content("• ") + entry_content(e, by_id) + Content("\n"))
    if not body.safety_plan.is_empty():
        parts.append(Content.from_markup("\n[b]$title[/b]\n", title=SAFETY.title[2:]))
        parts += [safety_step_content(body.safety_plan, n) + Content("\n") for n in range(len(SAFETY_STEPS))]
    return Content("").join(parts)


class PlanHistoryDialog(IMRModal[PlanVersion | None]):
    CSS_PATH = "plan_history_dialog.tcss"
    HELP_TOPIC = "plan"
    BINDINGS = [
        Binding("escape", "back", "Back", id="plan_history.back",
                tooltip="Back to the list of versions, or close it"),
        Binding("u", "use_version", "Use this version", id="plan_history.use",
                tooltip="Make this earlier version your plan again (today's plan is kept in the history)"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_version":  # only while reading one version
            return self.shown is not None
        return True

    def __init__(self, versions: list[PlanVersion], items: list[CheckInItem]) -> None:
        super().__init__()
        self.versions = sorted(versions, key=lambda v: v.saved_at, reverse=True)  # newest first
        self.items = items
        self.shown: PlanVersion | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box") as box:
            box.border_title = "Earlier versions of your plan"
            with ContentSwitcher(initial="history-list-view", id="history-switcher"):
                with Vertical(id="history-list-view"):
                    if self.versions:
                        yield Static("Each time you change your plan, the version before it is kept here. "
                                     "Pick one and press Enter to read it.", classes="intro")
                    else:
                        yield Static("There are no earlier versions yet. Each time you change your plan, "
                                     "the version before it is kept here.", classes="intro")
                    yield OptionList(*[Option(Content.from_markup("[b]$when[/b]\n  $what", when=saved_when(v),
                                                                  what=plan_summary(v.plan)), id=str(n))
                                       for n, v in enumerate(self.versions)], id="history-list")
                with VerticalScroll(id="history-version-view"):
                    yield Static("", id="history-version-title")
                    yield Static("", id="history-version")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-list", OptionList).display = bool(self.versions)
        self.query_one("#history-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        version = self.versions[int(event.option.id or 0)]
        self.shown = version
        self.refresh_bindings()
        self.query_one("#history-version-title", Static).update(Content.from_markup(
            "[b]Saved $when[/b] [dim](u uses it again; Esc goes back to the list)[/dim]", when=saved_when(version)))
        self.query_one("#history-version", Static).update(plan_text(version.plan, self.items))
        self.query_one("#history-switcher", ContentSwitcher).current = "history-version-view"
        self.query_one("#history-version-view", VerticalScroll).focus()

    def action_back(self) -> None:
        switcher = self.query_one("#history-switcher", ContentSwitcher)
        if switcher.current == "history-version-view":
            self.shown = None
            self.refresh_bindings()
            switcher.current = "history-list-view"
            self.query_one("#history-list", OptionList).focus()
        else:
            self.dismiss(None)

    def action_use_version(self) -> None:
        if self.shown is not None:
            self.dismiss(self.shown)
