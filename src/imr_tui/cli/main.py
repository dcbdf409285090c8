"""The `imr-tui` command: the parser and the dispatch. Subcommands that need no screen never import Textual.

Each command group is one module of this package with `add_parsers(sub)`, which adds its commands
and sets `func` (what runs) on each with `set_defaults`. A shell check-in builds only the parser of
the command it runs (see `build_parser`). Exit codes: see imr_tui.cli.common.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PROG, Parser, UserError, data_home, fail, with_backup_hint

# the module of this package that adds each command, in the order `imr-tui --help` lists them
GROUPS: dict[str, tuple[str, ...]] = {
    "checkin": ("checkin",),
    "data": ("verify", "backup", "restore", "encrypt", "decrypt"),
    "plan": ("plan",),
    "notes": ("notes",),
    "content": ("content",),
    "report": ("report",),
    "export": ("export",),
    "imports": ("import",),
    "remind": ("remind",),
}
COMMANDS = frozenset(command for commands in GROUPS.values() for command in commands)
Command = Callable[[argparse.Namespace], int]


class _Skipped:
    """Stands in for a subcommand's parser that this run does not need: it accepts every call and
    does nothing. Building all ~20 subcommand parsers costs about 6 ms (argparse looks up
    translations for each), a real share of `imr-tui checkin`'s start."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


class _OnlyCommand:
    """Subparsers that build just one command (the one on the command line)."""

    def __init__(self, sub: Any, only: str):
        self.sub = sub
        self.only = only

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.sub.add_parser(name, **kwargs) if name == self.only else _Skipped()


def command_options(parser: argparse.ArgumentParser) -> dict[str, list[tuple[str, bool]]]:
    """Every command's words -> [(--option, takes a value)], with ("", True) for each positional argument,
    read from the parser itself (the tests feed each one random input, so a new option is covered)."""
    out: dict[str, list[tuple[str, bool]]] = {}

    def walk(p: argparse.ArgumentParser, words: list[str]) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        opts = [(s, a.nargs != 0) for a in p._actions if a.option_strings and a.dest != "help"
                for s in a.option_strings if s.startswith("--")]
        positional = [a for a in p._actions if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
        out[" ".join(words)] = opts + [("", True) for _ in positional]
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child, [*words, name])

    walk(parser, [])
    return out


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (with `only`) the top level plus that one command: same results, faster."""
    p = Parser(prog=PROG, description="Illness Management and Recovery in your terminal. Run with no command "
                                      "to open the app.")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument("--home", type=Path, help="data folder (default: $IMR_TUI_HOME or your user data folder)")
    p.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--demo", action="store_true", help="open the app on made-up data in a temporary folder")
    p.add_argument("--demo-days", type=int, metavar="N", help="days of demo data (default 90); implies --demo")
    sub: Any = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    if only is not None:
        sub = _OnlyCommand(sub, only)
    for group, commands in GROUPS.items():
        if only is None or only in commands:
            importlib.import_module(f"imr_tui.cli.{group}").add_parsers(sub)
    return p


def opens_app(argv: Sequence[str]) -> bool:
    """True when the command line names no command (only top-level options): the app, or --demo. Then no
    subcommand parser is built: the import formats' parsers alone load pydantic and every importer,
    which cost the app's first paint about 150 ms."""
    takes_value = {"--home", "--content", "--demo-days"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif not arg.startswith("-") or arg in {"-h", "--help"}:
            return False
    return not skip


def _command(args: argparse.Namespace) -> Command:
    """What to run: the command's `func`, or the app when no command was given."""
    func: Command | None = getattr(args, "func", None)
    if args.demo or args.demo_days is not None:
        if func is not None:  # a command would read and write the real data folder, not the demo
            raise UserError(f"--demo opens the app on made-up data; it cannot be used with '{args.command}'")
        args.demo = True  # --demo-days alone means the demo too (it never opens the real folder)
    if func is None:
        from imr_tui.cli.app import run_tui

        return run_tui
    return func


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the usual shell use starts with the command: build only its parser (anything else: all of them)
    first = argv[0] if argv and argv[0] in COMMANDS and not {"-h", "--help"} & set(argv) else None
    if first is None and opens_app(argv):
        first = ""  # no command: build none of their parsers
    # No third-party pydantic plugin may see health data (some send telemetry), and skipping the
    # plugin scan keeps `imr-tui checkin` fast.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser(only=first)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "checkin":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.item_values = extra  # `checkin --ITEM VALUE`: the items come from the settings, not the parser
    if args.version:
        from imr_tui import __version__

        print(f"{PROG} {__version__}")
        return 0
    from imr_tui.store.files import StoreError

    try:
        return _command(args)(args)
    except UserError as exc:
        fail(str(exc), 1)
    except StoreError as exc:
        fail(with_backup_hint(data_home(args), exc), exc.exit_code)
    except OverflowError as exc:  # a date or number typed far out of range (year 1, year 9999, 10**20)
        fail(f"a date or number given is out of range ({exc}); nothing was saved", 1)
    except OSError as exc:  # a path the store layer did not expect (it turns its own into StoreError)
        from imr_tui.store.files import describe_os_error

        where = f" ({exc.filename})" if exc.filename else ""
        fail(f"{describe_os_error(exc)}{where}; nothing more was saved", 2)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        fail("stopped; nothing more was saved", 1)
    except BrokenPipeError:
        os._exit(0)
