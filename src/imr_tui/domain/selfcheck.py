"""The progress self-check: 15 topics, each rated 1 to 5 (higher is better), looking back 3 months.

Done about every 3 months. The topics follow the areas that IMR tracks over time; the questions
and answers are our own words. Answers are kept in progress.json as SelfCheck entries
(domain/progress.py): {topic_id: 1..5}. A topic the person chose to skip (for example the
medicine question when no medicine is prescribed) is listed in the entry's extra "skipped" field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from imr_tui.domain.progress import SelfCheck

LOW = 1
HIGH = 5
DUE_AFTER_DAYS = 91  # about 3 months
RESUME_DAYS = 14  # a self-check left part way is picked up again if it was started this recently
SKIPPED_FIELD = "skipped"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    question: str
    answers: tuple[str, str, str, str, str]  # the words for 1, 2, 3, 4 and 5 (5 is always the better state)
    hint: str = ""

    def words(self, score: int) -> str:
        return self.answers[score - LOW] if LOW <= score <= HIGH else "?"


_LAST_3_MONTHS = "In the last 3 months"
_WHEN_ANSWERS = ("In the last month", "1 to 3 months ago", "3 to 6 months ago", "6 to 12 months ago",
                 "Over a year ago, or never")

TOPICS: tuple[Topic, ...] = (
    Topic("goal_progress", "Your goal",
          f"Think of a goal that matters to you. {_LAST_3_MONTHS}, how far did you get with it?",
          ("I do not have a goal yet", "I have a goal, but I have not started", "I took a few steps",
           "I made good progress", "I reached it, or I am close")),
    Topic("knowing_your_illness", "Knowing about your illness",
          "How much do you feel you know about your mental health and how it can be treated?",
          ("Very little", "A little", "Some", "Quite a lot", "A great deal")),
    Topic("family_and_friends", "Family and friends helping",
          f"{_LAST_3_MONTHS}, how much did family or friends help with your mental health care? "
          "For example, they knew your plan or came with you to a visit.",
          ("Not at all", "Hardly at all", "Some", "Quite a lot", "A great deal")),
    Topic("people_outside_family", "Time with other people",
          f"{_LAST_3_MONTHS}, how often did you talk or spend time with people who are not family?",
          ("Almost never", "Now and then", "Sometimes", "Often", "Most days")),
    Topic("daily_roles", "Work, school or helping out",
          f"{_LAST_3_MONTHS}, how much of your week went to work, school, volunteering or caring for someone?",
          ("None of it", "A little", "Some", "A fair amount", "Most of my week")),
    Topic("distress_from_symptoms", "Upset from symptoms",
          f"{_LAST_3_MONTHS}, how much did your symptoms upset or bother you?",
          ("A great deal", "Quite a lot", "Some", "A little", "Not at all")),
    Topic("symptoms_in_the_way", "Symptoms getting in the way",
          f"{_LAST_3_MONTHS}, how much did your symptoms stop you from doing things you wanted or needed to do?",
          ("All the time", "Often", "Sometimes", "Hardly ever", "Never")),
    Topic("relapse_plan", "A plan for hard times",
          "How ready are you to spot early warning signs and act before things get worse?",
          ("I have no plan", "I have thought about it a little", "I have some ideas, but no plan",
           "I have a plan", "I have a plan, and people I trust know it")),
    Topic("time_since_relapse", "Time since a relapse",
          "When did your symptoms last get much worse (a relapse)?", _WHEN_ANSWERS),
    Topic("time_since_hospital", "Time since a hospital stay",
          "When did you last stay in a hospital for your mental health?", _WHEN_ANSWERS),
    Topic("coping", "Coping day to day",
          f"{_LAST_3_MONTHS}, how well did you cope with stress and symptoms from day to day?",
          ("Not well at all", "Not very well", "OK", "Well", "Very well")),
    Topic("peer_support", "Self-help and peer support",
          f"{_LAST_3_MONTHS}, how much did you take part in self-help or peer support, like a group "
          "run by people who have been there?",
          ("Not at all", "Hardly at all", "Some", "Quite a lot", "A great deal")),
    Topic("medication", "Taking medicine",
          f"{_LAST_3_MONTHS}, how often did you take your medicine the way it was prescribed?",
          ("Hardly ever", "Less than half the time", "About half the time", "Most of the time",
           "Every time, or almost"),
          hint="No medicine prescribed? Press s to skip this one."),
    Topic("alcohol", "Alcohol",
          f"{_LAST_3_MONTHS}, how much did drinking alcohol get in the way of your life or your health?",
          ("A great deal", "Quite a lot", "Some", "A little", "Not at all, or I do not drink")),
    Topic("drugs", "Drugs",
          f"{_LAST_3_MONTHS}, how much did using drugs (street drugs, or pills not prescribed to you) "
          "get in the way of your life or your health?",
          ("A great deal", "Quite a lot", "Some", "A little", "Not at all, or I do not use drugs")),
)

TOPIC_IDS: tuple[str, ...] = tuple(t.id for t in TOPICS)
_BY_ID = {t.id: t for t in TOPICS}


def topic(topic_id: str) -> Topic | None:
    return _BY_ID.get(topic_id)


class Change(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


@dataclass(frozen=True)
class Summary:
    at: datetime
    scores: dict[str, int]  # topic id -> 1..5, in topic order; only the topics answered
    average: float | None  # None when nothing was answered

    @property
    def answered(self) -> int:
        return len(self.scores)


# ------------------------------------------------------------------ one check
def make_check(at: datetime, answers: dict[str, int], skipped: Iterable[str] = ()) -> SelfCheck:
    """A SelfCheck with its answers (checked: known topics, 1..5) and the topics skipped."""
    clean = {}
    for topic_id, score in answers.items():
        if topic_id not in _BY_ID:
            raise ValueError(f"unknown self-check topic {topic_id!r}")
        if not LOW <= score <= HIGH:
            raise ValueError(f"a self-check answer is {LOW} to {HIGH}, not {score}")
        clean[topic_id] = score
    skip = [t for t in TOPIC_IDS if t in set(skipped) and t not in clean]
    return SelfCheck.model_validate({"at": at, "answers": clean, SKIPPED_FIELD: skip})


def skipped_topics(check: SelfCheck) -> list[str]:
    extra = check.model_extra or {}
    value = extra.get(SKIPPED_FIELD, [])
    if not isinstance(value, list):
        return []
    return [t for t in value if isinstance(t, str) and t in _BY_ID and t not in check.answers]


def scores(check: SelfCheck) -> dict[str, int]:
    """The valid answers (known topic, 1..5), in topic order; anything else in the file is left out."""
    return {t: s for t in TOPIC_IDS if (s := check.answers.get(t)) is not None and LOW <= s <= HIGH}


def next_topic(check: SelfCheck) -> int | None:
    """The index of the first topic neither answered nor skipped; None when the check is finished."""
    done = set(scores(check)) | set(skipped_topics(check))
    return next((i for i, t in enumerate(TOPIC_IDS) if t not in done), None)


def is_finished(check: SelfCheck) -> bool:
    return next_topic(check) is None


def summary(check: SelfCheck) -> Summary:
    s = scores(check)
    average = sum(s.values()) / len(s) if s else None
    return Summary(at=check.at, scores=s, average=average)


def _change(before: float, after: float) -> Change:
    if abs(after - before) < 1e-9:
        return Change.SAME
    return Change.BETTER if after > before else Change.WORSE


def compare(previous: SelfCheck, latest: SelfCheck) -> dict[str, Change]:
    """Better / same / worse, by topic, for the topics answered both times (higher is always better)."""
    before, after = scores(previous), scores(latest)
    return {t: _change(before[t], after[t]) for t in after if t in before}


def compare_average(previous: SelfCheck, latest: SelfCheck) -> Change | None:
    a, b = summary(previous).average, summary(latest).average
    if a is None or b is None:
        return None
    return _change(round(a, 1), round(b, 1))  # the change people see, at one decimal


# -------------------------------------------------------------- many checks
def in_order(self_checks: Iterable[SelfCheck]) -> list[SelfCheck]:
    """The checks with at least one answer, oldest first."""
    return sorted((c for c in self_checks if scores(c)), key=lambda c: c.at)


def due(self_checks: Sequence[SelfCheck], today: date) -> bool:
    """True when there is no self-check yet, or the last one was more than 91 days ago."""
    checks = in_order(self_checks)
    if not checks:
        return True
    return (today - checks[-1].at.date()).days > DUE_AFTER_DAYS


def next_due(self_checks: Sequence[SelfCheck]) -> date | None:
    """The first day the next self-check is due; None when there is none yet (due now)."""
    checks = in_order(self_checks)
    if not checks:
        return None
    return checks[-1].at.date() + timedelta(days=DUE_AFTER_DAYS + 1)


def unfinished(self_checks: Sequence[SelfCheck], today: date) -> SelfCheck | None:
    """The latest check, if it was left part way and started in the last 14 days: to carry on with."""
    checks = in_order(self_checks)
    if not checks:
        return None
    last = checks[-1]
    if is_finished(last) or (today - last.at.date()).days > RESUME_DAYS:
        return None
    return last


def averages(self_checks: Iterable[SelfCheck]) -> list[tuple[datetime, float]]:
    """(when, average score) for every self-check with an answer, oldest first: for a chart."""
    out = []
    for c in in_order(self_checks):
        avg = summary(c).average
        if avg is not None:
            out.append((c.at, avg))
    return out


def previous_of(self_checks: Iterable[SelfCheck], latest: SelfCheck) -> SelfCheck | None:
    """The check before `latest` (by time), if any."""
    earlier = [c for c in in_order(self_checks) if c.at < latest.at]
    return earlier[-1] if earlier else None
