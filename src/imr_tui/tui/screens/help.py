"""Help for the current screen: Markdown shipped in the package (tui/help/<topic>.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from imr_tui.paths import help_dir
from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer

GENERAL = "general"


def help_text(topic: str) -> str:
    """The help page for a topic, followed by the keys that work everywhere."""
    folder = help_dir()
    parts = []
    for name in (topic, GENERAL):
        path = folder / f"{name}.md"
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n\n".join(parts) or "# Help\n\nNo help was found for this screen."


class HelpScreen(IMRModal[None]):
    CSS_PATH = "help.tcss"
    HELP_TOPIC = "help"
    BINDINGS = [Binding("escape,f1,question_mark", "dismiss", "Close help", id="help.close",
                        tooltip="Go back to where you were")]

    def __init__(self, topic: str = "home") -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            yield Markdown(help_text(self.topic), id="help-text")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
