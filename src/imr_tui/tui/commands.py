"""Command palette (Ctrl+P): jump to any screen by typing part of its name. Offers nothing while locked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp


class ScreensProvider(Provider):
    """Every area of the app, plus crisis help and help for the current screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from imr_tui.tui.app import SCREENS

        app = cast("IMRApp", self.app)
        crisis = ("Crisis help", "Crisis lines and your emergency contacts", app.action_crisis)
        if app.is_locked():
            return [crisis]
        current = type(self.screen).__name__
        out: list[tuple[str, str, Callable[[], object]]] = [crisis]
        for name, (_module, cls, title) in SCREENS.items():
            if cls != current:
                out.append((f"Go to: {title}", f"Open {title.lower()}", partial(app.open, name)))
        out.append(("Help for this screen", "What the keys do here", app.action_help))
        out.append(("Lock the screen", "Hide everything until you come back", app.action_lock))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
