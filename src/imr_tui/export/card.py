"""A wallet-size crisis card: one page to print, cut out and fold twice into a card of 85 x 54 mm.

The card has four faces, printed on one side of the page in a 2 x 2 block:

    +------------------+------------------+
    | A  back:         | B  front:        |
    |    crisis lines  |    CRISIS CARD,  |
    |                  |    emergency no. |
    +------------------+------------------+
    | C  inside right  | D  inside left   |   (this row is printed upside down)
    |    people I call |    what I do     |
    +------------------+------------------+

Cut along the solid line; fold the bottom half back along the dashed line (the printing stays
outside), then fold the left half back. B is then the front, A the back, and D and C the inside.

What goes on it: the emergency number for the person's country (or their own local number, from
Settings), what to do for an overdose, the steps they chose (their plan's action steps unless the
caller passes others), their emergency contacts and supporters with a contact, and the crisis and
alcohol-and-drug lines for their country from content/crisis-lines.yaml. Nothing is invented: an
empty part says how to fill it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from imr_tui.content.crisis import Country, CrisisLines, Elsewhere, Line
from imr_tui.domain.profile import RelapsePlanBody
from imr_tui.domain.settings import Settings

if TYPE_CHECKING:
    from imr_tui.export.pdfdoc import PdfDoc

CARD_W, CARD_H = 85.0, 54.0  # one face: the size of a bank card
PAD = 3.0
LARGEST, SMALLEST = 8.0, 5.5  # font sizes (pt) a face may use: it shrinks to fit, then cuts with "and N more"


@dataclass(frozen=True)
class Face:
    title: str
    lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    more: str = ""  # said when not every line fits, e.g. "More in my plan."
    largest: float = LARGEST  # the font size it starts from (the front is bigger)


@dataclass(frozen=True)
class Card:
    front: Face
    inside_left: Face
    inside_right: Face
    back: Face


def _place(lines: CrisisLines | None, settings: Settings) -> tuple[str, str, Country | Elsewhere | None]:
    """(the emergency number in words, the number for an overdose, the country or elsewhere entry)."""
    local = settings.local_emergency.strip()
    if lines is None:
        return (local or "your local emergency number"), (local or "your local emergency number"), None
    entry = lines.for_country(settings.country)
    if isinstance(entry, Country):
        return entry.emergency, entry.overdose_number, entry
    return (local or "your local emergency number"), (local or "your local emergency number"), entry


def _line_rows(line: Line) -> list[tuple[str, bool]]:
    return [(line.name + (f" ({line.note})" if line.note else ""), True), *((w, False) for w in line.ways())]


def build_card(plan: RelapsePlanBody, settings: Settings, lines: CrisisLines | None, today: date,
               steps: Sequence[str] | None = None, lines_problem: str = "") -> Card:
    """The card's four faces. `steps`: what the person does in a crisis (default: the plan's action steps);
    `lines`: None when the crisis lines could not be read (`lines_problem` says why)."""
    emergency, overdose, entry = _place(lines, settings)
    where = entry.name if isinstance(entry, Country) else "somewhere not on the app's list"
    front = Face("CRISIS CARD", [
        (f"In danger now? Call {emergency}.", True),
        (f"Overdose: call {overdose} now. Give naloxone if there is some. Stay with them.", True),
        (f"Numbers for: {where}.", False),
        (f"Made with imr-tui on {today.isoformat()}.", False),
    ], largest=10)
    chosen = list(steps) if steps is not None else [a.text for a in plan.action_steps]
    inside_left = Face("What I do", [(f"{n}. {s}", False) for n, s in enumerate(chosen, 1)]
                       or [("No steps yet: add them in your relapse prevention plan (What to do).", False)],
                       more="More in my plan.")
    people: list[tuple[str, bool]] = []
    for c in plan.emergency_contacts:
        people += [(c.name, True), *([(c.contact, False)] if c.contact else [])]
    for s in plan.supporters:
        if s.contact:
            people += [(s.name, True), (s.contact, False)]
    inside_right = Face("People I can call", people or [("No one yet: add emergency contacts and supporters in "
                                                         "your relapse prevention plan.", False)],
                        more="More in my plan.")
    rows: list[tuple[str, bool]] = []
    if entry is None:
        rows.append((f"The crisis lines could not be read{': ' + lines_problem if lines_problem else ''}.", False))
    else:
        for line in [*entry.lines, *entry.alcohol_and_drugs]:
            rows += _line_rows(line)
        every = [*entry.lines, *entry.alcohol_and_drugs]
        if any(x.checked is None for x in every):
            rows.append(("Nobody has checked these numbers with the services yet.", False))
    back = Face("Crisis lines", rows or [("None listed for this place.", False)], more="More on the crisis screen (F2).")
    return Card(front, inside_left, inside_right, back)


def card_pdf(card: Card, *, paper: str = "a4") -> bytes:
    """The card as a one-page PDF (A4 or US Letter)."""
    from imr_tui.export.pdfdoc import FRAME, INK, MUTED, PdfDoc

    doc = PdfDoc(title="Crisis card", paper=paper)
    doc.set_auto_page_break(False)
    doc.add_page()
    doc.h1("My crisis card")
    doc.para("Print this page at full size (100 %, not 'fit to page'). Cut along the solid line. Fold the bottom "
             "half back along the dashed line, so the printing stays outside. Then fold the left half back: "
             "\"CRISIS CARD\" is the front. Keep it in your wallet.", size=9)
    doc.para("It holds private information: the names and numbers of people who help you.", size=8, muted=True)
    x0 = (doc.w - 2 * CARD_W) / 2
    y0 = doc.get_y() + 6
    faces = ((card.back, x0, y0, False), (card.front, x0 + CARD_W, y0, False),
             (card.inside_right, x0, y0 + CARD_H, True), (card.inside_left, x0 + CARD_W, y0 + CARD_H, True))
    for face, x, y, upside_down in faces:
        if upside_down:
            with doc.rotation(180, x + CARD_W / 2, y + CARD_H / 2):
                _face(doc, face, x, y)
        else:
            _face(doc, face, x, y)
    doc.set_draw_color(*INK)
    doc.set_line_width(0.4)
    doc.rect(x0, y0, 2 * CARD_W, 2 * CARD_H)  # cut
    doc.set_line_width(0.25)
    doc.set_draw_color(*FRAME)
    doc.set_dash_pattern(dash=2, gap=1.5)
    doc.line(x0, y0 + CARD_H, x0 + 2 * CARD_W, y0 + CARD_H)  # fold 1
    doc.line(x0 + CARD_W, y0, x0 + CARD_W, y0 + 2 * CARD_H)  # fold 2
    doc.set_dash_pattern()
    doc.set_xy(doc.l_margin, y0 + 2 * CARD_H + 3)
    doc.set_text_color(*MUTED)
    doc.para("Solid line: cut. Dashed lines: fold back (first the long one, then the short one).", size=8)
    return doc.pdf()


def _face(doc: PdfDoc, face: Face, x: float, y: float) -> None:
    """One face, upright in its own box: the title, then as many lines as fit at the largest size that fits."""
    width = CARD_W - 2 * PAD
    title = face.largest + 1.5
    room = CARD_H - 2 * PAD - title * 0.5 - 1  # below the title
    size = face.largest
    while True:
        heights = [len(doc.lines_of(t, width, size, b)) * size * 0.42 for t, b in face.lines]
        if sum(heights) <= room or size <= SMALLEST:
            break
        size -= 0.5
    shown = list(face.lines)
    if sum(heights) > room:  # even the smallest size is too big: cut, and say where the rest is
        more_h = size * 0.42
        while shown and sum(heights[: len(shown)]) > room - more_h:
            shown.pop()
        shown.append((f"… {face.more}" if face.more else "…", False))
    doc.set_xy(x + PAD, y + PAD)
    doc.use(title, bold=True)
    doc.cell(width, title * 0.5 + 1, face.title, new_x="LEFT", new_y="NEXT")
    for text, bold in shown:
        doc.draw_lines(doc.lines_of(text, width, size, bold), x + PAD, width, size * 0.42)
