"""Screenshots of the check-in on the demo store: at 60x20 (80x24 is in test_snapshots.py), the
quick check-in, and the question Escape asks. Update with --snapshot-update after a deliberate change."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr_tui.demo import build_demo_store
from imr_tui.tui.app import IMRApp
from tests.conftest import CONTENT, FIXED_END, settle
from tests.test_snapshots import NOW


@pytest.fixture
def demo_app(tmp_path: Path) -> IMRApp:
    from datetime import UTC

    store = build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


def _keys(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run_before


def test_checkin_60x20(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app, terminal_size=(60, 20), run_before=_keys("c", "6", "tab", "3"))


def test_quick_checkin_80x24(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_keys("u", "1", "0"))


def test_checkin_leave_question_80x24(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_keys("c", "4", "escape"))
