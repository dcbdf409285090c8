"""`imr-tui report`: known answers in Markdown and PDF, only the sections asked for, clean errors."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from imr_tui.domain.checkin import CheckIn, Medication, SubstanceUse
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import Goal, GoalStep, Profile, RelapsePlan, Trigger, WarningRule, WarningSign
from imr_tui.domain.progress import LessonProgress, Progress, SelfCheck
from imr_tui.domain.summary import DAY_SUMMARY_RULE
from imr_tui.export.report import (
    DEFAULT_SECTIONS,
    build_report,
    day_ranges,
    parse_sections,
    pdf_bytes,
    pdf_text,
    render_markdown,
    render_pdf,
    sparkline,
)
from imr_tui.store.store import Store
from tests.conftest import FIXED_END, run_cli

START = date(2026, 3, 1)
END = date(2026, 3, 5)
SECRET = "my secret note about Sam"


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def d(n: int) -> date:
    """Day n of the period (1 = START)."""
    return START + timedelta(days=n - 1)


@pytest.fixture
def known(store: Store) -> Store:
    """A small store with answers worked out by hand."""
    checkins = [
        # mood: day 1 gives 7 then 3 (worst: 3), day 2: 6, day 3 nothing, day 4: 9, day 5 nothing -> 3 of 5 days,
        # average (3 + 6 + 9) / 3 = 6, lowest 3, highest 9
        CheckIn(id="c1", at=at(d(1), 8), values={"mood": 7, "sleep": 4}, medication=Medication.TAKEN, note=SECRET),
        CheckIn(id="c2", at=at(d(1), 20), values={"mood": 3}, medication=Medication.MISSED,
                substances=[SubstanceUse(what="beer", amount="2")]),
        CheckIn(id="c3", at=at(d(2)), values={"mood": 6, "sleep": 4, "use": 1}, medication=Medication.TAKEN),
        CheckIn(id="c4", at=at(d(3)), values={"sleep": 8, "pain": 2}),
        CheckIn(id="c5", at=at(d(4)), values={"mood": 9, "sleep": 8, "use": 0}, tags=["walk"]),
        # before the period: mood 1 must not count; sleep 4 on the day before feeds the sign's window
        CheckIn(id="c0", at=at(START - timedelta(days=1)), values={"mood": 1, "sleep": 4}),
        # after the period: never counted
        CheckIn(id="c9", at=at(END + timedelta(days=1)), values={"mood": 0, "sleep": 1}),
    ]
    store.import_checkins(checkins)
    plan = RelapsePlan(
        triggers=[Trigger(id="t1", text="Late nights")],
        warning_signs=[
            # sleep <= 5 on 2 of the last 3 days: holds on day 0 (before START), 1 and 2 -> fires on days 1, 2, 3
            WarningSign(id="w1", text="Sleeping less", rule=WarningRule(item="sleep", comparison="<=", threshold=5,
                                                                        days=2, window=3)),
            WarningSign(id="w2", text="Very stressed", rule=WarningRule(item="stress", threshold=8, days=1, window=1)),
            WarningSign(id="w3", text="Staying in bed"),
        ],
    )
    goal = Goal(id="g1", text="Get a part-time job", steps=[
        GoalStep(id="s1", text="Update my CV", done=True, done_on=d(2)),
        GoalStep(id="s2", text="Old step", done=True, done_on=START - timedelta(days=30)),
        GoalStep(id="s3", text="Ask at the library", due=d(5) + timedelta(days=3)),
    ])
    store.update_profile(lambda _p: Profile(goals=[goal], plan=plan, triggers=list(plan.triggers)))
    store.import_coping_uses([
        CopingUse(id="u1", at=at(d(1)), strategy="Slow breathing", trigger_id="t1", distress_before=8, distress_after=4),
        CopingUse(id="u2", at=at(d(2)), strategy="Slow breathing", trigger_id="t1", distress_before=7, distress_after=4),
        CopingUse(id="u3", at=at(d(3)), strategy="Slow breathing", distress_before=6, distress_after=4),
        CopingUse(id="u4", at=at(d(4)), strategy="Call my sister", distress_before=5, distress_after=5),
        CopingUse(id="u5", at=at(END + timedelta(days=2)), strategy="Outside the period", distress_before=9,
                  distress_after=0),
    ])
    store.update_progress(lambda _p: Progress(
        lessons=[
            LessonProgress(module_id="recovery-strategies", lesson_id="what-recovery-means", done=True, updated=at(d(3))),
            LessonProgress(module_id="practical-facts", lesson_id="facts", done=True, updated=at(START - timedelta(days=9))),
            LessonProgress(module_id="stress-vulnerability", lesson_id="open", done=False, updated=at(d(3))),
        ],
        self_checks=[
            SelfCheck(at=at(d(1)), answers={"sleep": 2, "friends": 3}),
            SelfCheck(at=at(d(5)), answers={"sleep": 4, "friends": 3}),
        ],
    ))
    return store


def test_checkins_section_known_numbers(known: Store) -> None:
    report = build_report(known, START, END, today=FIXED_END)
    c = report.checkins
    assert c is not None
    assert c.checkins == 5 and c.days_with_checkin == 4
    mood = next(s for s in c.items if s.item.id == "mood")
    assert mood.days == (3, 6, None, 9, None)  # the worst of day 1, gaps stay None
    assert (mood.days_with_data, mood.average, mood.minimum, mood.maximum) == (3, 6, 3, 9)
    sleep = next(s for s in c.items if s.item.id == "sleep")
    assert (sleep.days_with_data, sleep.average, sleep.minimum, sleep.maximum) == (4, 6, 4, 8)
    use = next(s for s in c.items if s.item.id == "use")
    assert use.yes_no and use.days_with_data == 2 and use.yes_days == 1
    pain = next(s for s in c.items if s.item.id == "pain")
    assert not pain.known and pain.days_with_data == 1  # an item only in the data is shown, not dropped
    assert c.medication.taken == 1 and c.medication.missed == 1  # day 1: yes then no -> missed (the worst)
    assert c.substance_days == 1 and c.substances == [("beer", 1)]

    md = render_markdown(report)
    assert "| Mood (0-10, low is worse) | 3 of 5 | 6 | 3 | 9 | `▃▅ ▇ ` |" in md
    assert "Sleep (0-24 hours, low is worse) | 4 of 5 | 6 hours | 4 hours | 8 hours |" in md
    assert "yes on 1 day" in md
    assert "Checked in on 4 of 5 days (5 check-ins)." in md
    assert "taken on 1 day" in md and "missed on 1 day" in md
    assert DAY_SUMMARY_RULE in md


def test_signs_fire_on_the_right_days_using_days_before_the_period(known: Store) -> None:
    report = build_report(known, START, END, ["signs"])
    assert report.signs is not None
    sleeping, stressed = report.signs.signs
    assert sleeping.days == [d(1), d(2), d(3)]
    assert stressed.days == [] and stressed.item_days_with_data == 0
    assert report.signs.unwatched == ["Staying in bed"]
    md = render_markdown(report)
    assert "**Sleeping less** (watches: sleep at or under 5 hours on 2 of the last 3 days): fired on 3 days: " \
           "2026-03-01 to 2026-03-03." in md
    assert "could not be checked" in md
    assert "Staying in bed" in md


def test_coping_goals_lessons_selfcheck(known: Store) -> None:
    report = build_report(known, START, END, lesson_titles=lambda m, ls: "Recovery: What it means"
                          if (m, ls) == ("recovery-strategies", "what-recovery-means") else None)
    cp = report.coping
    assert cp is not None and cp.uses == 4 and cp.days == 4 and cp.not_linked == 2
    assert [s.strategy for s in cp.strategies] == ["Slow breathing", "Call my sister"]
    assert cp.strategies[0].average_drop == pytest.approx((4 + 3 + 2) / 3)
    assert cp.average_before == pytest.approx(6.5) and cp.average_after == pytest.approx(4.25)
    (trig,) = cp.triggers
    assert trig.trigger == "Late nights" and trig.times == 2
    g = report.goals
    assert g is not None
    (goal,) = g.goals
    assert [s.text for s in goal.done] == ["Update my CV"] and [s.text for s in goal.open] == ["Ask at the library"]
    ls = report.lessons
    assert ls is not None and [x.title for x in ls.done] == ["Recovery: What it means"] and ls.done_ever == 2
    sc = report.selfcheck
    assert sc is not None and [c.on for c in sc.checks] == [d(1), d(5)]
    md = render_markdown(report)
    assert "Slow breathing: distress 3.0 points lower after, on average (3 times)" in md
    assert "**Late nights**: 2 times" in md
    assert "- 2026-03-02: Update my CV" in md and "Old step" not in md
    assert "- Ask at the library (due 2026-03-08)" in md
    assert "- 2026-03-03: Recovery: What it means" in md
    assert "| Sleep | 2 | 4 | +2 |" in md and "| Friends | 3 | 3 | +0 |" in md
    assert "Outside the period" not in md


def test_notes_only_when_asked(known: Store) -> None:
    default = render_markdown(build_report(known, START, END))
    assert SECRET not in default and "## Notes" not in default
    with_notes = render_markdown(build_report(known, START, END, ["checkins", "notes"]))
    assert SECRET in with_notes and "## Notes" in with_notes
    assert "## Warning signs" not in with_notes


def test_only_the_chosen_sections(known: Store) -> None:
    md = render_markdown(build_report(known, START, END, ["goals"]))
    assert "## Goal progress" in md
    for other in ("## Check-ins", "## Warning signs", "## Coping", "## Lessons", "## Self-check", "## Notes",
                  "How a day is counted", "Sleeping less", "Slow breathing"):
        assert other not in md


def test_parse_sections() -> None:
    assert parse_sections(None) == DEFAULT_SECTIONS
    assert "notes" not in DEFAULT_SECTIONS
    assert parse_sections(["notes,checkins", "signs"]) == ("checkins", "signs", "notes")
    assert parse_sections(["all", "notes"]) == (*DEFAULT_SECTIONS, "notes")
    assert parse_sections(["self-check"]) == ("selfcheck",)
    with pytest.raises(ValueError, match="unknown section 'mood'"):
        parse_sections(["mood"])


def test_sparkline_and_ranges() -> None:
    assert sparkline([0, 10, None, 5], 0, 10) == "▁█ ▅"
    assert sparkline([1, 4], 0, 4) == "▃█"
    assert day_ranges([d(3), d(1), d(2), d(5)]) == [(d(1), d(3)), (d(5), d(5))]


def test_code_span_keeps_gaps_at_both_ends(store: Store) -> None:
    store.import_checkins([CheckIn(at=at(d(3)), values={"mood": 10})])
    md = render_markdown(build_report(store, START, END, ["checkins"]))
    assert "| `   █   ` |" in md  # CommonMark strips one space from each end: padded so both gaps stay


def test_long_period_chart_fits(demo_store: Store) -> None:
    report = build_report(demo_store, FIXED_END - timedelta(days=399), FIXED_END, ["checkins"])
    md = render_markdown(report)
    line = next(x for x in md.splitlines() if x.startswith("| Mood") and "`" in x)
    chart = line.split("`")[1]
    assert 1 < len(chart) <= 60
    assert "one mark for every 7 days" in md


def test_empty_store_renders(store: Store) -> None:
    report = build_report(store, START, END, [*DEFAULT_SECTIONS, "notes"])
    md = render_markdown(report)
    assert "Checked in on 0 of 5 days" in md and "No goals yet." in md and "No self-check in this period." in md
    text = _pdf_text(pdf_bytes(report))
    assert "Checked in on 0 of 5 days" in text


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_has_sections_numbers_and_no_notes(known: Store, tmp_path: Path) -> None:
    report = build_report(known, START, END, today=FIXED_END)
    target = tmp_path / "report.pdf"
    render_pdf(report, target)
    assert target.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = _pdf_text(target.read_bytes())
    flat = " ".join(text.split())
    for heading in ("Check-ins", "Warning signs", "Coping: triggers met and what helped", "Goal progress",
                    "Lessons done", "Self-check results"):
        assert heading in text
    assert "Days with data: 3 of 5; average 6; lowest 3; highest 9" in flat
    assert "Days with data: 4 of 5; average 6 hours; lowest 4 hours; highest 8 hours" in flat
    assert "fired on 3 days: 2026-03-01 to 2026-03-03" in flat
    assert "Update my CV" in flat and "Slow breathing" in flat
    assert "worst value you gave" in flat  # the day-summary rule is stated
    assert SECRET not in flat and "Notes" not in text.splitlines()


def test_pdf_notes_when_asked_and_any_text_survives(known: Store) -> None:
    odd = "Zoë’s “plan” — ≥ 3 walks → ✓ 日本語 \x07 ő"
    known.update_profile(lambda p: p.model_copy(update={"goals": [Goal(text=odd)]}))
    known.add_checkin(CheckIn(at=at(d(2), 21), note="Second note\nwith a line break"))
    report = build_report(known, START, END, ["goals", "notes"])
    flat = " ".join(_pdf_text(pdf_bytes(report)).split())
    assert SECRET in flat and "Second note" in flat
    # typography and symbols the font has stay as typed; CJK gets a visible marker; a control character goes
    assert pdf_text(odd) == "Zoë’s “plan” — ≥ 3 walks → ✓ □□□  ő"
    assert "Zoë’s “plan” — ≥ 3 walks → ✓ □□□ ő" in flat


def test_long_report_renders(tmp_path: Path) -> None:
    from imr_tui.demo import build_demo_store

    store = build_demo_store(tmp_path / "long", days=800, seed=3, end=FIXED_END, tz=UTC)
    report = build_report(store, FIXED_END - timedelta(days=799), FIXED_END)
    assert report.signs is not None and any(s.days for s in report.signs.signs)
    assert render_markdown(report)
    assert pdf_bytes(report).startswith(b"%PDF")


# ------------------------------------------------------------------------ CLI
def test_cli_markdown_to_stdout_by_default(known: Store) -> None:
    r = run_cli("report", "--from", "2026-03-01", "--to", "2026-03-05", home=known.root)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Recovery report: 2026-03-01 to 2026-03-05")
    assert "| 3 of 5 | 6 | 3 | 9 |" in r.stdout and SECRET not in r.stdout


def test_cli_files(known: Store, tmp_path: Path) -> None:
    md, pdf = tmp_path / "r.md", tmp_path / "r.pdf"
    r = run_cli("report", "--from", "2026-03-01", "--to", "2026-03-05", "--md", str(md), "--sections", "signs,notes",
                home=known.root)
    assert r.returncode == 0, r.stderr
    assert "Wrote the report" in r.stdout and "private" in r.stdout
    text = md.read_text()
    assert "## Warning signs" in text and SECRET in text and "## Check-ins" not in text
    r = run_cli("report", "--from", "2026-03-01", "--to", "2026-03-05", "--pdf", str(pdf), "--sections", "checkins",
                home=known.root)
    assert r.returncode == 0, r.stderr
    assert "Days with data: 3 of 5" in _pdf_text(pdf.read_bytes())
    if os.name == "posix":
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600


def test_cli_leaves_the_target_folder_mode_alone(known: Store, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    r = run_cli("report", "--md", str(folder / "r.md"), home=known.root)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-02-30"], "--from: '2026-02-30' is not a real date"),
    (["--from", "1/3/2026"], "--from: '1/3/2026' is not a date I know. Type a date like yesterday, -30, monday"),
    (["--to", "+30"], "is in the future"),
    (["--from", "2026-03-05", "--to", "2026-03-01"], "--from 2026-03-05 is after --to 2026-03-01"),
    (["--to", "2999-01-01"], "is in the future"),
    (["--sections", "checkins,moods"], "unknown section 'moods'"),
    (["--pdf", "a.pdf", "--md", "a.md"], "not allowed with argument"),
    (["--md", "/no/such/folder/r.md"], "does not exist"),
])
def test_cli_bad_input_one_line_exit_1(known: Store, args: list[str], message: str) -> None:
    r = run_cli("report", *args, home=known.root)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_cli_target_is_a_folder(known: Store, tmp_path: Path) -> None:
    r = run_cli("report", "--pdf", str(tmp_path), home=known.root)
    assert r.returncode == 1 and "that is a folder" in r.stderr


def test_cli_no_data_folder_exit_2(tmp_path: Path) -> None:
    r = run_cli("report", home=tmp_path / "none")
    assert r.returncode == 2 and "No imr-tui data folder" in r.stderr
    assert not (tmp_path / "none").exists()
