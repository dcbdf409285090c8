"""The data service: one writer thread in order, the newest draft wins, and the open app sees
changes another process makes (a shell check-in) without a key press."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Static

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import ActionStep, RelapsePlanBody, WarningRule, WarningSign
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.data import Change, DataDelivery, DataService
from tests.conftest import make_app, real_now, run_cli, settle


class _FakeApp:
    """Just enough of an App for the service: it collects what the service posts."""

    def __init__(self) -> None:
        self.posted: list[DataDelivery] = []
        self.screen_stack: list[Any] = []

    def post_message(self, message: DataDelivery) -> bool:
        self.posted.append(message)
        return True

    def notify(self, *args: Any, **kwargs: Any) -> None:
        pass


def _service(store: Store) -> tuple[DataService, _FakeApp]:
    app = _FakeApp()
    service = DataService(app, store, watch_interval=0)  # type: ignore[arg-type]
    service.start(watch=False)
    return service, app


def test_jobs_run_one_at_a_time_first_in_first_out(store: Store) -> None:
    service, _app = _service(store)
    order: list[int] = []
    running = 0
    overlap = False

    def job(n: int):  # type: ignore[no-untyped-def]
        def run(_store: Store) -> None:
            nonlocal running, overlap
            running += 1
            overlap = overlap or running > 1
            time.sleep(0.001)
            order.append(n)
            running -= 1
        return run

    for n in range(40):
        service.submit(job(n), what="a test job")
    assert service.close()
    assert order == list(range(40))
    assert not overlap


def test_the_newest_draft_with_a_key_wins_and_keeps_its_place(store: Store) -> None:
    service, _app = _service(store)
    gate = threading.Event()
    ran: list[str] = []
    service.submit(lambda s: gate.wait(5), what="a slow save")  # holds the writer so the drafts queue up
    for n in range(5):
        service.submit(lambda s, n=n: ran.append(f"draft {n}"), what="a draft", key="draft")
    service.submit(lambda s: ran.append("after"), what="another save")
    gate.set()
    assert service.close()
    assert ran == ["draft 4", "after"]


def test_close_finishes_every_queued_save(store: Store) -> None:
    service, _app = _service(store)
    for n in range(20):
        service.save_checkin(CheckIn(at=datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(hours=n), values={"mood": 5}),
                             new=True)
    assert service.close()
    assert len(Store.open(store.root).checkins()) == 20


def test_a_save_reports_what_changed_and_an_error_names_the_save(store: Store) -> None:
    service, app = _service(store)
    service.save_checkin(CheckIn(at=datetime(2026, 11, 3, 9, tzinfo=UTC), values={"mood": 5}), new=True)
    errors: list[str] = []

    def broken(_store: Store) -> None:
        raise ValueError("mood 11 is over 10")

    service.submit(broken, what="your check-in", on_error=errors.append)
    assert service.close()
    assert app.posted[0].change.checkins == frozenset({"2026-11"}) and not app.posted[0].change.outside
    for message in app.posted:
        for call in message.calls:
            call()
    assert errors == ["Your check-in could not be saved: mood 11 is over 10"]


def test_poll_sees_an_outside_change_and_names_the_month(store: Store) -> None:
    service, _app = _service(store)
    assert not service.poll()
    other = Store.open(store.root)
    other.add_checkin(CheckIn(at=datetime(2026, 10, 5, 9, tzinfo=UTC), values={"mood": 5}))
    other.update_settings(lambda s: s)
    change = service.poll()
    assert change == Change(checkins=frozenset({"2026-10"}), settings=True, outside=True)
    assert not service.poll()
    service.close()


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_a_shell_checkin_shows_on_the_open_home_and_fires_a_sign_without_a_key(store_dir: Path) -> None:
    store = Store.open(store_dir)
    yesterday = real_now() - timedelta(days=1)  # the shell check-in below is made at the real time
    store.add_checkin(CheckIn(at=yesterday, values={"sleep": 4}))
    store.save_plan(RelapsePlanBody(
        warning_signs=[WarningSign(id="w-sleep", text="Sleeping less", rule=WarningRule(
            item="sleep", comparison="<=", threshold=5, days=2, window=3))],
        action_steps=[ActionStep(text="Call Kwame")]))
    app = make_app(store, clock=real_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "not done yet" in _text(app, "#today")
        assert not app.screen.query_one("#warning-signs").display
        done = await asyncio.to_thread(run_cli, "checkin", "--sleep", "4.5", "--mood", "5", home=store_dir)
        assert done.returncode == 0, done.stderr
        # the watcher looks once a second, so this takes about a second; the deadline is generous for a
        # loaded CI machine (bench/idle_cpu.py and the note measure the real figure)
        assert await _until(lambda: "done" in _text(app, "#today").split(".")[0], 15), _text(app, "#today")
        assert await _until(lambda: app.screen.query_one("#warning-signs").display, 15)
        words = _text(app, "#warning-signs")
        assert "Sleeping less" in words and "Call Kwame" in words


async def test_a_screen_with_unsaved_typing_is_not_refreshed_and_says_newer_data_came(store_dir: Path) -> None:
    from textual.widgets import Input

    from imr_tui.tui.screens.settings import SettingsScreen
    from tests.conftest import seen_notices

    store = Store.open(store_dir)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("settings")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        reloads: list[Change] = []
        original = screen.reload
        screen.reload = lambda change: (reloads.append(change), original(change))  # type: ignore[method-assign]
        label = screen.query_one("#new-label", Input)
        label.value = "Pain"
        other = Store.open(store_dir)
        other.update_settings(lambda s: setattr(s, "country", "GB") or s)
        assert await _until(lambda: any("Newer data was saved" in n for n in seen_notices(app)), 15)
        assert label.value == "Pain" and reloads == []  # what was typed is kept; nothing was read over it
        label.value = ""
        other.update_settings(lambda s: setattr(s, "country", "IE") or s)
        assert await _until(lambda: bool(reloads), 15)  # with nothing typed, the screen reads the new data
        assert reloads[0].settings and reloads[0].outside


def test_the_app_class_stays_a_thin_shell() -> None:
    import imr_tui.tui.app as app_module

    lines = Path(app_module.__file__).read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, f"tui/app.py has {len(lines)} lines: move the logic to a screen, the data service or domain/"
