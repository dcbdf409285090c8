"""The report as a PDF: a one-page summary, then detail pages for the sections chosen.

Built on imr_tui.export.pdfdoc (DejaVu Sans embedded, so any Latin, Greek or Cyrillic text shows as
typed; characters the font lacks are marked, and page 1 then says so). Black ink and light grey only,
so it reads the same on a black-and-white printer.

- Page 1 (`_summary`) always fits on one page: long lists are cut with "and N more", long texts with "…",
  and a block with no room left is named at the bottom instead.
- Charts (`_chart`): dates on the axis, each item on its own useful scale (`ItemSummary.chart_range`),
  the warning-sign thresholds dashed, the days a sign fired shaded, a gap where there is no value.
- Notes (`_notes`): newest first, filling at most `note_pages` pages; a note never starts a page
  without its date: one that runs over a page break goes on under "DATE (continued)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil
from pathlib import Path

from imr_tui.domain.profile import Comparison
from imr_tui.export.files import write_export
from imr_tui.export.pdfdoc import FRAME, INK, LIGHT, MARKED_NOTE, MUTED, PdfDoc, shown_text
from imr_tui.export.report.model import TREND_RULE, TYPICAL_RULE, ItemSummary, NoteEntry, Report, day_ranges
from imr_tui.export.report.text import (
    PRIVATE_NOTE,
    SAFETY_PLAN_INTRO,
    SAFETY_PLAN_NONE,
    SAFETY_STEP_EMPTY,
    SUMMARY_ITEM_HEAD,
    SUMMARY_TITLE,
    checkin_count_text,
    coping_line,
    coping_summary_text,
    detail_list,
    fired_summary,
    goal_lines,
    item_stats_text,
    lessons_line,
    made_text,
    medication_text,
    medicine_text,
    plural,
    questionnaire_text,
    questionnaires_text,
    recent_ranges,
    safety_plan_changed,
    selfcheck_line,
    selfcheck_rows,
    sign_text,
    substances_text,
    summary_item_rows,
    use_days_text,
)
from imr_tui.insights.coping import MIN_USES

PDF_CHART_POINTS = 120  # the most points a chart has; longer periods get several days a point
DEFAULT_NOTE_PAGES = 3  # notes fill at most this many pages unless asked otherwise
DETAIL_RANGES = 24  # the most runs of days listed for one sign on its detail page
SUMMARY_ITEMS = 16  # the most item rows on page 1
SUMMARY_SIGNS = 8  # the most fired signs on page 1
SUMMARY_GOALS = 4
SUMMARY_TEXT = 160  # characters of the person's own text on page 1 (the detail pages show all)
NOTICE_ROOM = 9.0  # mm kept free at the bottom of page 1 for the note about marked characters
KEEP_AFTER_TABLE = 70.0  # mm the item table leaves for the blocks after it (signs, medicine, ...), when it is long
KEEP_AFTER_SIGNS = 45.0  # ... and the fired signs for medicine, alcohol or drugs, questionnaires, goals
CLOSING_ROOM = 8.0  # ... and above it, for the last line ("The pages that follow: ..." or "No room on this page for")


def pdf_text(text: str) -> str:
    """The text as the report's PDF shows it (see imr_tui.export.pdfdoc.shown_text)."""
    if not text.isascii():
        PdfDoc(title="")  # reads which characters the font has (once per process)
    return shown_text(text)[0]


