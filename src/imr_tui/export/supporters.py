"""A guide for the person's supporters (`imr-tui plan export --supporters`), as Markdown or PDF.

It holds only the parts of the plan the person chose (see plan_md.PLAN_PARTS), then each module's
"For supporters" page from the curriculum (lessons of kind "supporters"). What is shared, and with
whom, is the person's choice: nothing of the plan is put in unless it was asked for.

The PDF is built on the shared PDF page (export/pdfdoc.py `PdfDoc`: DejaVu Sans embedded, so the
person's own words in any Latin, Greek or Cyrillic script show as typed; a character the font lacks is
marked, and the guide then says so at its end).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from imr_tui.content.models import LessonKind
from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.profile import RelapsePlanBody
from imr_tui.export.plan_md import (
    NOTHING_WRITTEN,
    PART_WORDS,
    PLAN_PARTS,
    SAFETY_NOT_MADE_OTHERS,
    md_line,
    plan_parts,
    safety_steps,
)

if TYPE_CHECKING:
    from imr_tui.content.loader import Curriculum
    from imr_tui.export.pdfdoc import PdfDoc

TITLE = "How to help me: a guide for my supporters"
PRIVATE = "This guide holds private information about me. Please keep it to yourself, unless I say it is fine to share it."
SAFETY_WORDS = "The steps I use in order when thoughts of suicide come. If one step does not help, I go on to the next."
DANGER = "If I am in danger now, call the local emergency number, and stay with me if it is safe."


def parse_parts(values: Iterable[str] | None) -> tuple[str, ...]:
    """Part names (each may be a comma-separated list; 'all' is every part) in plan order.

    Dashes and underscores are the same ("warning-signs"). Raises ValueError for an unknown name or
    when nothing was chosen.
    """
    lookup = {p.replace("_", ""): p for p in PLAN_PARTS}
    chosen: set[str] = set()
    for value in values or ():
        for name in value.split(","):
            key = name.strip().lower().replace("-", "").replace("_", "")
            if not key:
                continue
            if key == "all":
                chosen.update(PLAN_PARTS)
            elif key in lookup:
                chosen.add(lookup[key])
            else:
                raise ValueError(f"unknown part {name.strip()!r} (choose from: {', '.join(_cli_names())}, all)")
    if not chosen:
        raise ValueError(f"choose what to share (from: {', '.join(_cli_names())}, all)")
    return tuple(p for p in PLAN_PARTS if p in chosen)


def _cli_names() -> list[str]:
    return [p.replace("_", "-") for p in PLAN_PARTS]


@dataclass(frozen=True)
class GuideSection:
    """One chosen part of the plan: a title and its lines, or for the safety plan, its steps."""

    key: str
    title: str
    lines: list[str]
    steps: list[tuple[str, list[str]]]  # the safety plan's steps (title, lines); [] for the other parts
    empty: str  # said when there is nothing in it


@dataclass(frozen=True)
class SupporterPage:
    module_number: int
    module_title: str
    pages: list[str]  # Markdown, as written in the curriculum


@dataclass(frozen=True)
class SupporterGuide:
    generated: date
    parts: tuple[str, ...]
    sections: list[GuideSection]
    pages: list[SupporterPage]

    @property
    def shared(self) -> str:
        return ", ".join(PART_WORDS[p] for p in self.parts)


def supporter_pages(curriculum: Curriculum) -> list[SupporterPage]:
    """Each module's "For supporters" lesson, in module order."""
    out = []
    for module in sorted(curriculum.modules(), key=lambda m: m.number):
        for lesson in module.lessons:
            if lesson.kind is LessonKind.SUPPORTERS:
                out.append(SupporterPage(module.number, module.title, list(lesson.pages)))
    return out


def build_guide(plan: RelapsePlanBody, items: list[CheckInItem], curriculum: Curriculum, parts: Iterable[str],
                today: date) -> SupporterGuide:
    chosen = parse_parts(parts)
    by_key = {p.key: p for p in plan_parts(plan, items)}
    sections = []
    for key in chosen:
        if key == "safety_plan":
            steps = [] if plan.safety_plan.is_empty() else safety_steps(plan.safety_plan)
            sections.append(GuideSection(key, "My safety plan", [], steps, SAFETY_NOT_MADE_OTHERS))
        else:
            part = by_key[key]
            sections.append(GuideSection(key, part.title, part.lines, [], "(none yet)"))
    return SupporterGuide(today, chosen, sections, supporter_pages(curriculum))


def made_line(guide: SupporterGuide) -> str:
    return (f"I made this guide for you with imr-tui on {guide.generated.isoformat()}. I chose to share these parts "
            f"of my plan: {guide.shared}.")


