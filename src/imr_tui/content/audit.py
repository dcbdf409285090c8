"""Editorial rules for lessons, beyond the schema: structure counts, checks and reading level.

Used by the test suite and by `imr-tui content check`, so authors see the same verdict.
Every finding names where it is: the module, and the lesson, check or page when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr_tui.content.models import Check, Lesson, LessonKind, Module
from imr_tui.content.readability import measure

MAX_GRADE = 8.0
MAX_WORDS_PER_SENTENCE = 20.0
MAX_WORDS_PER_PAGE = 160  # "about 150 words or fewer"
LESSONS = (3, 7)  # ordinary lessons (module 7 has seven); the story and the page for supporters come on top
PAGES = {LessonKind.LESSON: (2, 5), LessonKind.STORY: (1, 3), LessonKind.SUPPORTERS: (1, 2)}
MIN_CHECKS = 2
MIN_REFLECTIONS = 1
MIN_PRACTICE = 2
CHOICES = (3, 4)
SCENARIO_SHARE = 3  # at least one check in SCENARIO_SHARE is a scenario ("Ana has slept 4 hours ...")
ONE_EACH = (LessonKind.STORY, LessonKind.SUPPORTERS)
MADE_UP = "made up"  # a story's first page says so: "This story is made up."


@dataclass(frozen=True)
class Finding:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def audit_module(module: Module) -> list[Finding]:
    m = f"module {module.number} ({module.id})"
    found = _module_findings(module, m)
    for lesson in module.lessons:
        where = f"{m} lesson {lesson.id}"
        found += _lesson_findings(lesson, where)
        for check in lesson.checks:
            found += _check_findings(check, f"{where} check {check.id}")
        found += _page_findings(lesson, where)
    return found


def _module_findings(module: Module, m: str) -> list[Finding]:
    found: list[Finding] = []
    ordinary = [le for le in module.lessons if le.kind is LessonKind.LESSON]
    if not LESSONS[0] <= len(ordinary) <= LESSONS[1]:
        found.append(Finding(m, f"has {len(ordinary)} lessons; needs {LESSONS[0]} to {LESSONS[1]} "
                                "(not counting the story and the lesson for supporters)"))
    for kind in ONE_EACH:
        n = sum(1 for le in module.lessons if le.kind is kind)
        if n != 1:
            found.append(Finding(m, f"has {n} lessons of kind {kind.value}; needs exactly 1"))
    checks = [c for le in module.lessons for c in le.checks]
    scenarios = sum(1 for c in checks if c.scenario)
    if scenarios * SCENARIO_SHARE < len(checks):
        need = -(-len(checks) // SCENARIO_SHARE)
        found.append(Finding(m, f"has {scenarios} scenario checks of {len(checks)}; needs at least a third "
                                f"({need}) marked scenario: true"))
    return found


def _lesson_findings(lesson: Lesson, where: str) -> list[Finding]:
    found: list[Finding] = []
    low, high = PAGES[lesson.kind]
    if not low <= len(lesson.pages) <= high:
        found.append(Finding(where, f"has {len(lesson.pages)} pages; needs {low} to {high}"))
    if lesson.kind is LessonKind.STORY and MADE_UP not in lesson.pages[0].lower():
        found.append(Finding(f"{where} page 1", "does not say the story is made up; start it with a line like "
                                                "\"This story is made up. It draws on what many people have lived through.\""))
    if lesson.kind is not LessonKind.LESSON:
        return found  # a story or a page for supporters needs no checks, reflection or practice
    if len(lesson.checks) < MIN_CHECKS:
        found.append(Finding(where, f"has {len(lesson.checks)} checks; needs at least {MIN_CHECKS}"))
    if len(lesson.reflections) < MIN_REFLECTIONS:
        found.append(Finding(where, f"has no reflection; needs at least {MIN_REFLECTIONS}"))
    if len(lesson.practice) < MIN_PRACTICE:
        found.append(Finding(where, f"has {len(lesson.practice)} home practice options; needs at least {MIN_PRACTICE}"))
    return found


def _check_findings(check: Check, where: str) -> list[Finding]:
    found: list[Finding] = []
    if not CHOICES[0] <= len(check.choices) <= CHOICES[1]:
        found.append(Finding(where, f"has {len(check.choices)} choices; needs {CHOICES[0]} or {CHOICES[1]}"))
    if len(check.feedback) != len(check.choices):
        found.append(Finding(where, f"has {len(check.feedback)} feedback lines for {len(check.choices)} choices; "
                                    "needs one line per choice, in the same order"))
    return found


def _page_findings(lesson: Lesson, where: str) -> list[Finding]:
    found: list[Finding] = []
    for n, page in enumerate(lesson.pages, start=1):
        r = measure(page)
        at = f"{where} page {n}"
        if r.words > MAX_WORDS_PER_PAGE:
            found.append(Finding(at, f"has {r.words} words; keep it to about 150"))
        if r.grade > MAX_GRADE:
            found.append(Finding(at, f"reads at grade {r.grade:.1f}; keep it at {MAX_GRADE:.0f} or under"))
        if r.words_per_sentence >= MAX_WORDS_PER_SENTENCE:
            found.append(Finding(at, f"averages {r.words_per_sentence:.1f} words a sentence; "
                                     f"keep it under {MAX_WORDS_PER_SENTENCE:.0f}"))
    return found


def mentions_substance_use(module: Module) -> bool:
    """Dual diagnosis: every module talks about alcohol or drug use somewhere."""
    words = ("alcohol", "drug", "drinking", "substance", "using")
    text = " ".join(page.lower() for lesson in module.lessons for page in lesson.pages)
    return any(w in text for w in words)
