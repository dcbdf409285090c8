"""The progress self-check and the PHQ-9 / GAD-7 questionnaires: plain domain code, known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from imr_tui.content.readability import measure
from imr_tui.domain import questionnaires as qn
from imr_tui.domain import selfcheck as sc
from imr_tui.domain.progress import Progress, QuestionnaireResult, SelfCheck

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _check(at: datetime, score: int = 3, **answers: int) -> SelfCheck:
    return sc.make_check(at, {**{t: score for t in sc.TOPIC_IDS}, **answers})


# ------------------------------------------------------------------ self-check
def test_self_check_has_15_topics_in_plain_words_with_five_answers_each() -> None:
    assert len(sc.TOPICS) == 15
    assert len(set(sc.TOPIC_IDS)) == 15
    for topic in sc.TOPICS:
        assert len(topic.answers) == 5 and all(topic.answers)
        assert measure(topic.question).grade <= 8, topic.id
        assert "IMR" not in topic.question and "Scale" not in topic.question
    # the report turns ids into labels: they must read as words
    assert all(t.replace("_", "").isalpha() and t == t.lower() for t in sc.TOPIC_IDS)


def test_five_is_the_better_state_for_symptom_and_substance_topics() -> None:
    assert sc.topic("distress_from_symptoms").words(5) == "Not at all"  # type: ignore[union-attr]
    assert sc.topic("symptoms_in_the_way").words(5) == "Never"  # type: ignore[union-attr]
    assert sc.topic("alcohol").words(1) == "A great deal"  # type: ignore[union-attr]
    assert sc.topic("drugs").words(5).startswith("Not at all")  # type: ignore[union-attr]
    assert sc.topic("time_since_hospital").words(5).startswith("Over a year")  # type: ignore[union-attr]


def test_due_when_none_yet_or_more_than_91_days_ago() -> None:
    today = date(2026, 11, 20)
    assert sc.due([], today)
    last = _check(datetime(2026, 8, 20, 12, tzinfo=UTC))
    assert (today - last.at.date()).days == 92
    assert sc.due([last], today)
    assert not sc.due([last], today - timedelta(days=1))  # 91 days: not yet
    assert not sc.due([last, _check(datetime(2026, 10, 1, tzinfo=UTC))], today)
    assert sc.next_due([last]) == date(2026, 11, 20)
    assert sc.next_due([]) is None


def test_a_check_with_no_answers_does_not_count() -> None:
    assert sc.due([SelfCheck(at=AT)], AT.date())


def test_summary_scores_in_topic_order_and_average() -> None:
    check = sc.make_check(AT, {"drugs": 5, "goal_progress": 2, "coping": 4})
    s = sc.summary(check)
    assert list(s.scores) == ["goal_progress", "coping", "drugs"]
    assert s.average == pytest.approx(11 / 3)
    assert s.answered == 3
    assert sc.summary(SelfCheck(at=AT)).average is None


def test_summary_ignores_unknown_topics_and_values_out_of_range() -> None:
    check = SelfCheck(at=AT, answers={"goal": 4, "coping": 9, "alcohol": 2})
    assert sc.summary(check).scores == {"alcohol": 2}


def test_make_check_refuses_bad_answers() -> None:
    with pytest.raises(ValueError):
        sc.make_check(AT, {"coping": 6})
    with pytest.raises(ValueError):
        sc.make_check(AT, {"coping": 0})
    with pytest.raises(ValueError):
        sc.make_check(AT, {"no_such_topic": 3})


def test_compare_better_same_worse_by_topic() -> None:
    before = sc.make_check(AT, {"coping": 2, "alcohol": 4, "drugs": 5, "medication": 3})
    after = sc.make_check(AT + timedelta(days=95), {"coping": 4, "alcohol": 3, "drugs": 5, "goal_progress": 2})
    assert sc.compare(before, after) == {"coping": sc.Change.BETTER, "alcohol": sc.Change.WORSE,
                                         "drugs": sc.Change.SAME}
    assert sc.compare_average(before, after) == sc.Change.SAME  # 3.5 and 3.5
    assert sc.compare_average(_check(AT, 2), _check(AT, 3)) == sc.Change.BETTER
    assert sc.compare_average(_check(AT, 3), _check(AT, 2)) == sc.Change.WORSE


def test_skipped_topics_round_trip_and_finish_the_check() -> None:
    answers = {t: 4 for t in sc.TOPIC_IDS if t != "medication"}
    check = sc.make_check(AT, answers, skipped=["medication"])
    again = Progress.model_validate(Progress(self_checks=[check]).model_dump(mode="json")).self_checks[0]
    assert sc.skipped_topics(again) == ["medication"]
    assert sc.is_finished(again)
    assert sc.next_topic(sc.make_check(AT, {"goal_progress": 3})) == 1


def test_unfinished_is_picked_up_for_two_weeks() -> None:
    part = sc.make_check(AT, {"goal_progress": 3, "knowing_your_illness": 2})
    assert sc.unfinished([part], AT.date() + timedelta(days=14)) == part
    assert sc.unfinished([part], AT.date() + timedelta(days=15)) is None
    assert sc.unfinished([_check(AT)], AT.date()) is None


def test_averages_and_previous_are_in_time_order() -> None:
    a, b, c = _check(AT, 2), _check(AT + timedelta(days=92), 3), _check(AT + timedelta(days=184), 5)
    assert [avg for _at, avg in sc.averages([c, a, b])] == [2, 3, 5]
    assert sc.previous_of([c, a, b], c) == b
    assert sc.previous_of([c, a, b], a) is None


# --------------------------------------------------------------- questionnaires
def test_standard_items_and_options() -> None:
    assert len(qn.PHQ9.items) == 9 and len(qn.GAD7.items) == 7
    assert qn.OPTIONS == ("Not at all", "Several days", "More than half the days", "Nearly every day")
    assert qn.PHQ9.stem == qn.GAD7.stem == "Over the last 2 weeks, how often have you been bothered by"
    assert "better off dead" in qn.PHQ9.items[8]
    assert qn.PHQ9.max_total == 27 and qn.GAD7.max_total == 21
    assert "not a diagnosis" in qn.NOT_A_DIAGNOSIS and "care team" in qn.NOT_A_DIAGNOSIS


@pytest.mark.parametrize(("name", "answers", "total"), [
    ("phq9", [0] * 9, 0),
    ("phq9", [3] * 9, 27),
    ("phq9", [1, 2, 3, 0, 1, 2, 3, 0, 1], 13),
    ("gad7", [0] * 7, 0),
    ("gad7", [3] * 7, 21),
    ("gad7", [2, 1, 0, 3, 2, 1, 0], 9),
])
def test_score_is_the_sum(name: str, answers: list[int], total: int) -> None:
    assert qn.score(name, answers) == total


@pytest.mark.parametrize(("name", "answers"), [
    ("phq9", [0] * 8),  # one missing
    ("gad7", [0] * 8),  # one too many
    ("gad7", [0, 0, 0, 0, 0, 0, 4]),  # out of range
    ("gad7", [0, 0, 0, 0, 0, 0, -1]),
    ("who5", [0] * 5),  # unknown
])
def test_score_refuses_incomplete_or_bad_answers(name: str, answers: list[int]) -> None:
    with pytest.raises(ValueError):
        qn.score(name, answers)


@pytest.mark.parametrize(("total", "band"), [
    (0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
    (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (27, "Severe"),
])
def test_phq9_band_edges(total: int, band: str) -> None:
    assert qn.band("phq9", total).name == band


@pytest.mark.parametrize(("total", "band"), [
    (0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
    (15, "Severe"), (21, "Severe"),
])
def test_gad7_band_edges(total: int, band: str) -> None:
    assert qn.band("gad7", total).name == band


@pytest.mark.parametrize(("name", "total"), [("phq9", -1), ("phq9", 28), ("gad7", 22)])
def test_band_refuses_impossible_totals(name: str, total: int) -> None:
    with pytest.raises(ValueError):
        qn.band(name, total)


def test_bands_cover_every_total_once_and_read_plainly() -> None:
    for q in qn.QUESTIONNAIRES.values():
        for total in range(q.max_total + 1):
            assert sum(b.holds(total) for b in q.bands) == 1
        for b in q.bands:
            assert measure(b.words).grade <= 8


def test_crisis_answer_is_phq9_item_9_above_zero_only() -> None:
    assert qn.is_crisis_answer("phq9", 8, 1)
    assert qn.is_crisis_answer("phq9", 8, 3)
    assert not qn.is_crisis_answer("phq9", 8, 0)
    assert not any(qn.is_crisis_answer("phq9", i, 3) for i in range(8))
    assert not any(qn.is_crisis_answer("gad7", i, 3) for i in range(7))
    assert not qn.is_crisis_answer("unknown", 8, 3)


def test_result_states() -> None:
    done = QuestionnaireResult(name="gad7", at=AT, answers=[1] * 7, total=7)
    part = QuestionnaireResult(name="gad7", at=AT, answers=[1, 2])
    stopped = QuestionnaireResult(name="phq9", at=AT, answers=[0] * 8 + [2])
    assert qn.is_complete(done) and not qn.can_resume(done)
    assert not qn.is_complete(part) and qn.can_resume(part)
    assert qn.stopped_for_crisis(stopped) and not qn.can_resume(stopped) and not qn.is_complete(stopped)
