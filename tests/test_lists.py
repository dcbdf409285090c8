"""domain/lists.py: replace, upsert and add_once, and the rules that use them (lessons, coping, plans)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from imr_tui.domain.lists import add_once, find, replace, same_text, text_key, unique, upsert
from imr_tui.domain.profile import CopingStrategy, Profile, RelapsePlan, Trigger
from imr_tui.domain.progress import Answer, HomePractice, Progress

AT = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
Pair = tuple[str, int]


def _same_key(a: Pair, b: Pair) -> bool:
    return a[0] == b[0]


pairs = st.lists(st.tuples(st.sampled_from("abc"), st.integers()), max_size=8)
pair = st.tuples(st.sampled_from("abcd"), st.integers())


def test_known_answers() -> None:
    items = [("a", 1), ("b", 2), ("a", 3)]
    replace(items, ("a", 9), _same_key)
    assert items == [("b", 2), ("a", 9)]
    items = [("a", 1), ("b", 2), ("a", 3)]
    upsert(items, ("a", 9), _same_key)
    assert items == [("a", 9), ("b", 2), ("a", 3)]
    upsert(items, ("c", 0), _same_key)
    assert items[-1] == ("c", 0)
    assert add_once(items, ("b", 5), _same_key) == ("b", 2) and len(items) == 4
    assert add_once(items, ("d", 5), _same_key) == ("d", 5) and items[-1] == ("d", 5)
    assert find(items, ("z", 0), _same_key) is None
    assert unique([("a", 1), ("b", 2), ("a", 3)], _same_key) == [("a", 1), ("b", 2)]


@given(pairs, pair)
def test_replace_leaves_the_new_entry_once_and_last(items: list[Pair], new: Pair) -> None:
    others = [x for x in items if x[0] != new[0]]
    replace(items, new, _same_key)
    assert items == [*others, new]


@given(pairs, pair)
def test_upsert_keeps_the_place_and_the_length(items: list[Pair], new: Pair) -> None:
    before = list(items)
    upsert(items, new, _same_key)
    if any(x[0] == new[0] for x in before):
        i = next(i for i, x in enumerate(before) if x[0] == new[0])
        assert items == [*before[:i], new, *before[i + 1:]]
    else:
        assert items == [*before, new]


@given(pairs, pair)
def test_add_once_adds_only_what_is_not_there(items: list[Pair], new: Pair) -> None:
    before = list(items)
    got = add_once(items, new, _same_key)
    assert sum(x[0] == new[0] for x in items) == max(1, sum(x[0] == new[0] for x in before))
    assert got in items and got[0] == new[0]
    assert add_once(items, new, _same_key) == got and len(items) == len(before) + (got is new)


@given(st.text(), st.text())
def test_text_key_ignores_case_and_spacing_only(a: str, b: str) -> None:
    assert same_text(a, f"  {a}\n") and same_text(a, " \t ".join(a.split()))
    assert same_text(a, b) == same_text(b, a) == (text_key(a) == text_key(b))
    assert not same_text(a + "x", a)
    assert same_text("Go  for a\twalk", "go for a WALK") and not same_text("walk", "walks")


def test_a_lesson_answer_given_again_replaces_the_first() -> None:
    progress = Progress()
    first = Answer(module_id="m", lesson_id="l", item_id="r", text="one", at=AT)
    other = Answer(module_id="m", lesson_id="l", item_id="c", choice=1, at=AT)
    again = Answer(module_id="m", lesson_id="l", item_id="r", text="two", at=AT)
    for a in (first, other, again):
        progress.put_answer(a)
    assert progress.answers == [other, again]


def test_a_new_practice_choice_replaces_the_open_one_but_not_a_done_one() -> None:
    def practice(pid: str, done: date | None = None) -> HomePractice:
        return HomePractice(module_id="m", lesson_id="l", practice_id=pid, text=pid, chosen_on=date(2026, 11, 1),
                            done_on=done)

    done, open_, new = practice("a", date(2026, 11, 5)), practice("b"), practice("c")
    progress = Progress(practice=[done, open_])
    progress.choose_practice(new)
    assert progress.practice == [done, new]


def test_a_typed_trigger_is_found_in_the_plan_or_the_list_or_added_once() -> None:
    profile = Profile(plan=RelapsePlan(triggers=[Trigger(id="p1", text="Late nights")]),
                      triggers=[Trigger(id="t1", text="Payday"), Trigger(id="t2", text="late  NIGHTS")])
    assert [t.id for t in profile.all_triggers()] == ["p1", "t1"]
    assert profile.trigger_named("late nights").id == "p1"
    assert profile.trigger_named("PAYDAY").id == "t1"
    new = profile.trigger_named("Arguments")
    assert profile.triggers[-1] is new and profile.trigger_named("arguments") is new and len(profile.triggers) == 3


def test_a_typed_strategy_is_added_to_the_toolbox_once() -> None:
    profile = Profile(strategies=[CopingStrategy(id="s1", text="Walk")])
    assert profile.strategy_named(" walk ").id == "s1"
    new = profile.strategy_named("Music")
    assert profile.strategies == [CopingStrategy(id="s1", text="Walk"), new]
