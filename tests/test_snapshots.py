"""Screenshots of key screens at 80x24 and 60x20 on the demo store, compared with saved SVGs.

Textual is pinned to an exact version in pyproject.toml because snapshots change between
releases. Update them after a deliberate change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from imr_tui.demo import build_demo_store
from imr_tui.tui.app import IMRApp
from tests.conftest import CONTENT, FIXED_END, settle

SIZE = (80, 24)
SMALL = (60, 20)
BOTH = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)


@pytest.fixture
def demo_app(tmp_path: Path) -> IMRApp:
    store = build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


@pytest.fixture
def fired_app(tmp_path: Path) -> IMRApp:
    """The demo with three short nights before NOW: the "Sleeping less" warning sign shows on Home."""
    from datetime import timedelta

    from imr_tui.domain.checkin import CheckIn

    store = build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)
    for n in range(1, 4):
        store.add_checkin(CheckIn(at=NOW - timedelta(days=n, hours=-1), values={"sleep": 3}))
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot.app, pilot)


def test_home(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_settle)


def test_crisis(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("f2")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_lesson_page(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        pilot.app.open_lesson("reducing-relapses", "triggers")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_checkin(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)
        await pilot.press("6", "tab", "3")  # mood 6, anxiety 3
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


@BOTH
def test_home_with_a_fired_warning_sign(snap_compare, fired_app: IMRApp, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fired_app, terminal_size=size, run_before=_settle)


def test_crisis_60x20(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("f2")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run_before)


def test_checkin_60x20(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)
        await pilot.press("6", "tab", "3")  # mood 6, anxiety 3
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run_before)


@BOTH
def test_plan(snap_compare, demo_app: IMRApp, size) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("p")
        await _settle(pilot)
        await pilot.press("5")  # the emergency contacts: the last tab, its title not cut
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@BOTH
def test_report(snap_compare, demo_app: IMRApp, size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", "/home/person")  # the file's path is on the screen

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("r")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@BOTH
def test_welcome(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    from imr_tui.store.store import Store

    app = IMRApp(store=Store.open(tmp_path / "new"), content=CONTENT, clock=lambda: NOW, welcome=True)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


def test_journal(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        pilot.app.open("journal")
        await _settle(pilot)
        await pilot.press("down", "down")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_history_charts(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        pilot.app.open("history", end=FIXED_END)
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_history_sleep_with_its_warning_sign(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        pilot.app.open("history", end=FIXED_END)
        await _settle(pilot)
        pilot.app.screen.query_one("#trend-sleep").scroll_visible(top=True, animate=False)
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_history_month_of_mood(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        pilot.app.open("history", end=FIXED_END)
        await _settle(pilot)
        await pilot.press("m")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)
