"""The command line, through a subprocess, as a person would use it from the shell."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from imr_tui.cli import UserError
from imr_tui.cli.checkin import parse_when
from tests.conftest import run_cli


def test_checkin_saves_and_says_what_was_saved(tmp_path: Path) -> None:
    home = tmp_path / "data"
    r = run_cli("checkin", "--mood", "3", "--stress", "7", "--sleep", "6.5", "--note", "[bold]as typed[/x]", home=home)
    assert r.returncode == 0, r.stderr
    assert "mood 3" in r.stdout and "stress 7" in r.stdout and "6.5 hours of sleep" in r.stdout
    (month,) = (home / "checkins").iterdir()
    entry = json.loads(month.read_text())["checkins"][0]
    assert entry["values"] == {"mood": 3.0, "stress": 7.0, "sleep": 6.5}
    assert entry["note"] == "[bold]as typed[/x]"


def test_checkin_options(tmp_path: Path) -> None:
    home = tmp_path / "data"
    r = run_cli("checkin", "--at", "yesterday 21:30", "--sleep-quality=2", "--set", "urge=4", "--med", "partly",
                "--substance", "beer=2 cans", "--tag", "walk", home=home)
    assert r.returncode == 0, r.stderr
    from imr_tui.store.store import Store

    (c,) = Store.open(home).checkins()
    assert c.values == {"sleep_quality": 2, "urge": 4}
    assert c.at.date() == (datetime.now().astimezone() - timedelta(days=1)).date() and c.at.hour == 21
    assert c.medication is not None and c.medication.value == "partly"
    assert c.substances[0].what == "beer" and c.substances[0].amount == "2 cans"
    assert c.tags == ["walk"]


@pytest.mark.parametrize(("args", "message"), [
    (["--moood", "3"], "unknown check-in item 'moood'. Did you mean --mood?"),
    (["--mood", "11"], "mood must be from 0 to 10, not 11"),
    (["--mood", "six"], "is not a number"),
    (["--mood", "nan"], "is not a number"),
    (["--mood"], "--mood needs a value"),
    (["--mood", "3", "--mood", "4"], "mood is given twice"),
    (["--at", "2026-13-45", "--mood", "3"], "--at: '2026-13-45' is not a real date"),
    (["--at", "soon", "--mood", "3"], "--at: 'soon' is not a date I know. Type a date like yesterday 21:30"),
    (["--at", "25:00", "--mood", "3"], "--at: '25:00' is not a time of day"),
    (["--at", "+7", "--mood", "3"], "in the future"),
    (["--substance", "=2", "--mood", "3"], "--substance '=2' does not say what was used. Write it like beer=2"),
    (["--at", "2999-01-01", "--mood", "3"], "in the future"),
    (["--med", "maybe"], "invalid choice"),
    (["3"], "unexpected '3'"),
    ([], "nothing to save"),
])
def test_bad_input_gets_one_line_and_exit_1(tmp_path: Path, args: list[str], message: str) -> None:
    home = tmp_path / "data"
    r = run_cli("checkin", *args, home=home, input="")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (home / "checkins").exists()


def test_list_items(tmp_path: Path) -> None:
    r = run_cli("checkin", "--list-items", home=tmp_path / "data")
    assert r.returncode == 0
    assert "--mood" in r.stdout and "low is worse" in r.stdout and "--sleep-quality" in r.stdout


def test_corrupt_store_exit_2_names_file_and_offers_backup(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--mood", "3", home=home).returncode == 0  # also makes the daily backup
    (month,) = (home / "checkins").iterdir()
    month.write_text('{"schema_version": 1, "kind": "checkins", "checkins": [')
    r = run_cli("checkin", "--mood", "4", home=home)
    assert r.returncode == 2
    assert month.name in r.stderr and "cut short" in r.stderr
    assert "imr-tui restore" in r.stderr and "Traceback" not in r.stderr
    assert run_cli("verify", home=home).returncode == 2
    r = run_cli("restore", home=home)
    assert r.returncode == 0 and "Restored checkins/" in r.stdout
    assert run_cli("verify", home=home).returncode == 0
    assert len(list((home / "quarantine").iterdir())) == 1


def test_newer_version_exit_2(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--mood", "3", home=home).returncode == 0
    manifest = home / "manifest.json"
    raw = json.loads(manifest.read_text())
    raw["schema_version"] = 7
    manifest.write_text(json.dumps(raw))
    r = run_cli("checkin", "--mood", "4", home=home)
    assert r.returncode == 2 and "newer imr-tui" in r.stderr


def test_backup_restore_snapshot_and_verify(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--mood", "3", home=home).returncode == 0
    r = run_cli("backup", home=home)
    assert r.returncode == 0 and "Backup made" in r.stdout
    listed = run_cli("backup", "--list", home=home).stdout.split()
    assert listed
    assert run_cli("checkin", "--mood", "9", "--at", "2026-01-05", home=home).returncode == 0
    r = run_cli("restore", "--snapshot", "latest", home=home)
    assert r.returncode == 0, r.stderr
    r = run_cli("restore", "--snapshot", "nope", home=home)
    assert r.returncode == 1 and "no backup named" in r.stderr
    v = run_cli("verify", home=home)
    assert v.returncode == 0 and "read back fine" in v.stdout


def test_verify_on_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    r = run_cli("verify", home=tmp_path / "nothing-here")
    assert r.returncode == 2 and "No imr-tui data folder" in r.stderr


def test_interactive_checkin_through_a_pseudo_terminal(tmp_path: Path) -> None:
    """With no values and a terminal, it asks one question at a time (Enter skips)."""
    import pty
    import subprocess
    import sys
    import time

    home = tmp_path / "data"
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "imr_tui", "checkin"], stdin=child_fd, stdout=child_fd,
                            stderr=child_fd, env={**os.environ, "IMR_TUI_HOME": str(home)})
    os.close(child_fd)
    answers = ["6", "12", "5"] + [""] * 8 + ["y", "a quiet day"]  # 10 items, then medication and note
    out = b""
    try:
        for a in answers:
            time.sleep(0.15)
            os.write(main_fd, (a + "\n").encode())
        proc.wait(20)
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
    assert proc.returncode == 0, out.decode(errors="replace")
    from imr_tui.store.store import Store

    (c,) = Store.open(home).checkins()
    assert c.values["mood"] == 6 and c.values["anxiety"] == 5  # 12 was refused, then 5 accepted
    assert c.note == "a quiet day" and c.medication is not None and c.medication.value == "yes"
    assert b"must be from 0 to 10" in out


def test_parse_when_known_answers() -> None:
    now = datetime(2026, 11, 25, 10, 0).astimezone()
    assert parse_when(None, now) == now
    assert parse_when("21:30", now - timedelta(hours=-12)).hour == 21
    assert parse_when("2026-11-20", now).hour == 12
    assert parse_when("yesterday", now).date() == (now - timedelta(days=1)).date()
    assert parse_when("2026-11-20T08:00:00+02:00", now).utcoffset() == timedelta(hours=2)
    with pytest.raises(UserError):
        parse_when("soon", now)


def test_version_and_module_entry_point(tmp_path: Path) -> None:
    r = run_cli("--version", home=tmp_path / "data")
    assert r.returncode == 0 and r.stdout.startswith("imr-tui ")
    r = run_cli("nonsense", home=tmp_path / "data")
    assert r.returncode == 1 and "invalid choice" in r.stderr


def test_the_app_refuses_a_folder_others_can_read(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--mood", "3", home=home).returncode == 0
    os.chmod(home, 0o755)
    r = run_cli(home=home)  # the TUI: refused before any screen is drawn
    assert r.returncode == 1
    assert "can be read by other users" in r.stderr and "chmod go-rwx" in r.stderr


def test_commands_list_matches_the_full_parser_and_one_command_parses_the_same() -> None:
    import re

    from imr_tui.cli import COMMANDS, build_parser

    full = build_parser()
    help_text = full.format_help()  # what `imr-tui --help` lists under COMMAND, one per line, indented 4
    listed = set(re.findall(r"^    ([a-z][a-z-]*)(?: {2,}|$)", help_text, flags=re.MULTILINE))
    assert "checkin" in listed and "remind" in listed, help_text
    assert listed == COMMANDS  # the fast path knows every command
    argv = ["checkin", "--mood", "3", "--at", "yesterday", "--tag", "walk"]
    assert build_parser(only="checkin").parse_known_args(argv) == full.parse_known_args(argv)
    argv = ["report", "--from", "2026-01-01", "--to", "2026-01-31", "--md", "r.md"]
    assert build_parser(only="report").parse_known_args(argv) == full.parse_known_args(argv)


def test_the_app_with_no_command_builds_no_command_parser() -> None:
    from imr_tui.cli.main import opens_app

    assert opens_app([]) and opens_app(["--demo"]) and opens_app(["--home", "x", "--demo-days", "3"])
    assert not opens_app(["checkin"]) and not opens_app(["--help"]) and not opens_app(["--home"])
    assert not opens_app(["--home", "x", "nope"])
