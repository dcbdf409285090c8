"""Daily check-in: one row per check-in item, then medicine, alcohol or drugs, tags and a note.

Fast by keyboard: the first row has focus; type a number, Tab (or Down) to the next row, ctrl+s saves.
Half-typed answers are never written into the store (a half check-in would spoil the day's summary).
Instead they go to a draft file, draft-checkin.json in the data folder, at most every 0.5 seconds,
and the draft comes back the next time the screen opens. Saving, or leaving and choosing
"throw away", removes it.
"""

from __future__ import annotations

import json
import threading
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.checkin_text import format_substances, parse_substances, parse_tags
from imr_tui.domain.dates import moment_for_day
from imr_tui.domain.format import number, short_day
from imr_tui.store.files import StoreError, dump_json
from imr_tui.tui import clock
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.scale import Choice, ChoiceInput, ScaleInput

if TYPE_CHECKING:
    from imr_tui.store.store import Store

DRAFT_FILE = "draft-checkin.json"
DRAFT_DELAY_S = 0.5

MEDICATION_CHOICES = [
    Choice("y", Medication.TAKEN.value, "Yes"),
    Choice("p", Medication.PARTLY.value, "Partly"),
    Choice("n", Medication.MISSED.value, "No"),
    Choice("x", Medication.NOT_PRESCRIBED.value, "Not prescribed"),
]

INPUT_HINTS = {
    "substances": "What and how much, like: beer 2 cans, wine 1 glass. Leave empty if none.",
    "tags": "A few words to find this day later, with commas, like: work, family",
    "note": "Anything else you want to remember. Enter saves the check-in.",
}


# ------------------------------------------------------------------ helpers


def checkin_time(day: date) -> datetime:
    """Now for today; 12:00 local time for a past day."""
    return moment_for_day(day, clock.now())


@dataclass
class FormState:
    """What the person has filled in (not the day): compared to tell whether anything changed."""

    values: dict[str, float] = field(default_factory=dict)
    medication: str | None = None
    substances: str = ""
    tags: str = ""
    note: str = ""

    @classmethod
    def of(cls, checkin: CheckIn, items: list[CheckInItem]) -> FormState:
        shown = {i.id for i in items}
        return cls(values={k: v for k, v in checkin.values.items() if k in shown},
                   medication=checkin.medication.value if checkin.medication else None,
                   substances=format_substances(checkin.substances), tags=", ".join(checkin.tags), note=checkin.note)


@dataclass
class Draft:
    """The unsaved check-in kept in draft-checkin.json."""

    state: FormState
    day: date
    checkin_id: str | None
    saved_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"kind": "checkin-draft", "saved_at": self.saved_at.isoformat(timespec="seconds"),
                "day": self.day.isoformat(), "checkin_id": self.checkin_id, **asdict(self.state)}

    @classmethod
    def from_json(cls, data: Any) -> Draft:
        """Raises ValueError for anything that is not a draft this screen wrote."""
        if not isinstance(data, dict) or data.get("kind") != "checkin-draft":
            raise ValueError("not a check-in draft")
        values = data.get("values", {})
        if not isinstance(values, dict):
            raise ValueError("values should be an object")
        clean = {str(k): float(v) for k, v in values.items() if isinstance(v, int | float) and not isinstance(v, bool)}
        medication = data.get("medication")
        if medication not in {m.value for m in Medication}:
            medication = None
        texts = {k: data.get(k, "") for k in ("substances", "tags", "note")}
        if not all(isinstance(v, str) for v in texts.values()):
            raise ValueError("texts should be strings")
        checkin_id = data.get("checkin_id")
        return cls(state=FormState(values=clean, medication=medication, **texts),
                   day=date.fromisoformat(str(data.get("day"))),
                   checkin_id=checkin_id if isinstance(checkin_id, str) and checkin_id else None,
                   saved_at=datetime.fromisoformat(str(data.get("saved_at"))))


def draft_path(store: Store) -> Path:
    """Where the unsaved check-in is kept: beside the data, private like it (0600), encrypted when it is."""
    return store.blob_path(DRAFT_FILE)


def read_draft(store: Store) -> Draft | None:
    """The saved draft, None when there is none. Raises ValueError when it cannot be read."""
    try:
        raw = store.read_blob(DRAFT_FILE)
        if raw is None:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, StoreError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from exc
    return Draft.from_json(data)


def write_draft(store: Store, draft: Draft) -> None:
    store.write_blob(DRAFT_FILE, dump_json(draft.to_json()))


