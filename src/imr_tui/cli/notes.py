"""`imr-tui notes`: read back check-ins (notes, medicine, alcohol and drugs) and coping uses, newest first,
with the journal's search (insights/journal.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from imr_tui.cli.common import UserError, open_store


def add_parsers(sub: Any) -> None:
    n = sub.add_parser("notes", help="read back your check-ins and coping logs, newest first",
                       description="Every check-in (ratings, medicine, alcohol or drugs, tags, note) and every coping "
                                   "use, newest first. --search finds entries with every word given (case and accents "
                                   "do not matter).")
    n.add_argument("--search", default="", metavar="WORDS", help="only entries with all these words")
    n.add_argument("--tag", default="", metavar="TAG", help="only entries with this tag")
    n.add_argument("--from", dest="start", default="", metavar="DATE",
                   help="first day: 2026-11-01, yesterday, -30, monday (the last one)")
    n.add_argument("--to", dest="end", default="", metavar="DATE", help="last day (same forms as --from)")
    n.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.insights.journal import load_entries, plain_text, read_query, search

    try:
        query = read_query(args.search, args.tag, args.start, args.end, today=date.today(), names=("--from", "--to"))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    store = open_store(args, create=False)
    found = search(load_entries(store, query.start, query.end), query)
    what = f" {query.describe()}" if query else ""
    if not found:
        print(f"No check-ins or coping logs{what}.")
        return 0
    sys.stdout.write(plain_text(found))
    count = f"{len(found)} entr{'y' if len(found) == 1 else 'ies'}"
    print(f"{count}{what}, newest first.")
    return 0
