"""Text charts for the History screen: bars a few rows tall on an item's own scale, a line for each
number the plan's rules watch, dates under the bars, one-glyph rows for medicine and for alcohol or
drug use, and a month calendar.

Every state has a glyph as well as a colour (ux.md): a gap is a blank, never a low bar; a value of 0
is the lowest bar (▁); a rule's number is a row of ╌ with its words in the key below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content

from imr_tui.domain.format import day_month, number
from imr_tui.insights.trends import DayStates, Mark, bucket_starts, month_weeks

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 3  # rows of a bar chart: 24 steps of height
PREFIX = 9  # the column of labels left of every chart and row
MARK = "╌"
MEDICINE = {0: "✓", 1: "◐", 2: "✗"}
MEDICINE_KEY = "✓ taken  ◐ partly  ✗ not taken  (blank: no answer)"
USE = {0: "·", 1: "■"}
USE_KEY = "■ used alcohol or drugs  · checked in, no use  (blank: no check-in)"


def _level(value: float, low: float, high: float, rows: int) -> float:
    """Eighths of a row, from the bottom: 0 .. rows * 8."""
    span = (high - low) or 1.0
    return max(0.0, min(1.0, (value - low) / span)) * rows * 8


def bar_rows(points: Sequence[float | None], low: float, high: float, marks: Sequence[float] = (),
             rows: int = ROWS) -> list[str]:
    """The chart's rows, top first. A value at the low end still gets the lowest bar (▁), so it never
    looks like a day with no check-in; a mark is ╌ in the empty cells of its row."""
    levels = [None if v is None else max(1.0, _level(v, low, high, rows)) for v in points]
    with_mark = {min(rows - 1, int(_level(m, low, high, rows) // 8)) for m in marks}
    out = []
    for row in range(rows - 1, -1, -1):
        cells = []
        for level in levels:
            fill = 0 if level is None else round(max(0.0, min(8.0, level - row * 8)))
            cells.append(BLOCKS[fill] if fill else (MARK if row in with_mark else " "))
        out.append("".join(cells))
    return out


def axis(start: date, days: int, bucket_days: int, width: int) -> str:
    """Dates under a chart `width` points wide: the first day at the left, the last at the right, and
    days between where they fit (each label starts at its own point)."""
    firsts = bucket_starts(start, days, bucket_days)[:width]
    end = start + timedelta(days=days - 1)
    year = days > 200 or start.year != end.year
    line = [" "] * width
    right = day_month(end, year)

    def put(at: int, text: str) -> bool:
        if at < 0 or at + len(text) > width or any(c != " " for c in line[max(0, at - 2):at + len(text) + 2]):
            return False
        line[at:at + len(text)] = list(text)
        return True

    put(max(0, width - len(right)), right)
    put(0, day_month(start, year))
    step = 12 if year else 10  # a label and some room
    for at in range(step, width, step):
        put(at, day_month(firsts[at], year))
    text = "".join(line)
    return text if text.strip() else f"{day_month(start, year)} to {right}"


def labelled(label: str, rows: Sequence[str]) -> list[str]:
    return [f"{(label if n == 0 else ''):>{PREFIX - 1}} {row}" for n, row in enumerate(rows)]


def item_chart(points: Sequence[float | None], low: float, high: float, unit: str, marks: Sequence[Mark]) -> Content:
    """The bars with the top and bottom of the scale at the left."""
    rows = bar_rows(points, low, high, [m.value for m in marks])
    top, bottom = number(high), number(low)
    lines = [f"{top:>{PREFIX - 2}} ┤{rows[0]}", *(f"{'':>{PREFIX - 2}} ┤{r}" for r in rows[1:-1]),
             f"{bottom:>{PREFIX - 2}} ┤{rows[-1]}"]
    for n, row in enumerate(mark_rows(low, high, marks)):  # the number at the end of its row, as well as the ╌
        if row:
            lines[n] += f" ◂ {row}"
    return Content("\n".join(lines))


def mark_rows(low: float, high: float, marks: Sequence[Mark], rows: int = ROWS) -> list[str]:
    """For each row of a chart (top first): the marks' numbers in that row ("5", or "" for none)."""
    out: list[list[str]] = [[] for _ in range(rows)]
    for m in marks:
        row = min(rows - 1, int(_level(m.value, low, high, rows) // 8))
        out[rows - 1 - row].append(number(m.value, 1))
    return [", ".join(r) for r in out]


def chart_key(low: float, high: float, full: tuple[float, float], unit: str, worse: str,
              marks: Sequence[Mark]) -> Content:
    """Under a chart: what the scale is, and each rule's line in words (the sign's text is the person's own)."""
    unit_text = f" {unit}" if unit else ""
    drawn = f"{number(low)} to {number(high)}{unit_text}, {worse} is worse"
    if (low, high) != full:
        drawn += f" (the scale goes to {number(full[1])}; drawn to {number(high)} to show your own numbers)"
    parts = [Content(drawn)]
    for m in marks:
        parts.append(Content.from_markup("$mark$mark $value: your sign [b]$sign[/b] ($rule)", mark=MARK,
                                         value=f"{number(m.value, 1)}{unit_text}", sign=m.sign, rule=m.rule))
    return Content("\n").join(parts)


def state_row(label: str, states: DayStates, glyphs: dict[int, str]) -> str:
    return labelled(label, ["".join(" " if p is None else glyphs[p] for p in states.points)])[0]


MONTH_CELL = 8


def month_grid(month: date, values: dict[date, float], low: float, high: float, today: date) -> list[str]:
    """A month of one item, one cell a day, two lines a week: the day's number, then under it a bar as tall
    as the day's value and the value ("▅ 6"); "·" for a day with no check-in; nothing for days to come."""
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    lines = ["".join(f" {n:<{MONTH_CELL - 1}}" for n in names).rstrip()]
    for week in month_weeks(month):
        days, marks = [], []
        for d in week:
            days.append(" " * MONTH_CELL if d is None else f" {d.day:>2}".ljust(MONTH_CELL))
            if d is None or d > today:
                marks.append(" " * MONTH_CELL)
            elif d in values:
                v = values[d]
                marks.append(f" {BLOCKS[max(1, round(_level(v, low, high, 1)))]} {number(v)}".ljust(MONTH_CELL))
            else:
                marks.append("  ·".ljust(MONTH_CELL))
        lines += ["".join(days).rstrip(), "".join(marks).rstrip()]
    return lines
