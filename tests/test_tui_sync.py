"""The open app and sync conflicts: Home says a choice is waiting; the choice screen shows both and keeps one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import Goal
from imr_tui.store import sync
from imr_tui.store.store import Store
from tests.conftest import FIXED_NOW, make_app, settle


def _profile_both_changed(root: Path) -> Store:
    store = Store.open(root)
    store.update_profile(lambda p: p.goals.append(Goal(text="walk")) or p)
    before = store.profile_path.read_bytes()
    store.update_profile(lambda p: p.goals.append(Goal(text="swim there")) or p)
    (root / "profile.sync-conflict-20261120-123456-ABCDEFG.json").write_bytes(store.profile_path.read_bytes())
    store.profile_path.write_bytes(before)
    store.invalidate()
    store.update_profile(lambda p: p.goals.append(Goal(text="read here")) or p)
    return Store.open(root)  # merges: both kept, a choice waits


async def test_home_says_a_choice_is_waiting_and_the_person_keeps_the_other(tmp_path: Path) -> None:
    store = _profile_both_changed(tmp_path / "d")
    assert len(sync.pending_choices(store)) == 1
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        box = app.screen.query_one("#sync-choice", Static)
        assert box.display and "A choice is waiting" in str(box.render())
        await pilot.press("y")
        await settle(app, pilot)
        mine = str(app.screen.query_one("#sync-mine-text", Static).render())
        other = str(app.screen.query_one("#sync-other-text", Static).render())
        assert "read here" in mine and "swim there" in other
        await pilot.press("2")
        await settle(app, pilot)
        assert "No choice is waiting" in str(app.screen.query_one("#sync-what", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert not app.screen.query_one("#sync-choice", Static).display
    assert [g.text for g in Store.open(store.root).profile().goals] == ["walk", "swim there"]
    assert sync.pending_choices(store) == []


async def test_the_open_app_merges_a_conflict_copy_that_arrives(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        other = Store.open(tmp_path / "other")
        other.add_checkin(CheckIn(at=FIXED_NOW, values={"mood": 4}, note="from the laptop"))
        name = f"{FIXED_NOW:%Y-%m}.sync-conflict-20261120-123456-ABCDEFG.json"
        store.checkins_dir.mkdir(exist_ok=True)
        (store.checkins_dir / name).write_bytes(next(other.checkins_dir.iterdir()).read_bytes())
        app.data.poll(outside=False)
        for _ in range(100):  # the watcher looks once a second; wait for the merge, not for a time
            await pilot.pause()
            await settle(app, pilot)
            if not (store.checkins_dir / name).exists() and "done" in str(app.screen.query_one("#today").render()):
                break
        assert [c.note for c in store.checkins()] == ["from the laptop"]
        assert "Today's check-in: done" in str(app.screen.query_one("#today", Static).render())
