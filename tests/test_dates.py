"""domain/dates.py: one way to type a day or a time, for due dates and for `checkin --at`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.domain.dates import (
    LAST,
    NEXT,
    WEEKDAYS,
    DateError,
    check_day,
    due_examples,
    moment_for_day,
    parse_day,
    parse_moment,
    past_examples,
)
from imr_tui.domain.format import days_from

WED = date(2026, 11, 25)
NOW = datetime.combine(WED, time(10, 0)).astimezone()
days = st.dates(min_value=date(1971, 1, 1), max_value=date(9000, 12, 31))


def test_days_known_answers() -> None:
    assert parse_day("", WED) is None and parse_day("   ", WED) is None
    for text, expected in (
        ("today", WED), ("Tomorrow", date(2026, 11, 26)), ("yesterday", date(2026, 11, 24)),
        ("+7", date(2026, 12, 2)), ("+ 7", date(2026, 12, 2)), ("+7 days", date(2026, 12, 2)),
        ("in 3 days", date(2026, 11, 28)), ("-2", date(2026, 11, 23)), ("2 days ago", date(2026, 11, 23)),
        ("2026-12-01", date(2026, 12, 1)), ("2026-1-5", date(2026, 1, 5)),
        ("Friday", date(2026, 11, 27)), ("fri", date(2026, 11, 27)), ("fr.", date(2026, 11, 27)),
        ("wed", WED), ("next wed", date(2026, 12, 2)), ("last wed", date(2026, 11, 18)),
        ("monday", date(2026, 11, 30)),
    ):
        assert parse_day(text, WED) == expected, text


def test_a_weekday_on_its_own_looks_the_way_the_field_does() -> None:
    assert parse_day("monday", WED, NEXT) == date(2026, 11, 30)
    assert parse_day("monday", WED, LAST) == date(2026, 11, 23)
    assert parse_day("wednesday", WED, LAST) == WED  # today counts both ways
    assert parse_day("next monday", WED, LAST) == date(2026, 11, 30)  # said outright, it wins


@pytest.mark.parametrize(("text", "words"), [
    ("someday", "'someday' is not a date I know. Type a date like +7, friday or 2026-12-09."),
    ("2026-02-30", "'2026-02-30' is not a real date."),
    ("t", "'t' is not a date I know"),
    ("next", "'next' is not a date I know"),
    ("+99999", "'+99999' is not a date I know"),
])
def test_bad_days_get_one_line_naming_the_text(text: str, words: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_day(text, WED)
    assert str(caught.value).startswith(words)


def test_moments_known_answers() -> None:
    assert parse_moment(None, NOW) == NOW and parse_moment("", NOW) == NOW and parse_moment("now", NOW) == NOW
    assert parse_moment("today", NOW) == NOW  # a day alone is now when it is today ...
    assert parse_moment("2026-11-20", NOW) == datetime(2026, 11, 20, 12).astimezone()  # ... else noon
    assert parse_moment("21:30", NOW) == datetime(2026, 11, 25, 21, 30).astimezone()
    assert parse_moment("yesterday 21:30", NOW) == datetime(2026, 11, 24, 21, 30).astimezone()
    assert parse_moment("Yesterday, at 9.05", NOW) == datetime(2026, 11, 24, 9, 5).astimezone()
    assert parse_moment("-2 08:00", NOW) == datetime(2026, 11, 23, 8, 0).astimezone()
    assert parse_moment("monday", NOW) == datetime(2026, 11, 23, 12).astimezone()  # the last monday
    assert parse_moment("2026-11-20 21:30", NOW) == datetime(2026, 11, 20, 21, 30).astimezone()
    at = parse_moment("2026-11-20T08:00:00+02:00", NOW)
    assert at.utcoffset() == timedelta(hours=2) and at.hour == 8
    assert parse_moment("2026-11-20t08:00z", NOW) == datetime(2026, 11, 20, 8, tzinfo=UTC)


@pytest.mark.parametrize(("text", "words"), [
    ("soon", "'soon' is not a date I know. Type a date like yesterday 21:30, -2, monday or 2026-11-18 08:00."),
    ("25:00", "'25:00' is not a time of day"),
    ("yesterday 21:61", "'21:61' is not a time of day"),
    ("2026-13-45 10:00", "'2026-13-45' is not a real date"),
])
def test_bad_moments_get_one_line_naming_the_text(text: str, words: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_moment(text, NOW)
    assert str(caught.value).startswith(words)


def test_moment_for_day() -> None:
    assert moment_for_day(WED, NOW) is NOW
    assert moment_for_day(date(2026, 11, 1), NOW) == datetime(2026, 11, 1, 12).astimezone()


def test_check_day_says_what_a_date_stands_for() -> None:
    assert check_day("+3", WED) == (True, "= Sat 28 Nov 2026 (in 3 days)")
    assert check_day("", WED) == (True, "No date. You can type one like +7 or friday.")
    ok, words = check_day("someday", WED)
    assert not ok and "not a date I know" in words


# ----------------------------------------------------------------------------- properties
@settings(max_examples=400)
@given(st.text(max_size=40) | st.from_regex(r"\A(next |last |in |[+-])?[a-z0-9 .-]{1,12}\Z"), st.dates(),
       st.sampled_from([NEXT, LAST]))
def test_any_text_is_a_day_none_or_one_line_naming_it(text: str, today: date, toward: object) -> None:
    try:
        parse_day(text, today, toward)  # type: ignore[arg-type]
    except DateError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith("'")
        assert " ".join(text.split())[:20] in message or "..." in message


@settings(max_examples=400)
@given(st.text(max_size=40) | st.from_regex(r"\A[a-z0-9 :+.-]{1,20}\Z"), days)
def test_any_text_is_a_moment_or_one_line(text: str, today: date) -> None:
    now = datetime.combine(today, time(10)).astimezone()
    try:
        moment = parse_moment(text, now)
    except DateError as exc:
        assert "\n" not in str(exc)
    else:
        assert moment.tzinfo is not None


@given(days, days)
def test_an_iso_date_and_what_the_app_shows_read_back_as_that_day(d: date, today: date) -> None:
    assert parse_day(d.isoformat(), today) == d
    if abs((d - today).days) <= 9999:
        assert parse_day(days_from(d, today), today) == d  # "in 3 days", "yesterday", "3 days ago"


@given(st.integers(0, 9999), days)
def test_plus_and_minus_count_days_from_today(n: int, today: date) -> None:
    assert parse_day(f"+{n}", today) == today + timedelta(days=n)
    assert parse_day(f"-{n} days", today) == today - timedelta(days=n)


@given(st.sampled_from(WEEKDAYS), st.integers(2, 9), days)
def test_a_weekday_is_the_nearest_one_in_the_fields_direction(name: str, letters: int, today: date) -> None:
    typed = name[:letters]
    ahead, back = parse_day(typed, today, NEXT), parse_day(typed, today, LAST)
    assert ahead is not None and back is not None
    assert WEEKDAYS[ahead.weekday()] == WEEKDAYS[back.weekday()] == name
    assert 0 <= (ahead - today).days <= 6 and 0 <= (today - back).days <= 6
    nxt, lst = parse_day(f"next {typed}", today), parse_day(f"last {typed}", today)
    assert nxt is not None and lst is not None and 1 <= (nxt - today).days <= 7 and 1 <= (today - lst).days <= 7


@given(days)
def test_no_example_of_a_due_date_is_in_the_past(today: date) -> None:
    examples = re.split(r", | or ", due_examples(today))
    assert len(examples) == 3
    for example in examples:
        d = parse_day(example, today, NEXT)
        assert d is not None and d >= today, example


@given(days)
def test_no_example_of_when_a_checkin_was_is_in_the_future(today: date) -> None:
    now = datetime.combine(today, time(10)).astimezone()
    examples = re.split(r", | or ", past_examples(today))
    assert len(examples) == 4
    for example in examples:
        assert parse_moment(example, now) <= now, example


def test_report_days_use_the_same_grammar() -> None:
    from imr_tui.cli.report import report_period

    assert report_period("-6", "yesterday", today=WED) == (date(2026, 11, 19), date(2026, 11, 24))
    assert report_period("last monday", None, today=WED) == (date(2026, 11, 23), WED)
    assert report_period("monday", "2026-11-24", today=WED) == (date(2026, 11, 23), date(2026, 11, 24))
