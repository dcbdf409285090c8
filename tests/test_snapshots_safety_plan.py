"""Screenshot of the safety plan form at 80x24 on the demo store (see tests/test_snapshots.py for how to update)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from imr_tui.demo import build_demo_store
from imr_tui.tui.app import IMRApp
from tests.conftest import CONTENT, FIXED_END, settle

SIZE = (80, 24)
NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)


@pytest.fixture
def demo_app(tmp_path: Path) -> IMRApp:
    store = build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW)


def test_safety_plan_form(snap_compare, demo_app: IMRApp) -> None:  # type: ignore[no-untyped-def]
    """Step 4 of the guided form: the question, the supporters already in the plan, a line typed."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot.app, pilot)
        await pilot.press("p")
        await settle(pilot.app, pilot)
        await pilot.press("6", "a")
        await settle(pilot.app, pilot)
        await pilot.press(*"I stop answering my phone", "enter", "enter", "enter", "enter")
        await pilot.press(*"Ana 555-0142")
        await settle(pilot.app, pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)
