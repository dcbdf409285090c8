"""Bring your history: choose a file, see what importing it would do, place the moods only you can place,
then import. Nothing is saved until Ctrl+S, and a second import of the same file adds nothing.

Reading the file is the same dry run `imr-tui import FORMAT FILE --dry-run` does (imports/), in a worker.
Moods imr-tui does not know get a scale each, with a few of the person's own notes from then; nothing
is filled in for them. Delete (or Backspace on an empty row) brings its entries in without a mood value. When past
entries speak of wanting to die, the screen says once, gently, where crisis help is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Select, Static

from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.scale import ScaleInput

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckInItem
    from imr_tui.imports.base import ImportPlan
    from imr_tui.imports.moods import MoodChoice

FIND_OUT = "find-out"
INTRO = ("Bring in your history from another app: Daylio, Bearable, eMoods, iMoodJournal, jrnl or Pixels, "
         "or an imr-tui export. First you see what the file holds. Nothing is saved until you press Ctrl+S.")


class MoodPlace(ScaleInput):
    """One mood only the person can place, on their own mood scale. Not placed until they give a number;
    Delete (or Backspace once the row is empty) brings its entries in without a mood value."""

    def __init__(self, choice: MoodChoice, item: CheckInItem, n: int) -> None:
        count = f"{choice.count} {'entry' if choice.count == 1 else 'entries'}"
        super().__init__(choice.name, count, low=item.low, high=item.high, step=item.step, worse=item.worse.value,
                         unit=item.unit, low_label=item.low_label, high_label=item.high_label, id=f"mood-{n}",
                         classes="mood-place")
        self.key = choice.key
        self.no_value = False

    def value_text(self) -> str:
        if self.value is None:
            return "no mood value (the name is kept as a tag)" if self.no_value else "not placed yet"
        return super().value_text()

    def meaning(self) -> str:
        return self.value_text() if self.value is None else super().meaning()

    def action_backspace(self) -> None:
        """Take off a digit; on an empty row, bring the entries in without a mood value (as Delete does)."""
        if self.shown():
            super().action_backspace()
        else:
            self.action_skip()

    def watch_value(self, value: float | None) -> None:
        if value is not None:
            self.no_value = False
        super().watch_value(value)

    def action_skip(self) -> None:
        self.no_value = True
        if self.value is None:
            self.post_message(self.Changed(self, None))
            self.refresh()
        else:
            self.set_value(None)


class ImportScreen(IMRScreen[None]):
    CSS_PATH = "import_screen.tcss"
    HELP_TOPIC = "import"
    ERROR_BOX = "#import-status"
    BINDINGS = [
        Binding("ctrl+r", "look", "Look at file", id="import.look", show=False,
                tooltip="Read the file and show what importing it would do (nothing is saved)"),
        Binding("ctrl+s", "save", "Import", id="import.save", tooltip="Import what the file holds"),
        Binding("escape", "app.pop_screen", "Back", id="import.back", tooltip="Go back without importing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: ImportPlan | None = None
        self.format_name = ""
        self.care_shown = False
        self.busy = False

    def compose(self) -> ComposeResult:
        from imr_tui.imports.registry import FORMATS

        yield Header()
        with VerticalScroll(id="import-body"):
            yield Static(INTRO, id="import-intro")
            yield Input(placeholder="The file's place, e.g. ~/Downloads/daylio_export.csv", id="import-path")
            yield Select([("Find out from the file", FIND_OUT), *((f.description, f.name) for f in FORMATS.values())],
                         value=FIND_OUT, allow_blank=False, id="import-format")
            yield Static("Type the file's place, then press Enter.", id="import-status")
            yield Static("", id="import-summary")
            yield Vertical(id="import-moods")
            yield Static("", id="import-care")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def has_unsaved_changes(self) -> bool:
        return self.plan is not None and self.plan.moods is not None and bool(self.plan.moods.yours())

    # ------------------------------------------------------------ reading the file
    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.action_look()

    def action_look(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._status("Type the file's place first, e.g. ~/Downloads/daylio_export.csv")
            return
        path = Path(raw).expanduser()
        chosen = self.query_one("#import-format", Select).value
        self.plan = None
        self._status("Reading the file…")
        self.read_file(path, str(chosen))

    @work(thread=True, exclusive=True, group="import-read")
    def read_file(self, path: Path, chosen: str) -> None:
        from imr_tui.imports.base import Target
        from imr_tui.imports.detect import detect
        from imr_tui.imports.registry import FORMATS
        from imr_tui.store.files import StoreError

        name = detect(path) if chosen == FIND_OUT else chosen
        if name is None or name not in FORMATS:
            if not path.is_file():
                self.from_thread(self._status, f"There is no file at {path}.")
            else:
                self.from_thread(self._status, "imr-tui cannot tell which app made this file. Pick the app in the "
                                               "list above, then press Enter in the file box again.")
            return
        try:
            plan = FORMATS[name].read(path, Target(self.imr.store), {}, True)
        except (ValueError, StoreError) as exc:
            self.from_thread(self._status, f"This file cannot be imported: {exc}")
            return
        self.from_thread(self.show_plan, plan, name)

    def show_plan(self, plan: ImportPlan, name: str) -> None:
        self.plan, self.format_name = plan, name
        self._summary()
        self._care(plan)
        self._status(self._next_step())
        self.run_worker(self._show_moods(plan), exclusive=True, group="import-moods")

    async def _show_moods(self, plan: ImportPlan) -> None:
        """A scale for each mood only the person can place, with a few of their notes from then."""
        moods = self.query_one("#import-moods", Vertical)
        await moods.remove_children()
        waiting = plan.moods.unknown() if plan.moods is not None else []
        if not waiting or plan.moods is None:
            return
        widgets: list[Static | MoodPlace] = [Static(Content(
            f"Only you know where these moods sit on your mood scale, {plan.moods.scale_text()}. Type a number for "
            "each, or press Delete to bring its entries in without a mood value."), classes="mood-help")]
        for n, choice in enumerate(waiting):
            widgets.append(MoodPlace(choice, plan.moods.item, n))
            if choice.examples:
                notes = "\n".join(f"  “{e}”" for e in choice.examples)
                widgets.append(Static(Content(f"Some of your notes from then:\n{notes}"), classes="mood-notes"))
        await moods.mount_all(widgets)
        self.call_after_refresh(self._first_mood)

    def _first_mood(self) -> None:
        places = self.query(MoodPlace)
        if places:
            places.first().focus(scroll_visible=False)
            self.query_one("#import-body", VerticalScroll).scroll_to_widget(self.query_one(".mood-help"), top=True,
                                                                             animate=False)

    def _summary(self) -> None:
        plan = self.plan
        if plan is None:
            return
        lines = [plan.source, *plan.left_out]
        lines += [plan.empty] if plan.empty else [*plan.summary(), *plan.preview_lines()]
        self.query_one("#import-summary", Static).update(Content("\n".join(lines)))

    def _care(self, plan: ImportPlan) -> None:
        if not plan.care or self.care_shown:
            return
        from imr_tui.imports.care import notice
        from imr_tui.store.files import StoreError

        try:
            settings = self.imr.store.settings()
        except StoreError:
            from imr_tui.domain.settings import Settings

            settings = Settings()
        self.care_shown = True
        box = self.query_one("#import-care", Static)
        box.update(Content("\n".join(notice(settings, self.imr.content))))
        box.add_class("shown")

    def _next_step(self) -> str:
        plan = self.plan
        if plan is None:
            return ""
        if plan.empty:
            return "There is nothing to import in this file."
        if not plan.ready():
            n = len(plan.moods.unknown()) if plan.moods else 0
            return f"Place {n} {'mood' if n == 1 else 'moods'} below, then press Ctrl+S to import."
        if not plan.changes:
            return "Everything in this file is already here."
        return "Press Ctrl+S to import this."

    def _status(self, message: str) -> None:
        box = self.query_one("#import-status", Static)
        box.update(Content(message))
        box.set_class(message.startswith(("This file cannot", "There is no file")), "error")

    # ------------------------------------------------------------ placing moods
    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        scale = event.scale
        plan = self.plan
        if not isinstance(scale, MoodPlace) or plan is None or plan.moods is None:
            return
        if event.value is not None:
            plan.moods.place(scale.key, event.value)
        elif scale.no_value:
            plan.moods.place(scale.key, None)
        else:
            plan.moods.unplace(scale.key)
        self._summary()
        self._status(self._next_step())

    # ------------------------------------------------------------ importing
    def action_save(self) -> None:
        plan = self.plan
        if plan is None:
            self._status("Look at a file first: type its place, then press Enter.")
            return
        if self.busy:
            return
        if plan.empty or not plan.changes:
            self._status(self._next_step())
            return
        if not plan.ready():
            names = ", ".join(f"'{c.name}'" for c in plan.moods.unknown()) if plan.moods else ""
            message = f"Place each mood first: {names}. Or press Delete on one to bring it in without a mood value."
            self._status(message)
            self.notify(message, title="Not yet", markup=False, timeout=8)
            return
        from imr_tui.imports.base import backup_before_import
        from imr_tui.store.store import Store

        def run(store: Store) -> str:
            backup = backup_before_import(store)
            done = plan.write(store)
            return f"{done} {backup}".strip()

        self.busy = True
        self.query_one("#import-moods", Vertical).disabled = True  # the values stay as they are while it saves
        self._status("Importing…")
        self.imr.data.submit(run, what="the import", on_done=self.if_open(self._imported),
                             on_error=self.if_open(self._failed))

    def _imported(self, message: str) -> None:
        self.busy = False
        self.query_one("#import-moods", Vertical).disabled = False
        self.plan = None
        self.query_one("#import-moods", Vertical).remove_children()
        self.query_one("#import-summary", Static).update("")
        self._status(message)
        self.query_one("#import-body", VerticalScroll).scroll_home(animate=False)
        self.notify(message, title="Imported", markup=False, timeout=8)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#import-moods", Vertical).disabled = False
        self.show_error(message)
