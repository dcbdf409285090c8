"""Two computers and a fake Syncthing: shared by tests/test_sync_sim.py and bench/sync_sim.py.

Each computer has its own data folder. `sync()` copies every changed file both ways, like Syncthing
with the .stignore of docs/sync.md (no .lock, no backups, no temp files): a file changed on one side
only is copied over; a file changed on both sides keeps one side and makes a conflict copy
`NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT` of the other on both computers; a file removed on one
side and unchanged on the other is removed. While copying it may leave `.syncthing.NAME.tmp` partial
files for a moment, which imr-tui must never read.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import Goal, Trigger
from imr_tui.store import sync
from imr_tui.store.files import atomic_write_bytes
from imr_tui.store.store import Store
from imr_tui.store.verify import verify

DEVICES = {"A": "AAAAAAA", "B": "BBBBBBB"}
START = datetime(2019, 5, 1, 8, tzinfo=UTC)
NOT_SYNCED = (".lock", "backups", "quarantine")  # what docs/sync.md tells people to ignore
THEMES = ("textual-dark", "nord", "gruvbox", "textual-light")


def _synced_files(root: Path) -> dict[str, bytes]:
    out = {}
    for folder in (root, root / "checkins", root / "coping"):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            rel = str(p.relative_to(root))
            if p.is_file() and not sync.is_partial(p.name) and rel.split("/")[0] not in NOT_SYNCED:
                out[rel] = p.read_bytes()
    return out


@dataclass
class TwoComputers:
    root: Path
    rng: random.Random = field(default_factory=lambda: random.Random(1))
    base: dict[str, bytes] = field(default_factory=dict)  # what both had at the last sync
    saved: dict[str, str] = field(default_factory=dict)  # check-in id -> its last note (what the person saw)
    coping: set[str] = field(default_factory=set)
    conflicts_made: int = 0
    merges: int = 0
    clock: int = 0

    def __post_init__(self) -> None:
        self.stores = {side: Store.open(self.root / side) for side in DEVICES}

    # ------------------------------------------------------------------ the person's saves
    def when(self) -> datetime:
        return START + timedelta(hours=self.rng.randrange(0, 24 * 60))  # two months: May and June 2019

    def add_checkin(self, side: str) -> None:
        c = self.stores[side].add_checkin(CheckIn(at=self.when(), values={"mood": self.rng.randrange(11)},
                                                  note=f"new on {side}"))
        self.saved[c.id] = c.note

    def edit_checkin(self, side: str) -> None:
        store = self.stores[side]
        here = store.checkins()
        if not here:
            return self.add_checkin(side)
        c = self.rng.choice(here)
        self.clock += 1
        note = f"edit {self.clock} on {side}"
        store.update_checkin(c.model_copy(update={"note": note}))
        self.saved[c.id] = note  # the newest edit anywhere must win
        return None

    def add_coping(self, side: str) -> None:
        u = self.stores[side].add_coping_use(CopingUse(at=self.when(), strategy="walk", distress_before=6,
                                                       distress_after=3))
        self.coping.add(u.id)

    def change_settings(self, side: str) -> None:
        theme = self.rng.choice(THEMES)
        self.stores[side].update_settings(lambda s: s.model_copy(update={"theme": theme}))

    def change_profile(self, side: str) -> None:
        if self.rng.random() < 0.5:
            self.stores[side].update_profile(lambda p: p.goals.append(Goal(text=f"goal on {side}")) or p)
        else:
            self.stores[side].update_profile(lambda p: p.triggers.append(Trigger(text=f"trigger on {side}")) or p)

    def merge(self, side: str) -> None:
        """What opening imr-tui (or the open app's watcher) does on that computer."""
        self.merges += len(self.stores[side].sync_conflicts())

    # ------------------------------------------------------------------------- the sync tool
    def put(self, side: str, rel: str, data: bytes | None) -> None:
        path = self.root / side / rel
        if data is None:
            path.unlink(missing_ok=True)
            return
        if self.rng.random() < 0.3:  # a partial file, as Syncthing writes before it renames
            partial = path.with_name(f".syncthing.{path.name}.tmp")
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data[: len(data) // 2])
            self.stores[side].checkins()  # imr-tui reads while the tool writes: it must not see the partial
            partial.unlink()
        atomic_write_bytes(path, data)

    def conflict_name(self, rel: str, loser: str) -> str:
        self.conflicts_made += 1
        folder, _, name = rel.rpartition("/")
        stem, dot, ext = name.rpartition(".")
        stamp = (datetime(2026, 11, 20, tzinfo=UTC) + timedelta(seconds=self.conflicts_made)).strftime("%Y%m%d-%H%M%S")
        new = f"{stem}.sync-conflict-{stamp}-{DEVICES[loser]}{dot}{ext}"
        return f"{folder}/{new}" if folder else new

    def sync(self) -> int:
        """One pass of the sync tool both ways; returns how many files it changed."""
        a, b = _synced_files(self.root / "A"), _synced_files(self.root / "B")
        changed = 0
        for rel in sorted(set(a) | set(b) | set(self.base)):
            x, y, o = a.get(rel), b.get(rel), self.base.get(rel)
            if x == y:
                pass
            elif x == o:
                self.put("A", rel, y)
            elif y == o:
                self.put("B", rel, x)
            elif x is None or y is None:  # removed on one side, changed on the other: the change is kept
                self.put("A" if x is None else "B", rel, x or y)
            else:
                winner = self.rng.choice("AB")
                keep, lose = (x, y) if winner == "A" else (y, x)
                copy = self.conflict_name(rel, "B" if winner == "A" else "A")
                for side in DEVICES:
                    self.put(side, rel, keep)
                    self.put(side, copy, lose)
                self.base[copy] = lose
            changed += x != y
            final = _synced_files(self.root / "A").get(rel)
            if final is None:
                self.base.pop(rel, None)
            else:
                self.base[rel] = final
        for store in self.stores.values():
            store.invalidate()
        return changed

    def settle(self, rounds: int = 20) -> None:
        """Sync and merge on both sides until nothing changes; then settle every choice on A (keep A's)."""
        for _ in range(rounds):
            moved = self.sync()
            self.merge("A")
            self.merge("B")
            for choice in sync.pending_choices(self.stores["A"]):
                sync.choose(self.stores["A"], choice.kind, choice.field, 0)
                moved += 1
            if not moved and not sync.find_conflicts(self.stores["A"]) and not sync.find_conflicts(self.stores["B"]):
                return
        raise AssertionError(f"the two computers did not settle after {rounds} rounds")

    # ---------------------------------------------------------------------------- the promise
    def check(self) -> None:
        """Every check-in saved on either side is there exactly once on both, with its newest edit; every
        coping use too; both folders are equal and verify is clean."""
        self.settle()
        files = {side: _synced_files(self.root / side) for side in DEVICES}
        assert files["A"] == files["B"], "the two computers differ after syncing"
        for side, store in self.stores.items():
            raw = [e for rel, data in files[side].items() if rel.startswith("checkins/")
                   for e in json.loads(data)["checkins"]]
            counts = Counter(e["id"] for e in raw)
            doubled = [i for i, n in counts.items() if n > 1]
            assert not doubled, f"{side}: check-ins saved more than once: {doubled}"
            assert set(counts) == set(self.saved), f"{side}: lost {set(self.saved) - set(counts)}"
            notes = {c.id: c.note for c in store.checkins()}
            wrong = {i: (notes[i], n) for i, n in self.saved.items() if notes[i] != n}
            assert not wrong, f"{side}: an older edit won: {wrong}"
            assert {u.id for u in store.coping_uses()} == self.coping, f"{side}: coping uses lost"
            problems = verify(store)[1]
            assert problems == [], f"{side}: {problems}"

    def step(self) -> None:
        """One random round (bench/sync_sim.py)."""
        side = self.rng.choice("AB")
        action = self.rng.choices(
            [self.add_checkin, self.edit_checkin, self.add_coping, self.change_settings, self.change_profile,
             self.merge, lambda _side: self.sync()], weights=[5, 3, 2, 1, 1, 1, 3])[0]
        action(side)