# ======================================================================= page 1
@dataclass
class _Summary:
    doc: PdfDoc
    bottom: float  # the lowest y the summary may reach
    label_w: float = 34.0
    size: float = 9.0
    skipped: list[str] | None = None

    @property
    def lh(self) -> float:
        return self.size * 0.47

    @property
    def text_w(self) -> float:
        return self.doc.epw - self.label_w

    def height(self, text: str, width: float | None = None, size: float | None = None) -> float:
        size = size or self.size
        return len(self.doc.lines_of(text, width or self.text_w, size)) * size * 0.47

    def fits(self, h: float, keep: float = 0) -> bool:
        """Whether `h` mm fit above the bottom, leaving `keep` mm for what comes after."""
        return self.doc.get_y() + h <= self.bottom - keep

    def skip(self, what: str) -> None:
        self.skipped = [*(self.skipped or []), what]

    def field(self, label: str, text: str, what: str | None = None) -> None:
        """A bold label in the left column and its text beside it; named at the bottom if it does not fit."""
        h = self.height(text) + 1.2
        if not self.fits(h):
            self.skip(what or label)
            return
        doc = self.doc
        y = doc.get_y()
        doc.use(self.size, bold=True)
        doc.cell(self.label_w, self.lh, label)
        doc.set_y(y)
        doc.block(text, self.size, x=doc.l_margin + self.label_w, width=self.text_w, lh=self.lh)
        doc.set_y(max(doc.get_y(), y + self.lh) + 1.2)

    def bullets(self, label: str, rows: Sequence[tuple[str, str]], hidden: int = 0, keep: float = 0) -> None:
        """A label, then one bullet per (bold lead, text): as many as fit (leaving `keep` mm), then the count of
        the rest and of `hidden` rows not passed."""
        doc = self.doc
        need = self.lh + (self.height(f"{rows[0][0]}: {rows[0][1]}", self.doc.epw - 6) if rows else 0)
        if not self.fits(need):
            self.skip(label)
            return
        doc.use(self.size, bold=True)
        doc.cell(0, self.lh, label, new_x="LMARGIN", new_y="NEXT")
        rest = 0
        for n, (lead, text) in enumerate(rows):
            h = self.height(f"{lead}: {text}", doc.epw - 6) + 0.6
            if not self.fits(h + (self.lh if len(rows) - n > 1 or hidden else 0), keep if n else 0):
                rest = len(rows) - n
                break
            doc.set_x(doc.l_margin + 2)
            doc.use(self.size)
            doc.cell(4, self.lh, "•")
            doc.set_left_margin(doc.l_margin + 6)
            doc.use(self.size, bold=True)
            doc.write(self.lh, lead + ": ")
            doc.use(self.size)
            doc.write(self.lh, text)
            doc.set_left_margin(doc.l_margin - 6)
            doc.ln(self.lh + 0.6)
        if rest + hidden:
            self._line(f"And {rest + hidden} more: see the pages that follow.", 6)
        doc.ln(0.8)

    def _line(self, text: str, indent: float = 0) -> None:
        self.doc.block(text, self.size, x=self.doc.l_margin + indent, lh=self.lh)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], hidden: int,
              keep: float = 0) -> None:
        """A table whose cells wrap; as many rows as fit, then the count of the rest (and of `hidden` rows)."""
        doc = self.doc
        size = self.size - 1
        lh = size * 0.47
        pad = 0.8

        def wrapped(cells: Sequence[str], bold: bool = False) -> list[list[str]]:
            return [doc.lines_of(c, w - 1.2, size, bold) for c, w in zip(cells, widths, strict=True)]

        def row_height(cells: Sequence[str], bold: bool = False) -> float:
            return max(len(x) for x in wrapped(cells, bold)) * lh + pad * 2

        def draw(cells: Sequence[str], bold: bool) -> None:
            y, x = doc.get_y(), doc.l_margin
            lines = wrapped(cells, bold)
            h = max(len(x) for x in lines) * lh + pad * 2
            doc.use(size, bold)
            for cell_lines, w in zip(lines, widths, strict=True):
                doc.set_y(y + pad)
                doc.draw_lines(cell_lines, x + 0.6, w - 1.2, lh)
                x += w
            doc.set_draw_color(*(INK if bold else FRAME))
            doc.set_line_width(0.3 if bold else 0.15)
            doc.line(doc.l_margin, y + h, doc.l_margin + sum(widths), y + h)
            doc.set_xy(doc.l_margin, y + h)

        if not self.fits(row_height(head, True) + (row_height(rows[0]) if rows else 0)):
            self.skip("the table of check-in items")
            return
        draw(head, True)
        rest = 0
        for n, r in enumerate(rows):
            if not self.fits(row_height(r) + (self.lh if len(rows) - n > 1 or hidden else 0), keep if n else 0):
                rest = len(rows) - n
                break
            draw(r, False)
        doc.ln(1)
        if rest + hidden:
            more = f"And {plural(rest + hidden, 'more item')}: see the Check-ins pages."
            doc.set_text_color(*MUTED)
            self._line(more)
            doc.set_text_color(*INK)
        doc.ln(1)


