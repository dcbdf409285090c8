"""Settings: the theme, the country for crisis lines, and the check-in items (turn on or off, add, delete).

Four parts, one at a time (keys 1 to 4). Every change is saved the moment it is made.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, OptionList, RadioSet, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from imr_tui.domain.checkin import CheckInItem, Worse
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import Checkbox, RadioButton, SelectionList

if TYPE_CHECKING:
    from imr_tui.content.crisis import CrisisLines
    from imr_tui.domain.settings import Settings

OTHER_COUNTRY = "OTHER"  # not a country code: crisis lines then show the general advice
PARTS = Binding.Group("Parts")  # one label for keys 1-4 keeps the Footer inside 80 columns


def item_id_for(label: str, taken: Iterable[str]) -> str:
    """A check-in item id made from its label: lower-case letters, digits and _, unique among `taken`."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = f"item_{base}".rstrip("_")
    base = base[:36].rstrip("_")
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}_{n}"
        n += 1
    return candidate


def _number(text: str, what: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise ValueError(f"The {what} must be a number.") from None


def new_item(label: str, question: str, low_text: str, high_text: str, worse: Worse) -> CheckInItem:
    """Check what the person typed and build the item (its id is set when it is saved).

    Raises ValueError with a message in plain words.
    """
    from pydantic import ValidationError

    label, question = label.strip(), question.strip()
    if not label:
        raise ValueError("Please type a name for the item.")
    if len(label) > 40:
        raise ValueError("The name can be up to 40 letters long.")
    if not question:
        raise ValueError("Please type the question to ask at each check-in.")
    if len(question) > 200:
        raise ValueError("The question can be up to 200 letters long.")
    low, high = _number(low_text, "lowest number"), _number(high_text, "highest number")
    if not low < high:
        raise ValueError("The highest number must be more than the lowest number.")
    whole = low.is_integer() and high.is_integer()
    try:
        return CheckInItem(id="new", label=label, question=question, low=low, high=high,
                           step=1 if whole else 0.1, worse=worse, builtin=False)
    except ValidationError as exc:
        raise ValueError(f"This item cannot be saved: {exc.errors(include_url=False)[0]['msg']}.") from None


class SettingsScreen(IMRScreen[None]):
    CSS_PATH = "settings.tcss"
    HELP_TOPIC = "settings"
    WATCHES = frozenset({"settings"})
    ERROR_BOX = "#settings-status"
    BINDINGS = [
        Binding("1", "part('tab-theme')", "Theme", id="settings.theme", tooltip="Pick the colours", group=PARTS),
        Binding("2", "part('tab-country')", "Country", id="settings.country",
                tooltip="Your country, for the crisis lines on F2", group=PARTS),
        Binding("3", "part('tab-items')", "Items", id="settings.items",
                tooltip="Turn check-in items on or off", group=PARTS),
        Binding("4", "part('tab-add')", "Add", id="settings.add", tooltip="Add your own check-in item", group=PARTS),
        Binding("d,delete", "delete_item", "Delete", id="settings.delete",
                tooltip="Delete the item you added that is picked in the list"),
        Binding("i", "app.open('import')", "Import", id="settings.import", show=False, tooltip="Bring in another app's history"),
        Binding("escape", "back", "Back", id="settings.back", tooltip="Go back to the last screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[CheckInItem] = []
        self.country = ""
        self.crisis: CrisisLines | None = None
        self._quick: list[str] = []  # what the quick check-in asks, as the person last chose it
        self._enabled: dict[str, bool] = {}  # what the person last chose, per item id (see save_enabled)
        self._saved_local = ""  # the local emergency number as saved (a different one in the box is not saved yet)
        self.tracking = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="settings-tabs", initial="tab-theme"):
            with TabPane("1 Theme", id="tab-theme"):
                yield Static("Pick the colours that are easiest for you to read. Press Enter to use them.",
                             classes="intro")
                yield OptionList(id="theme-list")
            with TabPane("2 Country", id="tab-country"):
                yield Static("Pick your country. The crisis screen (F2) then shows its crisis lines.", classes="intro")
                yield Vertical(id="country-box")
                yield Static("", id="country-lines")
                with Vertical(id="local-box"):
                    yield Label("Your local emergency number. Press Enter to save it (empty: none).")
                    yield Input(placeholder="for example 112", max_length=40, id="local-number")
            with TabPane("3 Items", id="tab-items"):
                yield Static(Content.from_markup(
                    "[b]Space[/b] turns an item on or off. [b]Tab[/b] goes to the quick list. "
                    "[b]d[/b] deletes an item you added."), classes="intro")
                with Horizontal(id="items-lists"):
                    with Vertical(classes="items-part"):
                        yield Label("At each check-in", classes="items-head")
                        yield SelectionList[str](id="items-list")
                    with Vertical(classes="items-part"):
                        yield Label("In the quick check-in (u)", classes="items-head")
                        yield SelectionList[str](id="quick-list")
                yield Checkbox("I track alcohol or drug use (shown on Home)",
                               id="track-substances")
            with TabPane("4 Add", id="tab-add"), VerticalScroll(id="add-form"):
                yield Static("Add something you want to rate at each check-in.", classes="intro")
                with Horizontal(classes="form-row"):
                    yield Label("Name", classes="form-label")
                    yield Input(placeholder="For example: Pain", max_length=40, id="new-label")
                with Horizontal(classes="form-row"):
                    yield Label("Question", classes="form-label")
                    yield Input(placeholder="For example: How bad is the pain?", max_length=200, id="new-question")
                with Horizontal(classes="form-row"):
                    yield Label("Numbers from", classes="form-label")
                    yield Input("0", type="number", id="new-low", classes="number")
                    yield Label("to", classes="form-to")
                    yield Input("10", type="number", id="new-high", classes="number")
                with Horizontal(classes="form-row"):
                    yield Label("Which is worse?", classes="form-label")
                    with RadioSet(id="new-worse"):
                        yield RadioButton("Higher numbers are worse", value=True, id="worse-high")
                        yield RadioButton("Lower numbers are worse", id="worse-low")
                with Horizontal(classes="form-row"):
                    yield Label("", classes="form-label")
                    yield Button("Add item", id="add-item", variant="primary")
                yield Static("", id="add-message")
        yield Static("", id="settings-status")
        yield Footer()

    def reload(self, change: Change) -> None:
        self.load()

    def has_unsaved_changes(self) -> bool:
        """A check-in item being typed in the add form."""
        typed_local = self.query_one("#local-number", Input).value.strip() != self._saved_local
        return typed_local or any(i.value.strip() for i in self.query("#new-label, #new-question").results(Input))

    def on_mount(self) -> None:
        self._fill_themes()
        self.query_one("#theme-list", OptionList).focus()
        self.load()

    # -------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="settings-load")
    def load(self) -> None:
        from imr_tui import paths
        from imr_tui.content.crisis import load_crisis_lines
        from imr_tui.content.loader import ContentError
        from imr_tui.store.files import StoreError

        app = self.imr
        try:
            settings = app.store.settings()
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Settings could not be read")
            return
        try:
            crisis: CrisisLines | None = load_crisis_lines(paths.crisis_lines_file(app.content))
            problem = ""
        except ContentError as exc:
            crisis, problem = None, f"The list of crisis lines could not be read: {exc}"
        self.from_thread(self.show_settings, settings, crisis, problem)

    def show_settings(self, settings: Settings, crisis: CrisisLines | None, problem: str) -> None:
        self.country = settings.country
        self._saved_local = settings.local_emergency.strip()
        self.query_one("#local-number", Input).value = settings.local_emergency
        self.tracking = settings.track_substances
        with self.prevent(Checkbox.Changed):  # showing the setting is not changing it
            self.query_one("#track-substances", Checkbox).value = settings.track_substances
        self.crisis = crisis
        self._fill_items(settings.items)
        self._fill_quick(settings)
        box = self.query_one("#country-box", Vertical)
        if box.children:  # read again after a change: the country list is there already
            if crisis is not None:
                select = self.query("#country-select")
                if select:
                    select.first(Select).value = self.country if self.country in crisis.countries else OTHER_COUNTRY
            return
        if crisis is None:
            box.mount(Static(Content(problem), classes="error"))
            return
        options = [(f"{c.name or code} ({code})", code) for code, c in crisis.countries.items()]
        options.append(("Somewhere else (not in this list)", OTHER_COUNTRY))
        value = self.country if self.country in crisis.countries else OTHER_COUNTRY
        box.mount(Select(options, value=value, allow_blank=False, id="country-select",
                         tooltip="The crisis screen (F2) shows the lines for this country"))
        self._show_country_lines(value)

    def _fill_themes(self) -> None:
        """The themes by their plain names, high contrast first; the one in use is marked (x) and says so."""
        from imr_tui.tui.themes import THEME_NAMES, theme_name

        current = self.app.theme
        names = [n for n in THEME_NAMES if n in self.app.available_themes]
        if current not in names:
            names.append(current)  # picked some other way: still shown, as "the colours you use now"
        options = []
        for name in names:
            if name == current:
                prompt = Content.from_markup("(x) [b]$name[/b]  - in use now", name=theme_name(name))
            else:
                prompt = Content(f"( ) {theme_name(name)}")
            options.append(Option(prompt, id=name))
        theme_list = self.query_one("#theme-list", OptionList)
        old = theme_list.highlighted
        theme_list.clear_options()
        theme_list.add_options(options)
        theme_list.highlighted = names.index(current) if old is None else min(old, len(names) - 1)

    def _fill_items(self, items: list[CheckInItem]) -> None:
        self.items = list(items)
        self._enabled = {i.id: i.enabled for i in items}
        items_list: SelectionList[str] = self.query_one("#items-list", SelectionList)
        old = items_list.highlighted
        items_list.clear_options()
        selections = []
        for item in items:
            prompt = Content(item.label)  # the person's own text: never parsed as markup
            if not item.builtin:
                prompt = prompt + Content.from_markup("  [dim](yours)[/dim]")
            selections.append(Selection(prompt, item.id, item.enabled))
        items_list.add_options(selections)
        if items:
            items_list.highlighted = 0 if old is None else min(old, len(items) - 1)
        self.refresh_bindings()

    def _fill_quick(self, settings: Settings) -> None:
        """The items that are on, ticked when the quick check-in asks them."""
        quick_ids = [i.id for i in settings.quick()]
        self._quick = quick_ids
        quick_list: SelectionList[str] = self.query_one("#quick-list", SelectionList)
        old = quick_list.highlighted
        enabled = settings.enabled_items()
        with self.prevent(SelectionList.SelectionToggled):
            quick_list.clear_options()
            quick_list.add_options([Selection(Content(i.label), i.id, i.id in quick_ids) for i in enabled])
        if enabled:
            quick_list.highlighted = 0 if old is None else min(old, len(enabled) - 1)

    @on(SelectionList.SelectionToggled, "#quick-list")
    def toggle_quick(self, event: SelectionList.SelectionToggled[str]) -> None:
        quick_list = event.selection_list
        item_id = event.selection.value
        picked = [i.id for i in self.items if i.id in quick_list.selected]
        if not picked:
            with self.prevent(SelectionList.SelectionToggled):
                quick_list.select(item_id)
            self.show_error("The quick check-in needs at least one question. Pick another one first.", "Not changed")
            return
        self._quick = picked
        label = next((i.label for i in self.items if i.id == item_id), item_id)
        on_now = item_id in picked

        def change(settings: Settings) -> Settings:
            settings.quick_items = list(self._quick)
            return settings

        self.save(change, lambda _s: self.show_saved(Content.from_markup(
            "Saved: the quick check-in $does [b]$label[/b].", does="now asks" if on_now else "no longer asks",
            label=label)))

    # --------------------------------------------------------------- status
    def show_saved(self, message: Content | str) -> None:
        status = self.query_one("#settings-status", Static)
        status.update(message if isinstance(message, Content) else Content(message))
        status.remove_class("error")

    # ---------------------------------------------------------------- saving
    def save(self, change: Callable[[Settings], Settings], done: Callable[[Settings], None],
             failed: Callable[[str], None] | None = None) -> None:
        """Save one change through the data service (every change is written, in order)."""
        def error(message: str) -> None:
            self.show_error(message)
            if failed is not None:
                failed(message)

        self.imr.data.update_settings(change, what="this setting", on_done=self.if_open(done),
                                      on_error=self.if_open(error))

    # ----------------------------------------------------------------- theme
    @on(OptionList.OptionSelected, "#theme-list")
    def pick_theme(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id
        if name is None or name not in self.app.available_themes:
            return
        self.app.theme = name  # IMRApp.watch_theme saves it in the settings
        self._fill_themes()
        self.check_theme_saved(name)

    def check_theme_saved(self, name: str) -> None:
        """Queued behind the app's save of the theme: read back what was saved."""
        from imr_tui.tui.themes import theme_name

        plain = theme_name(name)

        def check(saved: str) -> None:
            if saved == name:
                self.show_saved(f"Saved: {plain} will be used next time too.")
            else:
                self.show_error(f"{plain} is in use now, but it could not be saved.")

        self.imr.data.submit(lambda store: store.settings().theme, what="the theme", on_done=self.if_open(check),
                             on_error=self.if_open(self.show_error))

    @on(Checkbox.Changed, "#track-substances")
    def track_substances(self, event: Checkbox.Changed) -> None:
        on_ = event.value
        if on_ == self.tracking:
            return
        self.tracking = on_

        def change(settings: Settings) -> Settings:
            settings.track_substances = on_
            return settings

        words = ("On: Home shows the days since you last used, and x writes down a slip." if on_
                 else "Off: Home no longer shows alcohol or drug use.")
        self.save(change, lambda _s: self.show_saved(words))

    # --------------------------------------------------------------- country
    @on(Select.Changed, "#country-select")
    def pick_country(self, event: Select.Changed) -> None:
        code = event.value
        if not isinstance(code, str) or self.crisis is None:
            return
        self._show_country_lines(code)
        listed = self.country in self.crisis.countries
        if code == self.country or (code == OTHER_COUNTRY and not listed):
            return  # nothing changed (the list was just filled in, or an unlisted code is kept)

        def change(settings: Settings) -> Settings:
            settings.country = code
            return settings

        def done(settings: Settings) -> None:
            self.country = settings.country
            self.show_saved("Saved: F2 now shows the crisis lines for this country.")

        self.save(change, done)

    def _show_country_lines(self, code: str) -> None:
        self.query_one("#local-box").display = self.crisis is None or code not in self.crisis.countries
        if self.crisis is None:
            return
        entry = self.crisis.for_country(code)
        from imr_tui.tui.screens.crisis import reach_rows

        parts = [Content.from_markup("Emergency: [b]$e[/b]", e=entry.emergency)]
        for line in entry.lines:
            parts += reach_rows(line)  # each number at the start of its own row: it never breaks
        self.query_one("#country-lines", Static).update(Content("\n").join(parts))

    @on(Input.Submitted, "#local-number")
    def save_local_number(self, event: Input.Submitted) -> None:
        from imr_tui.domain.settings import clean_local_number

        try:
            number = clean_local_number(event.value)
        except ValueError as exc:
            self.show_error(str(exc), "Not saved")
            return

        def change(settings: Settings) -> Settings:
            settings.local_emergency = number
            return settings

        def done(settings: Settings) -> None:
            self._saved_local = settings.local_emergency
            self.query_one("#local-number", Input).value = number
            self.show_saved(f"Saved: F2 shows your local number {number}." if number
                            else "Saved: no local number. F2 says to call your local emergency number.")

        self.save(change, done)

    # ------------------------------------------------------------ items list
    @on(SelectionList.SelectionToggled, "#items-list")
    def toggle_item(self, event: SelectionList.SelectionToggled[str]) -> None:
        item_id = event.selection.value
        on_now = item_id in event.selection_list.selected
        self._enabled[item_id] = on_now
        label = next((i.label for i in self.items if i.id == item_id), item_id)
        self.save(self.save_enabled, lambda _s: self.show_saved(
            Content.from_markup("Saved: [b]$label[/b] is $state.", label=label, state="on" if on_now else "off")))

    def save_enabled(self, settings: Settings) -> Settings:
        """Apply every on/off choice the person has made so far. Saves may finish in any order, and the
        last one to finish still writes the latest choices."""
        wanted = dict(self._enabled)
        for item in settings.items:
            if item.id in wanted:
                item.enabled = wanted[item.id]
        return settings

    @on(SelectionList.SelectionHighlighted, "#items-list")
    @on(TabbedContent.TabActivated)
    def _update_keys(self) -> None:
        self.refresh_bindings()

    def _picked_own_item(self) -> CheckInItem | None:
        if self.query_one("#settings-tabs", TabbedContent).active != "tab-items":
            return None
        option = self.query_one("#items-list", SelectionList).highlighted_option
        if not isinstance(option, Selection):
            return None
        return next((i for i in self.items if i.id == option.value and not i.builtin), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_item":
            return self._picked_own_item() is not None
        return True

    def action_delete_item(self) -> None:
        item = self._picked_own_item()
        if item is None:
            return
        item_id, label = item.id, item.label

        def change(settings: Settings) -> Settings:
            settings.items = [i for i in settings.items if not (i.id == item_id and not i.builtin)]
            return settings

        def done(settings: Settings) -> None:
            self._fill_items(settings.items)
            self.show_saved(Content.from_markup(
                "Deleted [b]$label[/b]. The numbers you gave it before are kept.", label=label))

        self.save(change, done)

    # -------------------------------------------------------------- add item
    @on(Button.Pressed, "#add-item")
    @on(Input.Submitted, "#add-form Input")  # Enter in any box of the form
    def add_item(self) -> None:
        message = self.query_one("#add-message", Static)
        worse = Worse.LOW if self.query_one("#new-worse", RadioSet).pressed_index == 1 else Worse.HIGH
        try:
            item = new_item(self.query_one("#new-label", Input).value, self.query_one("#new-question", Input).value,
                            self.query_one("#new-low", Input).value, self.query_one("#new-high", Input).value, worse)
        except ValueError as exc:
            message.update(Content(str(exc)))
            message.add_class("error")
            return

        def change(settings: Settings) -> Settings:
            if any(i.label.casefold() == item.label.casefold() for i in settings.items):
                raise ValueError(f"You already have an item called {item.label}.")
            new_id = item_id_for(item.label, (i.id for i in settings.items))
            settings.items.append(item.model_copy(update={"id": new_id}))
            return settings

        def done(settings: Settings) -> None:
            self._fill_items(settings.items)
            for selector in ("#new-label", "#new-question"):
                self.query_one(selector, Input).value = ""
            message.update(Content.from_markup(
                "Added [b]$label[/b]. It will be in your next check-in. Press Esc, then 3 to see your items.",
                label=item.label))
            message.remove_class("error")
            self.show_saved("")
            self.query_one("#new-label", Input).focus()

        def failed(problem: str) -> None:
            message.update(Content(problem))
            message.add_class("error")

        message.update(Content("Saving…"))
        message.remove_class("error")
        self.save(change, done, failed)

    # ------------------------------------------------------------- navigation
    def action_part(self, tab: str) -> None:
        self.query_one("#settings-tabs", TabbedContent).active = tab
        focus: dict[str, str] = {"tab-theme": "#theme-list", "tab-country": "#country-select",
                                 "tab-items": "#items-list", "tab-add": "#new-label"}
        widgets = self.query(focus[tab])
        if widgets:
            widgets.first().focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        """Esc in the add form leaves the form (so keys 1 to 4 work again); otherwise it goes back."""
        focused = self.focused
        form = self.query_one("#add-form", VerticalScroll)
        if focused is not None and form in focused.ancestors:
            self.query_one("#settings-tabs ContentTabs").focus()
            self.refresh_bindings()
            return
        self.app.pop_screen()
