"""The interface every import format shares (listed in imports/registry.py, which says how to add one).

An import is two steps, so that a dry run shows everything and writes nothing:
  1. `fmt.read(path, target, options, dry_run)` reads and checks the whole file and returns an
     ImportPlan: the check-ins and coping uses it holds, what was left out, and lines that say
     what importing it would do. It writes nothing; a bad file raises ImportProblem (one line,
     naming the file and the row).
  2. `plan.write(store)` writes it (the CLI makes a labelled backup first) and returns a line to show.
Entries are merged by id, so importing the same file twice adds nothing: a format gives each entry
an id made from the row (see daylio.entry_id).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn, CheckInItem
    from imr_tui.domain.coping import CopingUse
    from imr_tui.store.store import Store


@dataclass(frozen=True)
class Target:
    """The data folder an import goes into. `store` None: a folder not made yet (a dry run makes none)."""

    store: Store | None

    def items(self) -> list[CheckInItem]:
        """The folder's check-in items (the defaults for a folder not made yet)."""
        if self.store is not None:
            return self.store.checkin_items()
        from imr_tui.domain.checkin import default_items

        return list(default_items())

    def new_checkins(self, checkins: Sequence[CheckIn]) -> list[CheckIn]:
        """The check-ins whose id is not in the folder yet (only the days they cover are read)."""
        if self.store is None or not checkins:
            return list(checkins)
        days = [c.day for c in checkins]
        have = {c.id for c in self.store.checkins(min(days) - timedelta(days=1), max(days) + timedelta(days=1))}
        return [c for c in checkins if c.id not in have]

    def new_coping(self, uses: Sequence[CopingUse]) -> list[CopingUse]:
        """The coping uses whose id is not in the folder yet."""
        if self.store is None or not uses:
            return list(uses)
        days = [u.at.date() for u in uses]
        have = {u.id for u in self.store.coping_uses(min(days) - timedelta(days=1), max(days) + timedelta(days=1))}
        return [u for u in uses if u.id not in have]


@dataclass
class ImportPlan:
    """What importing a file would do. Nothing is written to make it; `write` does the writing."""

    source: str  # the first line shown: the file, and what kind
    lines: list[str]  # what the file holds and what importing it would change
    checkins: list[CheckIn] = field(default_factory=list)  # every check-in read (written merged by id)
    coping: list[CopingUse] = field(default_factory=list)  # every coping use read (written merged by id)
    changes: bool = False  # whether writing would change anything
    left_out: list[str] = field(default_factory=list)  # what the file holds that is not imported, one line each
    preview: list[str] = field(default_factory=list)  # a dry run shows these, e.g. the first entries as saved
    empty: str = ""  # the file holds nothing to import: this line says so, and nothing more is shown
    unchanged: str = "Everything in this file is already here; nothing was added."
    done: str = "Imported {checkins} new check-ins into {root}."  # after writing ({checkins}, {coping}, {root})
    also: Callable[[Store], None] | None = None  # anything else to write (the JSON export's settings, profile)

    def write(self, store: Store) -> str:
        """Write the entries (merged by id), then `also`; the line to show."""
        added = store.import_checkins(self.checkins) if self.checkins else 0
        added_coping = store.import_coping_uses(self.coping) if self.coping else 0
        if self.also is not None:
            self.also(store)
        return self.done.format(checkins=added, coping=added_coping, root=store.root)


class ImportFormat(Protocol):
    """One file format `imr-tui import` can read."""

    name: str  # the word after `imr-tui import`
    description: str  # one line, for `imr-tui import --help`
    details: str  # a few sentences, for `imr-tui import NAME --help`: how the file's data becomes imr-tui's
    file_help: str  # what FILE is, e.g. "the CSV file Daylio exported"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Options of this format besides FILE and --dry-run (their values reach `read` as `options`)."""

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        """Read and check the whole file; write nothing. Raises ImportProblem (one line) for a bad file."""
