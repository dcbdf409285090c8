"""The data service: the one way the TUI writes, and how every screen learns that data changed.

- Every write of every screen goes through `DataService.submit` (or one of its shortcuts). Jobs
  run one at a time, first in first out, on one writer thread, so two quick changes never undo
  each other. A job with a `key` (a draft) that has not started yet is replaced by a newer one
  with the same key: the newest draft wins and an old one is never written after it.
- After every job, and whenever a data file changes on disk from another process (a shell
  check-in, a sync tool, an import), the service posts `DataChanged` to every screen on the
  stack. Outside changes are noticed by polling file stats once a second (`watch_interval`):
  cheap even at ten years of files, and it needs no extra dependency.
- Callbacks (`on_done`, `on_error`) run on the main thread, through a message to the app, so a
  worker thread never touches a widget.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

    from imr_tui.domain.checkin import CheckIn
    from imr_tui.domain.coping import CopingUse
    from imr_tui.domain.profile import Profile, RelapsePlanBody
    from imr_tui.domain.progress import Progress
    from imr_tui.domain.settings import Settings
    from imr_tui.store.store import Store

WATCH_INTERVAL_S = 1.0
Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class Change:
    """What changed: months of check-ins and coping uses ("2026-11"), and the three small files."""

    checkins: frozenset[str] = frozenset()
    coping: frozenset[str] = frozenset()
    profile: bool = False
    progress: bool = False
    settings: bool = False
    outside: bool = False  # noticed on disk, written by another process

    AREAS = ("checkins", "coping", "profile", "progress", "settings")

    @property
    def areas(self) -> frozenset[str]:
        return frozenset(a for a in self.AREAS if getattr(self, a))

    def touches(self, areas: Iterable[str]) -> bool:
        return bool(self.areas & set(areas))

    def __bool__(self) -> bool:
        return bool(self.areas)

    def __or__(self, other: Change) -> Change:
        return Change(self.checkins | other.checkins, self.coping | other.coping, self.profile or other.profile,
                      self.progress or other.progress, self.settings or other.settings, self.outside or other.outside)

    def describe(self) -> str:
        """Plain words for a notice: "check-ins (2026-11), your plan and goals"."""
        words = {"profile": "your plan, goals and coping", "progress": "your lessons and progress",
                 "settings": "your settings"}
        parts = []
        if self.checkins:
            parts.append(f"check-ins ({', '.join(sorted(self.checkins))})")
        if self.coping:
            parts.append(f"coping uses ({', '.join(sorted(self.coping))})")
        parts += [w for a, w in words.items() if getattr(self, a)]
        return ", ".join(parts)


class DataChanged(Message):
    """Posted to every screen on the stack after a save or an outside change."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class DataDelivery(Message):
    """Posted to the app from the writer or watcher thread: run callbacks and announce a change."""

    def __init__(self, calls: list[Callable[[], None]], change: Change) -> None:
        super().__init__()
        self.calls = calls
        self.change = change


