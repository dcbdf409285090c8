"""`imr-tui report`: a report of a period for an appointment, as Markdown or PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import PRIVATE, UserError, check_target, open_store, write_target

if TYPE_CHECKING:
    from imr_tui.export.report import LessonTitles

DEFAULT_REPORT_DAYS = 30


def add_parsers(sub: Any) -> None:
    r = sub.add_parser(
        "report", help="a report of a period for an appointment (Markdown or PDF)",
        description="A report of the days FROM to TO (both included) that a clinician can read in two minutes. "
                    "Markdown goes to the screen unless --md or --pdf names a file. Only the sections you choose "
                    "are included; notes only when you ask for the 'notes' section.")
    r.add_argument("--from", dest="start", metavar="DATE", help=f"first day, YYYY-MM-DD (default: {DEFAULT_REPORT_DAYS} "
                                                                 "days before --to)")
    r.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    out = r.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF file")
    out.add_argument("--md", type=Path, metavar="FILE", help="write a Markdown file")
    r.add_argument("--sections", nargs="+", metavar="NAME",
                   help="what to include, e.g. checkins,signs: checkins, signs, coping, goals, lessons, selfcheck "
                        "(these are the default), and practice, use and notes")
    r.set_defaults(func=run)


def parse_day(text: str, flag: str, today: date) -> date:
    """A day for --from or --to, in the grammar of domain/dates.py (a weekday name is the last one)."""
    from imr_tui.domain.dates import LAST, DateError
    from imr_tui.domain.dates import parse_day as read_day

    try:
        day = read_day(text, today, LAST)
    except DateError as exc:
        raise UserError(f"{flag}: {exc}") from None
    if day is None:
        raise UserError(f"{flag}: give a day, like yesterday or -30")
    return day


def report_period(start: str | None, end: str | None, today: date | None = None) -> tuple[date, date]:
    today = today or date.today()
    last = parse_day(end, "--to", today) if end else today
    first = parse_day(start, "--from", today) if start else last - timedelta(days=DEFAULT_REPORT_DAYS - 1)
    if first > last:
        raise UserError(f"--from {first.isoformat()} is after --to {last.isoformat()}")
    if first.year < 1970:
        raise UserError(f"--from {first.isoformat()} is too long ago")
    if last > today + timedelta(days=1):
        raise UserError(f"--to {last.isoformat()} is in the future")
    return first, last


def _lesson_titles(args: argparse.Namespace) -> LessonTitles | None:
    """Lesson titles from the curriculum, or None when it cannot be read (the report shows ids then)."""
    from imr_tui import paths
    from imr_tui.content.loader import ContentError, Curriculum
    from imr_tui.export.report import lesson_titles_from

    try:
        return lesson_titles_from(Curriculum(paths.modules_dir(getattr(args, "content", None))))
    except (ContentError, OSError, ValueError):
        return None


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.report import build_report, parse_sections, render_markdown

    start, end = report_period(args.start, args.end)
    try:
        sections = parse_sections(args.sections)
    except ValueError as exc:
        raise UserError(f"--sections: {exc}") from None
    target = check_target(args.pdf, "--pdf") if args.pdf else (check_target(args.md, "--md") if args.md else None)
    store = open_store(args, create=False)
    titles = _lesson_titles(args) if {"lessons", "practice"} & set(sections) else None
    report = build_report(store, start, end, sections, lesson_titles=titles)
    if args.pdf:
        assert target is not None
        from imr_tui.export.report import pdf_bytes

        write_target(target, pdf_bytes(report))
    else:
        text = render_markdown(report)
        if target is None:
            sys.stdout.write(text)
            return 0
        write_target(target, text.encode("utf-8"))
    print(f"Wrote the report for {start.isoformat()} to {end.isoformat()} to {target}. {PRIVATE}")
    return 0
