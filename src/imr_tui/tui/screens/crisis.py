"""Crisis help: crisis lines for the person's country and their own emergency contacts. F2 from anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp


def crisis_text(app: IMRApp) -> Content:
    """Everything the crisis screen shows, as Content (user text is never parsed as markup)."""
    from imr_tui import paths
    from imr_tui.content.crisis import load_crisis_lines
    from imr_tui.content.loader import ContentError
    from imr_tui.store.files import StoreError

    parts: list[Content] = [Content.from_markup("[b]If you are in danger now, call your emergency number.[/b]\n")]
    try:
        country = app.store.settings().country
    except StoreError:
        country = "US"
    try:
        lines = load_crisis_lines(paths.crisis_lines_file(app.content))
        entry = lines.for_country(country)
        parts.append(Content.from_markup("Emergency: [b]$e[/b]\n", e=entry.emergency))
        for line in entry.lines:
            parts.append(Content.from_markup("• [b]$name[/b]: $how\n", name=line.name, how=line.how))
        parts.append(Content.from_markup("[dim](numbers last checked $d)[/dim]\n", d=lines.last_verified.isoformat()))
    except ContentError as exc:
        parts.append(Content(f"Crisis lines could not be read ({exc}). Call your local emergency number.\n"))
    try:
        profile = app.store.profile()
        contacts = profile.plan.emergency_contacts
        supporters = profile.plan.supporters or profile.supporters
    except StoreError:
        contacts, supporters = [], []
    parts.append(Content.from_markup("\n[b]Your emergency contacts[/b]\n"))
    if contacts:
        for c in contacts:
            parts.append(Content.from_markup("• $name  $contact\n", name=c.name, contact=c.contact))
    else:
        parts.append(Content("You have not added any yet. You can add them in your relapse prevention plan.\n"))
    if supporters:
        parts.append(Content.from_markup("\n[b]People who help you[/b]\n"))
        for s in supporters:
            parts.append(Content.from_markup("• $name  $contact\n", name=s.name, contact=s.contact))
    return Content("").join(parts)


class CrisisScreen(ModalScreen[None]):
    CSS_PATH = "crisis.tcss"
    HELP_TOPIC = "crisis"
    BINDINGS = [Binding("escape", "dismiss", "Close", id="crisis.close", tooltip="Go back to where you were")]

    def compose(self) -> ComposeResult:
        app: IMRApp = self.app  # type: ignore[assignment]
        with VerticalScroll(id="crisis-box") as box:
            box.border_title = "Crisis help"
            yield Static(crisis_text(app), id="crisis-text")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