@dataclass
class _Job:
    run: Callable[[Store], Any]
    key: str | None
    what: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[str], None] | None
    done: threading.Event = field(default_factory=threading.Event)


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class DataService:
    """Owned by the App (`app.data`). See the module docstring."""

    def __init__(self, app: App[Any], store: Store, *, watch_interval: float = WATCH_INTERVAL_S) -> None:
        self.app = app
        self.store = store
        self.watch_interval = watch_interval
        self._queue: deque[_Job] = deque()
        self._cond = threading.Condition()
        self._closing = False
        self._busy = False
        self._stamps: dict[str, Stamp] = {}
        self._stamps_lock = threading.Lock()
        self._writer: threading.Thread | None = None
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    # ---------------------------------------------------------------- life
    def start(self, *, watch: bool = True) -> None:
        with self._stamps_lock:
            self._stamps = self._scan()
        self._writer = threading.Thread(target=self._write_loop, name="imr-data-writer", daemon=True)
        self._writer.start()
        if watch and self.watch_interval > 0:
            self._watcher = threading.Thread(target=self._watch_loop, name="imr-data-watcher", daemon=True)
            self._watcher.start()

    def close(self, timeout: float = 10.0) -> bool:
        """Finish every job already submitted (so quitting never loses a save), then stop. True if all ran."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._stop.set()
        if self._writer is not None:
            self._writer.join(timeout)
            return not self._writer.is_alive()
        return True

    def first_start(self) -> bool:
        """An empty data folder whose welcome was never finished or skipped (domain.settings.needs_welcome)."""
        if self.store.holds_data():  # a few stat calls: an existing folder imports no pydantic before the first paint
            return False
        from imr_tui.domain.settings import needs_welcome
        from imr_tui.store.files import StoreError

        try:
            return needs_welcome(self.store.settings(), holds_data=False)
        except StoreError:
            return False  # Home shows the problem

    def idle(self) -> bool:
        """No job waiting or running (tests wait for this instead of sleeping)."""
        with self._cond:
            return not self._queue and not self._busy

    # -------------------------------------------------------------- writing
    def submit(self, run: Callable[[Store], Any], *, what: str, key: str | None = None,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None) -> threading.Event:
        """Queue one write. `what` names it in an error ("your goal could not be saved: ...").

        With `key`, a job with the same key that has not started yet is replaced by this one.
        The returned event is set when the job has run (or was replaced).
        """
        job = _Job(run, key, what, on_done, on_error)
        with self._cond:
            if self._closing:
                raise RuntimeError("the data service is closed")
            if key is not None:
                for i, old in enumerate(self._queue):
                    if old.key == key:
                        self._queue[i] = job  # keeps its place in the line: newest wins
                        old.done.set()
                        break
                else:
                    self._queue.append(job)
            else:
                self._queue.append(job)
            self._cond.notify_all()
        return job.done

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closing:
                    self._cond.wait()
                if not self._queue:
                    return
                job = self._queue.popleft()
                self._busy = True
            try:
                self._run(job)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
                job.done.set()

    def _run(self, job: _Job) -> None:
        from imr_tui.store.files import StoreError

        calls: list[Callable[[], None]] = []
        try:
            result = job.run(self.store)
        except (StoreError, ValueError, OSError) as exc:
            message = f"{job.what[:1].upper()}{job.what[1:]} could not be saved: {exc}"
            calls.append(lambda: (job.on_error or self._notify_error)(message))
        else:
            if job.on_done is not None:
                done = job.on_done
                calls.append(lambda: done(result))
        self._deliver(calls, self.poll(outside=False))

    def _notify_error(self, message: str) -> None:
        self.app.notify(message, severity="error", title="Not saved", markup=False, timeout=10)

    def _deliver(self, calls: list[Callable[[], None]], change: Change) -> None:
        if not calls and not change:
            return
        with contextlib.suppress(Exception):  # the app is closing: the data is saved, nobody is left to tell
            self.app.post_message(DataDelivery(calls, change))

    def handle(self, message: DataDelivery) -> None:
        """Called by the App on the main thread."""
        for call in message.calls:
            call()
        if message.change:
            for screen in list(self.app.screen_stack):
                screen.post_message(DataChanged(message.change))

    # -- shortcuts, one per store write (each runs on the writer thread)
    def update_profile(self, change: Callable[[Profile], Profile | None], *, what: str = "your change",
                       on_done: Callable[[Profile], None] | None = None,
                       on_error: Callable[[str], None] | None = None) -> threading.Event:
        return self.submit(lambda s: s.update_profile(change), what=what, on_done=on_done, on_error=on_error)

    def update_progress(self, change: Callable[[Progress], Progress | None], *, what: str = "your progress",
                        key: str | None = None, then_profile: Callable[[Profile], Profile | None] | None = None,
                        then_plan: Callable[[RelapsePlanBody], RelapsePlanBody | None] | None = None,
                        on_done: Callable[[Progress], None] | None = None,
                        on_error: Callable[[str], None] | None = None) -> threading.Event:
        """Change the progress; with `then_profile` or `then_plan`, change that too in the same job, after it
        (an answer that also fills the plan, a slip written into the plan)."""
        def run(s: Store) -> Progress:
            progress = s.update_progress(change)
            if then_profile is not None:
                s.update_profile(then_profile)
            if then_plan is not None:
                s.update_plan(then_plan)
            return progress

        return self.submit(run, what=what, key=key, on_done=on_done, on_error=on_error)

    def update_settings(self, change: Callable[[Settings], Settings | None], *, what: str = "your settings",
                        on_done: Callable[[Settings], None] | None = None,
                        on_error: Callable[[str], None] | None = None) -> threading.Event:
        return self.submit(lambda s: s.update_settings(change), what=what, on_done=on_done, on_error=on_error)

    def update_plan(self, change: Callable[[RelapsePlanBody], RelapsePlanBody | None], *, what: str = "your plan",
                    on_done: Callable[[Profile], None] | None = None,
                    on_error: Callable[[str], None] | None = None) -> threading.Event:
        return self.submit(lambda s: s.update_plan(change), what=what, on_done=on_done, on_error=on_error)

    def save_checkin(self, checkin: CheckIn, *, new: bool, on_done: Callable[[CheckIn], None] | None = None,
                     on_error: Callable[[str], None] | None = None) -> threading.Event:
        def run(s: Store) -> CheckIn:
            return s.add_checkin(checkin) if new else s.update_checkin(checkin)

        return self.submit(run, what="your check-in", on_done=on_done, on_error=on_error)

    def add_coping_use(self, use: CopingUse, *, on_done: Callable[[CopingUse], None] | None = None,
                       on_error: Callable[[str], None] | None = None) -> threading.Event:
        return self.submit(lambda s: s.add_coping_use(use), what="your coping log", on_done=on_done,
                           on_error=on_error)

    def save_blob(self, name: str, data: bytes | None, *, on_error: Callable[[str], None] | None = None
                  ) -> threading.Event:
        """Write (or with None delete) a small private file such as a draft; the newest one wins. Once the
        service has closed (the app is going), it is written at once, on this thread, and a problem ignored."""
        from imr_tui.store.files import StoreError

        def run(s: Store) -> None:
            if data is None:
                s.delete_blob(name)
            else:
                s.write_blob(name, data)

        try:
            return self.submit(run, what="your draft", key=f"blob:{name}", on_error=on_error)
        except RuntimeError:  # closed: the writer thread has finished, so nothing else writes now
            with contextlib.suppress(StoreError, OSError):
                run(self.store)
            done = threading.Event()
            done.set()
            return done

    # ------------------------------------------------------------- watching
    def _paths(self) -> list[str]:
        s = self.store
        paths = [str(s.manifest_path), str(s.profile_path), str(s.progress_path)]
        for folder in (s.checkins_dir, s.coping_dir):
            try:
                with os.scandir(folder) as it:
                    paths.extend(e.path for e in it if s.is_month_file(e.name))
            except OSError:
                continue
        return paths

    def _scan(self) -> dict[str, Stamp]:
        stamps = {}
        for p in self._paths():
            st = _stamp(p)
            if st is not None:
                stamps[p] = st
        return stamps

    def _area(self, path: str) -> Change:
        s = self.store
        if path == str(s.manifest_path):
            return Change(settings=True)
        if path == str(s.profile_path):
            return Change(profile=True)
        if path == str(s.progress_path):
            return Change(progress=True)
        p = Path(path)
        month = frozenset({p.name[:7]})
        return Change(checkins=month) if p.parent == s.checkins_dir else Change(coping=month)

    def poll(self, *, outside: bool = True) -> Change:
        """Compare file stats with the last look; what differs is a change (thread-safe)."""
        with self._stamps_lock:
            new = self._scan()
            old = self._stamps
            self._stamps = new
        change = Change()
        for path in set(old) | set(new):
            if old.get(path) != new.get(path):
                change |= self._area(path)
        if change and outside:
            change |= Change(outside=True)
        return change

    def _watch_loop(self) -> None:
        from imr_tui.store.sync import waiting

        while not self._stop.wait(self.watch_interval):
            if waiting(self.store):  # a conflict copy from a sync tool: merge it (docs/sync.md)
                self.submit(lambda s: s.sync_conflicts(), what="a copy from another computer")
            with self._cond:
                if self._busy:  # our own save: the writer reports it when it is done
                    continue
            change = self.poll()
            if change:
                self._deliver([], change)
