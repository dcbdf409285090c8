"""The `imr-tui` command. Subcommands that need no screen never import Textual.

Exit codes: 0 ok, 1 a problem with what was typed, 2 a problem with the data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from imr_tui.domain.format import day_time, number, stamp

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn, CheckInItem
    from imr_tui.store.store import Store

PROG = "imr-tui"
COMMANDS = frozenset({"checkin", "verify", "backup", "restore", "plan", "encrypt", "decrypt", "content", "report",
                      "export", "import", "remind"})


class UserError(Exception):
    """Something typed on the command line is wrong; one line, exit 1."""


def _fail(message: str, code: int) -> NoReturn:
    print(f"{PROG}: {message}", file=sys.stderr)
    raise SystemExit(code)


# --------------------------------------------------------------------- parsing
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        _fail(f"{message} (see '{self.prog} --help')", 1)


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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (with `only`) the top level plus that one command: same results, faster."""
    p = _Parser(prog=PROG, description="Illness Management and Recovery in your terminal. Run with no command "
                                       "to open the app.")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument("--home", type=Path, help="data folder (default: $IMR_TUI_HOME or your user data folder)")
    p.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--demo", action="store_true", help="open the app on made-up data in a temporary folder")
    p.add_argument("--demo-days", type=int, default=90, metavar="N", help="days of demo data (default 90)")
    sub: Any = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only is not None:
        sub = _OnlyCommand(sub, only)

    c = sub.add_parser("checkin", help="save a check-in from the shell",
                       description="Save a check-in. Give item values as --ITEM VALUE (see --list-items). "
                                   "With no values, and a terminal, it asks you one question at a time.")
    c.add_argument("--at", metavar="WHEN", help="when: 2026-11-20, '2026-11-20 21:30', 21:30, yesterday, "
                                               "'yesterday 22:00', -2 (two days ago), monday (the last one) "
                                               "(default: now)")
    c.add_argument("--note", default=None, help="a note, in your own words")
    c.add_argument("--med", choices=["yes", "partly", "no", "not-prescribed"], help="took medication today?")
    c.add_argument("--substance", action="append", default=[], metavar="WHAT[=AMOUNT]",
                   help="alcohol or drugs used, e.g. beer=2 (repeatable)")
    c.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag, e.g. walk (repeatable)")
    c.add_argument("--set", action="append", default=[], metavar="ITEM=VALUE", help="another way to give a value")
    c.add_argument("--list-items", action="store_true", help="list the check-in items and their scales")

    sub.add_parser("verify", help="read every data file and report problems (exit 2 if any)")
    b = sub.add_parser("backup", help="make a backup now, or list backups")
    b.add_argument("--list", action="store_true", help="list backups, newest first")
    r = sub.add_parser("restore", help="replace damaged files with their newest good backup",
                       description="With no options: every damaged data file is moved to quarantine/ and replaced "
                                   "by its newest good copy; good files are not touched. With --snapshot NAME: the "
                                   "whole folder is made like that backup (the current state is backed up first).")
    r.add_argument("--list", action="store_true", help="list backups, newest first")
    r.add_argument("--snapshot", metavar="NAME", help="restore a whole backup ('latest' for the newest)")

    pl = sub.add_parser("plan", help="show or export your relapse prevention plan")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=_Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser("export", help="write the plan to a file")
    pe.add_argument("--md", type=Path, required=True, metavar="FILE", help="Markdown file to write")

    sub.add_parser("encrypt", help="encrypt your data folder with a passphrase (age format)",
                   description="Encrypt every data file (and every backup) with a passphrase, in the age format. "
                               "Needs the optional part: pip install 'imr-tui[encrypt]'. See docs/encryption.md.")
    sub.add_parser("decrypt", help="turn an encrypted data folder back into plain files")

    ct = sub.add_parser("content", help="check or describe curriculum files (for authors)")
    csub = ct.add_subparsers(dest="content_command", metavar="ACTION", parser_class=_Parser, required=True)
    chk = csub.add_parser("check", help="validate every module in a folder (exit 1 on problems)")
    chk.add_argument("folder", nargs="?", type=Path, help="folder of NN-slug.yaml files (default: the shipped ones)")
    csub.add_parser("schema", help="print the JSON Schema of a module file")
    from imr_tui import cli_data

    cli_data.add_parsers(sub)
    return p


# ---------------------------------------------------------------------- store
def data_home(args: argparse.Namespace) -> Path:
    from imr_tui import paths

    return Path(args.home) if args.home else paths.data_dir()


