"""The relapse prevention plan as a PDF (`imr-tui plan export --pdf FILE`, `imr-tui export --plan-pdf FILE`).

The same parts, in the same words, as the Markdown (export/plan_md.py `plan_parts`), on the shared
PDF page (export/pdfdoc.py: DejaVu Sans, so the person's own words show as typed). A part may be
added by the caller (`extra`): (title, [(heading, lines)]); `store_plan_pdf` adds the safety plan
(`safety_extra`) as part 6, as the Markdown does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.profile import RelapsePlanBody, SafetyPlan
from imr_tui.export.paper import paper_for
from imr_tui.export.plan_md import plan_parts, safety_steps

if TYPE_CHECKING:
    from imr_tui.store.store import Store

TITLE = "My relapse prevention plan"
NONE_YET = "(none yet)"
PRIVATE = "This plan holds private information. Share it only with people you choose."

Extra = tuple[str, Sequence[tuple[str, Sequence[str]]]]  # (part title, [(heading, lines)])


def plan_pdf(plan: RelapsePlanBody, items: list[CheckInItem], today: date, *, paper: str = "a4",
             extra: Sequence[Extra] = ()) -> bytes:
    from imr_tui.export.pdfdoc import PdfDoc

    doc = PdfDoc(title=TITLE, footer=f"{TITLE} · made with imr-tui on {today.isoformat()}", paper=paper)
    doc.add_page()
    doc.h1(TITLE)
    if plan.reviewed_on:
        doc.para(f"Last reviewed: {plan.reviewed_on.isoformat()}.", size=9.5)
    doc.para(PRIVATE, size=8, muted=True)
    parts = plan_parts(plan, items)
    for n, part in enumerate(parts, 1):
        doc.h2(f"{n}. {part.title}")
        for line in part.lines:
            doc.bullet(line, size=10)
        if not part.lines:
            doc.para(NONE_YET, muted=True)
    for n, (title, blocks) in enumerate(extra, len(parts) + 1):
        doc.h2(f"{n}. {title}")
        if not blocks:
            doc.para(NONE_YET, muted=True)
        for heading, lines in blocks:
            doc.h3(heading)
            for line in lines:
                doc.bullet(line, size=10)
            if not lines:
                doc.para(NONE_YET, muted=True)
    return doc.pdf()


def safety_extra(plan: SafetyPlan) -> Extra:
    """The safety plan as a part of the plan PDF: each step with its lines ("(none yet)" when none is made)."""
    return "My safety plan", [] if plan.is_empty() else safety_steps(plan)


def store_plan_pdf(store: Store, today: date, paper: str | None = None) -> bytes:
    """The plan in `store` as a PDF, on `paper` or the usual paper where the person lives (Settings: country)."""
    plan = store.profile().plan
    return plan_pdf(plan, store.checkin_items(), today, paper=paper or paper_for(store.settings().country),
                    extra=[safety_extra(plan.safety_plan)])
