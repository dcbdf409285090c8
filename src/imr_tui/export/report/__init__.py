"""A report for an appointment: what a clinician can read in two minutes.

`build_report(store, start, end, sections)` gathers the chosen sections for the days
start..end (both included); `render_markdown(report)` turns it into Markdown, and
`render_pdf(report, path)` (or `pdf_bytes`) into a PDF. Only the sections asked for
are read and shown: notes (the person's own words) appear only when "notes" is asked for.

Sections, in the order they are shown:
  checkins   per item: days with data, average, lowest, highest, a small chart; medication and
             alcohol/drug days
  signs      each warning sign of the plan with a rule, evaluated for every day of the period:
             the days it fired
  coping     coping strategies used in the period, ranked by how much distress dropped, and the
             triggers met with what helped
  goals      goal steps done in the period, and the steps still open
  lessons    lessons finished in the period
  selfcheck  progress self-checks taken in the period
  questionnaires  PHQ-9 and GAD-7: the latest of each, and those taken in the period ("not a diagnosis")
  safety_plan  the person's suicide safety plan as it is now (never included unless asked for)
  practice   home practice done in the period and how it went, and what is still open (when asked for)
  use        alcohol and drug use by week or month, what was used, the last use, slips (when asked for)
  notes      check-in notes (never included unless asked for)

Both formats open with a summary (page 1 of the PDF) of the sections chosen: check-ins and the days
without one; per item its typical value, trend and worst days; the warning signs that fired, with
dates; medicine; alcohol or drug use; the latest PHQ-9 and GAD-7; goal progress.

A day's value follows imr_tui.domain.summary.DAY_SUMMARY_RULE (the worst value of the day),
and the report says so.

The package: .model (the dataclasses), .build (the builders), .text (wording both formats share),
.markdown, .pdf. Importing it does not import fpdf: `pdf_bytes`, `pdf_text` and `render_pdf` load
.pdf when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imr_tui.export.files import ExportWriteError, write_export
from imr_tui.export.report.build import (
    build_report,
    chart_rules,
    checkins_section,
    coping_section,
    goals_section,
    lesson_titles_from,
    lessons_section,
    notes_section,
    parse_sections,
    questionnaires_section,
    safety_plan_section,
    selfcheck_section,
    signs_history_start,
    signs_section,
    watched_signs,
)
from imr_tui.export.report.markdown import md_text, render_markdown, sparkline
from imr_tui.export.report.model import (
    DEFAULT_SECTIONS,
    MAX_DAYS,
    SECTION_TITLES,
    SECTIONS,
    TREND_RULE,
    TYPICAL_RULE,
    ChartRule,
    CheckinsSection,
    CopingSection,
    GoalsSection,
    GoalSummary,
    ItemSummary,
    LessonDone,
    LessonsSection,
    LessonTitles,
    MedicationDays,
    NoteEntry,
    NotesSection,
    QuestionnaireShown,
    QuestionnairesSection,
    Report,
    SafetyPlanSection,
    SelfCheckResult,
    SelfCheckSection,
    SignResult,
    SignsSection,
    StepDone,
    StepOpen,
    Trend,
    TriggerHelp,
    day_ranges,
)
from imr_tui.export.report.text import PRIVATE_NOTE, describe_ranges, plural

if TYPE_CHECKING:
    from imr_tui.export.report.pdf import DEFAULT_NOTE_PAGES, pdf_bytes, pdf_text, render_pdf

_PDF = ("DEFAULT_NOTE_PAGES", "pdf_bytes", "pdf_text", "render_pdf")


def __getattr__(name: str) -> Any:
    if name in _PDF:
        from imr_tui.export.report import pdf

        return getattr(pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_NOTE_PAGES",
    "DEFAULT_SECTIONS",
    "MAX_DAYS",
    "PRIVATE_NOTE",
    "SECTIONS",
    "SECTION_TITLES",
    "TREND_RULE",
    "TYPICAL_RULE",
    "ChartRule",
    "CheckinsSection",
    "CopingSection",
    "ExportWriteError",
    "GoalSummary",
    "GoalsSection",
    "ItemSummary",
    "LessonDone",
    "LessonTitles",
    "LessonsSection",
    "MedicationDays",
    "NoteEntry",
    "NotesSection",
    "QuestionnaireShown",
    "QuestionnairesSection",
    "Report",
    "SafetyPlanSection",
    "SelfCheckResult",
    "SelfCheckSection",
    "SignResult",
    "SignsSection",
    "StepDone",
    "StepOpen",
    "Trend",
    "TriggerHelp",
    "build_report",
    "chart_rules",
    "checkins_section",
    "coping_section",
    "day_ranges",
    "describe_ranges",
    "goals_section",
    "lesson_titles_from",
    "lessons_section",
    "md_text",
    "notes_section",
    "parse_sections",
    "pdf_bytes",
    "pdf_text",
    "plural",
    "questionnaires_section",
    "render_markdown",
    "render_pdf",
    "safety_plan_section",
    "selfcheck_section",
    "signs_history_start",
    "signs_section",
    "sparkline",
    "watched_signs",
    "write_export",
]
