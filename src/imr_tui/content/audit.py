"""Editorial rules for lessons, beyond the schema: structure counts and reading level.

Used by the test suite and by `imr-tui content check`, so authors see the same verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr_tui.content.models import Module
from imr_tui.content.readability import measure

MAX_GRADE = 8.0
MAX_WORDS_PER_SENTENCE = 20.0
MAX_WORDS_PER_PAGE = 160  # "about 150 words or fewer"
LESSONS = (3, 6)
PAGES = (2, 5)
MIN_CHECKS = 2
MIN_REFLECTIONS = 1
MIN_PRACTICE = 2


@dataclass(frozen=True)
class Finding:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def audit_module(module: Module) -> list[Finding]:
    found: list[Finding] = []
    m = f"module {module.number} ({module.id})"
    if not LESSONS[0] <= len(module.lessons) <= LESSONS[1]:
        found.append(Finding(m, f"has {len(module.lessons)} lessons; needs {LESSONS[0]} to {LESSONS[1]}"))
    for lesson in module.lessons:
        where = f"{m} lesson {lesson.id}"
        if not PAGES[0] <= len(lesson.pages) <= PAGES[1]:
            found.append(Finding(where, f"has {len(lesson.pages)} pages; needs {PAGES[0]} to {PAGES[1]}"))
        if len(lesson.checks) < MIN_CHECKS:
            found.append(Finding(where, f"has {len(lesson.checks)} checks; needs at least {MIN_CHECKS}"))
        if len(lesson.reflections) < MIN_REFLECTIONS:
            found.append(Finding(where, f"has no reflection; needs at least {MIN_REFLECTIONS}"))
        if len(lesson.practice) < MIN_PRACTICE:
            found.append(Finding(where, f"has {len(lesson.practice)} home practice options; needs at least {MIN_PRACTICE}"))
        for n, page in enumerate(lesson.pages, start=1):
            r = measure(page)
            if r.words > MAX_WORDS_PER_PAGE:
                found.append(Finding(f"{where} page {n}", f"has {r.words} words; keep it to about 150"))
            if r.grade > MAX_GRADE:
                found.append(Finding(f"{where} page {n}", f"reads at grade {r.grade:.1f}; keep it at {MAX_GRADE:.0f} or under"))
            if r.words_per_sentence >= MAX_WORDS_PER_SENTENCE:
                found.append(Finding(f"{where} page {n}", f"averages {r.words_per_sentence:.1f} words a sentence; "
                                     f"keep it under {MAX_WORDS_PER_SENTENCE:.0f}"))
    return found


def mentions_substance_use(module: Module) -> bool:
    """Dual diagnosis: every module talks about alcohol or drug use somewhere."""
    words = ("alcohol", "drug", "drinking", "substance", "using")
    text = " ".join(page.lower() for lesson in module.lessons for page in lesson.pages)
    return any(w in text for w in words)
