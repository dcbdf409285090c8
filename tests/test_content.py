"""The curriculum: every shipped module, the editorial and safety rules, the loader's errors and the CLI.

Module-level tests are parametrized by module so a failure names the module that broke.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imr_tui import cli, paths
from imr_tui.content import audit, loader
from imr_tui.content.audit import MAX_GRADE, MAX_WORDS_PER_PAGE, MAX_WORDS_PER_SENTENCE, audit_module, mentions_substance_use
from imr_tui.content.loader import (
    ContentError,
    ContentErrors,
    Curriculum,
    check_folder,
    json_schema,
    load_header,
    load_index,
    load_module,
)
from imr_tui.content.models import LessonKind, Module, ModuleHeader, SavesTo
from imr_tui.content.readability import count_syllables, measure, plain_text

REPO = Path(__file__).resolve().parents[1]
MODULES_DIR = REPO / "content" / "modules"

EXPECTED = [
    (1, "recovery-strategies", "Recovery Strategies"),
    (2, "practical-facts", "Practical Facts about Mental Illness"),
    (3, "stress-vulnerability", "The Stress-Vulnerability Model and Treatment Strategies"),
    (4, "social-support", "Building Social Support"),
    (5, "using-medication", "Using Medication Effectively"),
    (6, "drug-and-alcohol-use", "Drug and Alcohol Use"),
    (7, "reducing-relapses", "Reducing Relapses"),
    (8, "coping-with-stress", "Coping with Stress"),
    (9, "coping-with-problems", "Coping with Problems and Persistent Symptoms"),
    (10, "getting-needs-met", "Getting Your Needs Met in the Mental Health System"),
    (11, "healthy-lifestyles", "Healthy Lifestyles"),
]
MODULE_FILES = [MODULES_DIR / f"{n:02d}-{slug}.yaml" for n, slug, _ in EXPECTED]
by_module = pytest.mark.parametrize("path", MODULE_FILES, ids=[p.stem for p in MODULE_FILES])


@cache
def module_at(path: Path) -> Module:
    return load_module(path)


def module_by_number(number: int) -> Module:
    return module_at(MODULE_FILES[number - 1])


def learner_text(module: Module) -> list[tuple[str, str]]:
    """Every string a learner reads, with where it is: (location, text)."""
    out: list[tuple[str, str]] = [("summary", module.summary)]
    out += [(f"learn[{i}]", t) for i, t in enumerate(module.learn)]
    for lesson in module.lessons:
        at = f"lesson {lesson.id}"
        out.append((f"{at} title", lesson.title))
        out += [(f"{at} page {n}", p) for n, p in enumerate(lesson.pages, start=1)]
        for c in lesson.checks:
            out += [(f"{at} check {c.id} question", c.question), (f"{at} check {c.id} why", c.why)]
            out += [(f"{at} check {c.id} choice {i}", ch) for i, ch in enumerate(c.choices)]
            out += [(f"{at} check {c.id} feedback {i}", fb) for i, fb in enumerate(c.feedback)]
        for r in lesson.reflections:
            out += [(f"{at} reflection {r.id} prompt", r.prompt), (f"{at} reflection {r.id} hint", r.hint)]
        out += [(f"{at} practice {p.id}", p.text) for p in lesson.practice]
    return out


def saves_to(module: Module) -> set[SavesTo]:
    return {r.saves_to for lesson in module.lessons for r in lesson.reflections}


# ------------------------------------------------------------------ the shipped curriculum
def test_source_tree_content_dir_is_the_repo_content_folder():
    # In the editable dev install there is no imr_tui/_content next to the package, so the source tree's wins.
    assert paths.modules_dir() == MODULES_DIR
    assert sorted(MODULES_DIR.glob("*.yaml")) == MODULE_FILES


def test_all_eleven_modules_load_in_order():
    modules = [load_module(p) for p in MODULE_FILES]
    assert [(m.number, m.id, m.title) for m in modules] == EXPECTED


def test_index_matches_the_modules():
    index = load_index(MODULES_DIR)
    assert [(e.number, e.id, e.title) for e in index] == EXPECTED
    assert [e.path for e in index] == MODULE_FILES
    assert all(type(e.header) is ModuleHeader for e in index)  # headers only, no lessons


def test_folder_check_finds_nothing():
    assert check_folder(MODULES_DIR) == []


@by_module
def test_structure_and_reading_level(path: Path):
    module = module_at(path)
    assert audit_module(module) == []
    # The same rules, asserted directly, so the test does not only trust audit.py.
    ordinary = [le for le in module.lessons if le.kind is LessonKind.LESSON]
    assert audit.LESSONS[0] <= len(ordinary) <= audit.LESSONS[1]
    assert [le.kind for le in module.lessons].count(LessonKind.STORY) == 1
    assert [le.kind for le in module.lessons].count(LessonKind.SUPPORTERS) == 1
    checks = [c for le in module.lessons for c in le.checks]
    assert 3 * sum(c.scenario for c in checks) >= len(checks), "fewer than a third of the checks are scenarios"
    for check in checks:
        assert 3 <= len(check.choices) <= 4, check.id
        assert len(check.feedback) == len(check.choices), check.id
    for lesson in module.lessons:
        if lesson.kind is LessonKind.STORY:
            assert "made up" in lesson.pages[0].lower(), lesson.id
            assert 1 <= len(lesson.pages) <= 3, lesson.id
        elif lesson.kind is LessonKind.SUPPORTERS:
            assert 1 <= len(lesson.pages) <= 2, lesson.id
        else:
            assert 2 <= len(lesson.pages) <= 5, lesson.id
            assert len(lesson.checks) >= 2, lesson.id
            assert len(lesson.reflections) >= 1, lesson.id
            assert len(lesson.practice) >= 2, lesson.id
        for n, page in enumerate(lesson.pages, start=1):
            r = measure(page)
            where = f"{lesson.id} page {n}"
            assert r.grade <= MAX_GRADE == 8, f"{where}: grade {r.grade:.1f}"
            assert r.words_per_sentence < MAX_WORDS_PER_SENTENCE == 20, f"{where}: {r.words_per_sentence:.1f} words a sentence"
            assert 0 < r.words <= MAX_WORDS_PER_PAGE, f"{where}: {r.words} words"


@by_module
def test_check_choices_are_distinct(path: Path):
    for lesson in module_at(path).lessons:
        for check in lesson.checks:
            assert 0 <= check.answer < len(check.choices)
            assert len({c.lower() for c in check.choices}) == len(check.choices), f"{check.id}: repeated choice"


@by_module
def test_substance_use_is_mentioned(path: Path):
    assert mentions_substance_use(module_at(path))


def test_mentions_substance_use_is_not_always_true():
    module = module_at(MODULE_FILES[0])
    lessons = [lesson.model_copy(update={"pages": ["A page about sleep."]}) for lesson in module.lessons]
    assert not mentions_substance_use(module.model_copy(update={"lessons": lessons}))


def test_module_1_saves_a_goal_and_a_goal_step():
    assert {SavesTo.GOAL, SavesTo.GOAL_STEP} <= saves_to(module_by_number(1))


def test_module_6_builds_a_sobriety_plan():
    assert SavesTo.SOBRIETY_PLAN in saves_to(module_by_number(6))


def test_module_7_fills_every_part_of_the_relapse_prevention_plan():
    plan = {SavesTo.TRIGGER, SavesTo.WARNING_SIGN, SavesTo.ACTION_STEP, SavesTo.SUPPORTER, SavesTo.EMERGENCY_CONTACT}
    assert plan <= saves_to(module_by_number(7))


def test_module_8_builds_a_stress_plan():
    assert SavesTo.STRESS_PLAN in saves_to(module_by_number(8))


def test_module_9_teaches_the_problem_solving_steps_in_order():
    # The lessons use plain words for the classic steps; accept either.
    steps = {
        "define the problem": ("define", "say what the problem is"),
        "brainstorm": ("brainstorm", "list all the ideas", "list ideas"),
        "pros and cons": ("pros and cons",),
        "choose": ("choose",),
        "plan": ("plan how", "plan."),
        "review": ("review", "look back"),
    }
    module = module_by_number(9)
    lesson = next(le for le in module.lessons if "problem" in le.id)
    text = plain_text("\n".join(lesson.pages)).lower()
    first_seen = []
    for step, words in steps.items():
        found = [text.find(w) for w in words if w in text]
        assert found, f"module 9 does not cover the step {step!r} (looked for {words})"
        first_seen.append(min(found))
    assert first_seen == sorted(first_seen), "module 9 lists the problem-solving steps out of order"


# ------------------------------------------------------------------ safety of the text
DOSING = [
    re.compile(r"\d\s*(mg|mcg|ml|milligrams?|micrograms?|millilit(er|re)s?)\b", re.I),
    re.compile(r"\b(milligram|microgram)", re.I),
    re.compile(r"\b(doses?|dosage|dosing)\b", re.I),  # "overdose" is fine: it is a safety warning, not advice
    re.compile(r"\btake (more|less|extra|fewer|half)\b", re.I),
    re.compile(r"\b(double|halve|increase|decrease|lower|raise|cut) (up )?(your|the) (medicine|medication|pills?|meds)\b", re.I),
    re.compile(r"\bdouble (up|your)\b", re.I),
]
CURE = re.compile(r"\bcur(e|ed|es|ing)\b", re.I)
PHONE_LIKE = re.compile(r"\d{3,}|\b\d{2,}[\s.-]\d{2,}\b")  # 988, 911, 741741, "116 123", "13 11 14"


def test_safety_patterns_catch_what_they_should():
    bad = ["Take 50 mg at night.", "take 2.5mg", "Raise your dose.", "If you feel worse, take more.",
           "Double your pills tonight.", "Increase your medicine when stressed."]
    assert all(any(p.search(t) for p in DOSING) for t in bad)
    fine = ["Drinking after time away makes an overdose more likely.", "Take time for yourself.",
            "Talk with your prescriber before any change."]
    assert not any(p.search(t) for p in DOSING for t in fine)
    assert CURE.search("This will cure you") and not CURE.search("secure and curious")
    assert PHONE_LIKE.search("Call 988") and PHONE_LIKE.search("Call 13 11 14")
    assert not PHONE_LIKE.search("Rate it from 1 to 10. Press F2. Go to bed by 11 each night.")


@by_module
def test_no_dosing_advice(path: Path):
    for where, text in learner_text(module_at(path)):
        for pattern in DOSING:
            assert not pattern.search(text), f"{where}: dosing words {pattern.search(text)!r}; leave doses to the prescriber"


@by_module
def test_no_promise_of_a_cure(path: Path):
    # "Cure" appears in the curriculum only as a wrong choice in a check ("Cure depression" as what alcohol
    # does). It must never be the right answer, and never appear in pages, explanations, prompts or practice.
    for lesson in module_at(path).lessons:
        for check in lesson.checks:
            for i, choice in enumerate(check.choices):
                if CURE.search(choice):
                    assert i != check.answer, f"{lesson.id} check {check.id}: a cure is the right answer"
    for where, text in learner_text(module_at(path)):
        if " choice " in where:
            continue
        assert not CURE.search(text), f"{where}: talks about a cure: {text!r}"


@by_module
def test_no_phone_numbers_in_lessons(path: Path):
    # Crisis numbers live in crisis-lines.yaml (with a last-verified date) and the F2 screen, never in lessons.
    for where, text in learner_text(module_at(path)):
        assert not PHONE_LIKE.search(text), f"{where}: phone-number-like digits {PHONE_LIKE.search(text)!r}"


@by_module
def test_no_wrap_trademark(path: Path):
    raw = path.read_text(encoding="utf-8")
    assert not re.search(r"\bWRAP\b", raw)
    assert "wellness recovery action plan" not in raw.lower()


# ------------------------------------------------------------------ readability, by hand
@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1), ("the", 1), ("hope", 1), ("take", 1), ("hoped", 1), ("makes", 1), ("table", 2),
        ("people", 2), ("wanted", 2), ("needed", 2), ("misses", 2), ("coping", 2), ("recovery", 4),
        ("medication", 4), ("self-care", 2), ("don't", 1), ("Hope", 1), ("'quoted'", 2), ("7", 1), ("", 0),
    ],
)
def test_count_syllables(word: str, syllables: int):
    assert count_syllables(word) == syllables


def test_grade_of_a_simple_text_by_hand():
    # Recovery(4) takes(1) time(1). People(2) can(1) hope(1).  -> 6 words, 2 sentences, 10 syllables
    r = measure("Recovery takes time. People can hope.")
    assert (r.words, r.sentences, r.syllables) == (6, 2, 10)
    assert r.words_per_sentence == 3.0
    assert r.grade == pytest.approx(0.39 * 3 + 11.8 * 10 / 6 - 15.59)
    assert r.grade == pytest.approx(5.2467, abs=1e-4)


def test_markdown_headings_and_list_items_count_as_sentences():
    r = measure("## Good days\n\n- Walk a bit\n- Call a **friend**\n\nSee [the plan](https://example.org) now")
    assert plain_text("- Call a **friend**") == "Call a friend."
    # Good days. Walk a bit. Call a friend. See the plan now  -> 12 words, 4 sentences, all one syllable
    assert (r.words, r.sentences, r.syllables) == (12, 4, 12)
    assert r.grade == pytest.approx(0.39 * 3 + 11.8 - 15.59)


def test_empty_text_measures_zero():
    r = measure("  \n\n  ")
    assert (r.words, r.sentences, r.grade, r.words_per_sentence) == (0, 0, 0.0, 0.0)


def test_long_words_raise_the_grade():
    assert measure("Medication adherence necessitates considerable organization.").grade > 8
    assert measure("I take my pills with lunch.").grade < 2


# ------------------------------------------------------------------ editorial rules, on small modules built in memory
PLAIN = "This page is short. It uses plain words. You can read it."


def a_check(cid: str, *, scenario: bool = False, choices: int = 3, feedback: int | None = None) -> dict[str, object]:
    return {"id": cid, "question": "Which one is best?", "scenario": scenario,
            "choices": [f"Choice {n}" for n in range(choices)], "answer": 0, "why": "Because it helps.",
            "feedback": [f"Line {n}." for n in range(choices if feedback is None else feedback)]}


def a_lesson(lid: str, kind: str = "lesson", pages: int | None = None, checks: list[dict[str, object]] | None = None,
             first_page: str | None = None) -> dict[str, object]:
    n_pages = pages if pages is not None else {"lesson": 2, "story": 2, "supporters": 1}[kind]
    texts = [PLAIN] * n_pages
    if kind == "story":
        texts[0] = first_page if first_page is not None else "This story is made up. " + PLAIN
    lesson: dict[str, object] = {"id": lid, "title": lid.title(), "kind": kind, "pages": texts}
    if kind == "lesson":
        lesson |= {"checks": checks if checks is not None else [a_check(f"{lid}-a", scenario=True), a_check(f"{lid}-b")],
                   "reflections": [{"id": f"{lid}-r", "prompt": "What do you think?"}],
                   "practice": [{"id": f"{lid}-p1", "text": "Try it."}, {"id": f"{lid}-p2", "text": "Try that."}]}
    elif checks is not None:
        lesson["checks"] = checks
    return lesson


def a_module(lessons: list[dict[str, object]] | None = None, ordinary: int = 3) -> Module:
    if lessons is None:
        lessons = [a_lesson(f"lesson-{n}") for n in range(ordinary)]
        lessons += [a_lesson("a-story", "story"), a_lesson("for-supporters", "supporters")]
    return Module.model_validate({"number": 4, "id": "demo", "title": "Demo", "summary": "A demo.", "learn": ["A thing"],
                                  "lessons": lessons})


def with_lesson(module: Module, index: int, **changes: object) -> Module:
    data = module.model_dump(mode="json")
    data["lessons"][index] |= changes
    return Module.model_validate(data)


def problems(module: Module) -> list[str]:
    return [str(f) for f in audit_module(module)]


def test_a_module_that_keeps_every_rule_has_no_findings():
    module = a_module()
    assert problems(module) == []
    # the story and the lesson for supporters have no checks, reflection or practice, and that is fine
    assert not module.lessons[3].checks and not module.lessons[4].practice and not module.lessons[4].reflections


@pytest.mark.parametrize("n", [2, 5])
def test_a_check_needs_three_or_four_choices(n: int):
    module = with_lesson(a_module(), 1, checks=[a_check("one", scenario=True), a_check("two", choices=n)])
    assert problems(module) == [f"module 4 (demo) lesson lesson-1 check two: has {n} choices; needs 3 or 4"]
    assert problems(with_lesson(module, 1, checks=[a_check("one", scenario=True), a_check("two", choices=4)])) == []


def test_every_check_needs_one_feedback_line_per_choice():
    module = with_lesson(a_module(), 2, checks=[a_check("one", scenario=True), a_check("two", feedback=0)])
    assert problems(module) == ["module 4 (demo) lesson lesson-2 check two: has 0 feedback lines for 3 choices; "
                                "needs one line per choice, in the same order"]


def test_checks_in_a_story_follow_the_check_rules_too():
    lessons = [a_lesson(f"lesson-{n}") for n in range(3)]
    lessons += [a_lesson("a-story", "story", checks=[a_check("s1", scenario=True, choices=2)]),
                a_lesson("for-supporters", "supporters")]
    assert problems(a_module(lessons)) == ["module 4 (demo) lesson a-story check s1: has 2 choices; needs 3 or 4"]


def test_at_least_a_third_of_a_modules_checks_are_scenarios():
    plain = [a_check(f"c{n}") for n in range(3)]
    module = with_lesson(a_module(), 0, checks=plain)  # 2 of 7 checks are scenarios: fewer than a third
    assert problems(module) == ["module 4 (demo): has 2 scenario checks of 7; needs at least a third (3) marked scenario: true"]
    module = with_lesson(module, 0, checks=[*plain[:2], a_check("c2", scenario=True)])  # 3 of 7
    assert problems(module) == []
    exactly = with_lesson(a_module(), 0, checks=[a_check("x"), a_check("y")])  # 2 of 6: exactly a third is enough
    assert problems(exactly) == []


@pytest.mark.parametrize("kind", ["story", "supporters"])
def test_a_module_has_exactly_one_story_and_one_lesson_for_supporters(kind: str):
    base = [a_lesson(f"lesson-{n}") for n in range(3)]
    others = {"story": a_lesson("a-story", "story"), "supporters": a_lesson("for-supporters", "supporters")}
    missing = a_module([*base, *(v for k, v in others.items() if k != kind)])
    assert problems(missing) == [f"module 4 (demo): has 0 lessons of kind {kind}; needs exactly 1"]
    second = a_lesson("second", kind)
    twice = a_module([*base, *others.values(), second])
    assert problems(twice) == [f"module 4 (demo): has 2 lessons of kind {kind}; needs exactly 1"]


@pytest.mark.parametrize("first_page", ["Kwame got his evenings back. " + PLAIN, ""])
def test_a_story_says_on_its_first_page_that_it_is_made_up(first_page: str):
    module = with_lesson(a_module(), 3, pages=[first_page or PLAIN, "This story is made up. " + PLAIN])
    (finding,) = problems(module)
    assert finding.startswith("module 4 (demo) lesson a-story page 1: does not say the story is made up")
    assert problems(with_lesson(module, 3, pages=["This Story Is Made Up. " + PLAIN])) == []  # any case


@pytest.mark.parametrize(("ordinary", "ok"), [(2, False), (3, True), (7, True), (8, False)])
def test_the_lesson_count_rule_counts_ordinary_lessons_only(ordinary: int, ok: bool):
    module = a_module(ordinary=ordinary)
    expected = [] if ok else [f"module 4 (demo): has {ordinary} lessons; needs 3 to 7 "
                              "(not counting the story and the lesson for supporters)"]
    assert problems(module) == expected


@pytest.mark.parametrize(("index", "kind", "pages", "needs"), [(3, "story", 4, "1 to 3"), (4, "supporters", 3, "1 to 2"),
                                                                (0, "lesson", 1, "2 to 5"), (0, "lesson", 6, "2 to 5")])
def test_page_counts_depend_on_the_kind_of_lesson(index: int, kind: str, pages: int, needs: str):
    module = a_module()
    texts = [module.lessons[index].pages[0]] + [PLAIN] * (pages - 1)
    lesson_id = module.lessons[index].id
    assert module.lessons[index].kind.value == kind
    expected = f"module 4 (demo) lesson {lesson_id}: has {pages} pages; needs {needs}"
    assert problems(with_lesson(module, index, pages=texts)) == [expected]


def test_an_ordinary_lesson_still_needs_checks_a_reflection_and_practice():
    module = with_lesson(a_module(), 0, checks=[a_check("only", scenario=True)], reflections=[], practice=[])
    assert problems(module) == ["module 4 (demo) lesson lesson-0: has 1 checks; needs at least 2",
                                "module 4 (demo) lesson lesson-0: has no reflection; needs at least 1",
                                "module 4 (demo) lesson lesson-0: has 0 home practice options; needs at least 2"]


def test_reading_level_rules_apply_to_stories_and_supporters_too():
    hard = "Medication adherence necessitates considerable organizational sophistication."
    module = with_lesson(a_module(), 4, pages=[hard])
    (finding,) = problems(module)
    assert finding.startswith("module 4 (demo) lesson for-supporters page 1: reads at grade")


# ------------------------------------------------------------------ a small module to break on purpose
MINIMAL = """\
number: 1
id: demo
title: Demo
summary: A short module.
learn:
  - One thing
