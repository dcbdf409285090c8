"""The commands that look after the data folder: verify, backup, restore, encrypt, decrypt."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import PASSPHRASE_ENV, PROG, UserError, open_store, stdin_is_terminal
from imr_tui.domain.format import stamp

if TYPE_CHECKING:
    from imr_tui.store.backup import Backup
    from imr_tui.store.store import Store


def add_parsers(sub: Any) -> None:
    sub.add_parser("verify", help="read every data file and report problems (exit 2 if any)").set_defaults(func=run_verify)
    b = sub.add_parser("backup", help="make a backup now, or list backups")
    b.add_argument("--list", action="store_true", help="list backups, newest first")
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", help="replace damaged files with their newest good backup",
                       description="With no options: every damaged data file is moved to quarantine/ and replaced "
                                   "by its newest good copy; good files are not touched. With --snapshot NAME: the "
                                   "whole folder is made like that backup (the current state is backed up first).")
    r.add_argument("--list", action="store_true", help="list backups, newest first")
    r.add_argument("--snapshot", metavar="NAME", help="restore a whole backup ('latest' for the newest)")
    r.set_defaults(func=run_restore)
    sub.add_parser("encrypt", help="encrypt your data folder with a passphrase (age format)",
                   description="Encrypt every data file (and every backup) with a passphrase, in the age format. "
                               "Needs the optional part: pip install 'imr-tui[encrypt]'. See docs/encryption.md."
                   ).set_defaults(func=run_encrypt)
    sub.add_parser("decrypt", help="turn an encrypted data folder back into plain files").set_defaults(func=run_decrypt)


def run_verify(args: argparse.Namespace) -> int:
    from imr_tui.store.verify import verify

    store = open_store(args, create=False, repair=True)
    count, problems = verify(store)
    for p in problems:
        print(f"problem: {p}")
    if problems:
        print(f"{len(problems)} problem(s) in {count} files at {store.root}. Run '{PROG} restore' to replace "
              "damaged files from backups.")
        return 2
    print(f"All {count} files at {store.root} read back fine.")
    return 0


FUTURE = "dated in the future: the computer's clock was wrong when it was made"


def _print_backups(store: Store) -> None:
    from imr_tui.store.backup import list_backups

    backups = list_backups(store)
    if not backups:
        print(f"No backups yet in {store.backups_dir}.")
    for b in backups:
        notes = [n for n in (b.label, FUTURE if b.in_future() else "") if n]
        print(f"{b.name}  {stamp(b.made)}" + "".join(f"  ({n})" for n in notes))


def _skipped(skipped: tuple[str, ...]) -> None:
    if skipped:
        print(f"Left out (not ordinary files): {', '.join(skipped)}. Run '{PROG} verify'.")


def run_backup(args: argparse.Namespace) -> int:
    from imr_tui.store.backup import make_backup

    store = open_store(args, create=False, repair=args.list)
    if args.list:
        _print_backups(store)
        return 0
    b = make_backup(store)
    print(f"Backup made: {b.path}")
    _skipped(b.skipped)
    return 0


def _chosen_backup(store: Store, name: str) -> Backup:
    """The backup --snapshot names; 'latest' is the newest not dated in the future (said when one was passed over)."""
    from imr_tui.store.backup import latest_backup, list_backups

    if name == "latest":
        chosen, future = latest_backup(store)
        for b in future:
            print(f"Backup {b.name} is {FUTURE}, so it was not taken as the latest. To restore it, name it: "
                  f"{PROG} restore --snapshot {b.name}")
        if chosen is None:
            raise UserError(f"no backup to restore (see '{PROG} restore --list')")
        return chosen
    found = next((b for b in list_backups(store) if b.name == name), None)
    if found is None:
        raise UserError(f"no backup named {name!r} (see '{PROG} restore --list')")
    return found


def run_restore(args: argparse.Namespace) -> int:
    from imr_tui.store.backup import restore_bad_files, restore_snapshot

    store = open_store(args, create=False, repair=True)  # a damaged manifest is one of the files to restore
    if args.list:
        _print_backups(store)
        return 0
    if args.snapshot:
        chosen = _chosen_backup(store, args.snapshot)
        safety = restore_snapshot(store, chosen)
        print(f"Restored backup {chosen.name}. What was there before is in backup {safety.name}.")
        return 0
    restored, unfixed = restore_bad_files(store)
    for r in restored:
        where = f"the damaged file is in {r.quarantined}" if r.quarantined else "it was missing"
        print(f"Restored {r.relpath.as_posix()} from backup {r.backup.name}; {where}.")
    for u in unfixed:
        print(f"problem: {u}")
    if not restored and not unfixed:
        print("Every data file is fine; nothing needed restoring.")
    return 2 if unfixed else 0


def run_encrypt(args: argparse.Namespace) -> int:
    from imr_tui.store.encryption import encrypt_store

    store = open_store(args, create=False)
    if store.encrypted:
        if "encrypt" in store.finished:
            print(f"Encrypted {store.root} (finishing a run that was stopped).")
            return 0
        raise UserError(f"{store.root} is already encrypted")
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        first = second = env
    else:
        if not stdin_is_terminal():
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


def run_decrypt(args: argparse.Namespace) -> int:
    from imr_tui.store.encryption import decrypt_store

    store = open_store(args, create=False)
    if not store.encrypted:
        if "decrypt" in store.finished:
            print(f"Decrypted {store.root} (finishing a run that was stopped). They are plain files again.")
            return 0
        raise UserError(f"{store.root} is not encrypted")
    count = decrypt_store(store)
    print(f"Decrypted {count} files in {store.root}. They are plain files again.")
    return 0
