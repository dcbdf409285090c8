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
from collections.abc import Sequence
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
    """Say what is wrong in one line (a newline or other control character from what was typed shows as ?)."""
    line = "".join(ch if ch.isprintable() else " " if ch.isspace() else "?" for ch in message)
    print(f"{PROG}: {line}", file=sys.stderr)
    raise SystemExit(code)


class Parser(argparse.ArgumentParser):
    """A parser whose errors are one line (exit 1) like every other mistake in what was typed. Every argument
    must be text: bytes that are not UTF-8 (Python hands them over as surrogates) are refused here, before they
    can reach a file or the screen."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see '{self.prog} --help')", 1)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        argv = list(sys.argv[1:] if args is None else args)
        for n, arg in enumerate(argv):
            if not is_text(arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                self.error(f"argument {n + 1} ({shown[:40]!r}) is not valid UTF-8 text")
            if arg in ("--home", "--home=") and (arg == "--home=" or (n + 1 < len(argv) and not argv[n + 1].strip())):
                self.error("--home: give the path of a folder (an empty one would mean the current folder)")
        return super().parse_known_args(argv, namespace)


def is_text(text: str) -> bool:
    """Whether `text` is real text (not bytes that were not UTF-8, which Python keeps as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def stdin_is_terminal() -> bool:
    """Whether someone can type answers (False too when stdin is closed: `imr-tui ... <&-`)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or broken
        return False


# ---------------------------------------------------------------- the data folder
def data_home(args: argparse.Namespace) -> Path:
    """The data folder: --home, else $IMR_TUI_HOME, else the user data folder. Its path must be text."""
    from imr_tui import paths

    home = Path(args.home) if getattr(args, "home", None) else paths.data_dir()
    if not is_text(str(home)):
        raise UserError(f"the data folder's path is not valid UTF-8 text (check --home or {paths.ENV_HOME})")
    return home


def ask_passphrase() -> str:
    """The passphrase of an encrypted folder: from the terminal (not echoed), or $IMR_TUI_PASSPHRASE for scripts."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    if not stdin_is_terminal():
        raise UserError(f"your data is encrypted: run this in a terminal to type the passphrase, or set {PASSPHRASE_ENV}")
    import getpass

    try:
        return getpass.getpass("Passphrase for your imr-tui data: ")
    except (EOFError, KeyboardInterrupt):
        raise UserError("no passphrase given; nothing was changed") from None


def open_store(args: argparse.Namespace, create: bool = True, repair: bool = False) -> Store:
    """Open the data folder (see Store.open: `create` for commands that save, `repair` for verify and restore).
    For an encrypted one typed at a terminal, a wrong passphrase asks again (as often as needed: there is no
    lock-out); Ctrl+C or Ctrl+D stops."""
    from imr_tui.store.crypto import WrongPassphraseError
    from imr_tui.store.store import Store

    while True:
        try:
            store = Store.open(data_home(args), create=create, passphrase=ask_passphrase, repair=repair)
        except WrongPassphraseError as exc:
            if os.environ.get(PASSPHRASE_ENV) is not None or not stdin_is_terminal():
                raise
            print(f"{exc.message} Try again (Ctrl+C stops).", file=sys.stderr)
            continue
        for what in store.finished:
            print(f"{PROG}: note: an earlier imr-tui was stopped half-way through: {what}. That is finished now.",
                  file=sys.stderr)
        for note in store.sync_notes:  # conflict copies from a sync tool, merged or not (docs/sync.md)
            print(note, file=sys.stderr)
        return store


def existing_store(args: argparse.Namespace) -> Store | None:
    """The store if there is one, without creating it (a dry run writes nothing, not even a new folder)."""
    from imr_tui.store.store import folder_state

    try:
        state = folder_state(data_home(args))
    except OSError:
        state = "data"  # let open_store say what is wrong with it
    if state in ("missing", "empty"):
        return None
    return open_store(args, create=False)


def with_backup_hint(store_root: Path, exc: Exception) -> str:
    """The error, plus the newest good backup where one exists."""
    from imr_tui.store.backup import with_backup_hint as hint
    from imr_tui.store.store import Store

    return hint(Store(store_root), exc, f"run '{PROG} restore' to use it")


# ------------------------------------------------------------ files we are asked to write
def output_target(args: argparse.Namespace, path: Path, flag: str) -> Path:
    """A file the person asked us to write, checked before any work is done: not a folder, in a folder that
    exists, never inside the data folder (an export must not replace the store's own files, even through a
    link), and not a file that is there already unless they said --force (a file is never replaced without
    asking). The one guard every command that writes a file calls."""
    try:
        path = path.expanduser()
        if path.is_dir():
            raise UserError(f"{flag} {path}: that is a folder; give a file name, e.g. {path / 'report'}")
        if not path.parent.is_dir():
            raise UserError(f"{flag} {path}: the folder {path.parent} does not exist")
        home = data_home(args).resolve()
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # a name too long, a folder we may not look into, ~nobody, a link loop
        from imr_tui.store.files import describe_os_error

        why = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise UserError(f"{flag} {str(path)[:200]}: cannot use that path ({why})") from None
    if target == home or home in target.parents:
        raise UserError(f"{flag} {path}: that is inside your data folder ({home}); imr-tui writes nothing there but "
                        "its own files. Choose another folder, e.g. your home folder")
    if os.path.lexists(path) and not getattr(args, "force", False):
        raise UserError(f"{flag} {path}: that file is there already; nothing was written. Give another name, "
                        "or add --force to replace it")
    return path


def add_paper(parser: argparse.ArgumentParser) -> None:
    from imr_tui.export.paper import PAPERS

    parser.add_argument("--paper", choices=PAPERS, help="PDF paper size (default: letter in the US, Canada and "
                                                        "other countries that use it, else a4)")


def add_force(parser: argparse.ArgumentParser) -> None:
    """--force: the one way to let a command replace a file that is there already (see output_target)."""
    parser.add_argument("--force", action="store_true", help="replace a file that is there already")


def write_target(path: Path, data: bytes) -> None:
    """Write a report or export file (0600, atomically); a failure is one line."""
    from imr_tui.export.files import ExportWriteError, write_export

    try:
        write_export(path, data)
    except ExportWriteError as exc:
        raise UserError(str(exc)) from None
