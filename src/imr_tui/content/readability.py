"""Reading level of lesson text, with no downloads and no dependencies.

We use the Flesch-Kincaid grade level:

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Syllables are counted with a documented rule of thumb (vowel groups, a silent final "e",
at least one per word), close to what textstat does without its dictionary. Markdown is
stripped first; every list item and heading counts as its own sentence, since that is how
a reader meets it on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_MARKUP = re.compile(r"[*_`>#]|\[([^\]]*)\]\([^)]*\)")


def count_syllables(word: str) -> int:
    """Syllables in one English word, by rule of thumb (at least 1)."""
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if w.isdigit() or re.fullmatch(r"[\d.,]+", w):
        return max(1, len(w.replace(",", "").replace(".", "")) // 2 + 1)
    parts = [p for p in re.split(r"[-]", w) if p]
    if len(parts) > 1:
        return sum(count_syllables(p) for p in parts)
    w = w.replace("'", "").replace("’", "")
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "hope", "take"
    if w.endswith(("es", "ed")) and not w.endswith(("ted", "ded", "ses", "zes", "ches", "shes", "ges", "ces")) and count > 1:
        count -= 1  # "hoped", "makes"
    return max(1, count)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * (self.syllables / self.words) - 15.59


def plain_text(markdown: str) -> str:
    """Markdown to plain prose: list items and headings end as sentences."""
    lines: list[str] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            continue
        is_block = bool(re.match(r"^(#+|[-*+]|\d+[.)])\s", line))
        line = re.sub(r"^(#+|[-*+]|\d+[.)])\s+", "", line)
        line = _MARKUP.sub(lambda m: m.group(1) or "", line)
        if is_block and not re.search(r"[.!?]$", line):
            line += "."
        lines.append(line)
    return " ".join(lines)


def measure(markdown: str) -> Readability:
    text = plain_text(markdown)
    words = _WORD.findall(text)
    sentences = len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)])
    return Readability(
        words=len(words),
        sentences=max(1, sentences) if words else 0,
        syllables=sum(count_syllables(w) for w in words),
    )