PASSPHRASE_ENV = "IMR_TUI_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


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
            return Store.open(data_home(args), create=create, passphrase=ask_passphrase)
        except WrongPassphraseError as exc:
            if os.environ.get(PASSPHRASE_ENV) is not None or not sys.stdin.isatty():
                raise
            print(f"{exc.message} Try again (Ctrl+C stops).", file=sys.stderr)


def _with_backup_hint(store_root: Path, exc: Exception) -> str:
    """The error, plus the newest good backup where one exists."""
    from imr_tui.store.backup import with_backup_hint
    from imr_tui.store.store import Store

    return with_backup_hint(Store(store_root), exc, f"run '{PROG} restore' to use it")


# -------------------------------------------------------------------- checkin
def parse_when(text: str | None, now: datetime | None = None) -> datetime:
    """--at values: see domain/dates.py (a day, a time, or both; a weekday name is the last one)."""
    from imr_tui.domain.checkin_text import checkin_at

    try:
        return checkin_at(text, now or datetime.now().astimezone())
    except ValueError as exc:
        raise UserError(f"--at: {exc}") from None


def _number(item: CheckInItem, raw: str) -> float:
    from imr_tui.domain.checkin_text import read_value

    try:
        return read_value(item, raw)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _item_for(items: Sequence[CheckInItem], name: str) -> CheckInItem:
    key = name.strip().lstrip("-").replace("-", "_").lower()
    item = next((i for i in items if i.id == key), None)
    if item is None:
        import difflib

        ids = [i.id for i in items]
        close = difflib.get_close_matches(key, ids, n=1)
        hint = f" Did you mean --{close[0].replace('_', '-')}?" if close else ""
        raise UserError(f"unknown check-in item {name!r}.{hint} See '{PROG} checkin --list-items'.")
    if not item.enabled:
        raise UserError(f"check-in item {item.id!r} is turned off; turn it on in Settings to use it")
    return item


def parse_item_values(items: Sequence[CheckInItem], extra: Sequence[str], sets: Sequence[str]) -> dict[str, float]:
    """--ITEM VALUE pairs (and --set ITEM=VALUE) to {item_id: value}, checked against each item's scale."""
    pairs: list[tuple[str, str]] = []
    tokens = list(extra)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.startswith("--") or tok == "--":
            raise UserError(f"unexpected {tok!r}: give values as --ITEM VALUE, e.g. --mood 6")
        if "=" in tok:
            name, raw = tok[2:].split("=", 1)
            i += 1
        else:
            if i + 1 >= len(tokens):
                raise UserError(f"{tok} needs a value, e.g. {tok} 5")
            name, raw = tok[2:], tokens[i + 1]
            i += 2
        pairs.append((name, raw))
    for s in sets:
        if "=" not in s:
            raise UserError(f"--set {s!r}: use ITEM=VALUE, e.g. --set mood=6")
        name, raw = s.split("=", 1)
        pairs.append((name, raw))
    values: dict[str, float] = {}
    for name, raw in pairs:
        item = _item_for(items, name)
        if item.id in values:
            raise UserError(f"{item.id} is given twice")
        values[item.id] = _number(item, raw)
    return values


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise UserError("stopped before the end; nothing was saved") from None


def interactive_values(items: Sequence[CheckInItem]) -> tuple[dict[str, float], str | None, str]:
    """Ask one question at a time; Enter skips. Returns values, medication, note."""
    print("Check-in. Type a number and press Enter, or just Enter to skip. Ctrl+C stops; nothing is saved then.")
    values: dict[str, float] = {}
    for item in (i for i in items if i.enabled):
        while True:
            raw = _ask(f"{item.question} [{item.describe_scale()}]: ").strip()
            if not raw:
                break
            try:
                values[item.id] = _number(item, raw)
                break
            except UserError as exc:
                print(f"  {exc}. Try again, or press Enter to skip.")
    med_map = {"y": "yes", "p": "partly", "n": "no", "x": "not-prescribed"}
    med: str | None = None
    while True:
        raw = _ask("Did you take your medication today? [y]es, [p]artly, [n]o, [x] not prescribed, Enter to skip: ")
        raw = raw.strip().lower()[:1]
        if not raw:
            break
        if raw in med_map:
            med = med_map[raw]
            break
        print("  Please type y, p, n or x.")
    note = _ask("A note, if you like (Enter to skip): ").strip()
    return values, med, note


def _summary(checkin: CheckIn, items: Sequence[CheckInItem]) -> str:
    by_id = {i.id: i for i in items}
    parts = []
    for item_id, value in checkin.values.items():
        item = by_id.get(item_id)
        parts.append(item.reading(value) if item else f"{item_id} {number(value)}")
    when = day_time(checkin.at)
    extra = []
    if checkin.medication:
        extra.append(f"medication: {checkin.medication.value}")
    if checkin.substances:
        extra.append("alcohol/drugs: " + ", ".join(s.what for s in checkin.substances))
    if checkin.note:
        extra.append("with a note")
    text = ", ".join(parts) if parts else "no ratings"
    return f"Saved your check-in for {when}: {text}" + (f" ({'; '.join(extra)})" if extra else "") + "."


