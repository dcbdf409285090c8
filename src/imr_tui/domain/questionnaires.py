"""Optional standard questionnaires: PHQ-9 (low mood) and GAD-7 (worry and anxiety).

Both were released free of charge by their owner. The items, answer options, scoring (the sum of
the answers) and severity bands are the standard ones. Results are kept in progress.json as
QuestionnaireResult entries (domain/progress.py); total is None while a questionnaire is not
finished, and stays None when PHQ-9 question 9 stopped it (see is_crisis_answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imr_tui.domain.progress import QuestionnaireResult

OPTIONS: tuple[str, str, str, str] = ("Not at all", "Several days", "More than half the days", "Nearly every day")
MAX_ANSWER = len(OPTIONS) - 1

NOT_A_DIAGNOSIS = ("This is a checklist, not a diagnosis. "
                   "Talk with your care team about what it means for you.")


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    name: str  # the standard band name, e.g. "Moderately severe"
    words: str  # what it means, in plain words

    def holds(self, total: int) -> bool:
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Questionnaire:
    id: str  # as saved: "phq9" or "gad7"
    name: str  # as shown: "PHQ-9"
    about: str  # one plain line
    stem: str  # asked before every item
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    crisis_items: frozenset[int] = frozenset()  # item indexes where any answer above 0 stops the questionnaire

    @property
    def max_total(self) -> int:
        return MAX_ANSWER * len(self.items)

    def band(self, total: int) -> Band:
        for b in self.bands:
            if b.holds(total):
                return b
        raise ValueError(f"{self.name} totals are 0 to {self.max_total}, not {total}")


STEM = "Over the last 2 weeks, how often have you been bothered by"

PHQ9 = Questionnaire(
    id="phq9",
    name="PHQ-9",
    about="9 questions about low mood (depression) over the last 2 weeks.",
    stem=STEM,
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed; or the opposite, being so "
        "fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "Minimal", "Few or no signs of low mood in the last 2 weeks."),
        Band(5, 9, "Mild", "Some signs of low mood in the last 2 weeks."),
        Band(10, 14, "Moderate", "A fair number of signs of low mood. It is worth talking about with your care team."),
        Band(15, 19, "Moderately severe", "Many signs of low mood. Please talk with your care team soon."),
        Band(20, 27, "Severe", "A lot of signs of low mood. Please talk with your care team soon."),
    ),
    crisis_items=frozenset({8}),
)

GAD7 = Questionnaire(
    id="gad7",
    name="GAD-7",
    about="7 questions about worry and anxiety over the last 2 weeks.",
    stem=STEM,
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    bands=(
        Band(0, 4, "Minimal", "Few or no signs of anxiety in the last 2 weeks."),
        Band(5, 9, "Mild", "Some signs of anxiety in the last 2 weeks."),
        Band(10, 14, "Moderate", "A fair number of signs of anxiety. It is worth talking about with your care team."),
        Band(15, 21, "Severe", "A lot of signs of anxiety. Please talk with your care team soon."),
    ),
)

QUESTIONNAIRES: dict[str, Questionnaire] = {q.id: q for q in (PHQ9, GAD7)}


def get(name: str) -> Questionnaire:
    try:
        return QUESTIONNAIRES[name]
    except KeyError:
        raise ValueError(f"unknown questionnaire {name!r} (known: {', '.join(QUESTIONNAIRES)})") from None


def _check_answer(answer: int) -> None:
    if isinstance(answer, bool) or not 0 <= answer <= MAX_ANSWER:
        raise ValueError(f"an answer is 0 to {MAX_ANSWER}, not {answer!r}")


def score(name: str, answers: Sequence[int]) -> int:
    """The standard total: the sum of the answers. Every item must be answered."""
    q = get(name)
    if len(answers) != len(q.items):
        raise ValueError(f"{q.name} has {len(q.items)} questions; {len(answers)} answers were given")
    for a in answers:
        _check_answer(a)
    return sum(answers)


def band(name: str, total: int) -> Band:
    return get(name).band(total)


def is_crisis_answer(name: str, item_index: int, answer: int) -> bool:
    """True for PHQ-9 question 9 (index 8) answered above "Not at all": stop and show crisis help."""
    q = QUESTIONNAIRES.get(name)
    return q is not None and item_index in q.crisis_items and answer > 0


def stopped_for_crisis(result: QuestionnaireResult) -> bool:
    """True when a crisis answer (PHQ-9 question 9 above 0) is among the result's answers."""
    return any(is_crisis_answer(result.name, i, a) for i, a in enumerate(result.answers))


def is_complete(result: QuestionnaireResult) -> bool:
    q = QUESTIONNAIRES.get(result.name)
    return q is not None and result.total is not None and len(result.answers) == len(q.items)


def can_resume(result: QuestionnaireResult) -> bool:
    """A result left part way (not finished, not stopped for crisis help) that can be carried on."""
    q = QUESTIONNAIRES.get(result.name)
    return (q is not None and result.total is None and 0 < len(result.answers) < len(q.items)
            and not stopped_for_crisis(result))