lessons:
  - id: first
    title: First lesson
    pages:
      - Page one.
    checks:
      - id: q1
        question: Which one?
        choices: [a, b, c]
        answer: 1
        why: Because.
    reflections:
      - id: r1
        prompt: What do you think?
        saves_to: goal
    practice:
      - id: p1
        text: Try it.
"""
CHECK_LINE = 13  # "- id: q1"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_minimal_module_loads(tmp_path: Path):
    module = load_module(write(tmp_path, "01-demo.yaml", MINIMAL))
    assert module.lessons[0].checks[0].answer == 1
    assert module.lessons[0].reflections[0].saves_to is SavesTo.GOAL
    assert line_of(MINIMAL, "- id: q1") == CHECK_LINE


def test_answer_out_of_range_names_file_line_and_field(tmp_path: Path):
    path = write(tmp_path, "01-demo.yaml", MINIMAL.replace("answer: 1", "answer: 5"))
    with pytest.raises(ContentError) as info:
        load_module(path)
    err = info.value
    assert (err.path, err.line, err.field) == (path, CHECK_LINE, "lessons[0].checks[0]")
    assert "answer 5" in err.message and "3 choices" in err.message
    assert str(err).startswith(f"{path}:{CHECK_LINE} [lessons[0].checks[0]]")


def test_missing_field_names_the_field_and_its_parent_line(tmp_path: Path):
    path = write(tmp_path, "01-demo.yaml", MINIMAL.replace("        why: Because.\n", ""))
    with pytest.raises(ContentError) as info:
        load_module(path)
    assert (info.value.line, info.value.field) == (CHECK_LINE, "lessons[0].checks[0].why")
    assert "required" in info.value.message.lower()


def test_wrong_value_points_at_its_own_line(tmp_path: Path):
    text = MINIMAL.replace("saves_to: goal", "saves_to: diary")
    with pytest.raises(ContentError) as info:
        load_module(write(tmp_path, "01-demo.yaml", text))
    assert (info.value.line, info.value.field) == (line_of(text, "saves_to:"), "lessons[0].reflections[0].saves_to")


def test_every_problem_in_a_file_is_reported(tmp_path: Path):
    text = MINIMAL.replace("title: Demo", "title: ''").replace("answer: 1", "answer: 9").replace("id: p1", "id: Not A Slug")
    with pytest.raises(ContentErrors) as info:
        load_module(write(tmp_path, "01-demo.yaml", text))
    fields = {p.field: p.line for p in info.value.problems}
    assert fields == {
        "title": line_of(text, "title: ''"),
        "lessons[0].checks[0]": CHECK_LINE,
        "lessons[0].practice[0].id": line_of(text, "Not A Slug"),
    }
    assert len(str(info.value).splitlines()) == 3


def test_repeated_ids_are_an_error(tmp_path: Path):
    with pytest.raises(ContentError, match="'q1' is used twice"):
        load_module(write(tmp_path, "01-demo.yaml", MINIMAL.replace("id: r1", "id: q1")))


def test_bad_yaml_gives_the_line(tmp_path: Path):
    text = MINIMAL.replace("question: Which one?", "question: Which: one?")
    with pytest.raises(ContentError) as info:
        load_module(write(tmp_path, "01-demo.yaml", text))
    assert info.value.line == line_of(text, "Which: one?")
    assert "invalid YAML" in info.value.message


def test_a_control_character_is_a_one_line_error_with_its_line(tmp_path: Path):
    text = MINIMAL.replace("why: Because.", "why: Because\x1f.")
    with pytest.raises(ContentError, match="control characters are not allowed") as info:
        load_module(write(tmp_path, "01-demo.yaml", text))
    assert info.value.line == line_of(text, "why:") and "\n" not in str(info.value)


def test_a_value_that_does_not_fit_its_tag_is_a_content_error(tmp_path: Path):
    # PyYAML itself raises IndexError/KeyError/AttributeError for these; the loader must turn them into ContentError.
    for bad in ['!!int ""', "!!bool maybe", "!!timestamp soon", '!!float ""']:
        header_path = write(tmp_path, "01-demo.yaml", MINIMAL.replace("number: 1", f"number: {bad}"))
        for load in (load_module, load_header):
            with pytest.raises(ContentError, match="invalid YAML") as info:
                load(header_path)
            assert info.value.line == 1
        text = MINIMAL.replace("answer: 1", f"answer: {bad}")
        with pytest.raises(ContentError, match="invalid YAML") as info:
            load_module(write(tmp_path, "01-demo.yaml", text))
        assert info.value.line == line_of(text, "answer:")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a list\n- not a mapping\n", "must hold a mapping"),
        ("just words\n", "must hold a mapping"),
        ("", "not NoneType"),
        (b"number: 1\nid: \xff\xfe\n", "not UTF-8"),
    ],
)
def test_not_a_module_at_all(tmp_path: Path, content: str | bytes, message: str):
    with pytest.raises(ContentError, match=message):
        load_module(write(tmp_path, "01-demo.yaml", content))


def test_missing_file(tmp_path: Path):
    with pytest.raises(ContentError, match="file not found"):
        load_module(tmp_path / "01-demo.yaml")


@pytest.mark.parametrize("name", ["1-demo.yaml", "01_demo.yaml", "01-Demo.yaml", "demo.yaml"])
def test_wrong_file_name(tmp_path: Path, name: str):
    with pytest.raises(ContentError, match=r"NN-slug\.yaml"):
        load_module(write(tmp_path, name, MINIMAL))


def test_file_name_number_must_match(tmp_path: Path):
    with pytest.raises(ContentError, match="file name says module 2 but the file says 1") as info:
        load_module(write(tmp_path, "02-demo.yaml", MINIMAL))
    assert info.value.field == "number"


def test_duplicate_module_numbers(tmp_path: Path):
    write(tmp_path, "01-demo.yaml", MINIMAL)
    write(tmp_path, "01-other.yaml", MINIMAL.replace("id: demo", "id: other"))
    problems = check_folder(tmp_path)
    assert len(problems) == 1
    assert problems[0].path.name == "01-other.yaml" and "also used by 01-demo.yaml" in problems[0].message
    with pytest.raises(ContentError, match="more than one file"):
        load_index(tmp_path)


def test_empty_and_missing_folders(tmp_path: Path):
    (problem,) = check_folder(tmp_path)
    assert "no module files" in problem.message and problem.path == tmp_path
    (problem,) = check_folder(tmp_path / "nowhere")
    assert "folder not found" in problem.message
    assert load_index(tmp_path) == []
    with pytest.raises(ContentError, match="folder not found"):
        load_index(tmp_path / "nowhere")


def test_check_folder_collects_problems_from_every_file(tmp_path: Path):
    write(tmp_path, "01-demo.yaml", MINIMAL.replace("answer: 1", "answer: 7"))
    write(tmp_path, "02-two.yaml", MINIMAL.replace("number: 1", "number: 2").replace("id: demo", "id: two")
          .replace("title: Demo", "title: ''").replace("question: Which one?", "question: ''"))
    write(tmp_path, "03-three.yaml", "number: [3\n")
    write(tmp_path, "04-four.yaml", MINIMAL.replace("number: 1", "number: 4"))  # fine
    write(tmp_path, "notes.txt", "not a module")  # ignored
    problems = check_folder(tmp_path)
    assert sorted((p.path.name, p.field) for p in problems) == [
        ("01-demo.yaml", "lessons[0].checks[0]"),
        ("02-two.yaml", "lessons[0].checks[0].question"),
        ("02-two.yaml", "title"),
        ("03-three.yaml", None),
    ]
    assert all(p.line for p in problems)


# ------------------------------------------------------------------ the index reads headers only
def test_index_reads_headers_without_parsing_lessons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = MODULE_FILES[6].read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    broken_at = line_of(text, "lessons:") + 2
    lines.insert(broken_at - 1, "      - [this is: not closed\n")
    path = write(tmp_path, MODULE_FILES[6].name, "".join(lines))

    header = load_header(path)
    assert (header.number, header.id, header.title) == EXPECTED[6]
    assert not hasattr(header, "lessons")
    with pytest.raises(ContentError) as info:
        load_module(path)
    assert info.value.line is not None and broken_at <= info.value.line <= broken_at + 2

    def no_full_load(_path: Path) -> Module:
        raise AssertionError("the index must not load whole modules")

    monkeypatch.setattr(loader, "load_module", no_full_load)
    monkeypatch.setattr(loader, "_load_cached", no_full_load)
    (entry,) = load_index(tmp_path)
    assert entry.header == header and entry.path == path


def test_header_errors_still_name_the_line(tmp_path: Path):
    text = MINIMAL.replace("learn:\n  - One thing\n", "learn: []\n")
    with pytest.raises(ContentError) as info:
        load_header(write(tmp_path, "01-demo.yaml", text))
    assert (info.value.field, info.value.line) == ("learn", line_of(text, "learn: []"))


def test_curriculum_loads_modules_when_opened_and_caches_them():
    loader._load_cached.cache_clear()
    curriculum = Curriculum(MODULES_DIR)
    assert [e.id for e in curriculum.index] == [slug for _, slug, _ in EXPECTED]
    assert loader._load_cached.cache_info().currsize == 0
    module = curriculum.module("reducing-relapses")
    assert module is curriculum.module("reducing-relapses")
    assert module.lessons[0].pages[0].strip()
    assert [m.number for m in curriculum.modules()] == list(range(1, 12))
    with pytest.raises(ContentError, match="no module with id 'nope'"):
        curriculum.entry("nope")


def test_real_module_round_trips_through_yaml(tmp_path: Path):
    module = module_at(MODULE_FILES[0])
    text = yaml.safe_dump(module.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
    assert load_module(write(tmp_path, MODULE_FILES[0].name, text)) == module


def test_json_schema_describes_the_format():
    schema = json.loads(json_schema())
    assert {"number", "id", "title", "summary", "learn", "lessons"} <= set(schema["properties"])
    assert set(schema["required"]) >= {"number", "id", "title", "summary", "learn", "lessons"}


# ------------------------------------------------------------------ fuzzing: ContentError or success, nothing else
NASTY = ["", "~", "null", "[", "]", "{", "}", "|", ">", "&a", "*a", "*nope", "!!int ''", "!!bool maybe",
         "!!timestamp x", "!!float ''", "!!binary '@@'", "!!set [1]", "!!python/object:os.system x", "? [a]",
         "- ", ": ", "---", "...", "%YAML 1.1", "\t", "\x00", "\ufeff", "'", '"', "#", "1e999", "-1", "0x1F",
         "99999999999999999999", "2020-01-01", "yes", "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]", "{a: {b: {c: [d]}}}",
         "<<: *a", "lessons:", "lessons: []", "number: 1", "\u2028", "é", "😀"]
values = st.one_of(st.text(max_size=40), st.sampled_from(NASTY))
SOURCES = [p.read_text(encoding="utf-8") for p in (MODULE_FILES[0], MODULE_FILES[6], MODULE_FILES[10])]


@st.composite
def mutated_module(draw: st.DrawFn) -> tuple[str, bytes]:
    index = draw(st.sampled_from(range(len(SOURCES))))
    text = SOURCES[index]
    name = (MODULE_FILES[0], MODULE_FILES[6], MODULE_FILES[10])[index].name
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        kind = draw(st.sampled_from(["delete", "insert", "truncate", "swap", "value", "indent", "bytes"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(values) + lines[i][at:]
        elif kind == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
            continue
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value":
            keyed = [k for k, line in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+:", line)]
            k = draw(st.sampled_from(keyed)) if keyed else i
            key, _, _ = lines[k].partition(":")
            lines[k] = f"{key}: {draw(values)}\n"
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "      ", "\t"])) + lines[i].lstrip(" ")
        else:  # random bytes somewhere in the file
            raw = text.encode("utf-8")
            at = draw(st.integers(0, len(raw)))
            return name, raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
        text = "".join(lines)
    return name, text.encode("utf-8")


def assert_loads_or_content_error(path: Path) -> None:
    n_lines = path.read_bytes().count(b"\n") + 1
    for load in (load_module, load_header):
        try:
            load(path)
            event(f"{load.__name__}: loads")
        except ContentError as exc:
            event(f"{load.__name__}: ContentError")
            problems = exc.problems if isinstance(exc, ContentErrors) else [exc]
            assert problems
            for p in problems:
                assert p.path == path and p.message and str(p).startswith(str(path)) and "\n" not in str(p)
                assert p.line is None or 1 <= p.line <= n_lines + 1
        # Anything else (IndexError, AttributeError, RecursionError, ...) fails the test.


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_module())
def test_mutated_module_files_load_or_raise_content_error(scratch: Path, mutation: tuple[str, bytes]):
    name, raw = mutation
    path = scratch / name
    path.write_bytes(raw)
    assert_loads_or_content_error(path)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "title", "pages", "checks", "answer", "choices", "saves_to", "x"])
                      | st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _paths_into(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths_into(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths_into(v, (*prefix, i))
    return found


Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C dumper keeps 200 examples fast
REAL_DATA = module_at(MODULE_FILES[4]).model_dump(mode="json")
REAL_PATHS = _paths_into(REAL_DATA)[1:]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(REAL_PATHS), value=json_like, flow=st.booleans())
def test_module_with_a_random_value_somewhere_loads_or_raises_content_error(scratch: Path, where, value, flow):
    data = json.loads(json.dumps(REAL_DATA))
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    path = scratch / MODULE_FILES[4].name
    text = yaml.dump(data, Dumper=Dumper, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    assert_loads_or_content_error(path)


header_like = st.fixed_dictionaries(
    {"number": st.just(1) | st.integers(-1, 100), "id": st.just("x") | st.text(max_size=10),
     "title": st.text(max_size=10), "summary": st.text(max_size=10), "learn": st.lists(st.text(max_size=10), max_size=2)},
    optional={"lessons": json_like},
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_like | header_like | st.text(max_size=200), as_yaml=st.booleans())
def test_random_documents_load_or_raise_content_error(scratch: Path, doc, as_yaml):
    path = scratch / "01-random.yaml"
    text = yaml.safe_dump(doc, allow_unicode=True) if as_yaml or not isinstance(doc, str) else doc
    path.write_text(text, encoding="utf-8")
    assert_loads_or_content_error(path)


# ------------------------------------------------------------------ the command line
def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IMR_TUI_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "imr_tui", *args], capture_output=True, text=True, env=env, timeout=60)


def test_cli_check_on_the_shipped_modules(tmp_path: Path):
    result = run_cli("content", "check", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All modules in" in result.stdout and str(MODULES_DIR) in result.stdout


def test_cli_check_lists_every_problem_with_its_file(tmp_path: Path):
    folder = tmp_path / "modules"
    folder.mkdir()
    shutil.copy(MODULE_FILES[0], folder)  # fine
    text = MODULE_FILES[1].read_text(encoding="utf-8")
    write(folder, MODULE_FILES[1].name, text.replace("answer: 2", "answer: 5", 1).replace("title: Practical", "titel: Practical"))
    write(folder, "03-broken.yaml", "number: 3\nid: broken\ntitle: [oops\n")
    result = run_cli("content", "check", str(folder), home=tmp_path / "home")
    assert result.returncode == 1
    out = result.stdout.splitlines()
    problems = out[:-1]
    assert out[-1] == f"{len(problems)} problem(s) in {folder}"
    assert len(problems) == 4  # title missing, titel not allowed, answer out of range, bad YAML
    assert all(line.startswith(str(folder / MODULE_FILES[1].name)) for line in problems[:3])
    assert problems[3].startswith(f"{folder / '03-broken.yaml'}:")
    assert any("[lessons[" in line and "answer 5" in line for line in problems)
    assert not any(MODULE_FILES[0].name in line for line in problems)


def test_cli_check_reports_audit_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    write(tmp_path, "01-demo.yaml", MINIMAL)  # valid, but far too small for the editorial rules
    assert cli.main(["content", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "has 1 lessons; needs 3 to 7" in out and "has 1 pages; needs 2 to 5" in out
    assert out.strip().endswith(f"problem(s) in {tmp_path}")


def test_cli_schema_is_json(tmp_path: Path):
    result = run_cli("content", "schema", home=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert "lessons" in schema["properties"]
    assert "Lesson" in schema.get("$defs", {})