def cmd_checkin(args: argparse.Namespace, extra: list[str]) -> int:
    from imr_tui.domain.checkin import CheckIn
    from imr_tui.domain.checkin_text import parse_tags, parse_use

    store = open_store(args)
    items = store.checkin_items()
    if args.list_items:
        for item in items:
            state = "" if item.enabled else "  (turned off)"
            print(f"--{item.id.replace('_', '-'):15} {item.label}: {item.describe_scale()}{state}")
        return 0
    when = parse_when(args.at)
    values = parse_item_values(items, extra, args.set)
    med: str | None = args.med
    note: str = args.note or ""
    substances = []
    for s in args.substance:
        try:
            use = parse_use(s)
        except ValueError as exc:
            raise UserError(f"--substance {exc}") from None
        if use is None:
            raise UserError(f"--substance {s!r}: say what was used, like --substance beer=2")
        substances.append(use)
    nothing_given = not values and med is None and not note and not substances and not args.tag
    if nothing_given:
        if not sys.stdin.isatty():
            raise UserError(f"nothing to save: give values like --mood 6 (see '{PROG} checkin --list-items')")
        values, med, note = interactive_values(items)
        if not values and med is None and not note:
            print("Nothing was typed, so nothing was saved.")
            return 0
    if len(note) > 10_000:
        raise UserError("--note is too long (10,000 characters at most)")
    tags = parse_tags(",".join(args.tag))
    checkin = CheckIn(at=when, values=values, medication=med, note=note, substances=substances, tags=tags)
    saved = store.add_checkin(checkin)
    print(_summary(saved, items))
    sys.stdout.flush()
    from imr_tui.store.backup import backup_if_due

    try:
        backup_if_due(store)
    except Exception as exc:  # the check-in is saved; a failed backup must not hide that
        print(f"{PROG}: note: the daily backup failed: {exc}", file=sys.stderr)
    return 0


# --------------------------------------------------------- verify / backup
def cmd_verify(args: argparse.Namespace) -> int:
    from imr_tui.store.verify import verify

    store = open_store(args, create=False)
    count, problems = verify(store)
    for p in problems:
        print(f"problem: {p}")
    if problems:
        print(f"{len(problems)} problem(s) in {count} files at {store.root}. Run '{PROG} restore' to replace "
              "damaged files from backups.")
        return 2
    print(f"All {count} files at {store.root} read back fine.")
    return 0


def _print_backups(store: Store) -> None:
    from imr_tui.store.backup import list_backups

    backups = list_backups(store)
    if not backups:
        print(f"No backups yet in {store.backups_dir}.")
    for b in backups:
        label = f"  ({b.label})" if b.label else ""
        print(f"{b.name}  {stamp(b.made)}{label}")


