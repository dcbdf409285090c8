"""Daily check-in: one row per check-in item, then medicine, alcohol or drugs, tags and a note.

Fast by keyboard: the first row has focus; type a number, Enter (or Tab, Down) to the next row,
Ctrl+S saves. No key depends on time (tui/widgets/scale.py). "s" fills the empty rows from the last
check-in ("same as last time"), to change only what differs. A quick check-in (CheckInScreen(quick=True),
"u" on Home) asks only the items picked in settings (mood by default); Enter on its last row saves.

Keys typed while the screen opens are kept and played back once the form is ready, so "c7" on
Home opens the check-in with mood 7. Half-typed answers go to a draft (checkin_draft.py), never
into the store; the draft comes back next time. Escape with typed answers asks: keep it for next
time, throw it away, or go back (leave_dialog.py). "e" picks a saved check-in of the day to change
(checkin_picker.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Header, Input, Static

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.checkin_text import parse_substances, parse_tags
from imr_tui.domain.dates import moment_for_day
from imr_tui.domain.format import day_time, short_day
from imr_tui.store.files import StoreError
from imr_tui.tui import clock
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.screens.checkin_draft import Draft, DraftKeeper, FormState, delete_draft, draft_path, read_draft
from imr_tui.tui.screens.leave_dialog import Leave, LeaveDialog
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.scale import Choice, ChoiceInput, ScaleInput, hand_on

if TYPE_CHECKING:
    from imr_tui.store.store import Store

__all__ = ["CheckInScreen", "QuickCheckInScreen", "checkin_time", "draft_path", "today"]

MEDICATION_CHOICES = [
    Choice("y", Medication.TAKEN.value, "Yes"),
    Choice("p", Medication.PARTLY.value, "Partly"),
    Choice("n", Medication.MISSED.value, "No"),
    Choice("x", Medication.NOT_PRESCRIBED.value, "Not prescribed"),
]

INPUT_HINTS = {
    "substances": "What and how much, for example: beer 2 cans, wine 1 glass. Leave empty if none.",
    "tags": "A few words to find this day later, with commas, for example: work, family",
    "note": "Anything else you want to remember. Enter saves the check-in.",
}
# keys that act at once while the form is still opening (the rest wait for it: type-ahead)
NOT_HELD = frozenset({"escape", "f1", "ctrl+q", "ctrl+l", "ctrl+c"})
RECENT_DAYS = 62  # "same as last time" looks this far back first, then at everything


def checkin_time(day: date) -> datetime:
    """Now for today; 12:00 local time for a past day."""
    return moment_for_day(day, clock.now())


def previous_checkin(store: Store, before: datetime, quick_ids: set[str]) -> CheckIn | None:
    """The check-in "same as last time" copies: the last one before `before` that answered more than
    the quick questions (a quick mood check at noon is not what a full check-in wants to repeat),
    or else the last one."""
    for start in (before.date() - timedelta(days=RECENT_DAYS), None):
        earlier = [c for c in store.checkins(start, before.date()) if c.at < before]
        fuller = [c for c in earlier if set(c.values) - quick_ids or c.medication]
        if fuller or earlier:
            return (fuller or earlier)[-1]
    return None


DAY_GROUP = Binding.Group("Day")


class CheckInScreen(IMRScreen[None]):
    CSS_PATH = "checkin.tcss"
    HELP_TOPIC = "checkin"
    WATCHES = frozenset({"checkins"})
    ERROR_BOX = "#day-line"
    AUTO_FOCUS = None  # the first row gets focus once the items are loaded

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="checkin.save", tooltip="Save this check-in"),
        Binding("s", "same", "Same as last", id="checkin.same",
                tooltip="Fill the empty questions with your answers from last time, then change what differs"),
        Binding("left_square_bracket", "day(-1)", "Day", id="checkin.day", key_display="[ /", group=DAY_GROUP,
                tooltip="Check in for the day before"),
        Binding("right_square_bracket", "day(1)", "Day", id="checkin.day_later", key_display="]", group=DAY_GROUP,
                tooltip="Check in for the next day (not past today)"),
        Binding("e", "edit", "Change one", id="checkin.edit", show=False,  # said on the day line
                tooltip="Change a check-in you already saved on this day"),
        Binding("escape", "back", "Back", id="checkin.back", tooltip="Go back to where you were"),
        # for the text boxes (priority, or the form would scroll instead); the rows take ↑/↓ themselves,
        # in the order the keys come
        Binding("up", "field(-1)", "Previous", id="checkin.previous", show=False, priority=True,
                tooltip="Go to the question above"),
        Binding("down", "field(1)", "Next", id="checkin.next", show=False, priority=True,
                tooltip="Go to the question below"),
    ]

    # loading: reading the items (keys typed now are held) | form | saving | error: it could not open
    mode: reactive[str] = reactive("loading", init=False)

    def __init__(self, day: date | None = None, checkin_id: str | None = None, quick: bool = False) -> None:
        super().__init__()
        self.day = min(day, today()) if day else today()
        self.quick = quick and checkin_id is None
        self._asked_day = day
        self._asked_id = checkin_id
        self._items: list[CheckInItem] = []
        self._editing: CheckIn | None = None
        self._hidden_values: dict[str, float] = {}  # values of items now switched off, kept when editing
        self._baseline = FormState()
        self._day_checkins: list[CheckIn] = []
        self._previous: CheckIn | None = None
        self._quick_ids: set[str] = set()  # what a quick check-in asks ("same as last time" looks past those)
        self._held: list[events.Key] = []  # keys typed while the form opened, played back when it is ready
        self._leave_on_resume = False
        self.drafts = DraftKeeper(self, self._draft_now)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="day-line")
        yield Static("", id="hint")
        with VerticalScroll(id="form", can_focus=False):
            yield VerticalGroup(id="scales")
            with Vertical(id="extras"):
                yield ChoiceInput("Medicine", "Did you take your medicine as prescribed?", MEDICATION_CHOICES,
                                  id="medication")
                yield Static("Alcohol or drugs", classes="field-label")
                yield Input(placeholder="for example: beer 2 cans", id="substances", max_length=400)
                yield Static("Tags", classes="field-label")
                yield Input(placeholder="for example: work, family", id="tags", max_length=400)
                yield Static("Note", classes="field-label")
                yield Input(placeholder="anything else (Enter saves)", id="note", max_length=10_000)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#form").disabled = True
        self.load()

    def watch_mode(self, mode: str) -> None:
        self.query_one("#form").disabled = mode in ("loading", "error")
        self.refresh_bindings()

    # ---------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="checkin-load")
    def load(self) -> None:
        store = self.imr.store
        warning = ""
        try:
            settings = store.settings()
            try:
                draft = read_draft(store)
            except ValueError as exc:
                draft = None
                warning = f"An unsaved check-in could not be read, so it was left out ({exc})."
            quick = self.quick and not (draft and (draft.checkin_id or not draft.state.only_items(
                {i.id for i in settings.quick()})))
            items = settings.quick() if quick else settings.enabled_items()
            checkin_id = draft.checkin_id if draft else self._asked_id
            editing = None
            if checkin_id:
                near = store.checkins_on(self._asked_day) if self._asked_day and not draft else []
                editing = next((c for c in near if c.id == checkin_id), None) or next(
                    (c for c in store.checkins() if c.id == checkin_id), None)
                if editing is None:
                    warning = "That check-in could not be found (it may have been deleted), so this is a new one."
            day = min(draft.day if draft else (editing.day if editing else self.day), today())
            day_list = store.checkins_on(day)
            self._quick_ids = {i.id for i in settings.quick()}
            previous = previous_checkin(store, checkin_time(day), self._quick_ids)
        except StoreError as exc:
            self.from_thread(self.show_load_error, str(exc))
            return
        if self.quick and not quick:
            warning = warning or "You have an unsaved check-in, so here is all of it."
        self.from_thread(self.show_form, items, draft, editing, day, day_list, previous, quick, warning)

    def show_load_error(self, message: str) -> None:
        self._held.clear()
        self.mode = "error"
        self.show_error(f"The check-in cannot open: {message}", "Could not be read")

    def reload(self, change: Change) -> None:
        """A check-in saved elsewhere: the day line counts it; what is typed on screen is never touched."""
        if self.mode != "form":
            return
        self.load_day(self.day, False)
        if change.outside and self._dirty():
            self.notify("A check-in was saved somewhere else. What you typed here is kept.", title="New data")

    def show_form(self, items: list[CheckInItem], draft: Draft | None, editing: CheckIn | None, day: date,
                        day_list: list[CheckIn], previous: CheckIn | None, quick: bool, warning: str) -> None:
        self._items = items
        self.quick = quick
        self.set_class(quick, "-quick")
        self.day = day
        self._day_checkins = day_list
        self._previous = previous
        self._set_editing(editing)
        state = draft.state if draft else self._baseline
        rows = [ScaleInput(i.label, i.question, low=i.low, high=i.high, step=i.step, worse=i.worse.value, unit=i.unit,
                           low_label=i.low_label, high_label=i.high_label, value=state.values.get(i.id),
                           id=f"item-{i.id}") for i in items]
        if quick and rows:
            rows[-1].on_enter = self.action_save  # a quick check-in is saved with Enter on its last question
        self.query_one("#scales").mount_all(rows)
        self._apply_state(state)
        self.query_one("#form").disabled = False
        self._update_day_line()
        if draft:
            when = f"{draft.saved_at:%H:%M}" if draft.saved_at.date() == today() else \
                f"{short_day(draft.saved_at.date())}, {draft.saved_at:%H:%M}"
            self.notify(f"Your unsaved check-in from {when} was restored.")
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        """The form can be typed into: play back the keys typed while it opened, in order."""
        self._focus_first()
        self.mode = "form"
        held, self._held = self._held, []
        while held:  # a row takes its key at once, so the next key finds focus where it moved
            if not hand_on(self, held.pop(0)):
                break  # that key goes through the app: the rest follow it, in order
        for key in held:
            self.app.post_message(events.Key(key.key, key.character))

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the form is ready are held for it (type-ahead), not lost."""
        if self.mode == "loading" and event.key not in NOT_HELD:
            event.stop()
            event.prevent_default()
            self._held.append(event)

    def _set_editing(self, checkin: CheckIn | None) -> None:
        self._editing = checkin
        shown = {i.id for i in self._items}
        self._hidden_values = {k: v for k, v in checkin.values.items() if k not in shown} if checkin else {}
        self._baseline = FormState.of(checkin, self._items) if checkin else FormState()

    def _focus_first(self) -> None:
        """Focus the first question now (Widget.focus() would do it a moment later)."""
        rows = self.query(ScaleInput)
        self.set_focus(rows.first() if rows else self.query_one("#medication"))

    # ------------------------------------------------------------ form state
    def _state(self) -> FormState:
        return FormState(
            values={row.id.removeprefix("item-"): row.value for row in self.query(ScaleInput)
                    if row.id and row.value is not None},
            medication=self.query_one("#medication", ChoiceInput).value,
            substances=self.query_one("#substances", Input).value,
            tags=self.query_one("#tags", Input).value,
            note=self.query_one("#note", Input).value,
        )

    def _apply_state(self, state: FormState) -> None:
        for row in self.query(ScaleInput):
            row.set_value(state.values.get((row.id or "").removeprefix("item-")))
        self.query_one("#medication", ChoiceInput).value = state.medication
        self.query_one("#substances", Input).value = state.substances
        self.query_one("#tags", Input).value = state.tags
        self.query_one("#note", Input).value = state.note

    def _dirty(self) -> bool:
        """True when leaving now would lose something the person typed (or a day they moved a check-in to)."""
        if self.mode in ("loading", "error"):
            return False
        if self._editing is None:
            return self._state() != FormState()
        return self._state() != self._baseline or self.day != self._editing.day

    def has_unsaved_changes(self) -> bool:
        return self._dirty()

    def _update_day_line(self) -> None:
        line = self.query_one("#day-line", Static)
        line.remove_class("error")
        is_today = self.day == today()
        if self._editing is not None:
            keep = self.day == self._editing.day
            when = f"{self._editing.at:%H:%M}" if keep else ("now" if is_today else "12:00")
            text = Content.from_markup("Changing the check-in of [b]$day[/b] (time: $when)",
                                       day=short_day(self.day), when=when)
        else:
            text = Content.from_markup("$kind for [b]$today$day[/b] (time: $when)",
                                       kind="Quick check-in" if self.quick else "Check-in",
                                       today="today, " if is_today else "", day=short_day(self.day),
                                       when="now" if is_today else "12:00")
        n = len(self._day_checkins)
        if n and not self.quick:
            text += Content.from_markup("  [dim]$n saved: [b]e[/b] to change one[/dim]", n=n)
        line.update(text)
        self.refresh_bindings()

    # ------------------------------------------------------------- the draft
    def _draft_now(self) -> Draft | None:
        """The draft to keep now (None: nothing worth keeping)."""
        if not self._dirty():
            return None
        return Draft(state=self._state(), day=self.day, checkin_id=self._editing.id if self._editing else None,
                     saved_at=clock.now())

    def _changed(self) -> None:
        if self.mode in ("form", "saving"):
            self.drafts.changed()

    def on_unmount(self) -> None:
        """The app is closing (or the screen went away) with answers not saved: keep them for next time."""
        self.drafts.closing()

    # --------------------------------------------------------------- events
    def on_scale_input_changed(self, _event: ScaleInput.Changed) -> None:
        self._changed()

    def on_choice_input_changed(self, _event: ChoiceInput.Changed) -> None:
        self._changed()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "note":
            self.action_save()
        else:
            self.focus_next()

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        widget = self.focused
        if isinstance(widget, ScaleInput | ChoiceInput):
            hint = widget.hint
        elif isinstance(widget, Input):
            hint = INPUT_HINTS.get(widget.id or "", "")
        else:
            hint = ""
        self.query_one("#hint", Static).update(Content(hint))
        self.refresh_bindings()
        if widget is not None:  # a hint on two lines makes the form shorter: keep the question in view
            self.call_after_refresh(widget.scroll_visible, animate=False)

    # -------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.mode != "saving"  # the check-in is on its way to the store: nothing to keep or throw away
        if action in ("save", "day", "edit", "field", "same"):
            if self.mode != "form":
                return False
            typing = isinstance(self.focused, Input)
            if action == "field" and not typing:
                return False  # a row moves on itself
            if action in ("day", "edit", "same") and typing:
                return False  # these keys type into the text box, so do not offer them
            if action == "edit" and (self.quick or not self._day_checkins):
                return False
            if action == "same" and (self.quick or self._editing is not None or self._previous is None):
                return False
        return True

    def action_field(self, direction: int) -> None:
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_same(self) -> None:
        """Fill the empty rows (and the medicine) from the last check-in; nothing already answered changes."""
        previous = self._previous
        if previous is None:
            return
        now = self._state()
        filled = now.filled_from(FormState.of(previous, self._items))
        if filled == now:
            self.notify("Every question here has an answer already, so nothing was filled in.")
            return
        self._apply_state(filled)
        self.notify(f"Filled in from your check-in of {day_time(previous.at)}. Change what is different "
                    "today, then press Ctrl+S to save.", title="Same as last time", timeout=8)

    def action_day(self, delta: int) -> None:
        new = self.day + timedelta(days=delta)
        if new > today():
            self.notify("That day has not come yet. You can check in for today or any day before.",
                        severity="warning")
            return
        self.day = new
        self._day_checkins = []
        self._update_day_line()
        self.load_day(new, False)
        self._changed()

    def action_edit(self) -> None:
        self.load_day(self.day, True)

    @work(thread=True, exclusive=True, group="checkin-day")
    def load_day(self, day: date, pick: bool) -> None:
        try:
            found = self.imr.store.checkins_on(day)
            previous = previous_checkin(self.imr.store, checkin_time(day), self._quick_ids)
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Could not be read")
            return
        self.from_thread(self.got_day, day, found, previous, pick)

    def got_day(self, day: date, found: list[CheckIn], previous: CheckIn | None, pick: bool) -> None:
        if day != self.day or self.mode != "form":
            return
        self._day_checkins = found
        self._previous = previous
        self._update_day_line()
        if pick:
            if found:
                self._open_picker()
            else:
                self.notify(f"Nothing is saved on {short_day(day)} yet.")

    def _open_picker(self) -> None:
        from imr_tui.tui.screens.checkin_picker import CheckInPicker

        def picked(checkin_id: str | None) -> None:
            chosen = next((c for c in self._day_checkins if c.id == checkin_id), None)
            if chosen is None:
                return
            self._set_editing(chosen)
            self.day = chosen.day
            self._apply_state(self._baseline)
            self._focus_first()
            self._update_day_line()
            self.notify(f"Changing the check-in from {chosen.at:%H:%M}.")

        self.app.push_screen(CheckInPicker(self._day_checkins, self._items, replaces_typing=self._dirty()), picked)

    def action_back(self) -> None:
        if not self._dirty():
            self.drafts.stop()
            if self.mode == "form":
                self.drafts.remove_now()
            self._leave()
            return

        def answered(choice: Leave | None) -> None:
            if choice is Leave.DISCARD:
                self.drafts.remove_now()
                self.notify("Your check-in was thrown away.")
                self._leave()
            elif choice is Leave.KEEP:
                self.drafts.keep_now()  # an error is shown by the data service
                self.notify("Kept for later: it will be here when you check in next time.")
                self._leave()

        self.app.push_screen(LeaveDialog("keep it for next time (not saved as a check-in yet)",
                                         what="Your check-in is not saved yet.", help_topic="checkin"), answered)

    def _leave(self) -> None:
        if self.app.screen is not self:  # e.g. crisis help is open on top: go when it closes
            self._leave_on_resume = True
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.switch_screen(self.imr.make_screen("home"))

    def on_screen_resume(self) -> None:
        if self._leave_on_resume:
            self._leave_on_resume = False
            self.call_later(self._leave)

    # ---------------------------------------------------------------- saving
    def _build_checkin(self) -> CheckIn | None:
        """The check-in to save from what is on screen; None when nothing was filled in.

        Raises ValueError with a plain message for a value off its scale.
        """
        state = self._state()
        values = dict(self._hidden_values)
        for item in self._items:
            if item.id in state.values:
                values[item.id] = item.check_value(state.values[item.id], item.label)
        medication = Medication(state.medication) if state.medication else None
        substances = parse_substances(state.substances)
        tags = parse_tags(state.tags)
        note = state.note.strip()
        editing = self._editing
        if editing is None and not (values or medication or substances or tags or note):
            return None
        if editing is not None:
            at = editing.at if self.day == editing.day else checkin_time(self.day)
            data = editing.model_dump()
            data.update(at=at, values=values, medication=medication, substances=substances, tags=tags, note=note)
            return CheckIn.model_validate(data)
        return CheckIn(at=checkin_time(self.day), values=values, medication=medication, substances=substances,
                       tags=tags, note=note)

    def action_save(self) -> None:
        if self.mode != "form":
            return
        try:
            checkin = self._build_checkin()
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if checkin is None:
            self.notify("Nothing to save yet: answer at least one question.", severity="warning")
            return
        self.mode = "saving"
        self.drafts.stop()
        self.save(checkin, self._editing is not None)

    def save(self, checkin: CheckIn, editing: bool) -> None:
        """One job of the data service: save the check-in, then remove the draft."""
        def run(store: Store) -> str:
            if editing:
                store.update_checkin(checkin)
            else:
                store.add_checkin(checkin)
            try:
                delete_draft(store)
            except StoreError as exc:
                return f"Saved, but the unsaved copy could not be removed: {exc}"
            return ""

        self.imr.data.submit(run, what="your check-in", on_done=self.if_open(self.saved),
                             on_error=self.if_open(self.save_failed))

    def save_failed(self, message: str) -> None:
        self.mode = "form"
        self.drafts.restart()
        self.notify(message, severity="error", title="Not saved", timeout=15, markup=False)

    def saved(self, warning: str) -> None:
        self.notify("Saved")
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self._leave()


class QuickCheckInScreen(CheckInScreen):
    """The quick check-in, by name for Home ("u") and the command palette."""

    def __init__(self) -> None:
        super().__init__(quick=True)
