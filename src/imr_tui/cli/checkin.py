"""`imr-tui checkin`: save a check-in from the shell, from --ITEM VALUE pairs or one question at a time."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import PROG, UserError, open_store, stdin_is_terminal
from imr_tui.domain.format import day_time, number

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn, CheckInItem


def add_parsers(sub: Any) -> None:
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
    c.add_argument("--quick", action="store_true",
                   help="ask only the quick check-in items (mood, unless you picked others in Settings)")
    c.set_defaults(func=run)


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


YES_NO = {"y": "1", "yes": "1", "n": "0", "no": "0"}


def ask_values(items: Sequence[CheckInItem]) -> dict[str, float]:
    """Ask each item in turn; Enter skips. A yes/no item takes y or n (or 1 or 0)."""
    values: dict[str, float] = {}
    for item in items:
        scale = "y or n" if item.yes_no else item.describe_scale()
        while True:
            raw = _ask(f"{item.question} [{scale}]: ").strip()
            if not raw:
                break
            if item.yes_no:
                raw = YES_NO.get(raw.lower(), raw)
            try:
                values[item.id] = _number(item, raw)
                break
            except UserError as exc:
                print(f"  {exc}. Try again, or press Enter to skip.")
    return values


def interactive_values(items: Sequence[CheckInItem]) -> tuple[dict[str, float], str | None, str]:
    """Ask one question at a time; Enter skips. Returns values, medication, note."""
    print("Check-in. Type a number and press Enter, or just Enter to skip. Ctrl+C stops; nothing is saved then.")
    values = ask_values([i for i in items if i.enabled])
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


def _quick_ids(store: Any) -> list[str]:
    """The ids picked for a quick check-in, read from the settings without building the whole model."""
    from imr_tui.domain.checkin import DEFAULT_QUICK_ITEMS

    settings = store.read_envelope(store.manifest_path, "manifest").get("settings", {})
    chosen = settings.get("quick_items") if isinstance(settings, dict) else None
    if chosen is None:
        return list(DEFAULT_QUICK_ITEMS)
    if not isinstance(chosen, list) or not all(isinstance(i, str) for i in chosen):
        raise UserError(f"{store.manifest_path}: settings.quick_items should be a list of item names")
    return chosen


def run(args: argparse.Namespace) -> int:
    from imr_tui.domain.checkin import CheckIn, quick_items
    from imr_tui.domain.checkin_text import parse_tags, parse_use

    store = open_store(args)
    items = store.checkin_items()
    if args.list_items:
        for item in items:
            state = "" if item.enabled else "  (turned off)"
            print(f"--{item.id.replace('_', '-'):15} {item.label}: {item.describe_scale()}{state}")
        return 0
    when = parse_when(args.at)
    values = parse_item_values(items, args.item_values, args.set)
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
        if not stdin_is_terminal():
            raise UserError(f"nothing to save: give values like --mood 6 (see '{PROG} checkin --list-items')")
        if args.quick:
            print("Quick check-in. Type a number and press Enter, or just Enter to skip.")
            values = ask_values(quick_items(items, _quick_ids(store)))
        else:
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