def _clip(text: str, limit: int = SUMMARY_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _summary(doc: PdfDoc, report: Report, details: bool) -> None:
    doc.h1(SUMMARY_TITLE)
    doc.para(made_text(report), size=9.5, after=0.5)
    doc.para(PRIVATE_NOTE, size=8, muted=True, after=2)
    s = _Summary(doc, bottom=doc.page_break_trigger - NOTICE_ROOM - CLOSING_ROOM)
    c, sg = report.checkins, report.signs
    if c is not None:
        s.field("Check-ins", checkin_count_text(c, report.days))
        rows = summary_item_rows(c, report.days)
        if rows:
            w = doc.epw
            widths = [w * f for f in (0.18, 0.17, 0.105, 0.12, 0.185, 0.24)]
            s.table(SUMMARY_ITEM_HEAD, [[_clip(r[0], 60), *r[1:]] for r in rows[:SUMMARY_ITEMS]], widths,
                    hidden=max(0, len(rows) - SUMMARY_ITEMS), keep=KEEP_AFTER_TABLE)
    if sg is not None:
        fired, quiet = fired_summary(sg)
        if fired:
            shown = [(_clip(a, 80), _clip(b, 400)) for a, b in fired[:SUMMARY_SIGNS]]
            s.bullets("Warning signs that fired", shown, hidden=max(0, len(fired) - SUMMARY_SIGNS), keep=KEEP_AFTER_SIGNS)
        if quiet:
            s.field("Did not fire" if fired else "Warning signs", ("None fired: " if not fired else "")
                    + _clip("; ".join(quiet), 300) + ".", "warning signs that did not fire")
        elif not fired:
            s.field("Warning signs", "the plan has no warning sign with a rule." if not sg.unwatched else
                    "none has a rule the app can check.")
    if c is not None:
        s.field("Medicine", medicine_text(c.medication))
        s.field("Alcohol, drugs", use_days_text(c, _clip))
    if report.questionnaires is not None:
        s.field("PHQ-9, GAD-7", questionnaires_text(report.questionnaires, report.start))
    if report.goals is not None:
        lines = goal_lines(report.goals, SUMMARY_GOALS)
        s.field("Goals", "\n".join(_clip(x, 240) for x in lines) if lines else "no goals yet.")
    if report.coping is not None:
        s.field("Coping", _clip(coping_line(report.coping), 300))
    if report.lessons is not None:
        s.field("Lessons", lessons_line(report.lessons))
    if report.selfcheck is not None:
        s.field("Self-check", selfcheck_line(report.selfcheck))
    notes = [report.day_rule + " Days with no check-in are left empty, never counted as zero."] \
        if c is not None or sg is not None else []
    if c is not None:
        notes += [TYPICAL_RULE, TREND_RULE]
    doc.ln(1)
    for n in notes:
        if s.fits(s.height(n, doc.epw, 7.5) + 0.5):
            doc.para(n, size=7.5, muted=True, after=0.5)
    if s.skipped:
        doc.para(_clip("No room on this page for: " + "; ".join(s.skipped), 200) + ". They are in the pages that "
                 "follow.", size=8)
    elif details:
        doc.para(f"The pages that follow: {detail_list(report)}.", size=7.5, muted=True)


# ======================================================================= charts
def ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Dates to mark on a chart's axis, with their labels: weeks, half months, months, quarters or years."""
    days = (end - start).days + 1
    out: list[tuple[date, str]] = []
    d = start
    if days <= 35:
        d += timedelta(days=(7 - d.weekday()) % 7)  # Mondays
        while d <= end:
            out.append((d, f"{d.day} {d:%b}"))
            d += timedelta(days=7)
        return out
    if days <= 100:
        while d <= end:
            if d.day in (1, 15):
                out.append((d, f"{d.day} {d:%b}"))
            d += timedelta(days=1)
        return out
    months = 1 if days <= 400 else 3 if days <= 1200 else 12
    y, m = start.year, start.month
    while True:
        tick = date(y, m, 1)
        if tick > end:
            return out
        if tick >= start and (m - 1) % months == 0:
            label = str(y) if months == 12 else f"{tick:%b}" + (f" {y}" if m == 1 or not out else "")
            out.append((tick, label))
        m += 1
        if m > 12:
            y, m = y + 1, 1


def _bucket_centres(n: int, size: int) -> list[float]:
    """The middle day index of each bucket (insights.trends.bucket counts buckets back from the end)."""
    if size <= 1:
        return [float(i) for i in range(n)]
    m = ceil(n / size)
    return [(max(0, n - (m - j) * size) + n - (m - j - 1) * size - 1) / 2 for j in range(m)]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _chart(doc: PdfDoc, s: ItemSummary, x: float, y: float, w: float, h: float) -> None:
    """One item's chart in the box (x, y, w, h), with its value axis on the left and dates below."""
    low, high = s.chart_range()
    n = len(s.days)
    size, points = s.points(PDF_CHART_POINTS)
    centres = _bucket_centres(n, size)

    def px(day_index: float) -> float:
        return x + (day_index + 0.5) / n * w

    def py(v: float) -> float:
        frac = max(0.0, min(1.0, (v - low) / (high - low)))
        return y + h - frac * h

    # days a sign fired: light grey bands behind everything
    doc.set_fill_color(*LIGHT)
    for rule in s.rules:
        for a, b in day_ranges(rule.fired):
            ia, ib = (a - s.first_day).days, (b - s.first_day).days
            left = x + ia / n * w
            doc.rect(left, y, max(0.4, (ib + 1 - ia) / n * w), h, style="F")
    # frame, grid and value labels
    doc.set_draw_color(*FRAME)
    doc.set_line_width(0.15)
    doc.rect(x, y, w, h)
    doc.use(6)
    doc.set_text_color(*MUTED)
    marks = [low, high] if s.yes_no else [low, (low + high) / 2, high]
    for v in marks:
        if low < v < high:
            doc.line(x, py(v), x + w, py(v))
        doc.set_xy(x - 9, py(v) - 1.2)
        doc.cell(8.2, 2.4, ("no" if v == low else "yes") if s.yes_no else _num(v), align="R")
    for day, label in ticks(s.first_day, s.first_day + timedelta(days=n - 1)):
        tx = px((day - s.first_day).days)
        doc.line(tx, y + h, tx, y + h + 0.9)
        doc.set_xy(tx - 10, y + h + 0.9)
        doc.cell(20, 2.6, label, align="C")
    doc.set_text_color(*INK)
    # thresholds: dashed black lines, labelled at their right end
    doc.set_draw_color(*INK)
    doc.set_line_width(0.25)
    doc.set_dash_pattern(dash=1.2, gap=0.9)
    for rule in s.rules:
        mark = "≥" if rule.comparison is Comparison.AT_LEAST else "≤"
        if rule.threshold is not None:
            ty = py(rule.threshold)
            doc.line(x, ty, x + w, ty)
            label = f"{mark} {_num(rule.threshold)}: {rule.sign}"
        else:
            run: list[tuple[float, float]] = []
            for day, limit in [*rule.limits, (s.first_day, None)]:
                if limit is None:
                    if len(run) > 1:
                        doc.polyline(run)
                    run = []
                else:
                    run.append((px((day - s.first_day).days), py(limit)))
            known = [v for _, v in rule.limits if v is not None]
            ty = py(known[-1]) if known else y + h
            label = f"{mark} usual {'+' if rule.comparison is Comparison.AT_LEAST else '−'} {_num(rule.distance)}: " \
                f"{rule.sign}"
        doc.use(6)
        label = doc.clip(label, 60)
        lw = doc.get_string_width(label) + 1.2
        doc.set_fill_color(255, 255, 255)
        doc.set_xy(x + w - lw - 0.4, max(y + 0.3, min(y + h - 3, ty - 1.3)))
        doc.cell(lw, 2.6, label, align="C", fill=True)
    doc.set_dash_pattern()
    # the values: a black line that breaks where there is no value (bars for yes/no items)
    doc.set_draw_color(*INK)
    doc.set_fill_color(*INK)
    doc.set_line_width(0.4)
    step = w / n * size
    if s.yes_no:
        for cx, val in zip(centres, points, strict=True):
            if val is None:
                continue
            bar = max(0.35, (val - low) / (high - low) * h)  # a "no" is a thin mark, unlike a time with no value
            doc.rect(px(cx) - step * 0.35, y + h - bar, max(0.25, step * 0.7), bar, style="F")
        return
    dots = len(points) <= 62
    run = []

    def flush() -> None:
        if len(run) > 1:
            doc.polyline(run)
        if len(run) == 1 or dots:
            for qx, qy in run:
                doc.ellipse(qx - 0.5, qy - 0.5, 1.0, 1.0, style="F")
        run.clear()

    for cx, val in zip(centres, points, strict=True):
        if val is None:
            flush()
        else:
            run.append((px(cx), py(val)))
    flush()


def _checkins(doc: PdfDoc, report: Report) -> None:
    c = report.checkins
    assert c is not None
    doc.h2("Check-ins")
    doc.para(f"Checked in on {c.days_with_checkin} of {plural(report.days, 'day')} ({plural(c.checkins, 'check-in')}).")
    size = c.items[0].points(PDF_CHART_POINTS)[0] if c.items else 1
    each = "one point a day" if size == 1 else f"one point for every {size} days (the average of their day values)"
    doc.para(f"Each chart runs from {report.start.isoformat()} (left) to {report.end.isoformat()} (right), {each}, "
             "on the item's own scale (the numbers on the left). A gap is a time with no value. A dashed line is a "
             "warning sign's threshold from the relapse prevention plan; a grey band marks the days that sign fired.",
             size=8, muted=True)
    chart_h = 22.0
    block = 4.8 + 4.2 + chart_h + 5
    for s in c.items:
        if not s.days_with_data:
            continue
        if doc.will_page_break(block):
            doc.add_page()
        y = doc.get_y()
        doc.use(9.5, bold=True)
        doc.cell(0, 4.8, s.label + ("" if s.known else " (not in the settings)"), new_x="LMARGIN", new_y="NEXT")
        count, avg, lowest, highest = item_stats_text(s, report.days)
        stats = f"Days with data: {count}; {avg}" if s.yes_no else \
            f"Days with data: {count}; average {avg}; lowest {lowest}; highest {highest}"
        lo, hi = s.chart_range()
        scale = f"Scale: {s.scale_text()}" + (f" (drawn {_num(lo)}-{_num(hi)})" if (lo, hi) != (s.item.low, s.item.high)
                                               else "")
        line = f"{stats}. {scale}."
        doc.fit(line, doc.epw, 8.5, smallest=7)
        doc.cell(0, 4.2, doc.clip(line, doc.epw), new_x="LMARGIN", new_y="NEXT")
        _chart(doc, s, doc.l_margin + 10, y + 9.6, doc.epw - 10, chart_h)
        doc.set_xy(doc.l_margin, y + block)
    empty = [s.label for s in c.items if not s.days_with_data]
    if empty:
        doc.para(f"No values in this period ({plural(len(empty), 'item')}): " + ", ".join(empty) + ".", size=9)
    doc.para(medication_text(c.medication))
    doc.para(substances_text(c))


# ======================================================================= the other sections
def _signs(doc: PdfDoc, report: Report) -> None:
    sg = report.signs
    assert sg is not None
    doc.h2("Warning signs")
    if not sg.signs and not sg.unwatched:
        doc.para("The relapse prevention plan has no warning signs yet.")
    if sg.signs:
        doc.para("Each sign's rule from the relapse prevention plan was checked for every day of the period, on the "
                 "day values of the check-ins.")
        for s in sg.signs:
            if len(day_ranges(s.days)) > DETAIL_RANGES:
                text = (f"Watches: {s.rule}. It fired on {plural(len(s.days), 'day')}; the latest: "
                        f"{recent_ranges(s.days, DETAIL_RANGES)}.")
            else:
                text = f"Watches: {s.rule}. It {sign_text(s, report.days)}."
            doc.bullet(text, bold=s.sign)
    if sg.unwatched:
        doc.para("Signs the person watches for without a rule in the app: " + "; ".join(sg.unwatched) + ".")


def _coping(doc: PdfDoc, report: Report) -> None:
    cp = report.coping
    assert cp is not None
    doc.h2("Coping: triggers met and what helped")
    doc.para(coping_summary_text(cp))
    if cp.strategies:
        doc.para(f"What helped, most first (an average is shown after {MIN_USES} uses):", bold=True, size=9)
        for n, st in enumerate(cp.strategies, 1):
            doc.bullet(st.describe(), mark=f"{n}.")
        doc.ln(1)
    if cp.triggers:
        doc.para("Triggers met:", bold=True, size=9)
        for t in cp.triggers:
            doc.bullet(f"{plural(t.times, 'time')}. Used: " + "; ".join(st.describe() for st in t.strategies) + ".",
                       bold=t.trigger)
        doc.ln(1)
    if cp.uses:
        doc.para(f"{plural(cp.not_linked, 'use was', 'uses were')} not linked to a trigger." if cp.not_linked
                 else "Every use was linked to a trigger.")


def _goals(doc: PdfDoc, report: Report) -> None:
    gs = report.goals
    assert gs is not None
    doc.h2("Goal progress")
    if not gs.goals:
        doc.para("No goals yet.")
    for g in gs.goals:
        doc.h3(g.text + (" (archived)" if g.archived else ""))
        if g.done:
            doc.para(f"Steps done in this period ({len(g.done)}):", size=9)
            for st in g.done:
                doc.dated(st.done_on.isoformat(), st.text)
        else:
            doc.para("No steps done in this period.", size=9)
        if g.open:
            doc.para(f"Steps still open ({len(g.open)}):", size=9)
            for o in g.open:
                doc.bullet(o.text + (f" (due {o.due.isoformat()})" if o.due else ""))
        else:
            doc.para("No steps open.", size=9)
        if g.follow_ups:
            doc.para(f"Goal follow-ups in this period: {g.follow_ups}.", size=9)
        doc.ln(1)


def _lessons(doc: PdfDoc, report: Report) -> None:
    ls = report.lessons
    assert ls is not None
    doc.h2("Lessons done")
    if not ls.done:
        doc.para(f"No lessons finished in this period (finished in all: {ls.done_ever}).")
        return
    doc.para(f"Finished in this period: {len(ls.done)} (finished in all, up to {report.end.isoformat()}: "
             f"{ls.done_ever}).")
    for d in ls.done:
        doc.dated(d.on.isoformat(), d.title)


def _selfcheck(doc: PdfDoc, report: Report) -> None:
    sc = report.selfcheck
    assert sc is not None
    doc.h2("Self-check results")
    if not sc.checks:
        doc.para("No self-check in this period.")
        return
    dates = ", ".join(c.on.isoformat() for c in sc.checks)
    doc.para(f"{plural(len(sc.checks), 'self-check')} in this period ({dates}). Each topic is rated 1 (worst) to "
             "5 (best).")
    head, rows = selfcheck_rows(sc)
    first = doc.epw - 25 * (len(head) - 1)
    doc.grid(head, rows, [first, *([25.0] * (len(head) - 1))], right=range(1, len(head)))


def _questionnaires(doc: PdfDoc, report: Report) -> None:
    qs = report.questionnaires
    assert qs is not None
    doc.h2("Questionnaires (PHQ-9, GAD-7)")
    doc.para("PHQ-9 (low mood, 0-27) and GAD-7 (worry and anxiety, 0-21), as the person filled them in. "
             "These are checklists, not a diagnosis.", size=9)
    if not qs.in_period:
        doc.para("None taken in this period." + (" The latest before it: " + " ".join(
            questionnaire_text(x, report.start) for x in qs.latest) if qs.latest else ""))
        return
    for x in qs.in_period:
        doc.dated(x.on.isoformat(), questionnaire_text(x, report.start).split(": ", 1)[1], label_w=29)


def _safety_plan(doc: PdfDoc, report: Report) -> None:
    sp = report.safety_plan
    assert sp is not None
    doc.h2("Safety plan")
    if not sp.steps:
        doc.para(SAFETY_PLAN_NONE)
        return
    doc.para(SAFETY_PLAN_INTRO + safety_plan_changed(sp.updated_on))
    for title, rows in sp.steps:
        doc.h3(title)
        for r in rows:
            doc.bullet(r)
        if not rows:
            doc.para(SAFETY_STEP_EMPTY, size=9, muted=True)


# ======================================================================= notes
def _note_label(n: NoteEntry) -> str:
    return n.at.strftime("%Y-%m-%d %H:%M")


def _notes(doc: PdfDoc, report: Report, note_pages: int | None) -> None:
    """The most recent notes, newest first, on at most `note_pages` pages (None: every note)."""
    ns = report.notes
    assert ns is not None
    notes = sorted(ns.notes, key=lambda n: n.at, reverse=True)
    doc.add_page()
    doc.h2("Notes")
    if not notes:
        doc.para("No notes in this period.")
        return
    size = 9.5
    doc.use(size - 0.5, bold=True)
    label_w = doc.get_string_width("2026-12-31 23:59") + 4
    lh = size * 0.5
    text_w = doc.epw - label_w
    full_page = doc.page_break_trigger - doc.t_margin
    intro_h = 2 * 4.5 + 3  # the line that says how many notes are shown (two lines at most)
    # plan: how many notes fit in the pages allowed, laid out as they will be drawn
    laid: list[list[str]] = []
    room, pages = doc.room() - intro_h, 1
    for n in notes:
        lines = doc.lines_of(n.text.strip(), text_w, size)
        room, pages = _place(len(lines), lh, room, pages, full_page)
        if laid and note_pages is not None and pages > note_pages:
            break
        laid.append(lines)
    shown, rest = notes[: len(laid)], len(notes) - len(laid)
    if rest:
        doc.para(f"The {plural(len(shown), 'most recent note')} ({_note_label(shown[-1])[:10]} to "
                 f"{_note_label(shown[0])[:10]}), newest first. {plural(rest, 'older note')} in this period "
                 f"{'is' if rest == 1 else 'are'} not shown here; the Markdown report has them all.", size=9)
    else:
        doc.para(f"{plural(len(shown), 'note')}, newest first.", size=9)
    for n, lines in zip(shown, laid, strict=True):
        _draw_note(doc, _note_label(n), lines, lh, size, label_w)


# ======================================================================= home practice, alcohol and drugs
def _practice(doc: PdfDoc, report: Report) -> None:
    from imr_tui.export.report.extra import practice_rows

    assert report.practice is not None
    done, still = practice_rows(report.practice)
    doc.h2("Home practice")
    if not done:
        doc.para("No home practice done in this period.")
    for day, text in done:
        doc.dated(day, text)
    if still:
        doc.para("Not done yet:")
        for day, text in still:
            doc.dated(day, text)


def _use(doc: PdfDoc, report: Report) -> None:
    from imr_tui.export.report.extra import slip_rows, use_summary, use_table

    assert report.use is not None
    doc.h2("Alcohol and drug use over time")
    for line in use_summary(report.use, report.days):
        doc.para(line)
    head, rows = use_table(report.use)
    doc.grid(head, rows, [doc.epw - 90, 45.0, 45.0], right=(1, 2))
    if report.use.slips:
        doc.para("Slips written down:")
        for day, text in slip_rows(report.use):
            doc.dated(day, text)


def _place(count: int, lh: float, room: float, pages: int, full_page: float) -> tuple[float, int]:
    """(room left, pages used) after placing a note of `count` lines: it starts on a new page unless its
    first two lines fit, and runs over page breaks with one line for "(continued)"."""
    gap = 1.2
    if room < min(2, count) * lh:
        room, pages = full_page, pages + 1
    left = count
    while left:
        fit = int((room + 1e-6) // lh)
        if fit >= left:
            room -= left * lh
            break
        left -= fit
        room, pages = full_page - lh, pages + 1  # the new page starts with "DATE (continued)"
    return room - gap, pages


def _draw_note(doc: PdfDoc, label: str, lines: Sequence[str], lh: float, size: float, label_w: float) -> None:
    if doc.room() < min(2, len(lines)) * lh:
        doc.add_page()
    doc.use(size - 0.5, bold=True)
    doc.cell(label_w, lh, label)
    for i, line in enumerate(lines):
        if doc.room() < lh:
            doc.add_page()
            doc.use(size - 0.5, bold=True)
            doc.cell(0, lh, f"{label} (continued)", new_x="LMARGIN", new_y="NEXT")
            doc.set_x(doc.l_margin + label_w)
        elif i:
            doc.set_x(doc.l_margin + label_w)
        doc.use(size)
        doc.cell(doc.epw - label_w, lh, line, new_x="LMARGIN", new_y="NEXT")
    doc.ln(1.2)


# ======================================================================= the document
_SECTIONS = (("checkins", _checkins), ("signs", _signs), ("coping", _coping), ("goals", _goals),
             ("lessons", _lessons), ("selfcheck", _selfcheck), ("questionnaires", _questionnaires),
             ("practice", _practice), ("use", _use), ("safety_plan", _safety_plan))


def pdf_bytes(report: Report, *, paper: str = "a4", note_pages: int | None = DEFAULT_NOTE_PAGES,
              summary_only: bool = False) -> bytes:
    """The report as the bytes of a PDF file: the summary on page 1, then the detail pages of the sections
    chosen (none with `summary_only`). `paper`: "a4" or "letter". `note_pages`: the most pages of notes
    (None: all of them)."""
    doc = PdfDoc(title=report.title, footer=f"imr-tui report {report.start.isoformat()} to {report.end.isoformat()}",
                 paper=paper, margins=14, bottom=15)
    doc.add_page()
    _summary(doc, report, details=not summary_only)
    notice_y = doc.page_break_trigger - NOTICE_ROOM + 1
    if not summary_only:
        first = True
        for name, draw in _SECTIONS:
            if getattr(report, name) is not None:
                if first:
                    doc.add_page()
                    first = False
                draw(doc, report)
        if report.notes is not None:
            _notes(doc, report, note_pages)
    if doc.marked:
        last = doc.page
        doc.page = 1
        doc.set_xy(doc.l_margin, notice_y)
        doc.para(MARKED_NOTE, size=7.5, bold=True, after=0)
        doc.page = last
    return doc.pdf()


def render_pdf(report: Report, path: Path, *, paper: str = "a4", note_pages: int | None = DEFAULT_NOTE_PAGES,
               summary_only: bool = False) -> None:
    """Write the report as a PDF to `path` (atomically, mode 0600). Raises ExportWriteError."""
    write_export(path, pdf_bytes(report, paper=paper, note_pages=note_pages, summary_only=summary_only))
