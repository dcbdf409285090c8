"""The relapse prevention plan as Markdown (for `imr-tui plan show` and `plan export --md`).

`plan_parts` gives each part of the plan as plain lines (no markup), so the Markdown here, the
PDF (export/plan_pdf.py), the supporter guide (export/supporters.py) and its PDF say the same thing in the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.profile import SAFETY_STEPS, RelapsePlanBody, SafetyPlan
from imr_tui.insights.rules import describe, watched_item

# the parts of a plan, in order, as the CLI names them (a supporter guide picks some of them)
PLAN_PARTS: tuple[str, ...] = ("triggers", "warning_signs", "action_steps", "supporters", "emergency_contacts",
                               "safety_plan")
PART_WORDS: dict[str, str] = {"triggers": "triggers", "warning_signs": "warning signs", "action_steps": "action steps",
                              "supporters": "supporters", "emergency_contacts": "emergency contacts",
                              "safety_plan": "safety plan"}
SAFETY_NOT_MADE = "(not made yet: on Home press p, then part 6 Safety plan)"
SAFETY_NOT_MADE_OTHERS = "(I have not made it yet)"  # the same, in a guide for supporters
NOTHING_WRITTEN = "(nothing written yet)"


@dataclass(frozen=True)
class PlanPart:
    key: str
    title: str
    lines: list[str]  # plain text, one entry each; empty: nothing in this part yet


def md_line(text: str) -> str:
    """User text as literal Markdown: escape the characters that would format it."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def plan_parts(plan: RelapsePlanBody, items: list[CheckInItem]) -> list[PlanPart]:
    """The five parts of the plan as plain lines (the safety plan is `safety_steps`)."""
    return [
        PlanPart("triggers", "Triggers, and how I handle them", [
            t.text + (f": {t.how_to_handle}" if t.how_to_handle else "") for t in plan.triggers]),
        PlanPart("warning_signs", "My early warning signs", [
            w.text + (f" (the app watches for: {describe(w.rule, watched_item(w.rule, items))})" if w.rule else "")
            for w in plan.warning_signs]),
        PlanPart("action_steps", "What I do when a warning sign shows up", [a.text for a in plan.action_steps]),
        PlanPart("supporters", "Who helps me, and how", [
            s.name + (f": {s.how_they_help}" if s.how_they_help else "") + (f" ({s.contact})" if s.contact else "")
            for s in plan.supporters]),
        PlanPart("emergency_contacts", "Who to contact in an emergency", [
            c.name + (f": {c.contact}" if c.contact else "") + (f" ({c.notes})" if c.notes else "")
            for c in plan.emergency_contacts]),
    ]


def safety_steps(plan: SafetyPlan) -> list[tuple[str, list[str]]]:
    """Every step of the safety plan, numbered, with its lines (empty: nothing written for it)."""
    return [(f"{n}. {step.title}", plan.lines(step.key)) for n, step in enumerate(SAFETY_STEPS, 1)]


def safety_markdown(plan: SafetyPlan, heading: str = "###") -> list[str]:
    """The safety plan as Markdown lines: each step a heading of level `heading`, its lines a list."""
    if plan.is_empty():
        return [SAFETY_NOT_MADE, ""]
    lines = ["Steps to use in order when thoughts of suicide come. If one step does not help, go on to the next.",
             ""]
    if plan.updated_on:
        lines += [f"Last changed: {plan.updated_on.isoformat()}", ""]
    for title, rows in safety_steps(plan):
        lines += [f"{heading} {title}", ""]
        lines += [f"- {md_line(r)}" for r in rows] if rows else [NOTHING_WRITTEN]
        lines.append("")
    return lines


def plan_markdown(plan: RelapsePlanBody, items: list[CheckInItem], name: str = "") -> str:
    lines = [f"# My relapse prevention plan{' - ' + md_line(name) if name else ''}", ""]
    if plan.reviewed_on:
        lines += [f"Last reviewed: {plan.reviewed_on.isoformat()}", ""]
    for n, part in enumerate(plan_parts(plan, items), 1):
        lines += [f"## {n}. {part.title}", ""]
        lines += [f"- {md_line(row)}" for row in part.lines] or ["(none yet)"]
        lines.append("")
    lines += ["## 6. My safety plan", "", *safety_markdown(plan.safety_plan)]
    return "\n".join(lines).rstrip() + "\n"
