"""The interface every import format shares (listed in imports/registry.py, which says how to add one).

An import is two steps, so that a dry run shows everything and writes nothing:
  1. `fmt.read(path, target, options, dry_run)` reads and checks the whole file and returns an
     ImportPlan: the check-ins and coping uses it holds, what was left out, and lines that say
     what importing it would do. It writes nothing; a bad file raises ImportProblem (one line,
     naming the file and the row).
  2. `plan.write(store)` writes it (the CLI and the import screen make a labelled backup first,
     `backup_before_import`) and returns a line to show.
Entries are merged by id, so importing the same file twice adds nothing: a format gives each entry
an id made from the row (see rows.Collector).

A file whose moods are names may hold moods only the person can place (`plan.moods`, imports/moods.py):
such a plan is not `ready()` until each has a value (or the person chose none), and `write` refuses it.
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
    from imr_tui.domain.settings import Settings
    from imr_tui.imports.moods import MoodTable
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

    def settings(self) -> Settings:
        """The folder's settings (the defaults for a folder not made yet): the country for crisis lines."""
        if self.store is not None:
            return self.store.settings()
        from imr_tui.domain.settings import Settings

        return Settings()

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
    mapping: list[str] = field(default_factory=list)  # how the file's fields become imr-tui's (after the moods)
    checkins: list[CheckIn] = field(default_factory=list)  # every check-in read (written merged by id)
    coping: list[CopingUse] = field(default_factory=list)  # every coping use read (written merged by id)
    changes: bool = False  # whether writing would change anything
    left_out: list[str] = field(default_factory=list)  # what the file holds that is not imported, one line each
    preview: list[str] = field(default_factory=list)  # a dry run shows these, e.g. the first entries as saved
    empty: str = ""  # the file holds nothing to import: this line says so, and nothing more is shown
    unchanged: str = "Everything in this file is already here; nothing was added."
    done: str = "Imported {checkins} new check-ins into {root}."  # after writing ({checkins}, {coping}, {root})
    also: Callable[[Store], None] | None = None  # anything else to write (the JSON export's settings, profile)
    moods: MoodTable | None = None  # the file's moods and the value each gets (None: the file has no moods)
    care: bool = False  # some entries speak of wanting to die: show where crisis help is, once (imports/care.py)
    preview_of: Callable[[], list[str]] | None = None  # the preview, made when shown (it shows the moods' values)

    def summary(self) -> list[str]:
        """What the file holds, the moods and their values, and how the rest is mapped."""
        return [*self.lines, *(self.moods.lines() if self.moods else []), *self.mapping]

    def preview_lines(self) -> list[str]:
        return self.preview_of() if self.preview_of is not None else self.preview

    def ready(self) -> bool:
        """Every mood has a value, or the person chose to leave it without one."""
        return self.moods is None or not self.moods.unknown()

    def write(self, store: Store) -> str:
        """Write the entries (merged by id), then `also`; the line to show."""
        if not self.ready():
            raise ValueError("some moods have no place on your mood scale yet; nothing was imported")
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


def backup_before_import(store: Store) -> str:
    """A labelled backup before an import, when there is anything to lose. Returns a line to show ("" for none)."""
    if len(store.data_files()) <= 1:  # only the manifest: nothing to lose yet
        return ""
    from imr_tui.store.backup import make_backup

    b = make_backup(store, label="before-import")
    return f"A backup was made first: {b.name} (to undo the import: imr-tui restore --snapshot {b.name})."
