"""The report as Markdown. Text the person wrote is escaped so it shows as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from imr_tui.domain.format import stamp
from imr_tui.export.report.model import SECTION_TITLES, TREND_RULE, TYPICAL_RULE, Report
from imr_tui.export.report.text import (
    PRIVATE_NOTE,
    SAFETY_PLAN_INTRO,
    SAFETY_PLAN_NONE,
    SAFETY_STEP_EMPTY,
    SUMMARY_ITEM_HEAD,
    SUMMARY_TITLE,
    chart_caption,
    checkin_count_text,
    coping_line,
    coping_summary_text,
    fired_summary,
    goal_lines,
    item_stats_text,
    lessons_line,
    medication_text,
    medicine_text,
    plural,
    questionnaire_text,
    questionnaires_text,
    safety_plan_changed,
    selfcheck_line,
    selfcheck_rows,
    sign_text,
    substances_text,
    summary_item_rows,
    use_days_text,
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


_BLOCK_START = re.compile(r"^([-+=>~]|[0-9]+[.)])")


def md_lines(text: str) -> list[str]:
    """User text as literal Markdown, one entry per line of it (inner runs of spaces joined). A line that
    would start a list, a quote or a heading is escaped."""
    out = []
    for line in text.strip("\n").split("\n"):
        shown = md_text(line)
        out.append(_BLOCK_START.sub(lambda m: "\\" + m.group(0) if len(m.group(0)) == 1 else
                                    m.group(0)[:-1] + "\\" + m.group(0)[-1], shown))
    return out


def note_markdown(label: str, text: str) -> list[str]:
    """A note as a list item: its date, then each of its lines (a hard line break between them; an empty
    line stays a paragraph break)."""
    lines = md_lines(text)
    out = [f"- **{label}**" + ("\\" if lines else "")]
    for i, line in enumerate(lines):
        last = i == len(lines) - 1 or not lines[i + 1]
        out.append(f"  {line}" + ("" if last or not line else "\\") if line else "")
    return out


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


def _summary(report: Report) -> list[str]:
    lines = [f"## {SUMMARY_TITLE}", ""]
    c, sg = report.checkins, report.signs

    def field(label: str, text: str) -> None:
        lines.extend([f"**{label}:** {text}", ""])

    if c is not None:
        field("Check-ins", checkin_count_text(c, report.days))
        rows = summary_item_rows(c, report.days)
        if rows:
            lines += _md_table(SUMMARY_ITEM_HEAD, [[md_text(r[0]), md_text(r[1]), *r[2:]] for r in rows], right=(2,))
            lines.append("")
    if sg is not None:
        fired, quiet = fired_summary(sg)
        if fired:
            lines += ["**Warning signs that fired:**", ""]
            lines += [f"- **{md_text(sign)}**: {md_text(text)}" for sign, text in fired]
            lines.append("")
        if quiet:
            field("Did not fire" if fired else "Warning signs", ("None fired: " if not fired else "")
                  + "; ".join(md_text(q) for q in quiet) + ".")
        elif not fired:
            field("Warning signs", "the plan has no warning sign with a rule." if not sg.unwatched else
                  "none has a rule the app can check.")
    if c is not None:
        field("Medicine", medicine_text(c.medication))
        field("Alcohol, drugs", use_days_text(c, md_text))
    if report.questionnaires is not None:
        field("PHQ-9, GAD-7", questionnaires_text(report.questionnaires, report.start))
    if report.goals is not None:
        goals = goal_lines(report.goals, len(report.goals.goals))
        if goals:
            lines += ["**Goals:**", "", *(f"- {md_text(g)}" for g in goals), ""]
        else:
            field("Goals", "no goals yet.")
    if report.coping is not None:
        field("Coping", md_text(coping_line(report.coping)))
    if report.lessons is not None:
        field("Lessons", lessons_line(report.lessons))
    if report.selfcheck is not None:
        field("Self-check", selfcheck_line(report.selfcheck))
    if c is not None or sg is not None:
        lines += [f"_How a day is counted._ {report.day_rule} Days with no check-in are left empty, never counted "
                  "as zero.", ""]
    if c is not None:
        lines += [f"_{TYPICAL_RULE}_ _{TREND_RULE}_", ""]
    return lines


def render_markdown(report: Report, *, summary_only: bool = False) -> str:
    """The report as Markdown: the summary, then (unless `summary_only`) the sections chosen. Text the person
    wrote is escaped so it shows as written; a note keeps each of its lines."""
    lines = [f"# {report.title}", ""]
    shown = ", ".join(SECTION_TITLES[s].split(":")[0].lower() for s in report.sections)
    lines += [f"Made with imr-tui on {report.generated.isoformat()} from the person's own entries, "
              f"{plural(report.days, 'day')}. Sections: {shown}.", "", f"_{PRIVATE_NOTE}_", ""]
    lines += _summary(report)
    if summary_only:
        return "\n".join(lines).rstrip() + "\n"

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
                chart = _code_span(sparkline(points, *s.chart_range())) if s.days_with_data else ""
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

    if report.questionnaires is not None:
        qs = report.questionnaires
        lines += ["## Questionnaires (PHQ-9, GAD-7)", "", "PHQ-9 (low mood, 0-27) and GAD-7 (worry and anxiety, "
                  "0-21), as the person filled them in. These are checklists, not a diagnosis.", ""]
        if qs.in_period:
            lines += [f"- {questionnaire_text(x, report.start)}" for x in qs.in_period]
        else:
            lines.append("None taken in this period." + (" The latest before it: " + " ".join(
                questionnaire_text(x, report.start) for x in qs.latest) if qs.latest else ""))
        lines.append("")
    if report.safety_plan is not None:
        sp = report.safety_plan
        lines += ["## Safety plan", ""]
        if not sp.steps:
            lines += [SAFETY_PLAN_NONE, ""]
        else:
            lines += [SAFETY_PLAN_INTRO + safety_plan_changed(sp.updated_on), ""]
            for title, step_lines in sp.steps:
                lines += [f"**{md_text(title)}**", ""]
                lines += [f"- {md_text(r)}" for r in step_lines] if step_lines else [SAFETY_STEP_EMPTY]
                lines.append("")
    lines += _extra_markdown(report)

    if report.notes is not None:
        lines += ["## Notes", ""]
        if not report.notes.notes:
            lines += ["No notes in this period.", ""]
        else:
            lines += [f"{plural(len(report.notes.notes), 'note')}, oldest first.", ""]
        for n in report.notes.notes:
            lines += [*note_markdown(stamp(n.at), n.text), ""]
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
