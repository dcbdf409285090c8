from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from imr_tui.store.store import Store
    from imr_tui.tui.app import IMRApp

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXED_END = date(2026, 11, 20)
# for a subprocess given a bare environment: it imports this source tree, not whichever imr_tui is installed
SOURCE = {"PYTHONPATH": str(ROOT / "src")}

# The one "now" of the TUI tests: 10:30 on FIXED_END, local wall time with the local offset (what the real
# clock gives). Under TZ=Pacific/Kiritimati (UTC+14) it is still 19 Nov in UTC, so a date taken in UTC
# where the local one is meant shows up; under TZ=Etc/GMT+12 it is 22:30 UTC.
FIXED_NOW = datetime.combine(FIXED_END, time(10, 30)).astimezone()


def pytest_configure(config: pytest.Config) -> None:
    """A TZ the C library does not know silently means UTC: then a run "under Kiritimati" would test nothing."""
    name = os.environ.get("TZ", "")
    if "/" not in name:  # unset, "UTC", or a POSIX rule like "EST5EDT": nothing to look up
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        expected = datetime.now(ZoneInfo(name.lstrip(":"))).utcoffset()
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise pytest.UsageError(f"TZ={name} is not a time zone this machine knows (install tzdata): {exc}") from exc
    actual = datetime.now().astimezone().utcoffset()
    if expected != actual:
        raise pytest.UsageError(f"TZ={name} should be {expected} from UTC, but local time here is {actual} from UTC "
                                "(install tzdata)")


def real_now() -> datetime:
    """The real local time: for the few tests where another process (the CLI) writes "now" as well."""
    return datetime.now().astimezone()


def make_app(store: Store, *, clock: datetime | Callable[[], datetime] = FIXED_NOW, content: Path = CONTENT,
             **kwargs: Any) -> IMRApp:
    """The App of every TUI test, always with a fixed clock (FIXED_NOW unless the test says otherwise).

    Write the test's data at FIXED_NOW (or days before it) so "today" on screen is the day of the data.
    """
    from imr_tui.tui.app import IMRApp

    if isinstance(clock, datetime):
        fixed = clock
        if fixed.tzinfo is None:
            raise ValueError("the clock of a test App must be aware, like the real one")
        clock = lambda: fixed  # noqa: E731
    return IMRApp(store=store, content=content, clock=clock, **kwargs)


@pytest.fixture(autouse=True)
def _clock_reset() -> Iterator[None]:
    """An App sets the TUI's clock for the whole process: no test leaves its clock to the next one."""
    yield
    from imr_tui.tui.clock import set_clock

    set_clock(None)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever touches the real data folder."""
    home = tmp_path_factory.mktemp("imr-home")
    monkeypatch.setenv("IMR_TUI_HOME", str(home / "data"))
    yield


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(store_dir: Path):
    from imr_tui.store.store import Store

    return Store.open(store_dir, lock_timeout=0.5)


@pytest.fixture
def demo_store(tmp_path: Path):
    from imr_tui.demo import build_demo_store

    return build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)


def run_cli(*args: str, home: Path | None = None, input: str | None = None, env: dict[str, str] | None = None):
    """Run `python -m imr_tui ARGS` in a subprocess (as a person would from the shell)."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    if home is not None:
        full_env["IMR_TUI_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "imr_tui", *args], capture_output=True, text=True,
                          input=input, env=full_env, timeout=60)


def aware(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until no save is waiting in the data service and no worker runs (twice in a row, since a
    save announces a change that starts a screen's reload). A worker cancelled by a newer one is fine."""
    import asyncio

    from textual.worker import WorkerCancelled

    quiet = 0
    for _ in range(400):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            quiet = 0
            continue
        data = getattr(app, "data", None)
        if (data is not None and not data.idle()) or any(w.is_running for w in app.workers):
            quiet = 0
            await asyncio.sleep(0.005)
            continue
        quiet += 1
        if quiet >= 2:
            break
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[], bool], seconds: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    """Let the app run until `condition()` holds (True) or `seconds` pass (False): for what a timer or
    another thread does, instead of sleeping for a guessed time (a debounce delay, say)."""
    import asyncio
    import time as _time

    deadline = _time.monotonic() + seconds
    while not condition():
        if _time.monotonic() > deadline:
            return False
        await pilot.pause()
        await asyncio.sleep(0.01)
    return True


async def crisis_round_trip(app, pilot, back_to) -> None:  # type: ignore[no-untyped-def]
    """F2 opens crisis help on top of the current screen; Escape returns to `back_to`."""
    from imr_tui.tui.screens.crisis import CrisisScreen

    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, CrisisScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is back_to


@pytest.fixture(autouse=True)
def _record_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notice an app shows is also kept, as "title: message", in `seen_notices(app)`."""
    from imr_tui.tui.app import IMRApp

    original = IMRApp.notify

    def notify(self, message, *, title="", **kwargs):  # type: ignore[no-untyped-def]
        self.__dict__.setdefault("_test_notices", []).append(f"{title}: {message}" if title else str(message))
        return original(self, message, title=title, **kwargs)

    monkeypatch.setattr(IMRApp, "notify", notify)


def seen_notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.__dict__.get("_test_notices", []))
