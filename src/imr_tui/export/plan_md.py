"""The relapse prevention plan as Markdown (for `imr-tui plan show` and `plan export --md`)."""

from __future__ import annotations

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.profile import RelapsePlanBody
from imr_tui.insights.rules import describe, watched_item


def _md(text: str) -> str:
    """User text as literal Markdown: escape the characters that would format it."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def plan_markdown(plan: RelapsePlanBody, items: list[CheckInItem], name: str = "") -> str:
    lines = [f"# My relapse prevention plan{' - ' + _md(name) if name else ''}", ""]
    if plan.reviewed_on:
        lines += [f"Last reviewed: {plan.reviewed_on.isoformat()}", ""]

    def section(title: str, rows: list[str]) -> None:
        lines.append(f"## {title}")
        lines.append("")
        lines.extend(rows or ["(none yet)"])
        lines.append("")

    section("1. Triggers, and how I handle them", [
        f"- {_md(t.text)}" + (f": {_md(t.how_to_handle)}" if t.how_to_handle else "") for t in plan.triggers])
    section("2. My early warning signs", [
        f"- {_md(w.text)}" + (f" (the app watches for: {describe(w.rule, watched_item(w.rule, items))})" if w.rule else "")
        for w in plan.warning_signs])
    section("3. What I do when a warning sign shows up", [f"- {_md(a.text)}" for a in plan.action_steps])
    section("4. Who helps me, and how", [
        f"- {_md(s.name)}" + (f": {_md(s.how_they_help)}" if s.how_they_help else "")
        + (f" ({_md(s.contact)})" if s.contact else "") for s in plan.supporters])
    section("5. Who to contact in an emergency", [
        f"- {_md(c.name)}" + (f": {_md(c.contact)}" if c.contact else "") + (f" ({_md(c.notes)})" if c.notes else "")
        for c in plan.emergency_contacts])
    return "\n".join(lines).rstrip() + "\n"
