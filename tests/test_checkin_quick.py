"""The quick check-in's items (domain), yes/no items, and `imr-tui checkin --quick` in a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from imr_tui.domain.checkin import CheckInItem, default_items, is_yes_no, quick_items
from imr_tui.domain.settings import Settings
from imr_tui.store.store import Store


def ids(items: list[CheckInItem]) -> list[str]:
    return [i.id for i in items]


def test_the_quick_items_are_mood_unless_others_are_picked() -> None:
    settings = Settings()
    assert settings.quick_items == ["mood"] and ids(settings.quick()) == ["mood"]
    settings.quick_items = ["sleep", "mood", "gone"]  # the person's order of items, an unknown id is left out
    assert ids(settings.quick()) == ["mood", "sleep"]


def test_a_quick_item_that_is_turned_off_is_not_asked_and_one_item_is_always_left() -> None:
    items = default_items()
    for item in items:
        item.enabled = item.id not in ("mood", "anxiety")
    assert ids(quick_items(items, ["mood", "sleep"])) == ["sleep"]
    assert ids(quick_items(items, ["mood"])) == ["stress"]  # nothing picked is on: the first item that is
    assert quick_items([], ["mood"]) == []


def test_yes_no_items_and_their_reading() -> None:
    use = next(i for i in default_items() if i.id == "use")
    assert use.yes_no and is_yes_no(0, 1, 1) and not is_yes_no(0, 4, 1) and not is_yes_no(0, 1, 0.5)
    assert use.reading(1) == "used alcohol or drugs: yes" and use.reading(0) == "used alcohol or drugs: no"
    mood = next(i for i in default_items() if i.id == "mood")
    assert not mood.yes_no and mood.reading(1) == "mood 1"


def test_settings_keep_the_quick_items_through_a_save(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")

    def pick(settings: Settings) -> Settings:
        settings.quick_items = ["mood", "sleep"]
        return settings

    store.update_settings(pick)
    raw = json.loads(store.manifest_path.read_text())
    assert raw["settings"]["quick_items"] == ["mood", "sleep"]
    assert Store.open(tmp_path / "data").settings().quick_items == ["mood", "sleep"]


def _run_in_a_terminal(home: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    import pty

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "imr_tui", "checkin", *args], stdin=child_fd, stdout=child_fd,
                            stderr=child_fd, env={**os.environ, "IMR_TUI_HOME": str(home)})
    os.close(child_fd)
    out = b""
    try:
        for a in answers:
            time.sleep(0.3)
            os.write(main_fd, (a + "\n").encode())
        proc.wait(30)
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(main_fd)
    return proc.returncode, out.decode(errors="replace")


def test_quick_checkin_in_a_terminal_asks_only_the_quick_items(tmp_path: Path) -> None:
    home = tmp_path / "data"
    store = Store.open(home)

    def pick(settings: Settings) -> Settings:
        settings.quick_items = ["mood", "use"]
        return settings

    store.update_settings(pick)
    code, out = _run_in_a_terminal(home, ["--quick"], ["12", "7", "y"])  # 12 is off the scale: asked again
    assert code == 0, out
    (saved,) = Store.open(home).checkins()
    assert saved.values == {"mood": 7, "use": 1} and saved.medication is None and saved.note == ""
    assert "Quick check-in" in out and "must be from 0 to 10" in out and "[y or n]" in out
    assert "medication" not in out and "note" not in out
    assert "used alcohol or drugs: yes" in out


def test_quick_checkin_with_nothing_typed_saves_nothing(tmp_path: Path) -> None:
    home = tmp_path / "data"
    Store.open(home)
    code, out = _run_in_a_terminal(home, ["--quick"], [""])
    assert code == 0 and "nothing was saved" in out
    assert Store.open(home).checkins() == []


def test_quick_checkin_reads_a_bad_quick_list_as_a_clear_error(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    home = tmp_path / "data"
    store = Store.open(home)
    raw = json.loads(store.manifest_path.read_text())
    raw["settings"]["quick_items"] = "mood"
    store.manifest_path.write_text(json.dumps(raw))
    code, out = _run_in_a_terminal(home, ["--quick"], ["5"])
    assert code != 0 and "quick_items should be a list" in out and "Traceback" not in out
    r = run_cli("checkin", "--quick", home=home)  # no terminal, nothing given
    assert r.returncode != 0 and "nothing to save" in r.stderr


def test_quick_checkin_in_a_terminal_asks_mood_and_sleep_when_sleep_is_picked(tmp_path: Path) -> None:
    home = tmp_path / "data"
    store = Store.open(home)

    def pick(settings: Settings) -> Settings:
        settings.quick_items = ["mood", "sleep"]  # as the Settings screen saves it
        return settings

    store.update_settings(pick)
    code, out = _run_in_a_terminal(home, ["--quick"], ["6", "7.5"])
    assert code == 0, out
    (saved,) = Store.open(home).checkins()
    assert saved.values == {"mood": 6, "sleep": 7.5}
    assert "anxious" not in out and "stressed" not in out
