"""Copies made by sync tools (Syncthing, Nextcloud, Dropbox): found, merged, never lost. See docs/sync.md.

When two computers change the same file before they sync, the tool keeps both: the file, and a
"conflict copy" beside it with a changed name. This module

- recognises every conflict name of formats.md (`conflict_original`), and the partial files a
  tool is still writing (`is_partial`), which are never read as data;
- merges a month file with its copy by itself (`merge_month`): the union by id; an entry changed on
  both sides keeps the newer change and the other in the entry's `history`; nothing doubled;
- merges profile, progress and settings field by field (`merge_small`) with the revisions each
  side recorded (`stamp_revisions`): a top-level field changed on one side only takes that change;
  a field changed on both sides keeps this computer's value and the other one in `sync_choices`,
  until the person chooses (`pending_choices`, `choose`);
- after a successful merge moves the copy to `quarantine/sync/` (never deleted).

Every merge holds the store lock and writes atomically through the store.
"""

from __future__ import annotations

import json
import os
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.store.files import CorruptFileError, StoreError, ensure_private_dir, fsync_dir

if TYPE_CHECKING:
    from imr_tui.store.store import Store

# Syncthing: NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICEID.EXT (the marker goes before the last extension)
SYNCTHING = re.compile(r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?")
# Nextcloud/ownCloud "NAME (conflicted copy [USER ]YYYY-MM-DD[ -]HHMMSS).EXT", Dropbox "NAME (HOST's conflicted copy
# YYYY-MM-DD).EXT", sometimes with a number after it: " (1)"
BRACKETED = re.compile(r" \([^()/]*conflicted copy[^()/]*\)(?: \(\d+\))?")
PARTIAL_ENDS = (".tmp", ".part", ".partial", ".!sync", ".crdownload")
MONTH_NAME = re.compile(r"^\d{4}-\d{2}\.json(?:\.age)?$")
SMALL = {"manifest.json": "manifest", "profile.json": "profile", "progress.json": "progress"}
MONTH_KINDS = ("checkins", "coping")
META = ("schema_version", "kind", "revisions", "sync_choices")
KEEP_REVISIONS = 20
AREA = {"manifest": "settings", "profile": "profile", "progress": "progress", "checkins": "checkins",
        "coping": "coping"}
WORDS = {"manifest": "settings", "profile": "plan, goals and coping", "progress": "lessons and progress"}


@dataclass(frozen=True)
class Conflict:
    """A conflict copy (`path`) of the data file `original`, which holds `kind` (checkins, coping, profile, ...)."""

    path: Path
    original: Path
    kind: str


@dataclass(frozen=True)
class Choice:
    """One field changed on two computers: this one's value and the other values, waiting for the person."""

    kind: str  # manifest, profile or progress
    field: str
    mine: Any
    others: tuple[Any, ...]

    @property
    def what(self) -> str:
        return f"{WORDS.get(self.kind, self.kind)}: {self.field.replace('_', ' ')}"


def is_partial(name: str) -> bool:
    """A file a sync tool is still writing, or a temp file of ours: never data.

    Syncthing `.syncthing.NAME.tmp` (`~syncthing~NAME.tmp` on Windows), Nextcloud `.NAME.~XXXX`,
    Dropbox and others `.NAME`/`~NAME`, `NAME.part`, and our own `.NAME.RANDOM.tmp`.
    """
    return name.startswith((".", "~")) or name.endswith(PARTIAL_ENDS) or ".~" in name


def conflict_original(name: str) -> str | None:
    """The name a conflict copy stands for ("2019-05.json" for "2019-05.sync-conflict-...-ABCDEFG.json"), or None."""
    if is_partial(name):
        return None
    plain = BRACKETED.sub("", SYNCTHING.sub("", name, count=1), count=1)
    return plain if plain != name else None


def _kind_of(folder: str, original: str) -> str | None:
    if folder in MONTH_KINDS:
        return folder if MONTH_NAME.match(original) else None
    return SMALL.get(original.removesuffix(".age"))


def find_conflicts(store: Store) -> list[Conflict]:
    """Every conflict copy of a data file in the folder (not in backups or quarantine), oldest name first."""
    found = []
    for folder in (store.root, store.checkins_dir, store.coping_dir):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        where = folder.name if folder != store.root else ""
        for name in names:
            original = conflict_original(name)
            kind = _kind_of(where, original) if original else None
            if original and kind:
                found.append(Conflict(folder / name, folder / original, kind))
    return found


# ---------------------------------------------------------------------------- month files
def _instant(stamp: Any) -> str:
    """A time as a string that sorts by the instant, whatever its offset (text that is no time sorts first)."""
    try:
        return f"{datetime.fromisoformat(str(stamp)).timestamp():020.6f}"
    except (ValueError, OverflowError, OSError):
        return f" {stamp}"


def _when_key(entry: dict[str, Any]) -> tuple[str, str]:
    """When an entry last changed (updated, else created, else its time); its JSON breaks a tie the same way
    on every computer."""
    stamp = entry.get("updated") or entry.get("created") or entry.get("at") or ""
    return _instant(stamp), json.dumps(entry, sort_keys=True, ensure_ascii=False)


def _without_history(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "history"}


def _history(*entries: dict[str, Any]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for e in entries:
        for old in e.get("history") or []:
            if isinstance(old, dict):
                seen.setdefault(json.dumps(old, sort_keys=True, ensure_ascii=False), old)
    return [seen[k] for k in sorted(seen)]


def pick(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One entry from two copies of the same id: the newer change, with the other in its history."""
    if _without_history(a) == _without_history(b):
        newer, older = a, None
    else:
        newer, older = (a, b) if _when_key(a) >= _when_key(b) else (b, a)
    history = _history(a, b, *([{"history": [_without_history(older)]}] if older else []))
    out = _without_history(newer)
    if history:
        out["history"] = [h for h in history if h != out]
    return out


def merge_entries(*sides: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The union by id of the entries of every side; oldest first (by time, then id), each id once."""
    by_id: dict[str, dict[str, Any]] = {}
    for side in sides:
        for entry in side:
            old = by_id.get(entry["id"])
            by_id[entry["id"]] = entry if old is None else pick(old, entry)
    return sorted(by_id.values(), key=lambda e: (_instant(e["at"]), e["id"]))


def carry_history(old: list[dict[str, Any]], new: dict[str, Any]) -> dict[str, Any]:
    """A rewritten entry keeps the history its earlier copy had (an edit never drops what a merge kept)."""
    for e in old:
        if e.get("id") == new.get("id") and e.get("history") and "history" not in new:
            return {**new, "history": e["history"]}
    return new


def _validate_copy(store: Store, c: Conflict) -> None:
    """Refuse a damaged copy before anything is merged from it (CorruptFileError naming it)."""
    problem = _Probe(store, c).check()
    if problem:
        raise CorruptFileError(problem, c.path)


class _Probe:
    """Loads a conflict copy with the loader of the file it stands for."""

    def __init__(self, store: Store, c: Conflict) -> None:
        self.store, self.c = store, c

    def check(self) -> str | None:
        from imr_tui.store.months import CheckInMonth, CopingMonth

        store, path, kind = self.store, self.c.path, self.c.kind
        try:
            if kind == "checkins":
                CheckInMonth.load(store, path)
            elif kind == "coping":
                CopingMonth.load(store, path)
            else:
                _check_model(store, path, kind, store.read_envelope(path, kind))
        except StoreError as exc:
            return exc.message
        return None


def merge_month(store: Store, c: Conflict) -> int:
    """Merge a month file's conflict copy into it; returns how many entries the copy added or changed."""
    kind = c.kind
    with store.writing():
        _check_suffix(store, c)
        _validate_copy(store, c)
        mine = store.read_envelope(c.original, kind)
        theirs = store.read_envelope(c.path, kind)
        a = store._month_list_of(c.original, mine, kind) if c.original.exists() else []
        b = store._month_list_of(c.path, theirs, kind)
        merged = merge_entries(a, b)
        before = {json.dumps(e, sort_keys=True) for e in a}
        changed = sum(json.dumps(e, sort_keys=True) not in before for e in merged)
        if changed or not c.original.exists():
            mine[kind] = merged
            mine.setdefault("month", c.original.name[:7])
            store._write_envelope(c.original, kind, {k: v for k, v in mine.items() if k not in ("schema_version", "kind")})
        _quarantine(store, c.path)
    return changed


# ------------------------------------------------------------------ profile, progress, settings
def _fields(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The top-level fields revisions are kept for (for the manifest: each setting)."""
    if kind == "manifest":
        settings = raw.get("settings")
        return dict(settings) if isinstance(settings, dict) else {}
    return {k: v for k, v in raw.items() if k not in META}


def _revisions(raw: dict[str, Any]) -> dict[str, list[str]]:
    revs = raw.get("revisions")
    if not isinstance(revs, dict):
        return {}
    return {k: [str(r) for r in v] for k, v in revs.items() if isinstance(v, list)}


def stamp_revisions(kind: str, old_raw: dict[str, Any], new_body: dict[str, Any],
                    seen: dict[str, Any] | None = None) -> dict[str, Any]:
    """`new_body` with `revisions` brought up to date: a field whose value changed from what was read (`seen`,
    the file's model as read, defaults filled in; else `old_raw`) gets a new revision id in front of its list
    (newest first). Pending `sync_choices` of `old_raw` are kept."""
    old, new = _fields(kind, old_raw if seen is None else seen), _fields(kind, new_body)
    revs = _revisions(old_raw)
    missing = object()
    for f in set(old) | set(new):
        if old.get(f, missing) != new.get(f, missing):
            revs[f] = [os.urandom(4).hex(), *revs.get(f, [])][:KEEP_REVISIONS]
    out = {k: v for k, v in new_body.items() if k not in ("revisions", "sync_choices")}
    out["revisions"] = {k: revs[k] for k in sorted(revs)}
    if old_raw.get("sync_choices"):
        out["sync_choices"] = old_raw["sync_choices"]
    return out


def _descends(a: list[str], b: list[str]) -> bool:
    """Side a has seen side b's newest revision of a field (or b never changed it)."""
    return not b or b[0] in a


def _union(a: list[str], b: list[str]) -> list[str]:
    return [*a, *(r for r in b if r not in a)][:KEEP_REVISIONS]


def _choices(raw: dict[str, Any]) -> dict[str, list[Any]]:
    found = raw.get("sync_choices")
    return {k: list(v) for k, v in found.items() if isinstance(v, list)} if isinstance(found, dict) else {}


def _merge_values(a: list[Any], b: list[Any]) -> list[Any]:
    return [*a, *(x for x in b if x not in a)]


def _set_field(kind: str, raw: dict[str, Any], name: str, value: Any) -> None:
    target = raw.setdefault("settings", {}) if kind == "manifest" else raw
    target[name] = value


def merge_small(store: Store, c: Conflict) -> list[str]:
    """Merge profile, progress or the manifest with its conflict copy, field by field. Returns the fields that
    changed on both sides: this computer's value stays, the other waits in `sync_choices`."""
    kind = c.kind
    missing = object()
    with store.writing():
        _check_suffix(store, c)
        _validate_copy(store, c)
        mine = store.read_envelope(c.original, kind)
        theirs = store.read_envelope(c.path, kind)
        mv, tv = _fields(kind, mine), _fields(kind, theirs)
        mr, tr = _revisions(mine), _revisions(theirs)
        ca, cb = _choices(mine), _choices(theirs)
        choices: dict[str, list[Any]] = {}
        both: list[str] = []
        for f in sorted(set(mv) | set(tv) | set(ca) | set(cb)):
            a, b, ra, rb = mv.get(f, missing), tv.get(f, missing), mr.get(f, []), tr.get(f, [])
            a_newer, b_newer = _descends(ra, rb), _descends(rb, ra)
            if a_newer and not b_newer:  # this side saw the other's last change (and any choice about it)
                keep = ca.get(f, [])
            elif b_newer and not a_newer:
                if b is not missing:
                    _set_field(kind, mine, f, b)
                mr[f], keep = rb, cb.get(f, [])
            else:  # the same revision, or changed on both sides
                keep = _merge_values(ca.get(f, []), cb.get(f, []))
                mr[f] = _union(ra, rb)
                if a != b and b is not missing:  # keep this one, keep the other for the person to choose
                    keep = _merge_values(keep, [b])
                    both.append(f)
            now = _fields(kind, mine).get(f, missing)
            keep = [x for x in keep if x != now]
            if keep:
                choices[f] = keep
        for k, v in theirs.items():  # a top-level key only the other side has (the manifest's "created", ...)
            if kind == "manifest" and k not in mine and k not in META:
                mine[k] = v
        mine["revisions"] = {k: mr[k] for k in sorted(mr)}
        mine.pop("sync_choices", None)
        if choices:
            mine["sync_choices"] = choices
        store._write_envelope(c.original, kind, {k: v for k, v in mine.items() if k not in ("schema_version", "kind")})
        _quarantine(store, c.path)
    return both


def _small_paths(store: Store) -> dict[str, Path]:
    return {"manifest": store.manifest_path, "profile": store.profile_path, "progress": store.progress_path}


def pending_choices(store: Store) -> list[Choice]:
    """Fields changed on two computers that wait for the person to choose (an unreadable file has none here:
    verify reports it)."""
    out = []
    for kind, path in _small_paths(store).items():
        try:
            raw = store.read_envelope(path, kind)
        except StoreError:
            continue
        current = _fields(kind, raw)
        for name, others in sorted((raw.get("sync_choices") or {}).items()):
            if isinstance(others, list) and others:
                out.append(Choice(kind, name, current.get(name), tuple(others)))
    return out


def choose(store: Store, kind: str, name: str, index: int) -> None:
    """Settle one choice: index 0 keeps this computer's value, n takes the n-th other one. The value is checked
    by the file's model before anything is written; the other values are kept in quarantine/sync/."""
    with store.writing():
        path = _small_paths(store)[kind]
        raw = store.read_envelope(path, kind)
        choices = dict(raw.get("sync_choices") or {})
        others = list(choices.pop(name, []))
        if not 0 <= index <= len(others):
            raise StoreError(f"There is no choice {index} for {name} in {path}.", path)
        dropped = [v for i, v in enumerate([_fields(kind, raw).get(name), *others]) if i != index]
        if index:
            _set_field(kind, raw, name, others[index - 1])
        _check_model(store, path, kind, raw)
        revs = _revisions(raw)
        revs[name] = [os.urandom(4).hex(), *revs.get(name, [])][:KEEP_REVISIONS]
        raw["revisions"] = revs
        if choices:
            raw["sync_choices"] = choices
        else:
            raw.pop("sync_choices", None)
        _keep_aside(store, f"{path.name.removesuffix(store.codec.suffix)}.{name}.not-chosen.json", dropped)
        store._write_envelope(path, kind, {k: v for k, v in raw.items() if k not in ("schema_version", "kind")})


def _check_model(store: Store, path: Path, kind: str, raw: dict[str, Any]) -> None:
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Progress
    from imr_tui.domain.settings import Settings

    body = {k: v for k, v in raw.items() if k not in META}
    try:
        if kind == "manifest":
            Settings.model_validate(body.get("settings", {}))
        else:
            (Profile if kind == "profile" else Progress).model_validate(body)
    except ValueError as exc:
        raise store._validation_error(path, exc) from exc


# ------------------------------------------------------------------------------ upkeep
def _check_suffix(store: Store, c: Conflict) -> None:
    if c.original.name.endswith(".age") != bool(store.codec.suffix):
        state = "encrypted" if store.codec.suffix else "not encrypted"
        raise StoreError(f"{c.path} does not match this folder (it is {state}): it was not merged.", c.path)


def _free_name(folder: Path, name: str) -> Path:
    dest, n = folder / name, 1
    while dest.exists():
        n += 1
        dest = folder / f"{name}.{n}"
    return dest


def _quarantine(store: Store, path: Path) -> Path:
    """Move a merged conflict copy to quarantine/sync/ (never deleted)."""
    folder = store.quarantine_dir / "sync"
    ensure_private_dir(folder)
    where = path.parent.name if path.parent != store.root else ""
    dest = _free_name(folder, f"{where}-{path.name}" if where else path.name)
    os.replace(path, dest)
    fsync_dir(folder)
    fsync_dir(path.parent)
    return dest


def _keep_aside(store: Store, name: str, values: list[Any]) -> None:
    folder = store.quarantine_dir / "sync"
    ensure_private_dir(folder)
    store.write_file(_free_name(folder, name + store.codec.suffix),
                     json.dumps(values, ensure_ascii=False, indent=1).encode("utf-8"))


_failed: weakref.WeakKeyDictionary[Store, dict[Path, tuple[int, int]]] = weakref.WeakKeyDictionary()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def waiting(store: Store) -> bool:
    """A conflict copy is there that was not tried yet as it is now (cheap: the open app asks once a second)."""
    failed = _failed.get(store, {})
    return any(failed.get(c.path) != _stat(c.path) for c in find_conflicts(store))


def settle(store: Store) -> list[str]:
    """Merge every conflict copy that can be merged. Returns one line for each copy merged or not merged."""
    notes = []
    failed = _failed.setdefault(store, {})
    for c in find_conflicts(store):
        rel = c.path.relative_to(store.root)
        try:
            if c.kind in MONTH_KINDS:
                n = merge_month(store, c)
                notes.append(f"Merged {rel}, a copy from another computer ({n} entries added or changed); "
                             "the copy is in quarantine/sync/.")
            else:
                both = merge_small(store, c)
                notes.append(f"Merged {rel}, a copy from another computer; the copy is in quarantine/sync/."
                             + (f" Changed on both computers, waiting for you to choose: {', '.join(both)}."
                                if both else ""))
            failed.pop(c.path, None)
        except StoreError as exc:
            stamp = _stat(c.path)
            if stamp is not None:
                failed[c.path] = stamp
            notes.append(f"Not merged: {exc.message} Nothing was lost: the copy stays where it is.")
    return notes


def problems(store: Store) -> list[str]:
    """For verify: conflict copies still there (not merged) and choices waiting for the person."""
    out = [f"{c.path} is a conflict copy from a sync tool that is not merged yet (its data is not shown)"
           for c in find_conflicts(store)]
    out += [f"{c.what}: changed on two computers, a choice is waiting (open imr-tui to choose)"
            for c in pending_choices(store)]
    return out
