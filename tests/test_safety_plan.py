"""The suicide safety plan outside the TUI: the model, the store (history, old data), the plan export, the
report section, and the supporter guide (Markdown and PDF, through the command line)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader

from imr_tui.cli import main
from imr_tui.content.loader import Curriculum
from imr_tui.content.models import LessonKind
from imr_tui.domain.profile import (
    SAFETY_LINE_MAX,
    SAFETY_STEP_KEYS,
    SAFETY_STEPS,
    EmergencyContact,
    Profile,
    RelapsePlanBody,
    SafetyPlan,
    Trigger,
    WarningSign,
    safety_lines_problem,
)
from imr_tui.domain.settings import default_items
from imr_tui.export.plan_md import SAFETY_NOT_MADE, plan_markdown
from imr_tui.export.report import build_report, parse_sections, pdf_bytes, render_markdown
from imr_tui.export.report.model import DEFAULT_SECTIONS
from imr_tui.export.supporters import build_guide, guide_markdown, page_blocks, parse_parts
from imr_tui.store.store import Store
from tests.conftest import CONTENT, run_cli

PLAN = SafetyPlan(
    warning_signs=["I feel like a *burden*", "I stop answering my phone"],
    on_my_own=["Hot shower", "Loud music"],
    ask_for_help=["My brother Sam 555 0134"],
    safer_surroundings=["Ana keeps my extra pills"],
    reason_for_living=["My daughter [b]Mia[/b]"],
    updated_on=date(2026, 11, 19),
)


def _with_plan(store: Store, plan: SafetyPlan = PLAN) -> None:
    def change(body: RelapsePlanBody) -> None:
        body.triggers = [Trigger(text="Late nights", how_to_handle="Phone off at 11")]
        body.warning_signs = [WarningSign(text="Sleeping less")]
        body.emergency_contacts = [EmergencyContact(name="Crisis team", contact="555 0100")]
        body.safety_plan = plan

    store.update_plan(change)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


# ------------------------------------------------------------------ the model
def test_the_steps_are_those_of_a_safety_plan_in_order() -> None:
    assert SAFETY_STEP_KEYS == ("warning_signs", "on_my_own", "distractions", "ask_for_help", "professionals",
                                "safer_surroundings", "reason_for_living")
    assert all(s.example.startswith("For example") for s in SAFETY_STEPS)  # a hint never looks like a value


def test_with_lines_keeps_the_words_and_drops_blank_lines() -> None:
    plan = SafetyPlan().with_lines("on_my_own", ["  a   walk ", "", "   ", "music"])
    assert plan.on_my_own == ["a walk", "music"]
    assert [s.key for s, _ in plan.filled()] == ["on_my_own"]
    assert SafetyPlan().is_empty() and not plan.is_empty()
    with pytest.raises(KeyError):
        SafetyPlan().with_lines("not_a_step", ["x"])


def test_a_line_too_long_is_refused_with_a_plain_reason() -> None:
    long = "x" * (SAFETY_LINE_MAX + 1)
    assert safety_lines_problem(["ok", long]) == f"line 2 has {SAFETY_LINE_MAX + 1} characters; a line can have at most 500"
    assert safety_lines_problem(["x"] * 51) == "a step can have at most 50 lines; this one has 51"
    assert safety_lines_problem(["ok", "", "fine"]) is None
    with pytest.raises(ValidationError):
        SafetyPlan(on_my_own=[long])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=600), max_size=60))
def test_lines_either_are_kept_as_typed_or_get_one_reason(lines: list[str]) -> None:
    problem = safety_lines_problem(lines)
    if problem is None:
        plan = SafetyPlan().with_lines("professionals", lines)
        assert plan.professionals == [" ".join(x.split()) for x in lines if x.strip()]
        assert SafetyPlan.model_validate(json.loads(plan.model_dump_json())) == plan
    else:
        assert "\n" not in problem
        with pytest.raises(ValidationError):
            SafetyPlan().with_lines("professionals", lines)


# ------------------------------------------------------------------ the store
def test_old_data_without_a_safety_plan_loads(store: Store) -> None:
    store.update_plan(lambda body: body.triggers.append(Trigger(text="Late nights")))
    raw = json.loads(store.profile_path.read_text())
    body = raw.get("data", raw)
    plan = body["plan"]
    plan.pop("safety_plan", None)
    for version in plan["history"]:
        version["plan"].pop("safety_plan", None)
    assert "safety_plan" not in json.dumps(raw)
    store.profile_path.write_text(json.dumps(raw))
    store.invalidate()
    profile = store.profile()
    assert profile.plan.triggers[0].text == "Late nights"
    assert profile.plan.safety_plan.is_empty()
    assert Profile.model_validate({"plan": {"triggers": []}}).plan.safety_plan == SafetyPlan()


def test_saving_a_safety_plan_keeps_the_version_before_in_the_history(store: Store) -> None:
    _with_plan(store)
    store.update_plan(lambda body: setattr(body, "safety_plan", body.safety_plan.with_lines("on_my_own", ["Walk"])))
    profile = store.profile()
    assert profile.plan.safety_plan.on_my_own == ["Walk"]
    assert profile.plan.safety_plan.warning_signs == PLAN.warning_signs  # the other steps are kept
    assert profile.plan.history[-1].plan.safety_plan == PLAN
    # read back from disk, not from the cache
    store.invalidate()
    assert store.profile().plan.history[-1].plan.safety_plan.on_my_own == ["Hot shower", "Loud music"]


# ------------------------------------------------------------------ plan show / export --md
def test_plan_markdown_has_the_safety_plan_escaped_and_in_order() -> None:
    md = plan_markdown(RelapsePlanBody(safety_plan=PLAN), default_items())
    assert "## 6. My safety plan" in md
    titles = [f"### {n}. {s.title}" for n, s in enumerate(SAFETY_STEPS, 1)]
    assert [md.index(t) for t in titles] == sorted(md.index(t) for t in titles)
    assert "- I feel like a \\*burden\\*" in md and "- My daughter \\[b\\]Mia\\[/b\\]" in md
    assert "Last changed: 2026-11-19" in md
    empty = plan_markdown(RelapsePlanBody(), default_items())
    assert SAFETY_NOT_MADE in empty and "### 1." not in empty


# ------------------------------------------------------------------ the report
def test_the_report_has_a_safety_plan_section_only_when_chosen(store: Store) -> None:
    _with_plan(store)
    assert "safety_plan" not in DEFAULT_SECTIONS
    assert parse_sections(["safety-plan"]) == parse_sections(["safety_plan"]) == ("safety_plan",)
    assert "safety_plan" not in parse_sections(["all"])
    start, end = date(2026, 11, 1), date(2026, 11, 20)
    default = render_markdown(build_report(store, start, end, None, today=end))
    assert "Safety plan" not in default and "burden" not in default
    report = build_report(store, start, end, ["checkins", "safety-plan"], today=end)
    md = render_markdown(report)
    assert "## Safety plan" in md and "- I feel like a \\*burden\\*" in md and "Last changed: 2026-11-19." in md
    assert "**3. People and places that take my mind off things**\n\n(nothing written)" in md
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "Safety plan" in text and "I feel like a *burden*" in text and "My daughter [b]Mia[/b]" in text


def test_the_report_says_when_there_is_no_safety_plan(store: Store) -> None:
    end = date(2026, 11, 20)
    md = render_markdown(build_report(store, end, end, ["safety_plan"], today=end))
    assert "No safety plan has been made in the app yet." in md


# ------------------------------------------------------------------ the supporter guide
def test_parts_are_chosen_by_name_and_nothing_is_shared_by_default() -> None:
    assert parse_parts(["warning-signs,safety_plan", "triggers"]) == ("triggers", "warning_signs", "safety_plan")
    assert len(parse_parts(["all"])) == 6
    with pytest.raises(ValueError, match="choose what to share"):
        parse_parts(None)
    with pytest.raises(ValueError, match="unknown part 'feelings'"):
        parse_parts(["feelings"])


def test_the_guide_holds_only_the_chosen_parts_and_every_supporters_page(store: Store) -> None:
    _with_plan(store)
    curriculum = Curriculum(CONTENT / "modules")
    guide = build_guide(store.profile().plan, store.checkin_items(), curriculum, ["safety-plan"], date(2026, 11, 20))
    md = guide_markdown(guide)
    assert "Late nights" not in md and "Sleeping less" not in md and "Crisis team" not in md
    assert "I feel like a \\*burden\\*" in md and "My daughter \\[b\\]Mia\\[/b\\]" in md
    pages = [(m.number, lesson) for m in curriculum.modules() for lesson in m.lessons
             if lesson.kind is LessonKind.SUPPORTERS]
    assert len(pages) == len(curriculum.index)  # every module has one
    assert md.count("### Module ") == len(pages)
    for _number, lesson in pages:  # each page's first line of text is there, its heading moved down
        first_heading = lesson.pages[0].strip().splitlines()[0]
        assert first_heading.startswith("## ")
        assert "##" + first_heading in md


def test_page_blocks_join_list_items_and_paragraphs() -> None:
    page = "## Title\n\nSome text\nmore text.\n\n- **Bold.** An item\n  that goes on\n- Second\n"
    assert page_blocks(page) == [("heading", "Title"), ("para", "Some text more text."),
                                 ("item", "- **Bold.** An item that goes on"), ("item", "- Second")]


def _cli(*args: str, home: Path) -> int:
    try:
        return main(["--home", str(home), *args])
    except SystemExit as exc:
        return int(exc.code or 0)


def test_supporter_guide_pdf_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home))
    out = tmp_path / "guide.pdf"
    assert _cli("plan", "export", "--supporters", "--pdf", str(out), "--parts", "emergency-contacts,safety-plan",
                home=home) == 0
    assert "Wrote a guide for your supporters" in capsys.readouterr().out
    assert out.stat().st_mode & 0o777 == 0o600
    text = _pdf_text(out)
    assert "How to help me: a guide for my supporters" in text
    assert "emergency contacts, safety plan" in " ".join(text.split())  # the PDF may break the line anywhere
    assert "Crisis team: 555 0100" in text
    assert "I feel like a *burden*" in text and "My daughter [b]Mia[/b]" in text
    assert "1. My warning signs" in text and "7. My reason for living" in text
    assert "Late nights" not in text and "Sleeping less" not in text  # not chosen: not shared
    assert "Module 1:" in text and "Module 11:" in text
    assert "What not to do" in text  # the lesson text itself, not only its title
    assert "**" not in text  # Markdown marks are not printed


def test_supporter_guide_markdown_subprocess(tmp_path: Path) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home))
    out = tmp_path / "guide.md"
    r = run_cli("plan", "export", "--supporters", "--md", str(out), "--parts", "triggers", home=home)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "Late nights: Phone off at 11" in text and "burden" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--supporters", "--md", "{out}"], "--parts: choose what to share"),
    (["--supporters", "--md", "{out}", "--parts", "moods"], "--parts: unknown part 'moods'"),
    (["--pdf", "{out}", "--parts", "all"], "--parts: choose parts only for the guide for supporters"),
    (["--md", "{out}", "--parts", "all"], "--parts: choose parts only for the guide for supporters"),
    (["--supporters", "--parts", "all"], "one of the arguments --md --pdf is required"),
    (["--supporters", "--md", "{missing}", "--parts", "all"], "does not exist"),
])
def test_supporter_guide_mistakes_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               args: list[str], message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)
    out, missing = tmp_path / "g.md", tmp_path / "nope" / "g.md"
    argv = [a.format(out=out, missing=missing) for a in args]
    assert _cli("plan", "export", *argv, home=home) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize("kind", ["guide-md", "guide-pdf", "plan-md", "plan-pdf"])
def test_an_existing_file_is_only_replaced_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      kind: str) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home))
    out = tmp_path / ("old.pdf" if kind.endswith("pdf") else "old.md")
    out.write_text("my own file")
    flag = "--pdf" if kind.endswith("pdf") else "--md"
    extra = ["--supporters", "--parts", "all"] if kind.startswith("guide") else []
    assert _cli("plan", "export", *extra, flag, str(out), home=home) == 1
    assert f"{flag} {out}: that file is there already; nothing was written" in capsys.readouterr().err
    assert out.read_text() == "my own file"
    assert _cli("plan", "export", *extra, flag, str(out), "--force", home=home) == 0
    assert out.read_bytes() != b"my own file"
    if kind.endswith("pdf"):
        assert "My daughter [b]Mia[/b]" in _pdf_text(out)
    else:
        assert "My daughter \\[b\\]Mia\\[/b\\]" in out.read_text()


def test_plan_show_prints_the_safety_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home))
    assert _cli("plan", "show", home=home) == 0
    out = capsys.readouterr().out
    assert "## 6. My safety plan" in out and "- Hot shower" in out



def test_the_plan_pdf_holds_the_safety_plan_as_part_6(tmp_path: Path) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home))
    out = tmp_path / "plan.pdf"
    assert _cli("plan", "export", "--pdf", str(out), home=home) == 0
    text = _pdf_text(out)
    assert "6. My safety plan" in text and "2. Things I can do on my own" in text and "• Hot shower" in text
    assert "My daughter [b]Mia[/b]" in text


def test_the_plan_pdf_says_when_no_safety_plan_is_made(tmp_path: Path) -> None:
    home = tmp_path / "data"
    _with_plan(Store.open(home), SafetyPlan())
    out = tmp_path / "plan.pdf"
    assert _cli("plan", "export", "--pdf", str(out), home=home) == 0
    text = _pdf_text(out)
    assert "6. My safety plan\n(none yet)" in text and "1. My warning signs" not in text


def test_the_supporter_guide_pdf_shows_any_script_as_typed_and_follows_the_paper(tmp_path: Path) -> None:
    home = tmp_path / "data"
    words = ["Zadzwonię do Łucji", "Θα πάρω τη Μαρία", "Позвоню брату", "Llamo a Begoña"]
    _with_plan(Store.open(home), SafetyPlan(ask_for_help=words, reason_for_living=["Mój kot 🐈"]))
    out = tmp_path / "guide.pdf"
    assert _cli("plan", "export", "--supporters", "--pdf", str(out), "--parts", "safety-plan", "--paper", "letter",
                home=home) == 0
    reader = PdfReader(str(out))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for w in words:
        assert w in text
    assert "Mój kot \u25a1" in text  # the cat emoji is not in the font: marked, and the guide says so
    assert "Characters this PDF's font cannot show" in text
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter
