"""domain/checkin_text.py: what is typed into a check-in reads the same in the shell and in the app."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.domain.checkin import SubstanceUse, default_items
from imr_tui.domain.checkin_text import (
    checkin_at,
    format_substances,
    parse_substances,
    parse_tags,
    parse_use,
    read_value,
)

NOW = datetime.combine(date(2026, 11, 25), time(10, 0)).astimezone()
ITEMS = {i.id: i for i in default_items()}


def test_substances_and_tags_known_answers() -> None:
    uses = parse_substances(" beer 2 cans ,red wine=a lot,, 3 joints, cannabis")
    assert [(u.what, u.amount) for u in uses] == [("beer", "2 cans"), ("red wine", "a lot"), ("joints", "3"),
                                                  ("cannabis", "")]
    assert parse_substances(format_substances(uses)) == uses
    assert parse_substances("") == [] and parse_substances(" , ,") == []
    odd = [SubstanceUse(what="7up"), SubstanceUse(what="red 5", amount="")]  # a what with a digit word
    assert format_substances(odd) == "7up=, red 5=" and parse_substances(format_substances(odd)) == odd
    assert parse_tags(" work,family , ,work ") == ["work", "family"]


def test_one_use_as_the_shell_gives_it() -> None:
    assert parse_use("beer=2") == SubstanceUse(what="beer", amount="2")
    assert parse_use("beer 2 cans") == SubstanceUse(what="beer", amount="2 cans")
    assert parse_use("wine=1,5 glasses") == SubstanceUse(what="wine", amount="1,5 glasses")  # a decimal comma
    assert parse_use("  ") is None


@pytest.mark.parametrize("text", ["=2", "2", " = 3 cans"])
def test_a_use_that_does_not_say_what_is_refused_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match="does not say what was used") as caught:
        parse_substances(f"beer, {text}")
    assert " ".join(text.split()) in str(caught.value)


def test_values_read_like_the_shell_and_the_app_say_them() -> None:
    sleep, mood = ITEMS["sleep"], ITEMS["mood"]
    assert read_value(sleep, "6,5") == read_value(sleep, " 6.5 ") == 6.5
    with pytest.raises(ValueError, match=r"^mood: 'six' is not a number \(0 to 10"):
        read_value(mood, "six")
    with pytest.raises(ValueError, match=r"^Mood must be from 0 to 10, not 11$"):
        read_value(mood, "11", "Mood")
    with pytest.raises(ValueError, match=r"^mood must be a whole number, not 6\.5$"):
        read_value(mood, "6.5")
    for odd in ("nan", "inf", "-inf", "1e999"):
        with pytest.raises(ValueError, match="is not a number"):
            read_value(mood, odd)


def test_a_checkin_is_about_now_or_the_past() -> None:
    assert checkin_at(None, NOW) == NOW
    assert checkin_at("yesterday 21:30", NOW) == datetime(2026, 11, 24, 21, 30).astimezone()
    assert checkin_at("monday", NOW).date() == date(2026, 11, 23)
    for future in ("+7", "tomorrow", "2999-01-01", "next monday"):
        with pytest.raises(ValueError, match="is in the future; a check-in is about now or the past"):
            checkin_at(future, NOW)
    assert checkin_at("10:04", NOW).minute == 4  # a clock a little ahead is fine
    with pytest.raises(ValueError, match="'1969-12-31' is too long ago"):
        checkin_at("1969-12-31", NOW)


# ----------------------------------------------------------------------------- properties
box_text = st.text(max_size=60) | st.lists(
    st.from_regex(r"\A[a-z ]{0,8}( ?= ?| )?[0-9a-z ]{0,8}\Z"), max_size=5).map(", ".join)


@settings(max_examples=400)
@given(box_text)
def test_any_box_text_reads_as_uses_or_one_line_and_reads_back_the_same(text: str) -> None:
    try:
        uses = parse_substances(text)
    except ValueError as exc:
        assert "\n" not in str(exc) and "does not say what was used" in str(exc)
        return
    for u in uses:
        SubstanceUse.model_validate(u.model_dump())  # what the store would write is valid
        assert u.what and "," not in u.what and "=" not in u.what
    assert parse_substances(format_substances(uses)) == uses


@given(st.text(max_size=60))
def test_tags_are_each_once_and_fit(text: str) -> None:
    tags = parse_tags(text)
    assert len(tags) == len(set(tags)) and all(0 < len(t) <= 40 and t == t.strip() for t in tags)
    assert parse_tags(", ".join(tags)) == tags


@given(st.text(max_size=20), st.sampled_from(sorted(ITEMS)))
def test_any_value_text_is_a_value_on_the_scale_or_one_line(text: str, item_id: str) -> None:
    item = ITEMS[item_id]
    try:
        value = read_value(item, text)
    except ValueError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(item_id)
    else:
        assert item.low <= value <= item.high


@given(st.text(max_size=30))
def test_any_at_text_is_a_past_moment_or_one_line(text: str) -> None:
    try:
        when = checkin_at(text, NOW)
    except ValueError as exc:
        assert "\n" not in str(exc)
    else:
        assert when <= NOW + timedelta(minutes=5) and when.year >= 1970
