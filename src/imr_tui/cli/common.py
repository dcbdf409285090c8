"""What every command of `imr-tui` shares: the one-line errors, the parser class, opening the data folder,
and writing a file the person asked for.

Exit codes: 0 ok, 1 a problem with what was typed, 2 a problem with the data folder.
Only argparse is imported here at import time: `imr-tui checkin` and `imr-tui remind` run at shell
prompts and must start fast; everything else is imported where it is used.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from imr_tui.store.store import Store

PROG = "imr-tui"
PASSPHRASE_ENV = "IMR_TUI_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
PRIVATE = "It holds private health information: share it only with people you choose."


class UserError(Exception):
    """Something typed on the command line is wrong; one line, exit 1."""


def fail(message: str, code: int) -> NoReturn:
    print(f"{PROG}: {message}", file=sys.stderr)
    raise SystemExit(code)


class Parser(argparse.ArgumentParser):
    """A parser whose errors are one line (exit 1) like every other mistake in what was typed."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see '{self.prog} --help')", 1)


# ---------------------------------------------------------------- the data folder
def data_home(args: argparse.Namespace) -> Path:
    from imr_tui import paths

    return Path(args.home) if args.home else paths.data_dir()


def ask_passphrase() -> str:
    """The passphrase of an encrypted folder: from the terminal (not echoed), or $IMR_TUI_PASSPHRASE for scripts."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UserError(f"your data is encrypted: run this in a terminal to type the passphrase, or set {PASSPHRASE_ENV}")
    import getpass

    try:
        return getpass.getpass("Passphrase for your imr-tui data: ")
    except (EOFError, KeyboardInterrupt):
        raise UserError("no passphrase given; nothing was changed") from None


def open_store(args: argparse.Namespace, create: bool = True) -> Store:
    """Open the data folder. For an encrypted one typed at a terminal, a wrong passphrase asks again
    (as often as needed: there is no lock-out); Ctrl+C or Ctrl+D stops."""
    from imr_tui.store.crypto import WrongPassphraseError
    from imr_tui.store.store import Store

    while True:
        try:
            store = Store.open(data_home(args), create=create, passphrase=ask_passphrase)
            for note in store.sync_notes:  # conflict copies from a sync tool, merged or not (docs/sync.md)
                print(note, file=sys.stderr)
            return store
        except WrongPassphraseError as exc:
            if os.environ.get(PASSPHRASE_ENV) is not None or not sys.stdin.isatty():
                raise
            print(f"{exc.message} Try again (Ctrl+C stops).", file=sys.stderr)


def existing_store(args: argparse.Namespace) -> Store | None:
    """The store if there is one, without creating it (a dry run writes nothing, not even a new folder)."""
    home = data_home(args)
    if not home.is_dir() or not any(home.iterdir()):  # (an encrypted folder has no plain manifest.json)
        return None
    return open_store(args, create=False)


def with_backup_hint(store_root: Path, exc: Exception) -> str:
    """The error, plus the newest good backup where one exists."""
    from imr_tui.store.backup import with_backup_hint as hint
    from imr_tui.store.store import Store

    return hint(Store(store_root), exc, f"run '{PROG} restore' to use it")


# ------------------------------------------------------------ files we are asked to write
def check_target(path: Path, flag: str, force: bool = False) -> Path:
    """A file the person asked us to write: not a folder, in a folder that exists, and not a file that is
    there already unless they said --force (a file is never replaced without asking)."""
    path = path.expanduser()
    if path.is_dir():
        raise UserError(f"{flag} {path}: that is a folder; give a file name, e.g. {path / 'report'}")
    if not path.parent.is_dir():
        raise UserError(f"{flag} {path}: the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise UserError(f"{flag} {path}: that file is there already; nothing was written. Give another name, "
                        "or add --force to replace it")
    return path


def add_paper(parser: argparse.ArgumentParser) -> None:
    from imr_tui.export.paper import PAPERS

    parser.add_argument("--paper", choices=PAPERS, help="PDF paper size (default: letter in the US, Canada and "
                                                        "other countries that use it, else a4)")


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace a file that is there already")


def write_target(path: Path, data: bytes) -> None:
    """Write a report or export file (0600, atomically); a failure is one line."""
    from imr_tui.export.files import ExportWriteError, write_export

    try:
        write_export(path, data)
    except ExportWriteError as exc:
        raise UserError(str(exc)) from None
