"""The report as a PDF: fpdf2 with its built-in Helvetica (no font files, pure Python, no network).

The built-in fonts cover Latin-1 only, so text goes through `pdf_text`: common punctuation
becomes its plain equivalent, accented letters outside Latin-1 lose their accent, and anything
else becomes "?". Charts are drawn with lines and rectangles.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from imr_tui.domain.format import number, stamp
from imr_tui.export.files import write_export
from imr_tui.export.report.model import SECTION_TITLES, Report
from imr_tui.export.report.text import (
    PRIVATE_NOTE,
    chart_caption,
    coping_summary_text,
    item_stats_text,
    medication_text,
    plural,
    selfcheck_rows,
    sign_text,
    substances_text,
)
from imr_tui.insights.coping import MIN_USES

PDF_CHART_POINTS = 120  # the most points a chart has; longer periods get several days a point
_REPLACE = {
    "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "−": "-",
    "…": "...", "•": "-", "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "€": "EUR", "™": "(TM)",
    "\u00a0": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\t": " ",
}

INK = (30, 30, 30)
MUTED = (105, 105, 105)
LINE = (40, 90, 160)
FRAME = (190, 190, 190)


def pdf_text(text: str) -> str:
    """Text the built-in PDF fonts can show (Latin-1), replacing what they cannot."""
    out = []
    for ch in text:
        if ch in _REPLACE:
            out.append(_REPLACE[ch])
            continue
        code = ord(ch)
        if ch == "\n":
            out.append(ch)
        elif code < 32 or 127 <= code < 160:
            out.append(" ")  # control characters
        elif code < 256:
            out.append(ch)
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 256 and not unicodedata.combining(c))
            out.append(base if base and all(31 < ord(c) < 127 or 159 < ord(c) < 256 for c in base) else "?")
    return "".join(out)


class _Doc(FPDF):
    def __init__(self, footer: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self._footer = pdf_text(footer)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self._footer} - page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(*INK)

    # ------------------------------------------------------------- text
    def h1(self, text: str) -> None:
        self.set_font("helvetica", "B", 15)
        self.multi_cell(0, 7, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def h2(self, text: str) -> None:
        if self.will_page_break(24):
            self.add_page()
        self.ln(3)
        self.set_font("helvetica", "B", 12)
        self.cell(0, 7, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*FRAME)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def h3(self, text: str) -> None:
        if self.will_page_break(14):
            self.add_page()
        self.set_font("helvetica", "B", 10)
        self.multi_cell(0, 5.5, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def para(self, text: str, size: float = 9.5, style: str = "", muted: bool = False) -> None:
        self.set_font("helvetica", style, size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, size * 0.5, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1.5)

    def dated(self, label: str, text: str) -> None:
        if self.will_page_break(5):
            self.add_page()
        self.set_font("helvetica", "B", 9)
        self.set_x(self.l_margin + 2)
        self.cell(29, 4.8, pdf_text(label))
        self.set_font("helvetica", "", 9.5)
        self.multi_cell(0, 4.8, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.6)

    def bullet(self, text: str, mark: str = "-", bold: str = "") -> None:
        if self.will_page_break(5):
            self.add_page()
        self.set_font("helvetica", "", 9.5)
        self.set_x(self.l_margin + 2)
        self.cell(5, 4.8, pdf_text(mark))
        if bold:
            self.set_font("helvetica", "B", 9.5)
            self.multi_cell(0, 4.8, pdf_text(bold), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_x(self.l_margin + 7)
            self.set_font("helvetica", "", 9.5)
        self.multi_cell(0, 4.8, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.6)

    def grid(self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        def row(cells: Sequence[str], bold: bool) -> None:
            if self.will_page_break(5.5):
                self.add_page()
            self.set_font("helvetica", "B" if bold else "", 8.5)
            for i, (text, w) in enumerate(zip(cells, widths, strict=False)):
                shown = pdf_text(text)
                while shown and self.get_string_width(shown) > w - 1.5:
                    shown = shown[:-1]
                self.cell(w, 5.5, shown, border="B", align="L" if i == 0 else "R")
            self.ln(5.5)

        self.set_draw_color(*FRAME)
        self.set_line_width(0.15)
        row(head, True)
        for r in rows:
            row(r, False)
        self.ln(2)

    # ------------------------------------------------------------ chart
    def chart(self, x: float, y: float, w: float, h: float, points: Sequence[float | None], low: float,
              high: float, bars: bool = False) -> None:
        """A line chart (or, with `bars`, a bar chart) of `points` over the scale low..high; a gap where a
        point is None."""
        self.set_draw_color(*FRAME)
        self.set_line_width(0.15)
        self.rect(x, y, w, h)
        self.line(x, y + h / 2, x + w, y + h / 2)
        n = len(points)
        if n == 0 or high <= low:
            return
        step = w / n

        def pos(i: int, v: float) -> tuple[float, float]:
            frac = max(0.0, min(1.0, (v - low) / (high - low)))
            return x + (i + 0.5) * step, y + h - 0.6 - frac * (h - 1.2)

        self.set_draw_color(*LINE)
        self.set_fill_color(*LINE)
        self.set_line_width(0.35)
        if bars:
            for i, v in enumerate(points):
                if v is None:
                    continue
                frac = max(0.0, min(1.0, (v - low) / (high - low)))
                bar_h = max(0.35, frac * (h - 0.6))  # a "no" day is a thin mark, unlike a day with no value
                self.rect(x + i * step + step * 0.15, y + h - bar_h, max(0.2, step * 0.7), bar_h, style="F")
            return
        run: list[tuple[float, float]] = []

        def flush() -> None:
            if len(run) == 1:
                px, py = run[0]
                self.rect(px - 0.45, py - 0.45, 0.9, 0.9, style="F")
            elif run:
                self.polyline(run)
            run.clear()

        for i, v in enumerate(points):
            if v is None:
                flush()
            else:
                run.append(pos(i, v))
        flush()


def _checkins(doc: _Doc, report: Report) -> None:
    c = report.checkins
    assert c is not None
    doc.h2("Check-ins")
    doc.para(f"Checked in on {c.days_with_checkin} of {plural(report.days, 'day')} ({plural(c.checkins, 'check-in')}).")
    size = 1
    row_h = 15.0
    text_w = 100.0
    chart_x, chart_w = doc.l_margin + text_w + 8, doc.epw - text_w - 8
    for s in c.items:
        if doc.will_page_break(row_h):
            doc.add_page()
        y = doc.get_y()
        size, points = s.points(PDF_CHART_POINTS)
        count, avg, lowest, highest = item_stats_text(s, report.days)
        doc.set_xy(doc.l_margin, y)
        doc.set_font("helvetica", "B", 9.5)
        label = s.label + ("" if s.known else " (not in the settings)")
        doc.cell(text_w, 4.6, pdf_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if s.days_with_data == 0:
            stats = f"Days with data: {count}; no values"
        elif s.yes_no:
            stats = f"Days with data: {count}; {avg}"
        else:
            stats = f"Days with data: {count}; average {avg}; lowest {lowest}; highest {highest}"
        size_pt = 8.5
        doc.set_font("helvetica", "", size_pt)
        while size_pt > 6 and doc.get_string_width(pdf_text(stats)) > text_w:
            size_pt -= 0.5
            doc.set_font("helvetica", "", size_pt)
        doc.cell(text_w, 4.2, pdf_text(stats), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_text_color(*MUTED)
        doc.set_font("helvetica", "", 7.5)
        doc.cell(text_w, 3.8, pdf_text(f"Scale: {s.scale_text()}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_text_color(*INK)
        if s.days_with_data:
            chart_h = row_h - 3.5
            doc.chart(chart_x, y + 0.8, chart_w, chart_h, points, s.item.low, s.item.high, bars=s.yes_no)
            doc.set_font("helvetica", "", 6)
            doc.set_text_color(*MUTED)
            for value, at_y in ((s.item.high, y + 0.8), (s.item.low, y + 0.8 + chart_h - 2.4)):
                doc.set_xy(chart_x - 7.5, at_y)
                doc.cell(7, 2.4, pdf_text(number(value)), align="R")
            doc.set_text_color(*INK)
        else:
            doc.set_xy(chart_x, y + 4)
            doc.set_font("helvetica", "", 8)
            doc.set_text_color(*MUTED)
            doc.cell(chart_w, 4, "(no values to draw)", align="C")
            doc.set_text_color(*INK)
        doc.set_xy(doc.l_margin, y + row_h)
    if c.items:
        doc.para(chart_caption(report, size), size=8, muted=True)
    doc.para(medication_text(c.medication))
    doc.para(substances_text(c))


def _signs(doc: _Doc, report: Report) -> None:
    sg = report.signs
    assert sg is not None
    doc.h2("Warning signs")
    if not sg.signs and not sg.unwatched:
        doc.para("The relapse prevention plan has no warning signs yet.")
    if sg.signs:
        doc.para("Each sign's rule from the relapse prevention plan was checked for every day of the period, on the "
                 "day values of the check-ins.")
        for s in sg.signs:
            doc.bullet(f"Watches: {s.rule}. It {sign_text(s, report.days)}.", bold=s.sign)
    if sg.unwatched:
        doc.para("Signs the person watches for without a rule in the app: " + "; ".join(sg.unwatched) + ".")


def _coping(doc: _Doc, report: Report) -> None:
    cp = report.coping
    assert cp is not None
    doc.h2("Coping: triggers met and what helped")
    doc.para(coping_summary_text(cp))
    if cp.strategies:
        doc.para(f"What helped, most first (an average is shown after {MIN_USES} uses):", style="B", size=9)
        for n, s in enumerate(cp.strategies, 1):
            doc.bullet(s.describe(), mark=f"{n}.")
        doc.ln(1)
    if cp.triggers:
        doc.para("Triggers met:", style="B", size=9)
        for t in cp.triggers:
            doc.bullet(f"{plural(t.times, 'time')}. Used: " + "; ".join(s.describe() for s in t.strategies) + ".",
                       bold=t.trigger)
        doc.ln(1)
    if cp.uses:
        doc.para(f"{plural(cp.not_linked, 'use was', 'uses were')} not linked to a trigger." if cp.not_linked
                 else "Every use was linked to a trigger.")


def _goals(doc: _Doc, report: Report) -> None:
    gs = report.goals
    assert gs is not None
    doc.h2("Goal progress")
    if not gs.goals:
        doc.para("No goals yet.")
    for g in gs.goals:
        doc.h3(g.text + (" (archived)" if g.archived else ""))
        if g.done:
            doc.para(f"Steps done in this period ({len(g.done)}):", size=9)
            for s in g.done:
                doc.dated(s.done_on.isoformat(), s.text)
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


def _lessons(doc: _Doc, report: Report) -> None:
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


def _selfcheck(doc: _Doc, report: Report) -> None:
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
    doc.grid(head, rows, [first, *([25.0] * (len(head) - 1))])


def _notes(doc: _Doc, report: Report) -> None:
    ns = report.notes
    assert ns is not None
    doc.h2("Notes")
    if not ns.notes:
        doc.para("No notes in this period.")
    for n in ns.notes:
        doc.dated(stamp(n.at), n.text)


def _practice(doc: _Doc, report: Report) -> None:
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


def _use(doc: _Doc, report: Report) -> None:
    from imr_tui.export.report.extra import slip_rows, use_summary, use_table

    assert report.use is not None
    doc.h2("Alcohol and drug use over time")
    for line in use_summary(report.use, report.days):
        doc.para(line)
    head, rows = use_table(report.use)
    doc.grid(head, rows, [doc.epw - 90, 45.0, 45.0])
    if report.use.slips:
        doc.para("Slips written down:")
        for day, text in slip_rows(report.use):
            doc.dated(day, text)


def pdf_bytes(report: Report) -> bytes:
    """The report as the bytes of a PDF file."""
    doc = _Doc(f"imr-tui report {report.start.isoformat()} to {report.end.isoformat()}")
    doc.set_title(pdf_text(report.title))
    doc.set_creator("imr-tui")
    doc.set_lang("en")
    doc.add_page()
    doc.h1(report.title)
    shown = ", ".join(SECTION_TITLES[s].split(":")[0].lower() for s in report.sections)
    doc.para(f"Made with imr-tui on {report.generated.isoformat()} from the person's own entries, "
             f"{plural(report.days, 'day')}. Sections: {shown}.", size=9)
    doc.para(PRIVATE_NOTE, size=8.5, style="I", muted=True)
    if report.checkins is not None or report.signs is not None:
        doc.para(f"How a day is counted: {report.day_rule} Days with no check-in are left empty, never counted as "
                 "zero.", size=9)
    for name, draw in (("checkins", _checkins), ("signs", _signs), ("coping", _coping), ("goals", _goals),
                       ("lessons", _lessons), ("selfcheck", _selfcheck), ("practice", _practice), ("use", _use),
                       ("notes", _notes)):
        if getattr(report, name) is not None:
            draw(doc, report)
    return bytes(doc.output())


def render_pdf(report: Report, path: Path) -> None:
    """Write the report as a PDF to `path` (atomically, mode 0600). Raises ExportWriteError."""
    write_export(path, pdf_bytes(report))
