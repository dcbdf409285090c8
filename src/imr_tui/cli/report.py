"""`imr-tui report`: a report of a period for an appointment, as Markdown or PDF; `--card`: a wallet-size
crisis card to print and fold."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import PRIVATE, UserError, add_force, add_paper, open_store, output_target, write_target
from imr_tui.export.paper import paper_for

if TYPE_CHECKING:
    from imr_tui.export.report import LessonTitles
    from imr_tui.store.store import Store

DEFAULT_REPORT_DAYS = 30
DEFAULT_NOTE_PAGES = 3  # = export.report.pdf.DEFAULT_NOTE_PAGES (not imported: it would load fpdf2 for --help)


def add_parsers(sub: Any) -> None:
    r = sub.add_parser(
        "report", help="a report of a period for an appointment (Markdown or PDF)",
        description="A report of the days FROM to TO (both included) that a clinician can read in two minutes: a "
                    "one-page summary, then a page or more for each section you choose. Markdown goes to the "
                    "screen unless --md or --pdf names a file. Only the sections you choose are included; notes "
                    "and the safety plan only when you ask for them ('notes', 'safety-plan'). --card FILE writes "
                    "a wallet-size crisis card (a PDF page to print, cut out and fold).")
    r.add_argument("--from", dest="start", metavar="DATE", help=f"first day, YYYY-MM-DD (default: {DEFAULT_REPORT_DAYS} "
                                                                 "days before --to)")
    r.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    out = r.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF file")
    out.add_argument("--md", type=Path, metavar="FILE", help="write a Markdown file")
    r.add_argument("--sections", nargs="+", metavar="NAME",
                   help="what to include, e.g. checkins,signs: checkins, signs, coping, goals, lessons, selfcheck, "
                        "questionnaires (these are the default), and practice, use, safety-plan and notes (only when "
                        "asked for)")
    r.add_argument("--summary-only", action="store_true", help="only the one-page summary, no detail pages")
    add_paper(r)
    r.add_argument("--note-pages", metavar="N", default=str(DEFAULT_NOTE_PAGES),
                   help=f"PDF: the most pages of notes, the most recent first (default {DEFAULT_NOTE_PAGES}; 'all' "
                        "for every note)")
    r.add_argument("--card", type=Path, metavar="FILE", help="also (or only) write a wallet-size crisis card (PDF)")
    add_force(r)
    r.set_defaults(func=run)


def note_pages(text: str) -> int | None:
    if text.strip().lower() == "all":
        return None
    if not text.strip().isdigit() or int(text) < 1:
        raise UserError(f"--note-pages: {text!r} is not a number of pages (1 or more) or 'all'")
    return int(text)


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


def _card(args: argparse.Namespace, store: Store, target: Path, paper: str) -> None:
    from imr_tui import paths
    from imr_tui.content.crisis import load_crisis_lines
    from imr_tui.content.loader import ContentError
    from imr_tui.export.card import build_card, card_pdf

    problem = ""
    try:
        lines = load_crisis_lines(paths.crisis_lines_file(getattr(args, "content", None)))
    except ContentError as exc:
        lines, problem = None, str(exc)
    card = build_card(store.profile().plan, store.settings(), lines, date.today(), lines_problem=problem)
    write_target(target, card_pdf(card, paper=paper))
    print(f"Wrote your crisis card to {target}: print it at full size, cut it out and fold it (the page says how). "
          f"{PRIVATE}")


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.report import build_report, parse_sections, render_markdown

    start, end = report_period(args.start, args.end)
    try:
        sections = parse_sections(args.sections)
    except ValueError as exc:
        raise UserError(f"--sections: {exc}") from None
    pages = note_pages(args.note_pages)
    flag, wanted = ("--pdf", args.pdf) if args.pdf else ("--md", args.md)
    if args.card and wanted and args.card.expanduser().resolve() == wanted.expanduser().resolve():
        raise UserError("give the card and the report each its own file name")
    target = output_target(args, wanted, flag) if wanted else None
    card = output_target(args, args.card, "--card") if args.card else None
    store = open_store(args, create=False)
    paper = args.paper or paper_for(store.settings().country)
    if card is not None:
        _card(args, store, card, paper)
        if target is None:
            return 0
    titles = _lesson_titles(args) if {"lessons", "practice"} & set(sections) else None
    report = build_report(store, start, end, sections, lesson_titles=titles)
    if args.pdf:
        assert target is not None
        from imr_tui.export.report import pdf_bytes

        write_target(target, pdf_bytes(report, paper=paper, note_pages=pages, summary_only=args.summary_only))
    else:
        text = render_markdown(report, summary_only=args.summary_only)
        if target is None:
            sys.stdout.write(text)
            return 0
        write_target(target, text.encode("utf-8"))
    print(f"Wrote the report for {start.isoformat()} to {end.isoformat()} to {target}. {PRIVATE}")
    return 0