def delete_draft(store: Store) -> None:
    try:
        store.delete_blob(DRAFT_FILE)
    except OSError as exc:
        raise StoreError(f"Could not remove {draft_path(store)}: {exc.strerror or exc}.", draft_path(store)) from exc


# ------------------------------------------------------------------- screen
DAY_GROUP = Binding.Group("Day")


class CheckInScreen(IMRScreen[None]):
    CSS_PATH = "checkin.tcss"
    HELP_TOPIC = "checkin"
    WATCHES = frozenset({"checkins"})
    ERROR_BOX = "#day-line"
    AUTO_FOCUS = None  # the first row gets focus once the items are loaded

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="checkin.save", tooltip="Save this check-in"),
        Binding("left_square_bracket", "day(-1)", "Day", id="checkin.day", key_display="[", group=DAY_GROUP,
                tooltip="Check in for the day before"),
        Binding("right_square_bracket", "day(1)", "Day", id="checkin.day_later", key_display="]", group=DAY_GROUP,
                tooltip="Check in for the next day (not past today)"),
        Binding("e", "edit", "Change one", id="checkin.edit",
                tooltip="Change a check-in you already saved on this day"),
        Binding("escape", "back", "Back", id="checkin.back", tooltip="Go back to where you were"),
        Binding("d", "discard", "Throw away", id="checkin.discard", tooltip="Throw away what you typed and go back"),
        Binding("k", "keep", "Keep for later", id="checkin.keep",
                tooltip="Go back; what you typed will be here next time"),
        Binding("c,escape", "stay", "Continue", id="checkin.stay", tooltip="Go back to your check-in"),
        Binding("up", "field(-1)", "Previous", id="checkin.previous", show=False, priority=True,
                tooltip="Go to the question above"),
        Binding("down", "field(1)", "Next", id="checkin.next", show=False, priority=True,
                tooltip="Go to the question below"),
    ]

    def __init__(self, day: date | None = None, checkin_id: str | None = None) -> None:
        super().__init__()
        self.day = min(day, today()) if day else today()
        self._asked_day = day
        self._asked_id = checkin_id
        self._mode = "loading"  # loading | form | pick | confirm | error
        self._items: list[CheckInItem] = []
        self._editing: CheckIn | None = None
        self._hidden_values: dict[str, float] = {}  # values of items now switched off, kept when editing
        self._baseline = FormState()
        self._day_checkins: list[CheckIn] = []
        self._saving = False
        self._leave_on_resume = False
        self._focus_before: Widget | None = None
        # the draft: written by the data service (the newest one wins), a moment after the last change
        self._draft_stopped = False
        self._draft_timer: Timer | None = None
        self._latest: Draft | None = None  # the snapshot at the last change (None: nothing worth keeping)
        self._latest_kept = True  # the snapshot has been handed to the data service

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="day-line")
        yield Static("", id="hint")
        with VerticalScroll(id="form", can_focus=False):
            yield VerticalGroup(id="scales")
            yield ChoiceInput("Medicine", "Did you take your medicine as prescribed?", MEDICATION_CHOICES,
                              id="medication")
            yield Static("Alcohol or drugs", classes="field-label")
            yield Input(placeholder="what and how much, like: beer 2 cans", id="substances", max_length=400)
            yield Static("Tags", classes="field-label")
            yield Input(placeholder="like: work, family", id="tags", max_length=400)
            yield Static("Note", classes="field-label")
            yield Input(placeholder="anything else (Enter saves)", id="note", max_length=10_000)
        with Vertical(id="picker-box"):
            yield Static("", id="picker-title")
            yield OptionList(id="picker")
        yield Static("", id="confirm")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#form").disabled = True
        self.load()

    # ---------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="checkin-load")
    def load(self) -> None:
        store = self.imr.store
        warning = ""
        try:
            items = store.settings().enabled_items()
            try:
                draft = read_draft(store)
            except ValueError as exc:
                draft = None
                warning = f"An unsaved check-in could not be read, so it was left out ({exc})."
            checkin_id = draft.checkin_id if draft else self._asked_id
            editing = None
            if checkin_id:
                near = store.checkins_on(self._asked_day) if self._asked_day and not draft else []
                editing = next((c for c in near if c.id == checkin_id), None) or next(
                    (c for c in store.checkins() if c.id == checkin_id), None)
                if editing is None:
                    warning = "That check-in could not be found (it may have been deleted), so this is a new one."
            day = draft.day if draft else (editing.day if editing else self.day)
            day = min(day, today())
            day_list = store.checkins_on(day)
        except StoreError as exc:
            self.from_thread(self.show_load_error, str(exc))
            return
        self.from_thread(self.show_form, items, draft, editing, day, day_list, warning)

    def show_load_error(self, message: str) -> None:
        self._mode = "error"
        self.show_error(f"The check-in cannot open: {message}", "Could not be read")
        self.refresh_bindings()

    def reload(self, change: Change) -> None:
        """A check-in saved elsewhere: the day line counts it; what is typed on screen is never touched."""
        if self._mode != "form":
            return
        self.load_day(self.day, False)
        if change.outside and self._dirty():
            self.notify("A check-in was saved somewhere else. What you typed here is kept.", title="New data")

    def show_form(self, items: list[CheckInItem], draft: Draft | None, editing: CheckIn | None, day: date,
                  day_list: list[CheckIn], warning: str) -> None:
        self._items = items
        self.day = day
        self._day_checkins = day_list
        self._set_editing(editing)
        state = draft.state if draft else self._baseline
        rows = [ScaleInput(i.label, i.question, low=i.low, high=i.high, step=i.step, worse=i.worse.value, unit=i.unit,
                           low_label=i.low_label, high_label=i.high_label, value=state.values.get(i.id),
                           id=f"item-{i.id}") for i in items]
        self.query_one("#scales").mount_all(rows)
        self.query_one("#form").disabled = False
        self._apply_state(state)
        self._mode = "form"
        self._update_day_line()
        self.call_after_refresh(self._focus_first)
        if draft:
            when = f"{draft.saved_at:%H:%M}" if draft.saved_at.date() == today() else \
                f"{short_day(draft.saved_at.date())}, {draft.saved_at:%H:%M}"
            self.notify(f"Your unsaved check-in from {when} was restored.")
        if warning:
            self.notify(warning, severity="warning", markup=False)

    def _set_editing(self, checkin: CheckIn | None) -> None:
        self._editing = checkin
        shown = {i.id for i in self._items}
        self._hidden_values = {k: v for k, v in checkin.values.items() if k not in shown} if checkin else {}
        self._baseline = FormState.of(checkin, self._items) if checkin else FormState()

    def _focus_first(self) -> None:
        rows = self.query(ScaleInput)
        (rows.first() if rows else self.query_one("#medication")).focus()

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
        if self._mode in ("loading", "error"):
            return False
        if self._editing is None:
            return self._state() != FormState()
        return self._state() != self._baseline or self.day != self._editing.day

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
            text = Content.from_markup("Check-in for [b]$today$day[/b] (time: $when)",
                                       today="today, " if is_today else "", day=short_day(self.day),
                                       when="now" if is_today else "12:00")
        n = len(self._day_checkins)
        if n:
            text += Content.from_markup("  [dim]$n saved: [b]e[/b] to change one[/dim]", n=n)
        line.update(text)
        self.refresh_bindings()

    # ------------------------------------------------------------- the draft
    def _changed(self) -> None:
        """Something on screen changed: note what to keep, and write it within DRAFT_DELAY_S."""
        if self._mode not in ("form", "pick", "confirm") or self._draft_stopped:
            return
        self._latest = self._draft_now()
        self._latest_kept = False
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY_S, self._flush_draft)

    def _draft_now(self) -> Draft | None:
        """The draft to keep now (None: nothing worth keeping)."""
        if not self._dirty():
            return None
        return Draft(state=self._state(), day=self.day, checkin_id=self._editing.id if self._editing else None,
                     saved_at=clock.now())

    def _flush_draft(self) -> None:
        self._draft_timer = None
        if not self._draft_stopped:
            self._keep_draft(self._latest)

    def _keep_draft(self, draft: Draft | None) -> threading.Event | None:
        """Hand the draft (None: remove it) to the data service; a newer draft replaces one not yet written."""
        data = None if draft is None else dump_json(draft.to_json())
        self._latest_kept = True
        try:
            return self.imr.data.save_blob(DRAFT_FILE, data, on_error=lambda m: self.imr.notify(
                f"What you typed could not be kept as a draft: {m}", severity="warning", markup=False))
        except RuntimeError:  # the data service has closed (the app is going): write it here and now
            with suppress(StoreError, OSError):
                write_draft(self.imr.store, draft) if draft is not None else delete_draft(self.imr.store)
            return None

    def _stop_draft(self) -> None:
        self._draft_stopped = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _remove_draft_now(self) -> None:
        self._keep_draft(None)

    def on_unmount(self) -> None:
        """The app is closing (or the screen went away) with answers not saved: keep them for next time.

        The widgets are gone by now, so this keeps the snapshot taken at the last change.
        """
        if self._draft_stopped or self._latest_kept:
            return
        self._stop_draft()
        self._keep_draft(self._latest)

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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((c for c in self._day_checkins if c.id == event.option.id), None)
        if chosen is None:
            return
        self._set_editing(chosen)
        self.day = chosen.day
        self._apply_state(self._baseline)
        self._close_picker()
        self._focus_first()
        self._update_day_line()
        self.notify(f"Changing the check-in from {chosen.at:%H:%M}.")

    # -------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("discard", "keep", "stay"):
            return self._mode == "confirm"
        if action == "back":
            return self._mode != "confirm"
        if action in ("save", "day", "edit", "field"):
            if self._mode != "form":
                return False
            typing = isinstance(self.focused, Input)
            if action in ("day", "edit") and typing:
                return False  # these keys type into the text box, so do not offer them
            if action == "edit" and not self._day_checkins:
                return False
        return True

    def action_field(self, direction: int) -> None:
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

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
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Could not be read")
            return
        self.from_thread(self.got_day, day, found, pick)

    def got_day(self, day: date, found: list[CheckIn], pick: bool) -> None:
        if day != self.day or self._mode != "form":
            return
        self._day_checkins = found
        self._update_day_line()
        if pick:
            if found:
                self._open_picker()
            else:
                self.notify(f"Nothing is saved on {short_day(day)} yet.")

    def _open_picker(self) -> None:
        items = {i.id: i for i in self._items}
        picker = self.query_one("#picker", OptionList)
        picker.clear_options()
        for c in self._day_checkins:
            values = ", ".join(items[k].reading(v) if k in items else f"{k} {number(v)}" for k, v in c.values.items())
            note = c.note.splitlines()[0][:40] if c.note else ""
            prompt = Content.assemble((f"{c.at:%H:%M}", "bold"), "  ", values or "no numbers",
                                      ("  " + note if note else "", "italic"))
            picker.add_option(Option(prompt, id=c.id))
        title = "Pick the check-in to change and press Enter. Escape goes back."
        if self._dirty():
            title += " What you typed here will be replaced."
        self.query_one("#picker-title", Static).update(Content(title))
        self._focus_before = self.focused
        self._mode = "pick"
        self.add_class("-picking")
        picker.highlighted = 0
        picker.focus()
        self.refresh_bindings()

    def _close_picker(self) -> None:
        self.remove_class("-picking")
        self._mode = "form"
        self.refresh_bindings()

    def action_back(self) -> None:
        if self._mode == "pick":
            self._close_picker()
            if self._focus_before is not None and self._focus_before.is_attached:
                self._focus_before.focus()
            else:
                self._focus_first()
            return
        if self._dirty():
            self._focus_before = self.focused
            self._mode = "confirm"
            self.set_focus(None)
            self.query_one("#form").disabled = True  # nothing to type into while the question is open
            self.query_one("#confirm", Static).update(Content.from_markup(
                "[b]Leave without saving?[/b]\n"
                "[b]d[/b] throw it away   [b]k[/b] keep it for next time   [b]c[/b] or [b]Esc[/b] go back to it"))
            self.add_class("-confirming")
            self.refresh_bindings()
            return
        self._stop_draft()
        if self._mode == "form":
            self._remove_draft_now()
        self._leave()

    def action_stay(self) -> None:
        self._mode = "form"
        self.query_one("#form").disabled = False
        self.remove_class("-confirming")
        if self._focus_before is not None and self._focus_before.is_attached:
            self._focus_before.focus()
        else:
            self._focus_first()
        self.refresh_bindings()

    def action_discard(self) -> None:
        self._stop_draft()
        self._remove_draft_now()
        self.notify("Your check-in was thrown away.")
        self._leave()

    def action_keep(self) -> None:
        self._stop_draft()
        self._keep_draft(self._draft_now())  # an error is shown by the data service
        self.notify("Kept for later: it will be here when you check in next time.")
        self._leave()

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
        if self._mode != "form" or self._saving:
            return
        try:
            checkin = self._build_checkin()
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if checkin is None:
            self.notify("Nothing to save yet: answer at least one question.", severity="warning")
            return
        self._saving = True
        self._stop_draft()
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
        self._saving = False
        self._draft_stopped = False
        self._changed()
        self.notify(message, severity="error", title="Not saved", timeout=15, markup=False)

    def saved(self, warning: str) -> None:
        self._saving = False
        self.notify("Saved")
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self._leave()
