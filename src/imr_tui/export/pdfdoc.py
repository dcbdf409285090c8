"""The page every imr-tui PDF is built on: the report, the crisis card, the plan (and anything added later).

`PdfDoc(title=..., footer=..., paper="a4")` is an fpdf2 document with:

- DejaVu Sans (regular and bold) from `paths.fonts_dir()`, embedded as a subset, so Latin (Polish
  included), Greek and Cyrillic show as typed;
- every piece of text passed through `shown_text` (fpdf2 calls `normalize_text` for all of it), so a
  character the font lacks (emoji, Chinese, Japanese, Korean, right-to-left scripts it cannot lay out)
  becomes the visible marker MARK instead of a blank or a "?", and `doc.marked` says it happened so the
  document can say so (`MARKED_NOTE`);
- metadata: the title, the language, the creator "imr-tui", and no author;
- black-and-white friendly ink, a footer with page numbers, and a few blocks: headings, paragraphs,
  bullets, dated rows, tables.

Importing this module imports fpdf2 (about 0.15 s): import it only where a PDF is made.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from imr_tui import paths
from imr_tui.export.paper import PAPERS

FONT = "DejaVuSans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MARK = "\u25a1"  # □ WHITE SQUARE: stands for a character the font cannot show
MARKED_NOTE = (f"Characters this PDF's font cannot show (such as most emoji, or Chinese, Japanese, Korean, Arabic or "
               f"Hebrew letters) are shown as {MARK}. The Markdown version keeps every character.")


INK = (0, 0, 0)
MUTED = (70, 70, 70)  # still dark enough on a black-and-white printer
LIGHT = (215, 215, 215)  # shading behind text or a chart: prints as light grey
FRAME = (140, 140, 140)

# Right-to-left scripts: DejaVu has some of their letters, but without a shaping engine (uharfbuzz, not a
# dependency) they would come out in the wrong order and unjoined, so they are marked instead.
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f", "\u00ad"}  # invisible anyway
_SPACES = {"\t": " ", "\r": ""}


@cache
def _font_path(style: str) -> Path:
    return paths.fonts_dir() / FONT_FILES[style]


_shown: frozenset[int] | None = None


def _set_shown(cmaps: Sequence[dict[int, str]]) -> None:
    """Remember which characters every style of the font has (once per process)."""
    global _shown
    if _shown is None:
        common = set(cmaps[0]).intersection(*cmaps[1:])
        common -= {c for lo, hi in _RTL for c in range(lo, hi + 1)}
        _shown = frozenset(common)


def shown_text(text: str) -> tuple[str, bool]:
    """(the text as the PDF shows it, whether a character had to be marked).

    NFC first (so "z" + combining dot is "ż"); line breaks kept; tabs become spaces; other control and
    invisible formatting characters are dropped; a character the font lacks becomes MARK.
    """
    if text.isascii() and text.isprintable():
        return text, False
    if _shown is None:
        raise RuntimeError("make a PdfDoc before calling shown_text (it reads the font's characters)")
    out: list[str] = []
    marked = False
    for ch in unicodedata.normalize("NFC", text):
        if ch in _SPACES:
            out.append(_SPACES[ch])
        elif ch == "\n" or ord(ch) in _shown:
            out.append(ch)
        elif ch in _DROP or unicodedata.category(ch) in {"Cc", "Cf"}:
            continue
        else:
            out.append(MARK)
            marked = True
    return "".join(out), marked


class PdfDoc(FPDF):
    """An A4 or US Letter document in DejaVu Sans with imr-tui's metadata, footer and text blocks."""

    def __init__(self, *, title: str, footer: str = "", paper: str = "a4", lang: str = "en",
                 margins: float = 15, bottom: float = 16):
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r} (choose from: {', '.join(PAPERS)})")
        super().__init__(orientation="P", unit="mm", format=PAPERS[paper])
        self.paper = paper
        self.marked = False
        for style in FONT_FILES:
            self.add_font(FONT, style, _font_path(style))
        _set_shown([f.cmap for f in self.fonts.values() if hasattr(f, "cmap")])
        self._footer_text = footer
        self.set_margins(margins, margins, margins)
        self.set_auto_page_break(True, margin=bottom)
        self.set_text_color(*INK)
        self.set_title(shown_text(title)[0])
        self.set_lang(lang)
        self.set_creator("imr-tui")  # no author: the file names nobody
        self.set_font(FONT, size=10)

    # fpdf2 passes every text it draws or measures through here
    def normalize_text(self, text: str) -> str:
        shown, marked = shown_text(text)
        self.marked = self.marked or marked
        return super().normalize_text(shown)

    def footer(self) -> None:
        if not self._footer_text:
            return
        self.set_y(-11)
        self.use(7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, f"{self._footer_text} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(*INK)

    # ------------------------------------------------------------------ basics
    def use(self, size: float, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` broken into lines no wider than `width` mm in the current font: at spaces, a word too long
        for a line at any character; each line break of the text kept (an empty line stays)."""
        out: list[str] = []
        space = self.get_string_width(" ")
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                w = self.get_string_width(word)
                if line and used + space + w <= width:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    out.append(line)
                while w > width and len(word) > 1:  # a word longer than the line: cut it
                    cut = len(word) - 1
                    while cut > 1 and self.get_string_width(word[:cut]) > width:
                        cut -= 1
                    out.append(word[:cut])
                    word = word[cut:]
                    w = self.get_string_width(word)
                line, used = word, w
            out.append(line)
        return out

    def lines_of(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """`text` wrapped to fit cells `width` mm wide at `size` pt (see `wrap`; a cell pads its text on both sides)."""
        self.use(size, bold)
        return self.wrap(text, width - 2 * self.c_margin)

    def draw_lines(self, lines: Sequence[str], x: float, width: float, lh: float, align: str = "L") -> None:
        """Each line in a cell of its own at `x`, a new page first when one does not fit (auto page break on)."""
        for line in lines:
            if self.auto_page_break and self.room() < lh:
                self.add_page()
            self.set_x(x)
            self.cell(width, lh, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, text: str, size: float, bold: bool = False, x: float | None = None, width: float | None = None,
              lh: float | None = None) -> None:
        """A wrapped paragraph from `x` (default: the left margin), `width` wide (default: to the right margin)."""
        x = self.l_margin if x is None else x
        width = self.w - self.r_margin - x if width is None else width
        self.draw_lines(self.lines_of(text, width, size, bold), x, width, lh or size * 0.47)

    def room(self) -> float:
        """The height (mm) left above the bottom margin of this page."""
        return self.page_break_trigger - self.get_y()

    def fit(self, text: str, width: float, size: float, bold: bool = False, smallest: float = 6) -> float:
        """The largest size from `size` down to `smallest` at which `text` fits on one line of `width`."""
        self.use(size, bold)
        while size > smallest and self.get_string_width(text) > width:
            size -= 0.5
            self.use(size, bold)
        return size

    def clip(self, text: str, width: float) -> str:
        """`text` cut with "…" to fit `width` in the current font (for one-line cells)."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    # ------------------------------------------------------------------ blocks
    def h1(self, text: str, size: float = 15) -> None:
        self.block(text, size, bold=True)
        self.ln(1)

    def h2(self, text: str, keep: float = 24) -> None:
        """A section heading with a rule under it; starts a new page when less than `keep` mm is left."""
        if self.will_page_break(keep):
            self.add_page()
        self.ln(2)
        self.use(12, bold=True)
        self.cell(0, 6.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*INK)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def h3(self, text: str, keep: float = 20) -> None:
        if self.will_page_break(keep):
            self.add_page()
        self.block(text, 10, bold=True, lh=5)

    def para(self, text: str, size: float = 9.5, bold: bool = False, muted: bool = False, after: float = 1.5,
             style: str = "") -> None:
        """A paragraph. `style` as fpdf2 spells it: "B" is bold; "I" (no italic font is embedded) is muted."""
        if muted or "I" in style:
            self.set_text_color(*MUTED)
        self.block(text, size, bold=bold or "B" in style)
        self.set_text_color(*INK)
        self.ln(after)

    def dated(self, label: str, text: str, size: float = 9.5, label_w: float = 29) -> None:
        """A row with a date (or other short label) in the margin column and text beside it."""
        h = size * 0.5
        if self.will_page_break(h):
            self.add_page()
        self.use(size - 0.5, bold=True)
        self.set_x(self.l_margin + 2)
        self.cell(label_w, h, label)
        self.block(text, size, x=self.l_margin + 2 + label_w, lh=h)
        self.ln(0.6)

    def bullet(self, text: str, mark: str = "•", bold: str = "", size: float = 9.5) -> None:
        h = size * 0.5
        if self.will_page_break(h * (2 if bold else 1)):
            self.add_page()
        self.use(size)
        self.set_x(self.l_margin + 2)
        self.cell(5, h, mark)
        if bold:
            self.block(bold, size, bold=True, x=self.l_margin + 7, lh=h)
        if text:
            self.block(text, size, x=self.l_margin + 7, lh=h)
        self.ln(0.6)

    def grid(self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 8.5,
             right: Sequence[int] = ()) -> None:
        """A table with a bold header row (repeated after a page break); long cells are cut with "…"."""
        h = size * 0.62

        def row(cells: Sequence[str], bold: bool) -> None:
            self.use(size, bold)
            for i, (text, w) in enumerate(zip(cells, widths, strict=False)):
                self.cell(w, h, self.clip(text, w - 1.5), border="B", align="R" if i in right else "L")
            self.ln(h)

        self.set_draw_color(*FRAME)
        self.set_line_width(0.15)
        row(head, True)
        for r in rows:
            if self.will_page_break(h):
                self.add_page()
                row(head, True)
            row(r, False)
        self.ln(2)

    def pdf(self) -> bytes:
        return bytes(self.output())