# ---------------------------------------------------------------- Markdown
def _demote(page: str, levels: int) -> str:
    """A lesson page with every heading moved down `levels` levels (it sits under a module's heading)."""
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + levels) + " ", page, flags=re.MULTILINE)


def guide_markdown(guide: SupporterGuide) -> str:
    lines = [f"# {TITLE}", "", made_line(guide), "", f"_{PRIVATE}_", "", f"**{DANGER}**", "", "## From my plan", ""]
    for s in guide.sections:
        lines += [f"### {s.title}", ""]
        if s.key == "safety_plan":
            if not s.steps:
                lines += [s.empty, ""]
                continue
            lines += [SAFETY_WORDS, ""]
            for title, rows in s.steps:
                lines += [f"#### {title}", ""]
                lines += [f"- {md_line(r)}" for r in rows] if rows else [NOTHING_WRITTEN]
                lines.append("")
            continue
        lines += [f"- {md_line(r)}" for r in s.lines] or [s.empty]
        lines.append("")
    lines += ["## How you can help: a page from each module", ""]
    for p in guide.pages:
        lines += [f"### Module {p.module_number}: {p.module_title}", ""]
        for page in p.pages:
            lines += [_demote(page.strip(), 2), ""]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- PDF
_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s+")
_BOLD_START = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$", re.DOTALL)


def page_blocks(page: str) -> list[tuple[str, str]]:
    """A lesson page as (kind, text) blocks: kind is "heading", "item" (a list item, with its mark kept in
    front) or "para". Lines of one paragraph or item are joined."""
    blocks: list[tuple[str, str]] = []
    for line in page.splitlines():
        text = line.strip()
        if not text:
            blocks.append(("gap", ""))
        elif text.startswith("#"):
            blocks.append(("heading", text.lstrip("#").strip()))
        elif _ITEM.match(text):
            blocks.append(("item", text))
        elif blocks and blocks[-1][0] in ("item", "para"):
            kind, before = blocks[-1]
            blocks[-1] = (kind, f"{before} {text}")
        else:
            blocks.append(("para", text))
    return [b for b in blocks if b[0] != "gap"]


def _plain(text: str) -> str:
    return text.replace("**", "")


def guide_pdf(guide: SupporterGuide, *, paper: str = "a4") -> bytes:
    """The guide as the bytes of a PDF file, on `paper` ("a4" or "letter")."""
    from imr_tui.export.pdfdoc import MARKED_NOTE, PdfDoc

    doc = PdfDoc(title=TITLE, footer=f"imr-tui supporter guide, {guide.generated.isoformat()}", paper=paper)
    doc.add_page()
    doc.h1(TITLE)
    doc.para(made_line(guide), size=9)
    doc.para(PRIVATE, size=8.5, style="I", muted=True)
    doc.para(DANGER, style="B")
    doc.h2("From my plan")
    for s in guide.sections:
        doc.h3(s.title)
        if s.key == "safety_plan" and s.steps:
            doc.para(SAFETY_WORDS, size=9)
            for title, rows in s.steps:
                doc.para(title, style="B", size=9.5)
                for r in rows:
                    doc.bullet(r)
                if not rows:
                    doc.para(NOTHING_WRITTEN, size=9, muted=True)
        elif s.key == "safety_plan" or not s.lines:
            doc.para(s.empty, size=9, muted=True)
        else:
            for line in s.lines:
                doc.bullet(line)
        doc.ln(1)
    doc.h2("How you can help: a page from each module")
    for p in guide.pages:
        doc.h3(f"Module {p.module_number}: {p.module_title}")
        for page in p.pages:
            for kind, text in page_blocks(page):
                _block(doc, kind, text)
        doc.ln(1)
    if doc.marked:
        doc.para(MARKED_NOTE, size=7.5, bold=True)
    return doc.pdf()


def _block(doc: PdfDoc, kind: str, text: str) -> None:
    if kind == "heading":
        doc.para(text, style="B", size=10)
        return
    if kind == "item":
        mark = _ITEM.match(text)
        assert mark is not None
        symbol = mark.group(0).strip()
        body = text[mark.end():]
        bold = _BOLD_START.match(body)
        if bold and bold.group(2):
            doc.bullet(_plain(bold.group(2)), mark="•" if symbol in "-*" else symbol, bold=_plain(bold.group(1)))
        else:
            doc.bullet(_plain(body), mark="•" if symbol in "-*" else symbol)
        return
    whole = _BOLD_START.match(text)
    if whole and not whole.group(2):
        doc.para(_plain(whole.group(1)), style="B")
    else:
        doc.para(_plain(text))
