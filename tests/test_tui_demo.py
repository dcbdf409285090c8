"""The demo: `--demo-days` alone means the demo (the real folder is never opened), a command refuses
--demo, and every screen says DEMO; the first one says that nothing is kept."""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from imr_tui.cli import main
from imr_tui.demo import build_demo_store
from imr_tui.tui.app import SCREENS, IMRApp
from imr_tui.tui.widgets.footer import DemoLabel
from tests.conftest import CONTENT, FIXED_END, run_cli, settle

NOW = datetime.combine(FIXED_END, time(9, 30), tzinfo=UTC)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `imr-tui` would have opened: the app is built but not run."""
    seen: list[dict[str, Any]] = []

    def run(self: IMRApp) -> None:
        seen.append({"root": self.store.root, "demo": self.demo, "welcome": self.welcome,
                     "checkins": len(self.store.checkins())})

    monkeypatch.setattr(IMRApp, "run", run)
    return seen


@pytest.mark.parametrize("argv", [["--demo-days", "5"], ["--demo"], ["--demo", "--demo-days", "3"]])
def test_demo_days_alone_opens_the_demo_and_never_the_real_folder(launched: list[dict[str, Any]], argv: list[str]):
    real = Path(os.environ["IMR_TUI_HOME"])
    assert main(argv) == 0
    assert not real.exists()  # no manifest.json, not even the folder
    [app] = launched
    assert app["demo"] and not app["welcome"]
    assert app["root"] != real and not app["root"].exists()  # a temporary folder, deleted on quit
    assert app["checkins"] > 0


def test_the_real_folder_opens_with_the_first_start_welcome(launched: list[dict[str, Any]]):
    assert main([]) == 0
    [app] = launched
    assert app["root"] == Path(os.environ["IMR_TUI_HOME"]) and app["welcome"] and not app["demo"]


@pytest.mark.parametrize("argv", [["--demo", "checkin", "--mood", "5"], ["--demo-days", "5", "export", "--csv", "x.csv"]])
def test_a_command_refuses_the_demo_flags_and_writes_nothing(tmp_path: Path, argv: list[str]):
    home = tmp_path / "data"
    r = run_cli(*argv, home=home)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "--demo opens the app on made-up data" in r.stderr
    assert not home.exists()


def test_demo_days_out_of_range_is_one_line(launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exc:
        main(["--demo-days", "0"])
    assert exc.value.code == 1 and "--demo-days must be from 1 to 36500" in capsys.readouterr().err
    assert not launched


@pytest.fixture
def demo_app(tmp_path: Path) -> IMRApp:
    store = build_demo_store(tmp_path / "demo", days=90, seed=7, end=FIXED_END, tz=UTC)
    return IMRApp(store=store, content=CONTENT, clock=lambda: NOW, demo=True)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_screen_of_the_demo_says_demo_and_home_says_nothing_is_kept(demo_app: IMRApp,
                                                                                size: tuple[int, int]):
    app = demo_app
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        note = str(app.screen.query_one("#demo-note", Static).render())
        assert "DEMO" in note and "Nothing you do here is kept" in note
        assert "nothing is kept" in app.sub_title
        for name in sorted(set(SCREENS) - {"home"}):
            app.open(name)
            await settle(app, pilot)
            for screen in (name, "crisis"):
                label = app.screen.query_one(DemoLabel)
                assert label.display and 0 < label.region.right <= size[0], (screen, label.region)
                if screen == name:
                    await pilot.press("f2")
                    await settle(app, pilot)
            await pilot.press("escape")
            app.open("home")
            await settle(app, pilot)


async def test_the_real_app_shows_no_demo_label(tmp_path: Path):
    store = build_demo_store(tmp_path / "demo", days=5, seed=7, end=FIXED_END, tz=UTC)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query(DemoLabel) and not app.screen.query("#demo-note")
