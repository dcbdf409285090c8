"""The report as a PDF, read back with pypdf (and pdftotext where it is installed): the one-page summary,
any script the font has round-trips, unknown characters are marked and said so, notes never start a page
without their date, charts are drawn on useful scales with dates, the page count stays bounded, metadata."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication, SubstanceUse, Worse
from imr_tui.domain.profile import Goal, GoalStep, Profile, RelapsePlan, WarningRule, WarningSign
from imr_tui.domain.progress import Progress, QuestionnaireResult
from imr_tui.export.pdfdoc import MARK, MARKED_NOTE
from imr_tui.export.report import DEFAULT_SECTIONS, build_report, pdf_bytes, render_markdown
from imr_tui.export.report.model import Direction, ItemSummary
from imr_tui.export.report.pdf import ticks
from imr_tui.store.store import Store
from tests.conftest import FIXED_END, run_cli

START = date(2026, 3, 1)
END = date(2026, 3, 30)
POLISH = "Ważne: żółć, gęślą jaźń. Łódź"
GREEK = "Καλημέρα, ύπνος λίγος"
CYRILLIC = "Привет, сон плохой. Ёжик"
NOTE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def month(store: Store) -> Store:
    """30 days: mood falls from 7 to 3 in the second half, sleep 7 then 4.5 hours, a gap of 3 days, a beer."""
    rows = []
    for i in range(30):
        day = START + timedelta(days=i)
        if 10 <= i <= 12:
            continue  # 2026-03-11 to 2026-03-13: no check-in
        late = i >= 15
        rows.append(CheckIn(id=f"c{i}", at=at(day), values={"mood": 3 if late else 7, "sleep": 4.5 if late else 7,
                                                             "use": 1 if i == 20 else 0},
                            medication=Medication.MISSED if i in (3, 4) else Medication.TAKEN,
                            substances=[SubstanceUse(what="beer")] if i == 25 else []))
    store.import_checkins(rows)
    plan = RelapsePlan(warning_signs=[
        WarningSign(id="w1", text="Sleeping less", rule=WarningRule(item="sleep", comparison="<=", threshold=5, days=3,
                                                                   window=5)),
        WarningSign(id="w2", text="Very stressed", rule=WarningRule(item="stress", threshold=8, days=1, window=1)),
    ])
    goal = Goal(id="g1", text="Walk every day", steps=[GoalStep(id="s1", text="Buy shoes", done=True, done_on=START),
                                                        GoalStep(id="s2", text="Walk to the park", due=END)])
    store.update_profile(lambda _p: Profile(goals=[goal], plan=plan))
    store.update_progress(lambda _p: Progress(questionnaires=[
        QuestionnaireResult(name="phq9", at=at(START + timedelta(days=5)), answers=[1] * 9, total=9),
        QuestionnaireResult(name="phq9", at=at(START + timedelta(days=20)), answers=[2, 2, 2, 2, 1, 1, 1, 1, 0],
                            total=12),
        QuestionnaireResult(name="gad7", at=at(START - timedelta(days=40)), answers=[3] * 7, total=21),
    ]))
    return store


# ------------------------------------------------------------------ the summary
def test_page_one_is_the_summary_a_prescriber_reads(month: Store) -> None:
    report = build_report(month, START, END, today=END)
    first = flat(pages(pdf_bytes(report))[0])
    assert first.startswith("Summary for the care team 2026-03-01 to 2026-03-30 (30 days).")
    assert "checked in on 27 of 30 days (27 check-ins); 3 days without one; the longest gap 3 days " \
           "(2026-03-11 to 2026-03-13)." in first
    # mood: 12 days of 7, then 15 days of 3: typical 3 (3-7), worse from 7 to 3; the worst days are the latest 3s
    assert "Mood 0-10, low is worse 27 of 30 3 (3-7) worse (7 → 3) 2026-03-30 (3), 2026-03-29 (3), 2026-03-28 (3)" \
        in first
    assert "Sleep 0-24 hours, low is worse" in first and "worse (7 → 4.5)" in first
    # 4.5 hours from 2026-03-16: the third such day of five is 2026-03-18
    assert "Sleeping less: sleep at or under 5 hours on 3 of the last 5 days: 13 days, the latest 2026-03-18 to " \
           "2026-03-30" in first
    assert "Did not fire Very stressed (no values to check)." in first
    assert "taken on 25 of 27 days answered (93 %); missed on 2 days." in first
    assert "on 2 of 27 days with a check-in; the latest 2026-03-26, 2026-03-21; written down: beer (1 day)." in first
    assert "PHQ-9 on 2026-03-21: 12 of 27 (Moderate)." in first  # the latest, not the first
    assert "GAD-7 on 2026-01-20 (before this period): 21 of 21 (Severe)." in first
    assert "This is a checklist, not a diagnosis." in first
    assert "Walk every day: 1 of 2 steps done (1 in this period); next: Walk to the park (due 2026-03-30)." in first


def test_summary_only_is_one_page_and_markdown_says_the_same(month: Store) -> None:
    report = build_report(month, START, END, today=END)
    assert len(pages(pdf_bytes(report, summary_only=True))) == 1
    md = render_markdown(report, summary_only=True)
    assert "## Summary for the care team" in md and "## Check-ins" not in md
    assert "| Mood | 0-10, low is worse | 27 of 30 | 3 (3-7) | worse (7 → 3) |" in md
    assert "**Medicine:** taken on 25 of 27 days answered (93 %); missed on 2 days." in md


def test_a_crisis_stop_is_shown_and_never_given_a_total(store: Store) -> None:
    store.update_progress(lambda _p: Progress(questionnaires=[
        QuestionnaireResult(name="phq9", at=at(START), answers=[1, 1, 1, 1, 1, 1, 1, 1, 2], total=None)]))
    report = build_report(store, START, END, ["questionnaires"])
    text = flat(" ".join(pages(pdf_bytes(report))))
    assert "PHQ-9 on 2026-03-01: stopped at question 9" in text and "no total" in text


def test_the_summary_stays_on_one_page_with_far_too_much_to_say(store: Store) -> None:
    items = [CheckInItem(id=f"item{i}", label=f"Custom item number {i}", question="?", low=0, high=10)
             for i in range(30)]
    store.update_settings(lambda s: s.model_copy(update={"items": items}))
    store.import_checkins([CheckIn(at=at(START + timedelta(days=d)), values={f"item{i}": (d + i) % 11 for i in range(30)})
                           for d in range(30)])
    long_sign = "A warning sign with a very long name that goes on and on " * 5
    signs = [WarningSign(id=f"w{i}", text=f"{long_sign} {i}", rule=WarningRule(item=f"item{i}", threshold=5, days=1,
                                                                              window=1)) for i in range(30)]
    goals = [Goal(id=f"g{i}", text="A long goal " * 30, steps=[GoalStep(text="step " * 60)]) for i in range(10)]
    store.update_profile(lambda _p: Profile(goals=goals, plan=RelapsePlan(warning_signs=signs)))
    report = build_report(store, START, END, today=END)
    texts = pages(pdf_bytes(report))
    assert flat(texts[0]).startswith("Summary for the care team")
    assert flat(texts[1]).startswith("Check-ins")  # page 2 starts the details: the summary did not run over
    page1 = flat(texts[0])
    shown_items = int(re.search(r"And (\d+) more items", page1).group(1))
    assert page1.count("Custom item number") == 30 - shown_items  # every item is on the page or counted
    shown_signs = page1.count("• ")
    assert shown_signs > 0 and f"And {30 - shown_signs} more: see the pages that follow." in page1
    assert len(pages(pdf_bytes(report, summary_only=True))) == 1


# ------------------------------------------------------------------ Unicode
def test_polish_greek_cyrillic_round_trip_and_the_font_is_embedded(month: Store) -> None:
    month.update_profile(lambda p: p.model_copy(update={"goals": [Goal(text=POLISH), Goal(text=GREEK)]}))
    month.add_checkin(CheckIn(at=at(END, 21), note=f"{CYRILLIC}\n{POLISH}"))
    data = pdf_bytes(build_report(month, START, END, [*DEFAULT_SECTIONS, "notes"]))
    text = "\n".join(pages(data))
    for words in (POLISH, GREEK, CYRILLIC):
        assert words in text, words
    assert "?" not in text.replace("(Moderate)?", "")  # no letter became a question mark
    assert MARK not in text and MARKED_NOTE.split(" (")[0] not in text
    fonts = {f["/BaseFont"] for page in PdfReader(io.BytesIO(data)).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in f for f in fonts)
    assert b"/FontFile2" in data  # embedded (a subset)


def test_characters_the_font_lacks_are_marked_and_page_one_says_so(month: Store) -> None:
    plain = build_report(month, START, END, ["checkins", "notes"])
    assert flat(MARKED_NOTE) not in flat(pages(pdf_bytes(plain))[0])
    # DejaVu has the simple smileys (drawn in black), not the other emoji, CJK, or right-to-left letters
    month.add_checkin(CheckIn(at=at(END, 21), note="Good day 😀 👍 with 日本語 and עברית"))
    texts = pages(pdf_bytes(build_report(month, START, END, ["checkins", "notes"])))
    assert f"Good day 😀 {MARK} with {MARK * 3} and {MARK * 5}" in "\n".join(texts)
    assert flat(MARKED_NOTE) in flat(texts[0])
    assert "👍 with 日本語 and עברית" in render_markdown(build_report(month, START, END, ["notes"]))  # kept in Markdown


# ------------------------------------------------------------------ notes and page breaks
def _long_notes(store: Store, n: int) -> None:
    words = " ".join(f"word{i}" for i in range(60))
    store.import_checkins([CheckIn(id=f"n{i}", at=at(START + timedelta(days=i % 30), 9 + i % 12, i % 60),
                                   note=f"Note {i} begins. {words}\nA second line of note {i}.\n\nAfter a blank line.")
                           for i in range(n)])


def test_no_page_starts_with_a_note_line_without_its_date(store: Store) -> None:
    _long_notes(store, 300)
    huge = "\n".join(f"Line {i} of a note that is longer than a whole page." for i in range(160))
    store.add_checkin(CheckIn(id="huge", at=at(END, 23, 59), note=huge))  # the newest: shown first, over 3 pages
    texts = pages(pdf_bytes(build_report(store, START, END, ["notes"]), note_pages=6))
    first_notes = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Notes"))
    note_pages = texts[first_notes + 1:]
    assert len(note_pages) == 5  # at most 6 pages of notes in all
    for page in note_pages:
        head = page.strip().splitlines()[0]
        assert NOTE_DATE.match(head), head  # a date (of a new note, or "DATE (continued)") opens every page
    assert sum("2026-03-30 23:59 (continued)" in t for t in texts) >= 2
    notes_text = flat(texts[first_notes])
    assert re.search(r"The \d+ most recent notes \(2026-03-\d\d to 2026-03-30\), newest first\. \d+ older notes in "
                     r"this period are not shown here", notes_text)


def test_notes_fill_at_most_the_pages_asked_for(store: Store) -> None:
    _long_notes(store, 300)
    report = build_report(store, START, END, ["checkins", "notes"])
    default = pages(pdf_bytes(report))
    everything = pages(pdf_bytes(report, note_pages=None))
    notes_start = next(i for i, t in enumerate(default) if t.lstrip().startswith("Notes"))
    assert len(default) - notes_start == 3  # DEFAULT_NOTE_PAGES
    assert len(everything) > len(default) + 10
    assert "Note 0 begins" in "\n".join(everything) and "older notes" not in "\n".join(everything)


def test_markdown_keeps_each_line_of_a_note(store: Store) -> None:
    store.add_checkin(CheckIn(at=at(START, 21, 5), note="First line\n- not a list\n1. not a list either\n\nLast *line*"))
    md = render_markdown(build_report(store, START, END, ["notes"]))
    block = md.split("- **2026-03-01 21:05**\\\n", 1)[1]
    assert block.startswith("  First line\\\n  \\- not a list\\\n  1\\. not a list either\n\n  Last \\*line\\*\n")


# ------------------------------------------------------------------ charts
def _summary(item: CheckInItem, values: list[float | None], thresholds: list[float] = ()) -> ItemSummary:
    from imr_tui.domain.profile import Comparison
    from imr_tui.export.report import ChartRule

    rules = tuple(ChartRule("sign", Comparison.AT_MOST, t) for t in thresholds)
    return ItemSummary(item, tuple(values), first_day=START, rules=rules)


def test_each_item_is_drawn_on_its_own_useful_scale() -> None:
    sleep = CheckInItem(id="sleep", label="Sleep", question="?", low=0, high=24, step=0.5, unit="hours", worse=Worse.LOW)
    mood = CheckInItem(id="mood", label="Mood", question="?", low=0, high=10, worse=Worse.LOW)
    assert _summary(sleep, [7, 4.5, None]).chart_range() == (0, 12)
    assert _summary(sleep, [13.5]).chart_range() == (0, 16)  # a long sleep is never drawn off the chart
    assert _summary(sleep, [3], thresholds=[14]).chart_range() == (0, 16)  # nor a threshold
    assert _summary(mood, [3, 4]).chart_range() == (0, 10)  # a scale of 10 or less is shown whole


def test_trend_typical_and_worst_days() -> None:
    mood = CheckInItem(id="mood", label="Mood", question="?", low=0, high=10, worse=Worse.LOW)
    falling = _summary(mood, [7, 7, 7, 6, 3, 3, 2, 3])
    assert falling.trend().direction is Direction.WORSE and (falling.trend().first, falling.trend().second) == (6.75, 2.75)
    assert falling.median == 4.5 and falling.middle_half == (3, 7)
    assert falling.worst_days(2) == [(START + timedelta(days=6), 2), (START + timedelta(days=7), 3)]
    assert _summary(mood, [5, 5, 5, 5.5, 5.5, 5.5]).trend().direction is Direction.SAME
    assert _summary(mood, [5, None, None, 5, 5, 5]).trend().direction is Direction.UNKNOWN  # 1 day in the first half


def test_chart_axes_have_dates(month: Store) -> None:
    assert [label for _, label in ticks(START, END)] == ["2 Mar", "9 Mar", "16 Mar", "23 Mar", "30 Mar"]
    assert [label for _, label in ticks(date(2017, 1, 1), date(2026, 12, 31))][:2] == ["2017", "2018"]
    assert [label for _, label in ticks(date(2026, 1, 15), date(2026, 12, 31))][:3] == ["Feb 2026", "Mar", "Apr"]
    text = flat(" ".join(pages(pdf_bytes(build_report(month, START, END, ["checkins"])))))
    assert "2 Mar 9 Mar 16 Mar 23 Mar 30 Mar" in text
    assert "≤ 5: Sleeping less" in text  # the person's own threshold, drawn and named
    assert "Scale: 0-24 hours, low is worse (drawn 0-12)." in text
    assert "No values in this period (7 items): Anxiety, Stress, Sleep quality, Voices or unusual experiences, " \
           "Energy, Concentration, Urge to use." in text  # one line, not seven empty charts
    md = render_markdown(build_report(month, START, END, ["checkins"]))
    sleep = next(x for x in md.splitlines() if x.startswith("| Sleep (") and "`" in x).split("`")[1]
    assert sleep == "▅" * 10 + "   " + "▅▅" + "▄" * 15  # 7 and 4.5 hours on 0-12 (on 0-24 they were ▃ and ▂)


def test_a_rule_against_the_usual_value_is_drawn_as_a_moving_limit(store: Store) -> None:
    from imr_tui.domain.profile import RuleKind

    first = START - timedelta(days=40)
    store.import_checkins([CheckIn(at=at(first + timedelta(days=i)), values={"mood": 7 if i < 55 else 3})
                           for i in range(70)])
    rule = WarningRule(item="mood", kind=RuleKind.BASELINE, comparison="<=", threshold=2, days=2, window=3,
                       baseline_days=28)
    store.update_profile(lambda _p: Profile(plan=RelapsePlan(warning_signs=[WarningSign(text="Mood low", rule=rule)])))
    report = build_report(store, START, END, ["checkins", "signs"])
    assert report.checkins is not None
    (drawn,) = next(s for s in report.checkins.items if s.item.id == "mood").rules
    assert drawn.threshold is None and drawn.limits[0] == (START, 5) and drawn.fired  # usual 7, minus 2
    assert [d for d, v in drawn.limits if v is None] == []
    text = flat(" ".join(pages(pdf_bytes(report))))
    assert "≤ usual − 2: Mood low" in text


# ------------------------------------------------------------------ the whole document
def test_ten_years_stay_a_few_pages(tmp_path: Path) -> None:
    from imr_tui.demo import build_demo_store

    store = build_demo_store(tmp_path / "ten", days=3650, seed=7, end=FIXED_END, tz=UTC)
    report = build_report(store, FIXED_END - timedelta(days=3649), FIXED_END, [*DEFAULT_SECTIONS, "notes"])
    texts = pages(pdf_bytes(report))
    assert len(texts) <= 10, len(texts)
    assert "earlier times" in flat(texts[0])  # the fired days are cut to the latest on page 1


def test_metadata_title_language_and_no_author(month: Store) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes(build_report(month, START, END))))
    meta = reader.metadata
    assert meta is not None and meta.title == "Recovery report: 2026-03-01 to 2026-03-30"
    assert not meta.get("/Author")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_letter_paper(month: Store) -> None:
    page = PdfReader(io.BytesIO(pdf_bytes(build_report(month, START, END), paper="letter"))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    page = PdfReader(io.BytesIO(pdf_bytes(build_report(month, START, END)))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_page_one_in_order(month: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes(build_report(month, START, END)))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    order = ["Summary for the care team", "Check-ins", "Item", "Worst days", "Mood", "Sleep", "Warning signs that fired",
             "Sleeping less", "Medicine", "Alcohol, drugs", "PHQ-9, GAD-7", "Goals", "Coping", "Lessons", "Self-check",
             "When you check in more than once a day"]
    where = [text.find(word) for word in order]
    assert -1 not in where and where == sorted(where), list(zip(order, where, strict=True))


# ------------------------------------------------------------------ CLI
def test_cli_paper_pages_and_summary_only(month: Store, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    base = ["report", "--from", "2026-03-01", "--to", "2026-03-30", "--pdf", str(out)]
    r = run_cli(*base, "--summary-only", "--paper", "letter", home=month.root)
    assert r.returncode == 0, r.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and round(float(reader.pages[0].mediabox.width)) == 612
    month.update_settings(lambda s: s.model_copy(update={"country": "GB"}))
    assert run_cli(*base, "--force", home=month.root).returncode == 0
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 595  # A4 in the UK, Letter in the US (default)
    r = run_cli(*base, "--note-pages", "none", home=month.root)
    assert r.returncode == 1 and "--note-pages: 'none' is not a number of pages" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
