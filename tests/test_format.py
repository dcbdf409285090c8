"""domain/format.py: numbers and dates read the same on every screen, in the CLI and in exports."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from imr_tui.domain.checkin import default_items
from imr_tui.domain.format import (
    day_month,
    day_time,
    days_from,
    exact_number,
    full_day,
    long_day,
    number,
    reading,
    short_day,
    stamp,
    with_unit,
)

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


def test_numbers_known_answers() -> None:
    assert [number(x) for x in (6, 6.0, 6.5, -0.0, 0.1 + 0.2, 1234567.5)] == ["6", "6", "6.5", "0", "0.3", "1.23457e+06"]
    assert [number(x, 1) for x in (6, 6.0, 6.5, 6.14, 6.15001, 0.04, -0.04, 5.96)] == [
        "6", "6", "6.5", "6.1", "6.2", "0", "0", "6"]
    assert [exact_number(x) for x in (6.0, 6.5, 0.1 + 0.2)] == ["6", "6.5", "0.30000000000000004"]


@given(st.integers(-10**9, 10**9))
def test_a_whole_number_never_shows_a_decimal_point(n: int) -> None:
    assert number(float(n)) == number(float(n), 1) == exact_number(float(n)) == str(n)


@given(finite)
def test_a_shown_number_is_close_to_the_value(x: float) -> None:
    assert math.isclose(float(number(x)), x, rel_tol=1e-5, abs_tol=1e-300)
    assert not number(x).endswith(".0") and not number(x, 1).endswith(".0")
    assert math.isclose(float(number(x, 1)), round(x, 1), abs_tol=1e-9)


@given(finite)
def test_an_exported_number_reads_back_the_same(x: float) -> None:
    assert float(exact_number(x)) == x


def test_values_with_their_meaning() -> None:
    sleep = next(i for i in default_items() if i.id == "sleep")
    mood = next(i for i in default_items() if i.id == "mood")
    assert sleep.reading(6.5) == "6.5 hours of sleep" and mood.reading(6.0) == "mood 6"
    assert reading("Water", 3, "glasses") == "3 glasses of water"
    assert reading("Steps", 5000, "steps") == "5000 steps"  # a unit that is the item's own name is said once
    assert with_unit(6.25, "hours", 1) == "6.2 hours" and with_unit(7, "") == "7"


def test_date_labels() -> None:
    tue = date(2026, 11, 24)
    assert short_day(tue) == "Tue 24 Nov" and long_day(tue) == "Tue 24 Nov 2026"
    assert full_day(date(2026, 1, 5)) == "Monday 5 January"  # no leading zero
    assert short_day(date(2026, 1, 5)) == "Mon 5 Jan"
    assert day_month(tue) == "24 Nov" and day_month(tue, year=True) == "24 Nov 2026"
    at = datetime(2026, 11, 24, 8, 5, tzinfo=UTC)
    assert day_time(at) == "Tue 24 Nov 2026, 08:05" and stamp(at) == "2026-11-24 08:05"


@given(st.integers(-3000, 3000))
def test_a_day_relative_to_today(days: int) -> None:
    today = date(2026, 11, 24)
    words = days_from(today + timedelta(days=days), today)
    expected = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(
        days, f"in {days} days" if days > 0 else f"{-days} days ago")
    assert words == expected
