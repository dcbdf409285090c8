"""The goal's problem-solving plans and draft: typed fields, read from and written in the form they had
as undeclared extra keys of the goal (tests/fixtures/v1/profile-problem-solving.json)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from imr_tui.domain.profile import Goal, GoalStep, ProblemDraft, ProblemIdea, SolvedProblem
from imr_tui.store.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "v1" / "profile-problem-solving.json"


def _store_with(tmp_path: Path, profile: Path) -> Store:
    store = Store.open(tmp_path / "data")
    shutil.copyfile(profile, store.profile_path)
    return store


def test_a_profile_written_before_the_fields_were_typed_loads_into_them(tmp_path: Path) -> None:
    (goal,) = _store_with(tmp_path, FIXTURE).profile().goals
    (solved,) = goal.problem_solving
    assert solved.problem == "I get nervous" and solved.chosen == "Phone" and solved.steps == ["Find it", "Call"]
    assert solved.ideas == [ProblemIdea(idea="Friend", good="calm", bad="busy"),
                            ProblemIdea(idea="Phone", good="easy", bad="scary")]
    assert (solved.on, solved.review_on, solved.step_id) == (date(2026, 12, 2), date(2026, 12, 9), "s1")
    draft = goal.problem_draft
    assert draft is not None and goal.draft_for("s2") is draft and goal.draft_for("s1") is None
    assert (draft.stage, draft.problem, draft.ideas, draft.review) == (
        2, "No phone credit", "Use the library phone\nAsk Sam", "+7")
    assert draft.weigh == {"Use the library phone": ("free", ""), "Ask Sam": ("kind", "")}
    assert goal.model_extra == {}  # nothing is left over as an undeclared field


def test_writing_it_again_gives_the_same_file(tmp_path: Path) -> None:
    """An older imr-tui reading a new file finds the keys it wrote, in the same form."""
    store = _store_with(tmp_path, FIXTURE)
    store.update_profile(lambda p: p)
    written = json.loads(store.profile_path.read_text())
    assert _missing(json.loads(FIXTURE.read_text()), written) == []  # newer keys (sync revisions, the safety plan) are added


def _missing(old: object, new: object, where: str = "") -> list[str]:
    """Where `new` lacks a key of `old` or holds another value (dicts compared key by key, the rest as a whole)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [w for k, v in old.items() for w in ([f"{where}/{k}"] if k not in new else _missing(v, new[k], f"{where}/{k}"))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [w for i, (a, b) in enumerate(zip(old, new, strict=True)) for w in _missing(a, b, f"{where}[{i}]")]
    return [] if old == new else [where]


def test_unknown_fields_inside_the_plans_and_the_draft_are_kept(tmp_path: Path) -> None:
    raw = json.loads(FIXTURE.read_text())
    goal = raw["goals"][0]
    goal["from_a_newer_version"] = {"x": 1}
    goal["problem_solving"][0]["helped"] = "yes"
    goal["problem_solving"][0]["ideas"][0]["cost"] = "none"
    goal["problem_draft"]["supporter"] = "Sam"
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(raw))
    store = _store_with(tmp_path, path)
    store.update_profile(lambda p: p)
    again = json.loads(store.profile_path.read_text())["goals"][0]
    assert again["from_a_newer_version"] == {"x": 1}
    assert again["problem_solving"][0]["helped"] == "yes"
    assert again["problem_solving"][0]["ideas"][0]["cost"] == "none"
    assert again["problem_draft"]["supporter"] == "Sam"


def test_a_goal_without_any_plan_has_empty_fields() -> None:
    goal = Goal.model_validate({"text": "Get a job"})
    assert goal.problem_solving == [] and goal.problem_draft is None


def test_a_partly_read_weigh_row_is_padded_never_dropped() -> None:
    draft = ProblemDraft.model_validate({"weigh": {"Walk": ["fresh air"], "Call": []}})
    assert draft.weigh == {"Walk": ("fresh air", ""), "Call": ("", "")}


def test_a_new_draft_suggests_looking_back_in_a_week() -> None:
    assert ProblemDraft().review == "+7"


def test_finishing_adds_the_steps_a_look_back_step_and_keeps_the_plan() -> None:
    goal = Goal(text="Get a job", steps=[GoalStep(id="s1", text="Ask")])
    goal.keep_problem_draft(ProblemDraft(problem="Nervous", step_id="s1", session="w1"))
    solved = SolvedProblem(problem="Nervous", chosen="Phone", steps=["Find it", "Call"],
                           review_on=date(2026, 12, 9), on=date(2026, 12, 2), step_id="s1", session="w1")
    assert goal.finish_problem(solved, date(2026, 12, 3)) == 3
    assert [(s.text, s.due) for s in goal.steps[1:]] == [
        ("Find it", date(2026, 12, 3)), ("Call", None),
        ('Look back: did my plan for "Nervous" help?', date(2026, 12, 9))]
    assert goal.problem_solving == [solved] and goal.problem_draft is None


def test_a_draft_that_arrives_after_its_plan_was_finished_is_not_kept() -> None:
    goal = Goal(text="Get a job")
    goal.finish_problem(SolvedProblem(problem="p", session="w1"), None)
    assert not goal.keep_problem_draft(ProblemDraft(problem="p", session="w1"))
    assert goal.problem_draft is None
    assert goal.keep_problem_draft(ProblemDraft(problem="another", session="w2"))
    assert goal.problem_draft is not None and goal.problem_draft.problem == "another"


def test_long_step_texts_are_cut_to_what_a_step_holds() -> None:
    goal = Goal(text="g")
    goal.finish_problem(SolvedProblem(problem="x" * 600, steps=["y" * 600]), None)
    assert [len(s.text) for s in goal.steps] == [500, 500]
    Goal.model_validate(goal.model_dump(mode="json"))  # still valid


_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12)
_keys = st.sampled_from(["stage", "problem", "ideas", "weigh", "chosen", "steps", "start", "review", "step_id",
                         "session", "review_on", "on"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys | st.text(max_size=6), _json, max_size=6))
def test_any_stored_value_either_loads_or_is_refused_with_a_validation_error(data: dict[str, Any]) -> None:
    for model in (ProblemDraft, SolvedProblem):
        try:
            loaded = model.model_validate(data)
        except ValidationError:
            continue
        assert model.model_validate(loaded.model_dump(mode="json")) == loaded  # and writes back the same


@settings(max_examples=100, deadline=None)
@given(st.builds(ProblemDraft, stage=st.integers(0, 5), problem=st.text(), ideas=st.text(),
                 weigh=st.dictionaries(st.text(), st.tuples(st.text(), st.text()), max_size=3)))
def test_a_draft_survives_the_json_round_trip(draft: ProblemDraft) -> None:
    assert ProblemDraft.model_validate_json(draft.model_dump_json()) == draft
