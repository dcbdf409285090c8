"""A Footer that always shows the crisis key first, so it is never pushed off a narrow screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter

CRISIS_ACTIONS = {"crisis", "app.crisis"}


class Footer(TextualFooter):
    """Same as Textual's Footer, with the crisis key moved to the front.

    The command palette key is not shown (it is listed in every help page), to leave room at 80 columns.
    """

    def __init__(self, *args: object, show_command_palette: bool = False, **kwargs: object) -> None:
        super().__init__(*args, show_command_palette=show_command_palette, **kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        first: list[Widget] = []
        rest: list[Widget] = []
        for widget in super().compose():
            # the keys are FooterKey widgets (not exported by textual.widgets); they carry `action`
            if getattr(widget, "action", None) in CRISIS_ACTIONS:
                first.append(widget)
            else:
                rest.append(widget)
        yield from first[:1]
        yield from rest
