"""A Footer that always shows crisis help (F2) first and help (F1) after the screen's keys, at any width.

Order: F2, the screen's own keys, F1, Quit, and DEMO when the app runs on demo data. When that is
wider than the terminal (60 columns, say), keys are left out until the rest fits: Quit first, then
the actions a screen lists in `FOOTER_SPARE` (it says on the screen how to do them), then the
screen's other keys from the last one shown, Escape last of all. F2, F1 and DEMO are never left
out. A key is shown whole or not at all, never cut in half.

What fits is decided while the Footer is filled, from the width of the terminal and the width of
each key's text (`key_width`, which follows Textual's Footer styles; a test checks it against the
drawn keys), so nothing is moved or hidden after it is drawn. A new terminal width fills it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.compose import compose as run_compose
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets import Label
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

if TYPE_CHECKING:
    from textual.screen import Screen

CRISIS_ACTIONS = {"crisis", "app.crisis"}
HELP_ACTIONS = {"help", "app.help"}
QUIT_ACTIONS = {"quit", "app.quit"}
DEMO = "DEMO"


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
    kids = _kids(widget)
    if action is None and kids:  # a group of keys (1 2 3 4 Parts)
        action = getattr(kids[0], "action", None)
    return action if isinstance(action, str) else None


def _kids(widget: Widget) -> list[Widget]:
    """A widget's children, also before it is mounted (a group's keys, just composed)."""
    return list(widget.children) or list(getattr(widget, "_pending_children", []))


def key_width(widget: Widget, compact: bool) -> int:
    """The columns a key, a group of keys with its label, or DEMO takes in the Footer (Textual 8.2's
    Footer styles: a key's padding, the margins of a compact Footer and of grouped keys)."""
    if isinstance(widget, DemoLabel):
        return cell_len(DEMO) + 2
    if isinstance(widget, FooterLabel):
        return cell_len(str(widget.render())) + (0 if compact else 1)  # margin-right 1, none when compact
    if isinstance(widget, KeyGroup):
        keys = [k for k in _kids(widget) if isinstance(k, FooterKey)]
        text = sum(cell_len(k.key_display) for k in keys)
        if widget.has_class("-compact"):
            return text + 2  # padding-left 1, margin-right 1; the keys touch
        return text + len(keys) + 1  # margin 0 1 on each key: the margins between two keys overlap
    if isinstance(widget, FooterKey):
        text = cell_len(widget.key_display)
        if widget.description:
            text += cell_len(widget.description) + (1 if compact else 3)
        return text + (1 if compact else 0)  # a compact Footer puts a margin after each key
    return 0


class Footer(TextualFooter):
    """Same as Textual's Footer, in the order above, leaving out what does not fit.

    The command palette key is not shown (it is listed in every help page), to leave room.
    """

    def __init__(self, *args: object, show_command_palette: bool = False, **kwargs: object) -> None:
        super().__init__(*args, show_command_palette=show_command_palette, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] = ()  # the keys and width of the last fill

    # ------------------------------------------------------------------ filling
    def compose(self) -> ComposeResult:
        crisis: list[Widget] = []
        helps: list[Widget] = []
        quits: list[Widget] = []
        rest: list[list[Widget]] = []
        # run Textual's compose to the end first, so a group keeps its keys (`with KeyGroup()` inside it)
        for widget in run_compose(self, super().compose()):
            action = _action(widget)
            if action in CRISIS_ACTIONS:
                crisis.append(widget)
            elif action in HELP_ACTIONS:
                helps.append(widget)
            elif action in QUIT_ACTIONS:
                quits.append(widget)
            elif isinstance(widget, FooterLabel) and rest:
                rest[-1].append(widget)  # a group's label stays with its keys
            else:
                rest.append([widget])
        if self.screen.is_modal:  # a dialog's Footer lists only its own keys: add F2 and F1, which work there too
            crisis = crisis or self._app_key("crisis")
            helps = helps or self._app_key("help")
        units: list[list[Widget]] = [crisis[:1], *rest, helps[:1], quits[:1]]
        if getattr(self.app, "demo", False):
            units.append([DemoLabel(DEMO, id="demo-label")])
        for unit in self._fitting([u for u in units if u]):
            yield from unit

    def _fitting(self, units: list[list[Widget]]) -> list[list[Widget]]:
        """The units that fit in the terminal's width, leaving out the lowest first (module docstring)."""
        width = self.app.size.width
        widths = [sum(key_width(w, self.compact) for w in unit) for unit in units]

        def kept(unit: list[Widget]) -> bool:
            return _action(unit[0]) in CRISIS_ACTIONS | HELP_ACTIONS or isinstance(unit[0], DemoLabel)

        spare: frozenset[str] = getattr(self.screen, "FOOTER_SPARE", frozenset())
        quits = [n for n, u in enumerate(units) if _action(u[0]) in QUIT_ACTIONS]
        others = [n for n, u in enumerate(units) if not kept(u) and n not in quits]
        first = [n for n in others if _action(units[n][0]) in spare]
        back = [n for n in others if getattr(units[n][0], "key", "") == "escape"]
        middle = [n for n in others if n not in first and n not in back]
        total = sum(widths)
        left_out: set[int] = set()
        # Quit first, then the keys the screen says it can spare, then the others from the last, Back last
        for n in quits + first[::-1] + middle[::-1] + back:
            if total <= width:
                break
            left_out.add(n)
            total -= widths[n]
        return [u for n, u in enumerate(units) if n not in left_out]

    def _app_key(self, action: str) -> list[Widget]:
        """The App's key for `action` (a priority binding, so it works in a dialog), unless it is off here."""
        for binding in self.app.BINDINGS:
            if isinstance(binding, Binding) and binding.action == action and binding.show:
                if self.app.check_action(action, ()) is False:
                    return []
                return [FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                                  tooltip=binding.tooltip).data_bind(compact=TextualFooter.compact)]
        return []

    # ------------------------------------------------------------ when to fill
    def on_mount(self) -> None:
        super().on_mount()
        self.call_later(self.bindings_changed, self.screen)  # fill it once in any case

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual fills the Footer "after the next refresh" (and not while the terminal has no focus).
        In a real terminal that refresh could wait for the next key press, so a screen opened with an
        empty Footer (Settings, the report): here the fill is queued at once."""
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_later(self.recompose)

    def on_resize(self) -> None:
        self.call_later(self.recompose)  # a new width: what fits may differ

    def _keys_now(self) -> tuple[object, ...]:
        """What the Footer would show, and in what width: a fill with the same is skipped."""
        active = self.screen.active_bindings.values()
        keys = tuple((b.binding.key, b.binding.description, b.enabled) for b in active if b.binding.show)
        return (self.app.size.width, *keys)

    async def recompose(self) -> None:
        """Fill the Footer only when its keys (or the width) changed. Settings says its keys changed (to
        the same ones) many times while it opens; those fills overlapped and could leave it empty."""
        if not self.is_attached:
            return
        keys = self._keys_now()
        if self.children and keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
