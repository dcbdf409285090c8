"""`imr-tui remind`: one line without a check-in today, nothing with one; fast, no pydantic or Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from imr_tui.export.remind import (
    MESSAGE,
    UNREADABLE,
    command_path,
    parse_clock,
    reminder,
    setup_text,
)
from imr_tui.store.fast import checked_in_on
from tests.conftest import SOURCE, run_cli

DAY = date(2026, 11, 20)


def write_month(home: Path, month: str, ats: list[str]) -> Path:
    folder = home / "checkins"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{month}.json"
    entries = [{"id": f"c{i}", "at": at, "values": {"mood": 5}} for i, at in enumerate(ats)]
    path.write_text(json.dumps({"schema_version": 1, "kind": "checkins", "month": month, "checkins": entries}))
    return path


def test_cli_one_line_before_and_nothing_after_a_checkin(tmp_path: Path) -> None:
    home = tmp_path / "data"
    r = run_cli("remind", home=home)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout == MESSAGE + "\n"
    assert not home.exists()  # reminding never creates the data folder
    assert run_cli("checkin", "--mood", "5", home=home).returncode == 0
    r = run_cli("remind", home=home)
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""


def test_cli_yesterday_does_not_count(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--at", "yesterday 21:00", "--mood", "5", home=home).returncode == 0
    r = run_cli("remind", home=home)
    assert r.returncode == 0 and r.stdout == MESSAGE + "\n"


def test_day_is_the_date_of_at_in_its_own_offset(tmp_path: Path) -> None:
    # 23:30 at -10:00 is 09:30 UTC the next day, but the person lived it on the 20th
    write_month(tmp_path, "2026-11", ["2026-11-20T23:30:00-10:00"])
    assert checked_in_on(tmp_path, DAY) is True
    assert checked_in_on(tmp_path, DAY + timedelta(days=1)) is False
    # 00:30 at +01:00 on the 21st is 23:30 UTC on the 20th: it belongs to the 21st
    write_month(tmp_path, "2026-11", ["2026-11-21T00:30:00+01:00", "2026-11-19T22:00:00Z"])
    assert checked_in_on(tmp_path, DAY) is False
    assert checked_in_on(tmp_path, DAY + timedelta(days=1)) is True
    assert checked_in_on(tmp_path, DAY - timedelta(days=1)) is True
    # another month's file is not this month's
    assert checked_in_on(tmp_path, date(2026, 12, 20)) is False


def test_reminder_after_a_time_of_day(tmp_path: Path) -> None:
    morning = datetime.combine(DAY, time(9, 0))
    evening = datetime.combine(DAY, time(19, 0))
    assert reminder(tmp_path, morning, after=time(18, 0)) == ""
    assert reminder(tmp_path, evening, after=time(18, 0)) == MESSAGE
    write_month(tmp_path, "2026-11", ["2026-11-20T08:00:00+00:00"])
    assert reminder(tmp_path, evening, after=time(18, 0)) == ""


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", UNREADABLE),
    ('{"checkins": 3}', UNREADABLE),
    ("[]", UNREADABLE),
    ('{"checkins": [1, {"at": 5}, {"at": "2026-11-20 nonsense"}]}', MESSAGE),  # odd entries are no check-in
])
def test_unreadable_month_says_so_in_one_line(tmp_path: Path, content: str, expected: str) -> None:
    folder = tmp_path / "checkins"
    folder.mkdir()
    (folder / "2026-11.json").write_text(content)
    assert reminder(tmp_path, datetime.combine(DAY, time(20))) == expected


def test_cli_damaged_month_exit_0_one_line(tmp_path: Path) -> None:
    home = tmp_path / "data"
    today = datetime.now().astimezone().date()
    folder = home / "checkins"
    folder.mkdir(parents=True)
    (folder / f"{today.year:04d}-{today.month:02d}.json").write_text("{cut short")
    r = run_cli("remind", home=home)
    assert r.returncode == 0 and r.stdout == UNREADABLE + "\n"


@pytest.mark.parametrize("checked_in", [True, False])
def test_remind_never_loads_textual_or_pydantic(tmp_path: Path, checked_in: bool) -> None:
    home = tmp_path / "data"
    if checked_in:
        assert run_cli("checkin", "--mood", "5", home=home).returncode == 0
    code = ("import sys\nfrom imr_tui.cli import main\n"
            "for argv in (['remind'], ['remind', '--after', '00:00']):\n"
            "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
            "import json\nprint(json.dumps(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={"IMR_TUI_HOME": str(home), "PATH": "/usr/bin:/bin", **SOURCE})
    assert r.returncode == 0, r.stderr
    mods = set(json.loads(r.stdout.strip().splitlines()[-1]))
    heavy = {m for m in mods if m.split(".")[0] in {"textual", "pydantic", "pydantic_core", "rich", "yaml", "fpdf"}}
    assert not heavy, sorted(heavy)
    assert "imr_tui.domain.checkin" not in mods and "imr_tui.store.store" not in mods


def test_setup_prints_a_timer_a_service_and_a_cron_line(tmp_path: Path) -> None:
    home = tmp_path / "my data"
    r = run_cli("remind", "--setup", "--after", "19:30", home=home)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "OnCalendar=*-*-* 19:30:00" in out and "[Timer]" in out and "[Service]" in out
    assert "WantedBy=timers.target" in out and "systemctl --user enable --now imr-tui-remind.timer" in out
    cron = next(line for line in out.splitlines() if line.startswith("30 19 * * * "))
    assert "notify-send" in cron and "remind" in cron
    exec_start = next(line for line in out.splitlines() if line.startswith("ExecStart="))
    assert "$$msg" in exec_start and "notify-send" in exec_start
    # the absolute path of this very program, and the data folder (with a space, quoted)
    assert f"{sys.executable} -m imr_tui" in out or "/imr-tui" in out
    assert f"--home '{home}'" in cron
    assert not home.exists()


def test_setup_text_quoting() -> None:
    text = setup_text(["/opt/my apps/imr-tui"], Path("/home/a/100% data"), time(8, 5), uid=1000)
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert exec_start == ('ExecStart=/bin/sh -c "msg=$$(\'/opt/my apps/imr-tui\' --home \'/home/a/100%% data\' '
                          'remind); if [ -n \\"$$msg\\" ]; then notify-send imr-tui \\"$$msg\\"; fi"')
    assert "OnCalendar=*-*-* 08:05:00" in text
    assert "5 8 * * * export DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus; msg=$('/opt/my apps/imr-tui'" in text


def test_command_path(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "imr-tui"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    assert command_path(str(script)) == [str(script.resolve())]
    other = command_path("/somewhere/__main__.py")
    assert other[0].endswith("imr-tui") or other == [sys.executable, "-m", "imr_tui"]


def test_parse_clock() -> None:
    assert parse_clock("7:05") == time(7, 5)
    for bad in ("7", "25:00", "7:5", "seven", "-1:00"):
        with pytest.raises(ValueError, match="is not a time of day"):
            parse_clock(bad)


def test_cli_bad_after(tmp_path: Path) -> None:
    r = run_cli("remind", "--after", "late", home=tmp_path / "data")
    assert r.returncode == 1 and r.stderr.strip() == "imr-tui: --after: 'late' is not a time of day like 20:00"


def test_encrypted_folder_uses_the_time_the_month_was_saved(tmp_path: Path) -> None:
    import os

    from imr_tui.store.crypto import MARKER, SUFFIX

    (tmp_path / MARKER).write_text("{}")
    folder = tmp_path / "checkins"
    folder.mkdir()
    sealed = folder / f"2026-11.json{SUFFIX}"
    sealed.write_bytes(b"age-encryption.org/v1 ...")
    noon = datetime.combine(DAY, time(12)).timestamp()
    os.utime(sealed, (noon, noon))
    assert checked_in_on(tmp_path, DAY) is True
    assert checked_in_on(tmp_path, DAY + timedelta(days=1)) is False
    assert reminder(tmp_path, datetime.combine(DAY + timedelta(days=1), time(20))) == MESSAGE
    (tmp_path / MARKER).unlink()  # a plain folder never looks at .age files
    assert checked_in_on(tmp_path, DAY) is False


def test_other_offsets_in_the_same_month(tmp_path: Path) -> None:
    plus14 = timezone(timedelta(hours=14))
    at = datetime(2026, 11, 20, 0, 10, tzinfo=plus14)
    write_month(tmp_path, "2026-11", [at.isoformat()])
    assert checked_in_on(tmp_path, DAY) is True