def cmd_backup(args: argparse.Namespace) -> int:
    from imr_tui.store.backup import make_backup

    store = open_store(args, create=False)
    if args.list:
        _print_backups(store)
        return 0
    b = make_backup(store)
    print(f"Backup made: {b.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from imr_tui.store.backup import list_backups, restore_bad_files, restore_snapshot

    store = open_store(args, create=False)
    if args.list:
        _print_backups(store)
        return 0
    if args.snapshot:
        backups = list_backups(store)
        chosen = backups[0] if args.snapshot == "latest" and backups else None
        chosen = chosen or next((b for b in backups if b.name == args.snapshot), None)
        if chosen is None:
            raise UserError(f"no backup named {args.snapshot!r} (see '{PROG} restore --list')")
        safety = restore_snapshot(store, chosen)
        print(f"Restored backup {chosen.name}. What was there before is in backup {safety.name}.")
        return 0
    restored, unfixed = restore_bad_files(store)
    for r in restored:
        print(f"Restored {r.relpath} from backup {r.backup.name}; the damaged file is in {r.quarantined}.")
    for u in unfixed:
        print(f"problem: {u}")
    if not restored and not unfixed:
        print("Every data file is fine; nothing needed restoring.")
    return 2 if unfixed else 0


# -------------------------------------------------------------- encryption
def cmd_encrypt(args: argparse.Namespace) -> int:
    from imr_tui.store.encryption import encrypt_store

    store = open_store(args, create=False)
    if store.encrypted:
        raise UserError(f"{store.root} is already encrypted")
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        first = second = env
    else:
        if not sys.stdin.isatty():
            raise UserError(f"run this in a terminal to choose a passphrase, or set {PASSPHRASE_ENV}")
        import getpass

        print("Choose a passphrase. If you forget it, your data cannot be opened by anyone, including you.")
        try:
            first = getpass.getpass("New passphrase: ")
            second = getpass.getpass("Type it again: ")
        except (EOFError, KeyboardInterrupt):
            raise UserError("stopped; nothing was changed") from None
    if first != second:
        raise UserError("the two passphrases are not the same; nothing was changed")
    if len(first) < 8:
        raise UserError("please choose a passphrase of at least 8 characters; nothing was changed")
    count = encrypt_store(store, first)
    print(f"Encrypted {count} files in {store.root}. imr-tui will ask for the passphrase once each time it starts.")
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from imr_tui.store.encryption import decrypt_store

    store = open_store(args, create=False)
    if not store.encrypted:
        raise UserError(f"{store.root} is not encrypted")
    count = decrypt_store(store)
    print(f"Decrypted {count} files in {store.root}. They are plain files again.")
    return 0


# -------------------------------------------------------------------- plan
def cmd_plan(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    store = open_store(args, create=False)
    text = plan_markdown(store.profile().plan, store.checkin_items())
    if args.plan_command == "show":
        print(text, end="")
        return 0
    target: Path = args.md
    if target.is_dir():
        raise UserError(f"--md {target}: that is a folder; give a file name, e.g. {target / 'plan.md'}")
    if not target.parent.exists():
        raise UserError(f"--md {target}: the folder {target.parent} does not exist")
    from imr_tui.store.files import atomic_write_bytes

    atomic_write_bytes(target, text.encode("utf-8"), private_dir=False)
    print(f"Wrote your plan to {target}. It holds private information: share it only with people you choose.")
    return 0


# ----------------------------------------------------------------- content
def cmd_content(args: argparse.Namespace) -> int:
    from imr_tui import paths
    from imr_tui.content.loader import check_folder, json_schema

    if args.content_command == "schema":
        print(json_schema())
        return 0
    folder = args.folder or paths.modules_dir(args.content)
    problems: list[str] = [str(p) for p in check_folder(folder)]
    if not problems:
        from imr_tui.content.audit import audit_module
        from imr_tui.content.loader import load_module, module_files

        for f in module_files(folder):
            problems.extend(f"{f}: {finding}" for finding in audit_module(load_module(f)))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}")
        return 1
    print(f"All modules in {folder} are fine.")
    return 0


# --------------------------------------------------------------------- tui
def run_tui(args: argparse.Namespace) -> int:
    from imr_tui import paths

    content = args.content or paths.content_dir()
    if args.demo:
        import tempfile

        from imr_tui.demo import build_demo_store

        if args.demo_days < 1 or args.demo_days > 36500:
            raise UserError("--demo-days must be from 1 to 36500")
        with tempfile.TemporaryDirectory(prefix="imr-tui-demo-") as tmp:
            store = build_demo_store(Path(tmp) / "data", days=args.demo_days)
            return _launch(store, content)
    store = open_store(args)
    problems = store.permission_problems()
    if problems:
        raise UserError(problems[0] + "; imr-tui will not open health data others can read")
    return _launch(store, content)


def _launch(store: Store, content: Path) -> int:
    from imr_tui.tui.app import IMRApp

    IMRApp(store=store, content=content).run()
    return 0


# -------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the usual shell use starts with the command: build only its parser (anything else: all of them)
    first = argv[0] if argv and argv[0] in COMMANDS and not {"-h", "--help"} & set(argv) else None
    # No third-party pydantic plugin may see health data (some send telemetry), and skipping the
    # plugin scan keeps `imr-tui checkin` fast.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser(only=first)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "checkin":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.version:
        from imr_tui import __version__

        print(f"{PROG} {__version__}")
        return 0
    from imr_tui.store.files import StoreError

    try:
        from imr_tui import cli_data

        result = cli_data.dispatch(args)
        if result is not None:
            return result
        if args.command == "checkin":
            return cmd_checkin(args, extra)
        if args.command == "verify":
            return cmd_verify(args)
        if args.command == "backup":
            return cmd_backup(args)
        if args.command == "restore":
            return cmd_restore(args)
        if args.command == "content":
            return cmd_content(args)
        if args.command == "plan":
            return cmd_plan(args)
        if args.command == "encrypt":
            return cmd_encrypt(args)
        if args.command == "decrypt":
            return cmd_decrypt(args)
        return run_tui(args)
    except UserError as exc:
        _fail(str(exc), 1)
    except StoreError as exc:
        _fail(_with_backup_hint(data_home(args), exc), exc.exit_code)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        _fail("stopped; nothing more was saved", 1)
    except BrokenPipeError:
        os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
