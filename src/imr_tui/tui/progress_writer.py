"""Saving answers as the person goes, off the main thread, where the newest answers always win.

Used by the self-check and the questionnaires: each answer saves the whole entry again (so a
closed terminal loses nothing); saves run in app workers (they finish even if the screen closes),
one at a time under a lock, and a save whose entry is older than one already written is skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from imr_tui.domain.lists import upsert as upsert  # the screens' writers put entries with it

if TYPE_CHECKING:
    from imr_tui.domain.progress import Progress
    from imr_tui.tui.app import IMRApp

T = TypeVar("T")


class ProgressWriter(Generic[T]):
    """Writes the newest entry into one list of progress.json (e.g. self_checks)."""

    def __init__(self, app: IMRApp, group: str, put: Callable[[Progress, T], None],
                 on_saved: Callable[[], None] | None = None):
        self.app = app
        self.group = group
        self.put = put  # puts the entry into progress (usually with upsert)
        self.on_saved = on_saved  # called on the main thread after a save
        self.saved: T | None = None  # the entry last written (or found on disk)
        self._pending: T | None = None
        self._lock = threading.Lock()

    def submit(self, entry: T | None) -> None:
        if entry is None:
            return
        self._pending = entry
        self.app.run_worker(self._write, thread=True, group=self.group, exit_on_error=False)

    def _write(self) -> None:
        from imr_tui.store.files import StoreError

        with self._lock:
            entry = self._pending
            if entry is None or entry == self.saved:
                return

            def change(progress: Progress) -> Progress:
                self.put(progress, entry)
                return progress

            try:
                self.app.store.update_progress(change)
            except (StoreError, ValueError) as exc:
                self.app.call_from_thread(self.app.notify, f"Your answer could not be saved: {exc}",
                                          severity="error", markup=False)
                return
            self.saved = entry
        if self.on_saved is not None:
            self.app.call_from_thread(self.on_saved)
