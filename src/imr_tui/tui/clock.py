"""The time as the TUI sees it. The App sets a fixed clock in tests so screenshots do not change by the day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

_clock: Callable[[], datetime] | None = None


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _clock
    _clock = clock


def now() -> datetime:
    """The current local time, aware."""
    return _clock() if _clock else datetime.now().astimezone()


def today() -> date:
    return now().date()
