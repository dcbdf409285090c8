"""The unsaved check-in: what the form holds, the draft file, and the keeper that writes it.

Half-typed answers are never written into the store (a half check-in would spoil the day's summary).
They go to a draft, draft-checkin.json in the data folder (private like the data, encrypted when it
is), through the data service, at most every DRAFT_DELAY_S seconds; the newest draft wins. The draft
comes back the next time the check-in opens. Saving, or leaving and choosing "throw away", removes it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.checkin_text import format_substances
from imr_tui.store.files import StoreError, dump_json

if TYPE_CHECKING:
    from textual.timer import Timer

    from imr_tui.store.store import Store
    from imr_tui.tui.screens.base import IMRScreen

DRAFT_FILE = "draft-checkin.json"
DRAFT_DELAY_S = 0.5


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

    def filled_from(self, earlier: FormState) -> FormState:
        """"Same as last time": the numbers and the medicine answer of `earlier` where this form has none.
        What is already answered stays; the texts (alcohol or drugs, tags, note) are about one day only."""
        return FormState(values={**earlier.values, **self.values}, medication=self.medication or earlier.medication,
                         substances=self.substances, tags=self.tags, note=self.note)

    def only_items(self, item_ids: set[str]) -> bool:
        """True when nothing is filled in beyond these items (a quick check-in can show it all)."""
        return set(self.values) <= item_ids and not (self.medication or self.substances or self.tags or self.note)


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
        clean = {str(k): float(v) for k, v in values.items()
                 if isinstance(v, int | float) and not isinstance(v, bool) and abs(v) < 1e9}  # a number on a scale
        medication = data.get("medication")
        if not isinstance(medication, str) or medication not in {m.value for m in Medication}:
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


class DraftKeeper:
    """Keeps the screen's draft: a moment after the last change, and once more when the screen goes.

    `snapshot()` gives the draft to keep now (None: nothing worth keeping, the draft is removed).
    """

    def __init__(self, screen: IMRScreen[Any], snapshot: Callable[[], Draft | None]) -> None:
        self.screen = screen
        self.snapshot = snapshot
        self.stopped = False
        self._timer: Timer | None = None
        self._latest: Draft | None = None  # the snapshot at the last change
        self._kept = True  # the latest snapshot has been handed to the data service

    def changed(self) -> None:
        """Something on screen changed: note what to keep, and write it within DRAFT_DELAY_S."""
        if self.stopped:
            return
        self._latest = self.snapshot()
        self._kept = False
        if self._timer is None:
            self._timer = self.screen.set_timer(DRAFT_DELAY_S, self._flush)

    def _flush(self) -> None:
        self._timer = None
        if not self.stopped:
            self.keep(self._latest)

    def keep(self, draft: Draft | None) -> threading.Event:
        """Hand the draft (None: remove it) to the data service; a newer draft replaces one not yet written."""
        app = self.screen.imr
        data = None if draft is None else dump_json(draft.to_json())
        self._kept = True
        return app.data.save_blob(DRAFT_FILE, data, on_error=lambda m: app.notify(
            f"What you typed could not be kept as a draft: {m}", severity="warning", markup=False))

    def stop(self) -> None:
        """No more drafts (saving, or leaving)."""
        self.stopped = True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def restart(self) -> None:
        """Drafts again (a save that failed)."""
        self.stopped = False
        self.changed()

    def keep_now(self) -> None:
        """Stop, and keep what is on screen now."""
        self.stop()
        self.keep(self.snapshot())

    def remove_now(self) -> None:
        """Stop, and remove the draft."""
        self.stop()
        self.keep(None)

    def closing(self) -> None:
        """The screen went away (the app is closing) with a change not yet kept: keep the last snapshot.
        The widgets are gone by now, so this keeps the snapshot taken at the last change."""
        if self.stopped or self._kept:
            return
        self.stop()
        self.keep(self._latest)
