"""Check-ins as CSV, one row per check-in, for a spreadsheet (`imr-tui export --csv FILE`).

Columns, in this order (see docs/reports.md):
  id, at, date, <every item id in the settings' order>, <item ids found only in the data, sorted>,
  medication, substances, tags, note

- at: the check-in's time, ISO 8601 with its UTC offset (2026-11-20T21:30:00+01:00)
- date: the day the check-in counts for (the date of `at` in its own offset)
- item columns: the value given, empty when the item was not rated in that check-in
- medication: yes, partly, no, not-prescribed or empty
- substances: "what=amount" (or just "what"), joined by "; "
- tags: joined by "; "
- note: as written, line breaks kept (inside quotes, as CSV allows)

UTF-8 without a byte order mark; rows end with CRLF (RFC 4180); rows are oldest first.

Formulas: a spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return before
one) as a formula. By default (`guard=True`) every text cell that starts with one of those gets a
single quote in front ("=SUM(A1)" is written '=SUM(A1)), which spreadsheets show as text; numbers
we write ourselves (the item columns) are never changed, so -2 stays a number. `guard=False`
(`imr-tui export --csv FILE --raw`) writes every cell exactly as typed. The header is the same
either way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from imr_tui.domain.checkin import CheckIn, CheckInItem
from imr_tui.domain.format import exact_number

FIXED_HEAD = ("id", "at", "date")
FIXED_TAIL = ("medication", "substances", "tags", "note")
LIST_SEPARATOR = "; "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: a ' in front when it starts like one."""
    return "'" + text if text.startswith(FORMULA_START) else text


def item_columns(items: Sequence[CheckInItem], checkins: Sequence[CheckIn]) -> list[str]:
    """Every item id in the settings' order, then item ids found only in the data, sorted."""
    known = [i.id for i in items]
    seen = set(known)
    extra = sorted({k for c in checkins for k in c.values} - seen)
    return known + extra


def header(items: Sequence[CheckInItem], checkins: Sequence[CheckIn]) -> list[str]:
    return [*FIXED_HEAD, *item_columns(items, checkins), *FIXED_TAIL]


def checkins_csv(checkins: Sequence[CheckIn], items: Sequence[CheckInItem], *, guard: bool = True) -> str:
    """The CSV text (header first) of these check-ins, oldest first; `guard`: see the module's docstring."""
    ordered = sorted(checkins, key=lambda c: (c.at, c.id))
    columns = item_columns(items, ordered)
    text = guard_cell if guard else str
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header(items, ordered))
    for c in ordered:
        substances = LIST_SEPARATOR.join(f"{s.what}={s.amount}" if s.amount else s.what for s in c.substances)
        writer.writerow([
            text(c.id), c.at.isoformat(), c.day.isoformat(),
            *(exact_number(c.values[k]) if k in c.values else "" for k in columns),
            c.medication.value if c.medication else "", text(substances), text(LIST_SEPARATOR.join(c.tags)),
            text(c.note),
        ])
    return buf.getvalue()
