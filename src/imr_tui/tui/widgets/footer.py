"""A Footer that always shows crisis help (F2) first and help (F1) after the screen's keys, at any width.

Order: F2, the screen's own keys, F1, Quit, and DEMO when the app runs on demo data. When that is
wider than the terminal (60 columns, say), keys are hidden until the rest fits: Quit first, then
the actions a screen lists in `FOOTER_SPARE` (it says on the screen how to do them), then the
screen's other keys from the last one shown, Escape last of all. F2, F1 and DEMO are never hidden.
A key is shown whole or not at all, never cut in half.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.compose import compose as run_compose
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets import Label
from textual.widgets._footer import FooterKey, FooterLabel

CRISIS_ACTIONS = {"crisis", "app.crisis"}
HELP_ACTIONS = {"help", "app.help"}
QUIT_ACTIONS = {"quit", "app.quit"}


class DemoLabel(Label):
    """DEMO, on every screen of the demo (its Footer), so nobody mistakes the made-up data for theirs."""

    DEFAULT_CSS = """
    DemoLabel {
        width: auto;
        height: 1;
        padding: 0 1;
        text-style: bold;
        color: $text-warning;
        background: $warning-muted;
    }
    """


def _action(widget: Widget) -> str | None:
    # the keys are FooterKey widgets (not exported by textual.widgets); they carry `action`
    action = getattr(widget, "action", None)
    if action is None and widget.children:  # a group of keys (1 2 3 4 Parts)
        action = getattr(widget.children[0], "action", None)
    return action if isinstance(action, str) else None


class Footer(TextualFooter):
    """Same as Textual's Footer, in the order above, hiding what does not fit (see the module docstring).

    The command palette key is not shown (it is listed in every help page), to leave room.
    """

    def __init__(self, *args: object, show_command_palette: bool = False, **kwargs: object) -> None:
        super().__init__(*args, show_command_palette=show_command_palette, **kwargs)  # type: ignore[arg-type]
        self._widths: dict[int, int] = {}
        self._shown: tuple[object, ...] = ()  # the keys of the last fill
        self._filling = False
        self._fill_again = False

    def compose(self) -> ComposeResult:
        crisis: list[Widget] = []
        helps: list[Widget] = []
        quits: list[Widget] = []
        rest: list[Widget] = []
        # run Textual's compose to the end first, so a group keeps its keys (`with KeyGroup()` inside it)
        for widget in run_compose(self, super().compose()):
            action = _action(widget)
            if action in CRISIS_ACTIONS:
                crisis.append(widget)
            elif action in HELP_ACTIONS:
                helps.append(widget)
            elif action in QUIT_ACTIONS:
                quits.append(widget)
            else:
                rest.append(widget)
        if self.screen.is_modal:  # a dialog's Footer lists only its own keys: add F2 and F1, which work there too
            crisis = crisis or self._app_key("crisis")
            helps = helps or self._app_key("help")
        yield from crisis[:1]
        yield from rest
        yield from helps[:1]
        yield from quits[:1]
        if getattr(self.app, "demo", False):
            yield DemoLabel("DEMO", id="demo-label")

    def _app_key(self, action: str) -> list[Widget]:
        """The App's key for `action` (a priority binding, so it works in a dialog), unless it is off here."""
        for binding in self.app.BINDINGS:
            if isinstance(binding, Binding) and binding.action == action and binding.show:
                if self.app.check_action(action, ()) is False:
                    return []
                return [FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                                  tooltip=binding.tooltip).data_bind(compact=TextualFooter.compact)]
        return []

    def on_mount(self) -> None:
        super().on_mount()
        # Textual fills the Footer when the screen's keys change; a screen that sets its focus while it
        # mounts can be missed, which left Settings with an empty Footer: fill it once in any case
        def first_fill() -> None:
            self._bindings_ready = True
            self.call_after_refresh(self.recompose)

        self.call_after_refresh(first_fill)

    def _keys_now(self) -> tuple[object, ...]:
        """What the Footer would show: a fill with the same keys changes nothing and is skipped."""
        active = self.screen.active_bindings.values()
        return tuple((b.binding.key, b.binding.description, b.enabled) for b in active if b.binding.show)

    async def recompose(self) -> None:
        """Fill the Footer, one fill at a time, and only when its keys changed. Settings changes its keys
        (to the same ones) many times while it opens; fills that overlapped could leave the Footer empty
        until the next key press."""
        if not self.is_attached:
            return
        keys = self._keys_now()
        if self.children and keys == self._shown:
            return
        if self._filling:
            self._fill_again = True
            return
        self._filling = True
        try:
            self._widths = {}
            await super().recompose()
            self._shown = keys
        finally:
            self._filling = False
        if self._fill_again:
            self._fill_again = False
            self.call_after_refresh(self.recompose)
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.fit()

    def _width(self, widget: Widget) -> int:
        """The columns a key takes, measured while it is shown (a hidden key keeps its last width)."""
        if widget.display and widget.outer_size.width:
            self._widths[id(widget)] = widget.outer_size.width + widget.styles.margin.width
        return self._widths.get(id(widget), 0)

    def _units(self) -> list[list[Widget]]:
        """The children as the person sees them: a key, or a group of keys with its label (1 2 3 4 Parts)."""
        units: list[list[Widget]] = []
        for widget in self.children:
            if isinstance(widget, FooterLabel) and units and _action(units[-1][-1]) is not None:
                units[-1].append(widget)
            else:
                units.append([widget])
        return units

    def fit(self) -> None:
        """Hide keys, lowest first, until every one shown fits in the width of the Footer."""
        if not self.is_attached or not self.size.width:
            return
        units = self._units()
        widths = [sum(self._width(w) for w in unit) for unit in units]
        if not any(widths):
            return

        def kept(unit: list[Widget]) -> bool:
            return _action(unit[0]) in CRISIS_ACTIONS | HELP_ACTIONS or isinstance(unit[0], DemoLabel)

        spare: frozenset[str] = getattr(self.screen, "FOOTER_SPARE", frozenset())
        quits = [n for n, u in enumerate(units) if _action(u[0]) in QUIT_ACTIONS]
        others = [n for n, u in enumerate(units) if not kept(u) and n not in quits]
        first = [n for n in others if _action(units[n][0]) in spare]
        back = [n for n in others if getattr(units[n][0], "key", "") == "escape"]
        middle = [n for n in others if n not in first and n not in back]
        total = sum(widths)
        hidden: set[int] = set()
        # Quit first, then the keys the screen says it can spare, then the others from the last, Back last
        for n in quits + first[::-1] + middle[::-1] + back:
            if total <= self.size.width:
                break
            hidden.add(n)
            total -= widths[n]
        for n, unit in enumerate(units):
            for widget in unit:
                widget.display = n not in hidden
