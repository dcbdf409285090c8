"""`imr-tui remind`: one short line when there is no check-in today, for a shell prompt or a timer.

Fast on purpose (it may run at every prompt): it asks imr_tui.store.fast.checked_in_on, which reads
this month's check-in file with json and never imports pydantic or Textual (see there how a day is
counted, and what an encrypted folder does). "Today" is this computer's local date.
"""

from __future__ import annotations

import os
import shlex
import sys
from datetime import datetime, time
from pathlib import Path

from imr_tui.store.fast import checked_in_on

MESSAGE = "No check-in yet today. When you are ready: imr-tui checkin"
UNREADABLE = "imr-tui could not read this month's check-ins; run 'imr-tui verify'."
DEFAULT_AT = time(20, 0)
UNIT = "imr-tui-remind"


def reminder(home: Path, now: datetime | None = None, after: time | None = None) -> str:
    """The line to print ("" for nothing): nothing when there is a check-in today or it is before `after`."""
    now = now or datetime.now()
    if after is not None and now.time() < after:
        return ""
    found = checked_in_on(home, now.date())
    if found is None:
        return UNREADABLE
    return "" if found else MESSAGE


def parse_clock(text: str) -> time:
    """'20:00' -> time(20, 0); raises ValueError with a plain message."""
    try:
        hours, minutes = text.strip().split(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError
        return time(int(hours), int(minutes))
    except (ValueError, OverflowError):  # OverflowError: an hour too big for a C long
        raise ValueError(f"{text[:40]!r} is not a time of day like 20:00") from None


def command_path(argv0: str | None = None) -> list[str]:
    """How to run imr-tui from a timer: this very executable, with an absolute path."""
    import shutil

    argv0 = sys.argv[0] if argv0 is None else argv0
    if argv0:
        p = Path(argv0)
        if p.name in ("imr-tui", "imr-tui.exe") and p.is_file():
            return [str(p.resolve())]
    found = shutil.which("imr-tui")
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "imr_tui"]  # not resolved: a venv's python must stay the venv's


def _systemd_quote(text: str) -> str:
    """One double-quoted systemd word: backslash and quote escaped, $ and % doubled."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%") + '"'


def setup_text(command: list[str], home: Path | None, at: time = DEFAULT_AT, uid: int | None = None) -> str:
    """A systemd user timer + service and a cron line that show a desktop notification at `at` each day."""
    if uid is None:
        uid = getattr(os, "getuid", lambda: 1000)()
    run = " ".join(shlex.quote(part) for part in command)
    if home is not None:
        run += f" --home {shlex.quote(str(home))}"
    run += " remind"
    shell = f'msg=$({run}); if [ -n "$msg" ]; then notify-send imr-tui "$msg"; fi'
    clock = f"{at.hour:02d}:{at.minute:02d}"
    return f"""\
# imr-tui check-in reminder: a desktop notification at {clock} on days with no check-in yet.
# Nothing is sent over the network. Pick ONE of the two ways below.

# ---- 1. systemd (most Linux desktops) --------------------------------------------------
# Save this as ~/.config/systemd/user/{UNIT}.service
[Unit]
Description=imr-tui: remind me to check in

[Service]
Type=oneshot
ExecStart=/bin/sh -c {_systemd_quote(shell)}

# Save this as ~/.config/systemd/user/{UNIT}.timer
[Unit]
Description=imr-tui: daily check-in reminder

[Timer]
OnCalendar=*-*-* {clock}:00
Persistent=true

[Install]
WantedBy=timers.target

# Then turn it on:
#   systemctl --user daemon-reload
#   systemctl --user enable --now {UNIT}.timer
# To turn it off again:
#   systemctl --user disable --now {UNIT}.timer

# ---- 2. cron -------------------------------------------------------------------------
# Run 'crontab -e' and add this line:
{at.minute} {at.hour} * * * export DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus; {shell}

# ---- In a terminal ----------------------------------------------------------------------
# To see the reminder when you open a terminal, add this line to ~/.bashrc:
#   {run}
"""
