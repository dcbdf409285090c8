"""The report as Markdown. Text the person wrote is escaped so it shows as written."""

from __future__ import annotations

from collections.abc import Sequence

from imr_tui.domain.format import stamp
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

SPARK = "▁▂▃▄▅▆▇█"
MD_CHART_COLUMNS = 60  # the most marks a Markdown chart has (longer periods: several days a mark)


def md_text(text: str) -> str:
    """User text as literal Markdown on one line: characters that would format it are escaped."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def sparkline(points: Sequence[float | None], low: float, high: float) -> str:
    """One mark per point, ▁ (low end of the scale) to █ (high end); a space where there is no value."""
    span = high - low
    out = []
    for v in points:
        if v is None:
            out.append(" ")
            continue
        level = round((v - low) / span * (len(SPARK) - 1)) if span > 0 else 0
        out.append(SPARK[max(0, min(len(SPARK) - 1, level))])
    return "".join(out)


def _code_span(text: str) -> str:
    """A Markdown code span that keeps every space (CommonMark strips one from each end when both are spaces)."""
    if text.startswith(" ") and text.endswith(" ") and text.strip():
        text = f" {text} "
    return f"`{text}`"


def _md_table(head: list[str], rows: list[list[str]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown. Text the person wrote is escaped so it shows as written."""
    lines = [f"# {report.title}", ""]
    shown = ", ".join(SECTION_TITLES[s].split(":")[0].lower() for s in report.sections)
    lines += [f"Made with imr-tui on {report.generated.isoformat()} from the person's own entries, "
              f"{plural(report.days, 'day')}. Sections: {shown}.", "", f"_{PRIVATE_NOTE}_", ""]
    if report.checkins is not None or report.signs is not None:
        lines += [f"**How a day is counted.** {report.day_rule} Days with no check-in are left empty, never "
                  "counted as zero.", ""]

    if report.checkins is not None:
        c = report.checkins
        lines += ["## Check-ins", "", f"Checked in on {c.days_with_checkin} of {plural(report.days, 'day')} "
                  f"({plural(c.checkins, 'check-in')}).", ""]
        if c.items:
            rows = []
            size = 1
            for s in c.items:
                size, points = s.points(MD_CHART_COLUMNS)
                count, avg, low, high = item_stats_text(s, report.days)
                label = md_text(s.label) + ("" if s.known else " (not in the settings)")
                chart = _code_span(sparkline(points, s.item.low, s.item.high)) if s.days_with_data else ""
                rows.append([f"{label} ({md_text(s.scale_text())})", count, avg, low, high, chart])
            lines += _md_table(["Item (scale)", "Days with data", "Average", "Lowest", "Highest", "Chart"], rows,
                               right=(1, 2, 3, 4))
            lines += ["", chart_caption(report, size), ""]
        lines += [medication_text(c.medication), "", substances_text(c, md_text), ""]

    if report.signs is not None:
        sg = report.signs
        lines += ["## Warning signs", ""]
        if not sg.signs and not sg.unwatched:
            lines += ["The relapse prevention plan has no warning signs yet.", ""]
        if sg.signs:
            lines += ["Each sign's rule from the relapse prevention plan was checked for every day of the period, "
                      "on the day values above.", ""]
            for sr in sg.signs:
                lines.append(f"- **{md_text(sr.sign)}** (watches: {md_text(sr.rule)}): {sign_text(sr, report.days)}.")
            lines.append("")
        if sg.unwatched:
            lines += ["Signs the person watches for without a rule in the app: "
                      + "; ".join(md_text(t) for t in sg.unwatched) + ".", ""]

    if report.coping is not None:
        cp = report.coping
        lines += ["## Coping: triggers met and what helped", "", coping_summary_text(cp), ""]
        if cp.strategies:
            lines += [f"What helped, most first (an average is shown after {MIN_USES} uses):", ""]
            lines += [f"{n}. {md_text(s.describe())}" for n, s in enumerate(cp.strategies, 1)]
            lines.append("")
        if cp.triggers:
            lines += ["Triggers met:", ""]
            for t in cp.triggers:
                helped = "; ".join(md_text(s.describe()) for s in t.strategies)
                lines.append(f"- **{md_text(t.trigger)}**: {plural(t.times, 'time')}. Used: {helped}.")
            lines.append("")
        if cp.uses:
            lines += [f"{plural(cp.not_linked, 'use was', 'uses were')} not linked to a trigger."
                      if cp.not_linked else "Every use was linked to a trigger.", ""]

    if report.goals is not None:
        lines += ["## Goal progress", ""]
        if not report.goals.goals:
            lines += ["No goals yet.", ""]
        for g in report.goals.goals:
            lines += [f"### {md_text(g.text)}" + (" (archived)" if g.archived else ""), ""]
            if g.done:
                lines += [f"Steps done in this period ({len(g.done)}):", ""]
                lines += [f"- {s.done_on.isoformat()}: {md_text(s.text)}" for s in g.done]
            else:
                lines.append("No steps done in this period.")
            lines.append("")
            if g.open:
                lines += [f"Steps still open ({len(g.open)}):", ""]
                lines += [f"- {md_text(s.text)}" + (f" (due {s.due.isoformat()})" if s.due else "") for s in g.open]
            else:
                lines.append("No steps open.")
            lines.append("")
            if g.follow_ups:
                lines += [f"Goal follow-ups in this period: {g.follow_ups}.", ""]

    if report.lessons is not None:
        ls = report.lessons
        lines += ["## Lessons done", ""]
        if ls.done:
            lines += [f"Finished in this period: {len(ls.done)} (finished in all, up to {report.end.isoformat()}: "
                      f"{ls.done_ever}).", ""]
            lines += [f"- {d.on.isoformat()}: {md_text(d.title)}" for d in ls.done]
        else:
            lines.append(f"No lessons finished in this period (finished in all: {ls.done_ever}).")
        lines.append("")

    if report.selfcheck is not None:
        sc = report.selfcheck
        lines += ["## Self-check results", ""]
        if not sc.checks:
            lines += ["No self-check in this period.", ""]
        else:
            dates = ", ".join(c.on.isoformat() for c in sc.checks)
            lines += [f"{plural(len(sc.checks), 'self-check')} in this period ({dates}). Each topic is rated "
                      "1 (worst) to 5 (best).", ""]
            head, rows = selfcheck_rows(sc)
            lines += _md_table(head, [[md_text(r[0]), *r[1:]] for r in rows], right=range(1, len(head)))
            lines.append("")

    lines += _extra_markdown(report)

    if report.notes is not None:
        lines += ["## Notes", ""]
        if not report.notes.notes:
            lines += ["No notes in this period.", ""]
        for n in report.notes.notes:
            lines.append(f"- {stamp(n.at)}: {md_text(n.text)}")
        if report.notes.notes:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _extra_markdown(report: Report) -> list[str]:
    """The home practice and alcohol-and-drug sections (export/report/extra.py), when asked for."""
    from imr_tui.export.report.extra import practice_rows, slip_rows, use_summary, use_table

    lines: list[str] = []
    if report.practice is not None:
        done, still = practice_rows(report.practice)
        lines += ["## Home practice", ""]
        lines += [f"- Done {day}: {md_text(text)}" for day, text in done] or ["No home practice done in this period."]
        if still:
            lines += ["", "Not done yet:", ""] + [f"- {day}: {md_text(text)}" for day, text in still]
        lines.append("")
    if report.use is not None:
        lines += ["## Alcohol and drug use over time", "", *use_summary(report.use, report.days), ""]
        head, rows = use_table(report.use)
        lines += [*_md_table(head, rows, right=(1, 2)), ""]
        if report.use.slips:
            lines += ["Slips written down:", ""] + [f"- {day}: {md_text(text)}" for day, text in slip_rows(report.use)]
            lines.append("")
    return lines
