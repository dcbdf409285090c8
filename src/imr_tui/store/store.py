"""The local JSON store. See docs/store.md for the layout and its promises.

    manifest.json          schema_version, created, settings (theme, country, check-in items)
    profile.json           goals, relapse prevention plan (+history), triggers, strategies, supporters
    progress.json          lessons, answers, home practice, self-checks, questionnaires
    checkins/YYYY-MM.json  one file a month: saving one check-in costs the same after ten years
    coping/YYYY-MM.json    uses of coping strategies, one file a month
    backups/               rotating snapshots, and one before every migration
    quarantine/            bad files moved aside by a restore (never deleted)
    .lock                  one writer at a time (fcntl.flock on POSIX, filelock on Windows), for one
                           read-modify-write only

Every read goes to the disk (with a cache keyed on inode, size and mtime), so changes made
by another process, such as `imr-tui checkin` while the TUI is open, are always seen and a
write never replaces a newer file with an older copy held in memory.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from imr_tui.store import journal
from imr_tui.store.crypto import IDENTITY, MARKER, Codec, Plain, is_encrypted, unlock
from imr_tui.store.files import (
    CorruptFileError,
    InvalidDataError,
    NewerVersionError,
    StoreError,
    StoreLockedError,
    atomic_write_bytes,
    clean_temp_files,
    describe_os_error,
    dump_entries_json,
    dump_json,
    dump_line,
    ensure_private_dir,
    lexists,
    odd_kind,
    parse_json,
    read_bytes,
    shown,
)

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn, CheckInItem
    from imr_tui.domain.coping import CopingUse
    from imr_tui.domain.profile import Profile, RelapsePlanBody
    from imr_tui.domain.progress import Progress
    from imr_tui.domain.settings import Settings

SCHEMA_VERSION = 1


class PassphraseNeededError(StoreError):
    exit_code = 1


LOCK_TIMEOUT_S = 5.0
CACHE_FILES = 40  # parsed files kept in memory: a year of check-ins and coping, plus the small files
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.json(\.age)?$")
ENVELOPE_KEYS = ("schema_version", "kind", "revisions", "sync_choices")  # the last two: store/sync.py
# names that make a folder an imr-tui data folder (maybe a damaged one): anything else is someone else's folder
DATA_NAMES = frozenset({"manifest.json", "manifest.json.age", MARKER, IDENTITY, "data.json", "profile.json",
                        "profile.json.age", "progress.json", "progress.json.age", "draft-checkin.json",
                        "draft-checkin.json.age", "checkins", "coping", "backups", "quarantine", ".lock",
                        journal.JOURNAL})

T = TypeVar("T")


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def _stamp_revisions(kind: str, old: dict[str, Any], new: dict[str, Any], seen: dict[str, Any]) -> dict[str, Any]:
    from imr_tui.store.sync import stamp_revisions

    return stamp_revisions(kind, old, new, seen)


def _carry_history(store: Store, old_path: Path | None, new: dict[str, Any]) -> dict[str, Any]:
    from imr_tui.store.sync import carry_history

    return carry_history(store._month_list(old_path, "checkins"), new) if old_path else new


def _first_problem(exc: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        return (f"{where}: " if where else "") + str(err["msg"])
    return str(exc)


def folder_state(root: Path) -> str:
    """What `root` is: "missing", "not a folder", "empty", "data" (an imr-tui data folder, maybe damaged) or
    "other" (a folder holding something else). Only looks (stat and one listing): never creates anything."""
    try:
        if not root.is_dir():
            return "not a folder" if lexists(root) else "missing"
    except NotADirectoryError:
        return "missing"
    names = set(os.listdir(root))
    if not names:
        return "empty"
    return "data" if names & DATA_NAMES else "other"


class Store:
    """One person's data folder. Create with `Store.open(path)`."""

    def __init__(self, root: Path, *, lock_timeout: float = LOCK_TIMEOUT_S, codec: Codec | None = None):
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.codec: Codec = codec or Plain()
        self._lock: Any = None
        self._cache: dict[Path, tuple[tuple[int, int, int], Any]] = {}
        self.sync_notes: list[str] = []  # what opening did with sync conflict copies (docs/sync.md)
        self.finished: list[str] = []  # what was left half-done by a killed imr-tui and finished by this Store
        self._good: dict[Path, tuple[int, int, int]] = {}  # month files this Store checked or wrote whole (see _append)
        self._mutex = threading.Lock()  # guards _cache, _good and the creation of _lock: a Store may be used from threads

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, root: Path, *, create: bool = True, lock_timeout: float = LOCK_TIMEOUT_S,
             passphrase: Callable[[], str] | None = None, repair: bool = False) -> Store:
        """Open a data folder. With `create` (commands that save), a missing or empty folder becomes a new data
        folder and an older one is migrated after a backup. Without it (commands that only read, and the repair
        commands), nothing is created or changed, and a folder that is not a data folder is a StoreError.

        Either way a change stopped half-way (a restore, an import, encrypt, decrypt) is finished first, and in an
        encrypted folder plaintext temp files are removed first (docs/store.md, "Repairs"). With `repair`
        (restore, verify), a damaged or missing manifest is not an error: it is one of the files to repair.

        An encrypted folder needs `passphrase` (called once). Raises NewerVersionError for a folder written by a
        newer imr-tui, WrongPassphraseError, PassphraseNeededError, StoreError otherwise (never OSError).
        """
        try:
            return cls._open(Path(root), create, lock_timeout, passphrase, repair)
        except OSError as exc:
            raise StoreError(f"Cannot use {shown(root)} as the data folder: {describe_os_error(exc)}.", Path(root),
                             "Nothing was changed.") from exc

    @classmethod
    def _open(cls, root: Path, create: bool, lock_timeout: float, passphrase: Callable[[], str] | None,
              repair: bool) -> Store:
        store = cls(root, lock_timeout=lock_timeout)
        state = folder_state(root)
        check = "Nothing was changed. Check --home (or IMR_TUI_HOME)."
        if state == "missing":
            if not create:
                raise StoreError(f"No imr-tui data folder at {root}.", root)
            ensure_private_dir(root)
        elif state == "not a folder":
            raise StoreError(f"{root} is {odd_kind(root) or 'a file'}, not a folder: imr-tui needs a folder for its "
                             "data.", root, check)
        elif state == "other":
            raise StoreError(f"{root} is not an imr-tui data folder: it holds other files and no manifest.json.",
                             root, check + " For new data, choose a new or empty folder.")
        elif state == "empty" and not create:
            raise StoreError(f"{root} is an empty folder, not an imr-tui data folder.", root, check)
        if is_encrypted(root):
            if passphrase is None:
                raise PassphraseNeededError(f"{root} is encrypted: a passphrase is needed.", root)
            store.codec = unlock(root, passphrase())
        store.finish_interrupted()
        if not lexists(store.manifest_path):
            from imr_tui.store import migrations

            if create:
                store._first_manifest()
            elif migrations.needs_v0_migration(root):
                raise StoreError(f"{root} holds data of an older imr-tui (data.json) that is not updated yet.", root,
                                 "Nothing was changed. Open it once with 'imr-tui' to update it.")
            elif not repair:
                raise CorruptFileError(f"{store.manifest_path} is missing.", store.manifest_path)
            else:
                return store  # restore or verify of a folder whose manifest is gone: nothing to merge into yet
        try:
            store._check_version(store.manifest_path, store._raw(store.manifest_path))
        except CorruptFileError:
            if not repair:
                raise
            return store  # a damaged manifest is one of the files to repair: sync copies wait until it is good
        store.sync_notes = store.sync_conflicts()
        return store

    def sync_conflicts(self) -> list[str]:
        """Merge the conflict copies sync tools left (store/sync.py); one line for each copy found."""
        from imr_tui.store.sync import settle

        return settle(self)

    def _first_manifest(self) -> None:
        from imr_tui.domain.settings import Settings
        from imr_tui.store import migrations

        with self.writing():
            if migrations.needs_v0_migration(self.root):
                migrations.migrate_v0(self)
            elif not lexists(self.manifest_path):
                self._write_envelope(self.manifest_path, "manifest", {"created": _now().isoformat(),
                                                                      "settings": Settings().model_dump(mode="json")})

    def finish_interrupted(self) -> None:
        """Finish what a killed imr-tui left half-done: a journal (restore, import), an encrypt or a decrypt, and
        remove plaintext temp files from an encrypted folder. Takes the lock only when there is work to do."""
        if journal.pending(self.root):
            with self.writing():  # writing() finishes the journal
                pass
        if self.encrypted or lexists(self.root / IDENTITY):
            from imr_tui.store.encryption import finish_interrupted

            done = finish_interrupted(self)
            if done:
                self.finished.append(done)

    # ------------------------------------------------------------------ paths
    @property
    def encrypted(self) -> bool:
        return bool(self.codec.suffix)

    @property
    def manifest_path(self) -> Path:
        return self.root / f"manifest.json{self.codec.suffix}"

    @property
    def profile_path(self) -> Path:
        return self.root / f"profile.json{self.codec.suffix}"

    @property
    def progress_path(self) -> Path:
        return self.root / f"progress.json{self.codec.suffix}"

    @property
    def checkins_dir(self) -> Path:
        return self.root / "checkins"

    @property
    def coping_dir(self) -> Path:
        return self.root / "coping"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    def month_path(self, folder: Path, month: str) -> Path:
        return folder / f"{month}.json{self.codec.suffix}"

    def is_month_file(self, name: str) -> bool:
        """A month file of this store ("2026-11.json", or ".json.age" when encrypted)."""
        match = MONTH_FILE.match(name)
        return bool(match) and (match.group(3) or "") == self.codec.suffix  # type: ignore[union-attr]

    def data_files(self) -> list[Path]:
        """Every data file of the store (not backups, not quarantine, not temp files). Something that is not an
        ordinary file but has a data file's name (a pipe, a link) is listed too: reading it reports what it is."""
        files = [p for p in (self.manifest_path, self.profile_path, self.progress_path) if lexists(p)]
        for folder in (self.checkins_dir, self.coping_dir):
            if folder.is_dir():
                files.extend(sorted(p for p in folder.iterdir() if self.is_month_file(p.name)))
        return files

    def holds_data(self) -> bool:
        """True once the folder holds anything besides its settings: check-ins, coping uses, the profile
        (goals, plan) or progress. Only looks at which files exist (cheap at start-up)."""
        return any(p != self.manifest_path for p in self.data_files())

    # ---------------------------------------------------------------- locking
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock for one read-modify-write. Waits up to `lock_timeout` seconds. The outermost hold
        first finishes a change another imr-tui left half-done (see journal.py)."""
        from imr_tui.store.lock import LockTimeout, StoreLock

        ensure_private_dir(self.root)
        with self._mutex:
            if self._lock is None:
                self._lock = StoreLock(self.root / ".lock")
        try:
            self._lock.acquire(timeout=self.lock_timeout)
        except LockTimeout:
            raise StoreLockedError(
                f"Another imr-tui is saving to {self.root} and has not finished after {self.lock_timeout:g} seconds.",
                self.root,
                "Nothing was saved. Close the other imr-tui or wait a moment, then try again.",
            ) from None
        except OSError as exc:
            lock = self.root / ".lock"
            kind = odd_kind(lock)
            raise StoreError(f"Cannot use the lock file {lock}: {f'it is {kind}' if kind else describe_os_error(exc)}.",
                             lock, "Nothing was saved. Remove it (imr-tui makes a new one), then try again.") from exc
        try:
            if self._lock.depth == 1:
                self._first_hold()
            yield
        finally:
            self._lock.release()

    def _first_hold(self) -> None:
        if bool(self.codec.suffix) != is_encrypted(self.root):
            raise StoreError(f"Encryption of {self.root} was turned {'off' if self.encrypted else 'on'} by another "
                             "imr-tui since this one opened it.", self.root,
                             "Nothing was saved. Close imr-tui and open it again.")
        if journal.pending(self.root):
            self.finished.append(journal.recover(self.root) or "a change")
            self.invalidate()

    # ------------------------------------------------------------- raw files
    def read_file(self, path: Path) -> bytes:
        """A data file's bytes, decrypted when the folder is encrypted."""
        return self.codec.decode(path, read_bytes(path))

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a data file atomically; encrypted in memory first when the folder is encrypted."""
        atomic_write_bytes(path, self.codec.encode(data))
        self.invalidate(path)

    # small private files such as the check-in draft: encrypted like everything else
    def blob_path(self, name: str) -> Path:
        return self.root / f"{name}{self.codec.suffix}"

    def read_blob(self, name: str) -> bytes | None:
        path = self.blob_path(name)
        return self.read_file(path) if lexists(path) else None

    def write_blob(self, name: str, data: bytes) -> None:
        ensure_private_dir(self.root)
        self.write_file(self.blob_path(name), data)

    def delete_blob(self, name: str) -> None:
        self.blob_path(name).unlink(missing_ok=True)

    def _raw(self, path: Path) -> dict[str, Any]:
        data = parse_json(path, self.read_file(path))
        if not isinstance(data, dict):
            raise CorruptFileError(f"{path} holds a JSON {type(data).__name__}, not the object imr-tui expects.", path)
        return data

    def _check_version(self, path: Path, raw: dict[str, Any]) -> int:
        version = raw.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise CorruptFileError(f"{path} has no valid schema_version (found {version!r}).", path)
        if version > SCHEMA_VERSION:
            raise NewerVersionError(
                f"{path} was written by a newer imr-tui (data version {version}; this one knows up to {SCHEMA_VERSION}).",
                path,
                "Nothing was changed. Please update imr-tui to open it.",
            )
        if version < SCHEMA_VERSION:
            raise CorruptFileError(f"{path} has old data version {version} that was not migrated.", path)
        return version

    def _check_kind(self, path: Path, raw: dict[str, Any], kind: str) -> None:
        found = raw.get("kind")
        if found != kind:
            raise CorruptFileError(f"{path} should hold kind {kind!r} but holds {found!r}.", path)

    def read_envelope(self, path: Path, kind: str) -> dict[str, Any]:
        """A data file's raw JSON, its version and kind checked; a missing file is an empty one.

        Raises CorruptFileError (or NewerVersionError) naming the file. Not cached: each call reads the disk.
        """
        if not lexists(path):
            return {"schema_version": SCHEMA_VERSION, "kind": kind}
        raw = self._raw(path)
        self._check_version(path, raw)
        self._check_kind(path, raw, kind)
        return raw

    def _envelope_bytes(self, kind: str, body: dict[str, Any]) -> bytes:
        """A data file's bytes as written (encrypted when the folder is)."""
        data = {"schema_version": SCHEMA_VERSION, "kind": kind, **body}
        return self.codec.encode(dump_entries_json(data, kind) if kind in ("checkins", "coping") else dump_json(data))

    def _write_envelope(self, path: Path, kind: str, body: dict[str, Any]) -> None:
        atomic_write_bytes(path, self._envelope_bytes(kind, body))
        self.invalidate(path)

    def _stamp(self, path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _cached(self, path: Path, build: Callable[[], T]) -> T:
        """`build()`'s value for the file as it is on disk now, kept while the file's inode, size and mtime
        stay the same. Safe from several threads: the cache is read and changed under a lock, and `build`
        runs outside it (two threads may then both build the same file; both get a correct value)."""
        stamp = self._stamp(path)
        if stamp is not None:
            with self._mutex:
                hit = self._cache.get(path)
            if hit is not None and hit[0] == stamp:
                return hit[1]  # type: ignore[no-any-return]
        value = build()
        if stamp is not None:
            with self._mutex:
                self._cache.pop(path, None)
                self._cache[path] = (stamp, value)  # newest last: the oldest entries go first
                while len(self._cache) > CACHE_FILES:
                    del self._cache[next(iter(self._cache))]
        return value

    def invalidate(self, path: Path | None = None) -> None:
        """Forget what was read of `path` (of every file, without one), e.g. after replacing files behind
        the store's back. Writes through the store do this themselves."""
        with self._mutex:
            if path is None:
                self._cache.clear()
                self._good.clear()
            else:
                self._cache.pop(path, None)
                self._good.pop(path, None)

    @property
    def cached_files(self) -> int:
        """How many parsed files the read cache holds now (at most CACHE_FILES)."""
        with self._mutex:
            return len(self._cache)

    def _validation_error(self, path: Path, exc: Exception) -> CorruptFileError:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
            return CorruptFileError(f"{path}: {where}: {err['msg']}{more}.", path)
        return CorruptFileError(f"{path}: {exc}.", path)

    def _model_file(self, path: Path, kind: str, build: Callable[[dict[str, Any]], T]) -> T:
        def load() -> T:
            raw = self.read_envelope(path, kind)
            body = {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS}
            try:
                return build(body)
            except ValueError as exc:  # pydantic's ValidationError is a ValueError
                raise self._validation_error(path, exc) from exc

        return self._cached(path, load)

    # --------------------------------------------------------------- settings
    def raw_setting(self, key: str, default: str = "") -> str:
        """One plain setting (e.g. the theme) read without building any model: cheap at start-up."""
        try:
            settings = self.read_envelope(self.manifest_path, "manifest").get("settings", {})
        except StoreError:
            return default
        value = settings.get(key, default) if isinstance(settings, dict) else default
        return value if isinstance(value, str) else default

    def settings(self) -> Settings:
        from imr_tui.domain.settings import Settings

        def build(body: dict[str, Any]) -> Settings:
            return Settings.model_validate(body.get("settings", {}))

        return self._model_file(self.manifest_path, "manifest", build)

    def update_settings(self, change: Callable[[Settings], Settings | None]) -> Settings:
        from imr_tui.domain.settings import Settings

        with self.writing():
            raw = self.read_envelope(self.manifest_path, "manifest")
            try:
                current = Settings.model_validate(raw.get("settings", {}))
            except ValueError as exc:
                raise self._validation_error(self.manifest_path, exc) from exc
            new = change(current.model_copy(deep=True)) or current
            new = Settings.model_validate(new.model_dump(mode="json"))
            body = {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS}
            body["settings"] = new.model_dump(mode="json")
            seen = {"settings": current.model_dump(mode="json")}
            self._write_envelope(self.manifest_path, "manifest", _stamp_revisions("manifest", raw, body, seen))
            return new

    def checkin_items(self) -> list[CheckInItem]:
        """The check-in items alone, without building the Settings model (keeps `imr-tui checkin` fast)."""
        from imr_tui.domain.checkin import CheckInItem

        raw = self.read_envelope(self.manifest_path, "manifest")
        settings = raw.get("settings", {})
        items = settings.get("items") if isinstance(settings, dict) else None
        if items is None:
            from imr_tui.domain.checkin import default_items

            return default_items()
        if not isinstance(items, list):
            raise CorruptFileError(f"{self.manifest_path}: settings.items should be a list.", self.manifest_path)
        try:
            return [CheckInItem.model_validate(i) for i in items]
        except ValueError as exc:
            raise self._validation_error(self.manifest_path, exc) from exc

    # --------------------------------------------------------------- check-ins
    def _month_list(self, path: Path, kind: str) -> list[dict[str, Any]]:
        return self._month_list_of(path, self.read_envelope(path, kind), kind)

    def _month_list_of(self, path: Path, raw: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        if kind not in raw and path.exists():
            raise CorruptFileError(f"{path} has no {kind!r} list.", path)
        entries = raw.get(kind, [])
        if not isinstance(entries, list):
            raise CorruptFileError(f"{path}: {kind} should be a list, not {type(entries).__name__}.", path)
        for n, e in enumerate(entries):  # a cheap shape check; full validation happens on read and in verify
            if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not isinstance(e.get("at"), str):
                raise CorruptFileError(f"{path}: {kind}[{n}] is not a valid entry (it needs an id and a time).", path)
        return entries

    def _checked_month(self, path: Path, kind: str) -> dict[str, Any]:
        """A month file's raw JSON for a rewrite, every entry validated: a month that does not read back fully is
        never written (CorruptFileError names the first problem). A missing month is an empty one."""
        from imr_tui.store.months import MONTH_MODELS

        if not lexists(path):
            return {"schema_version": SCHEMA_VERSION, "kind": kind}
        raw = self._raw(path)
        MONTH_MODELS[kind].from_raw(self, path, raw)
        return raw

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        """Save one new check-in. Reads and rewrites only that month's file; refused when that month is damaged."""
        now = _now()
        if checkin.created is None:
            checkin = checkin.model_copy(update={"created": now})
        self._append(self.checkins_dir, "checkins", checkin.month_key, checkin.model_dump(mode="json", exclude_none=True))
        return checkin

    def _append(self, folder: Path, kind: str, month: str, entry: dict[str, Any]) -> None:
        """Add one entry to a month file. The month is read and checked fully (a damaged month is never written),
        but not re-encoded: the new entry's line is spliced in before the closing brackets. A month this Store
        checked or wrote itself, unchanged since (same inode, size and mtime), is not checked again, so the cost
        of a save stays flat however full the month is."""
        from imr_tui.store.months import MONTH_MODELS

        path = self.month_path(folder, month)
        line = dump_line(entry)  # NaN or infinity is refused here, before anything is touched
        with self.writing():
            if not lexists(path):
                self._write_envelope(path, kind, {"month": month, kind: [entry]})
                self._mark_good(path)
                return
            stamp = self._stamp(path)
            data = self.read_file(path)
            body = data.rstrip()
            if not self._known_good(path, stamp):
                raw = parse_json(path, data)
                if not isinstance(raw, dict):
                    raise CorruptFileError(f"{path} holds a JSON {type(raw).__name__}, not the object imr-tui expects.",
                                           path)
                MONTH_MODELS[kind].from_raw(self, path, raw)
                if not (list(raw)[-1] == kind and body.endswith(b"]}") and raw[kind]):
                    # not in our one-entry-a-line layout (e.g. edited by hand): write it out afresh
                    raw[kind].append(entry)
                    self._write_envelope(path, kind, {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS})
                    self._mark_good(path)
                    return
            head = body[: body.rfind(b"]")].rstrip()
            self.write_file(path, head + b",\n" + line + b"\n]}\n")
            self._mark_good(path)

    def _known_good(self, path: Path, stamp: tuple[int, int, int] | None) -> bool:
        with self._mutex:
            return stamp is not None and self._good.get(path) == stamp

    def _mark_good(self, path: Path) -> None:
        """`path` was just written by this Store whole and valid, in the one-entry-a-line layout, with entries."""
        stamp = self._stamp(path)
        with self._mutex:
            if stamp is not None:
                self._good[path] = stamp

    def update_checkin(self, checkin: CheckIn) -> CheckIn:
        """Replace a check-in by id (it may move to another month). Writes the new copy before removing the old."""
        checkin = checkin.model_copy(update={"updated": _now()})
        with self.writing():
            old_path = self._find_checkin_file(checkin.id)
            new_path = self.month_path(self.checkins_dir, checkin.month_key)
            dumped = checkin.model_dump(mode="json", exclude_none=True)
            raw = self._checked_month(new_path, "checkins")
            if old_path is not None and old_path != new_path:
                self._checked_month(old_path, "checkins")  # both months must be good before either is written
            entries = [e for e in raw.get("checkins", []) if e.get("id") != checkin.id]
            entries.append(_carry_history(self, old_path, dumped))
            raw["checkins"] = entries
            raw.setdefault("month", checkin.month_key)
            self._write_envelope(new_path, "checkins", {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS})
            if old_path is not None and old_path != new_path:
                self._remove_from_month(old_path, "checkins", checkin.id)
        return checkin

    def delete_checkin(self, checkin_id: str) -> bool:
        with self.writing():
            path = self._find_checkin_file(checkin_id)
            if path is None:
                return False
            self._remove_from_month(path, "checkins", checkin_id)
            return True

    def _remove_from_month(self, path: Path, kind: str, entry_id: str) -> None:
        raw = self._checked_month(path, kind)
        raw[kind] = [e for e in raw[kind] if e.get("id") != entry_id]
        self._write_envelope(path, kind, {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS})

    def _find_checkin_file(self, checkin_id: str) -> Path | None:
        for path in reversed(self._month_files(self.checkins_dir)):
            if any(e.get("id") == checkin_id for e in self._month_list(path, "checkins")):
                return path
        return None

    def _month_files(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if self.is_month_file(p.name))

    def _months_between(self, folder: Path, start: date | None, end: date | None) -> list[Path]:
        files = self._month_files(folder)
        lo = f"{start.year:04d}-{start.month:02d}" if start else ""
        hi = f"{end.year:04d}-{end.month:02d}" if end else "9999"
        return [p for p in files if lo <= p.name[:7] <= hi]

    def _load_month_checkins(self, path: Path) -> list[CheckIn]:
        def load() -> list[CheckIn]:
            from imr_tui.store.months import CheckInMonth

            return CheckInMonth.load(self, path)

        return self._cached(path, load)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Check-ins with start <= day <= end (both optional), oldest first, one per id."""
        out: dict[str, CheckIn] = {}
        for path in self._months_between(self.checkins_dir, start, end):
            for c in self._load_month_checkins(path):
                d = c.day
                if (start and d < start) or (end and d > end):
                    continue
                old = out.get(c.id)
                if old is None or (c.updated or c.at) >= (old.updated or old.at):
                    out[c.id] = c
        return sorted(out.values(), key=lambda c: c.at)

    def checkins_on(self, day: date) -> list[CheckIn]:
        return self.checkins(day, day)

    def import_checkins(self, checkins: list[CheckIn]) -> int:
        """Add many check-ins at once (imports, demo data), merged by id. Returns how many were new.

        Every entry is checked before anything is written: validated again as a CheckIn (finite numbers, dates in
        range), each value against its item's scale in this folder's settings (an item the folder does not have
        is not checked: its scale is not known here), and one entry per id. One wrong entry: InvalidDataError,
        nothing written. The months are written together, whole or not at all, even through a crash.
        """
        from imr_tui.domain.checkin import CheckIn

        rows = self._valid_rows(CheckIn, checkins, "check-in")
        items = {i.id: i for i in self.checkin_items()}
        for n, (_, _, entry) in enumerate(rows, 1):
            for item_id, value in entry["values"].items():
                try:
                    if item_id in items:
                        items[item_id].check_value(value)
                except ValueError as exc:
                    raise InvalidDataError(f"Check-in {n} ({entry['at'][:16]}): {exc}. Nothing was imported.") from None
        return self._bulk(self.checkins_dir, "checkins", rows)

    def import_coping_uses(self, uses: list[CopingUse]) -> int:
        """Add many coping uses at once, merged by id, checked like import_checkins."""
        from imr_tui.domain.coping import CopingUse

        return self._bulk(self.coping_dir, "coping", self._valid_rows(CopingUse, uses, "coping use"))

    @staticmethod
    def _valid_rows(model: type[Any], entries: list[Any], what: str) -> list[tuple[str, str, dict[str, Any]]]:
        """(month, id, entry as saved) for each entry, each validated again by its model (a model_copy skips the
        validators); two entries with one id must be the same entry (then it is kept once)."""
        rows: list[tuple[str, str, dict[str, Any]]] = []
        seen: dict[str, dict[str, Any]] = {}
        for n, entry in enumerate(entries, 1):
            dumped = entry.model_dump(mode="json", exclude_none=True)
            try:
                checked = model.model_validate(dumped)
            except ValueError as exc:
                raise InvalidDataError(f"{what.capitalize()} {n}: {_first_problem(exc)}. Nothing was imported.") from None
            if checked.id in seen:
                if seen[checked.id] != dumped:
                    raise InvalidDataError(f"{what.capitalize()} {n} has the id {checked.id!r:.70} of an earlier one "
                                           "but is not the same. Nothing was imported.")
                continue
            seen[checked.id] = dumped
            rows.append((checked.month_key, checked.id, dumped))
        return rows

    def _bulk(self, folder: Path, kind: str, rows: list[tuple[str, str, dict[str, Any]]]) -> int:
        by_month: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for month, entry_id, dumped in rows:
            by_month.setdefault(month, []).append((entry_id, dumped))
        added = 0
        writes: list[tuple[Path, bytes]] = []
        with self.writing():
            for month, entries in sorted(by_month.items()):
                path = self.month_path(folder, month)
                raw = self._checked_month(path, kind)  # a damaged month refuses the whole import
                current = list(raw.get(kind, []))
                ids = {e.get("id") for e in current}
                new = [dumped for entry_id, dumped in entries if entry_id not in ids]
                if not new:
                    continue
                added += len(new)
                raw[kind] = current + new
                raw.setdefault("month", month)
                writes.append((path, self._envelope_bytes(kind, {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS})))
            if writes:
                journal.commit(self.root, "save the imported entries", writes)
                for path, _ in writes:
                    self.invalidate(path)
        return added

    # ------------------------------------------------------------ coping uses
    def add_coping_use(self, use: CopingUse) -> CopingUse:
        self._append(self.coping_dir, "coping", use.month_key, use.model_dump(mode="json", exclude_none=True))
        return use

    def coping_uses(self, start: date | None = None, end: date | None = None) -> list[CopingUse]:
        from imr_tui.store.months import CopingMonth

        out: list[CopingUse] = []
        for path in self._months_between(self.coping_dir, start, end):
            for u in self._cached(path, lambda p=path: CopingMonth.load(self, p)):  # type: ignore[misc]
                d = u.at.date()
                if (start and d < start) or (end and d > end):
                    continue
                out.append(u)
        return sorted(out, key=lambda u: u.at)

    # -------------------------------------------------- profile and progress
    def profile(self) -> Profile:
        from imr_tui.domain.profile import Profile

        return self._model_file(self.profile_path, "profile", Profile.model_validate)

    def progress(self) -> Progress:
        from imr_tui.domain.progress import Progress

        return self._model_file(self.progress_path, "progress", Progress.model_validate)

    def _update_model(self, path: Path, kind: str, model: type[Any], change: Callable[[Any], Any]) -> Any:
        with self.writing():
            raw = self.read_envelope(path, kind)
            body = {k: v for k, v in raw.items() if k not in ENVELOPE_KEYS}
            try:
                current = model.model_validate(body)
            except ValueError as exc:
                raise self._validation_error(path, exc) from exc
            seen = current.model_dump(mode="json")  # before `change`, which may edit it in place
            new = change(current) or current
            new = model.model_validate(new.model_dump(mode="json"))  # validate what we are about to write
            self._write_envelope(path, kind, _stamp_revisions(kind, raw, new.model_dump(mode="json"), seen))
            return new

    def update_profile(self, change: Callable[[Profile], Profile | None]) -> Profile:
        from imr_tui.domain.profile import Profile

        result: Profile = self._update_model(self.profile_path, "profile", Profile, change)
        return result

    def update_progress(self, change: Callable[[Progress], Progress | None]) -> Progress:
        from imr_tui.domain.progress import Progress

        result: Progress = self._update_model(self.progress_path, "progress", Progress, change)
        return result

    def save_plan(self, body: RelapsePlanBody) -> Profile:
        """Save a new version of the relapse prevention plan, keeping the previous one in its history."""
        return self.update_plan(lambda _current: body)

    def update_plan(self, change: Callable[[RelapsePlanBody], RelapsePlanBody | None]) -> Profile:
        """Change the plan as it is on disk now, under the lock (a change another process made in between is
        kept), and keep the version before it in the plan's history. `change` may edit the body in place."""
        from imr_tui.domain.profile import PlanVersion, RelapsePlan, RelapsePlanBody

        def apply(profile: Profile) -> Profile:
            old = profile.plan
            old_body = RelapsePlanBody.model_validate(old.model_dump(mode="json", exclude={"history"}))
            draft = old_body.model_copy(deep=True)
            body = change(draft) or draft  # a change may return a new body or edit the draft in place
            history = list(old.history)
            if old_body != RelapsePlanBody():
                history.append(PlanVersion(saved_at=_now(), plan=old_body))
            profile.plan = RelapsePlan.model_validate({**body.model_dump(mode="json"), "history": [
                h.model_dump(mode="json") for h in history]})
            return profile

        return self.update_profile(apply)

    # ---------------------------------------------------------------- upkeep
    def clean_temp_files(self, older_than_s: float = 60.0) -> int:
        """Remove temp files a crash left anywhere in the folder (backups and unfinished backups included); none
        while a journal still needs its temp files."""
        if journal.pending(self.root):
            return 0
        from imr_tui.store.backup import clean_partial_backups

        removed = sum(clean_temp_files(d, older_than_s) for d in (self.root, self.checkins_dir, self.coping_dir,
                                                                  self.quarantine_dir))
        return removed + clean_temp_files(self.backups_dir, older_than_s, recursive=True) + clean_partial_backups(
            self, older_than_s)

    def permission_problems(self) -> list[str]:
        """Folders or files that other users could read."""
        problems = []
        for p in [self.root, self.checkins_dir, self.coping_dir, *self.data_files()]:
            try:
                mode = os.lstat(p).st_mode
            except OSError:
                continue
            if os.name == "posix" and not stat.S_ISLNK(mode) and mode & 0o077:
                problems.append(f"{p} can be read by other users (run: chmod go-rwx '{p}')")
        return problems
