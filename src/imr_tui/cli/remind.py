"""`imr-tui remind`: one line when there is no check-in today (for a shell prompt or a timer).

It runs at shell prompts: only argparse and json are imported on its way (no pydantic, no Textual).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from imr_tui.cli.common import UserError, data_home


def add_parsers(sub: Any) -> None:
    m = sub.add_parser("remind", help="one line if you have not checked in today (for a shell prompt or timer)",
                       description="Prints one short line when there is no check-in today, else nothing. Always "
                                   "exits 0. --setup prints a systemd timer and a cron line to paste.")
    m.add_argument("--setup", action="store_true", help="print a systemd user timer + service and a cron line")
    m.add_argument("--after", metavar="HH:MM", help="print nothing before this time of day; with --setup: when the "
                                                    "reminder runs (default 20:00)")
    m.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export import remind

    after = None
    if args.after:
        try:
            after = remind.parse_clock(args.after)
        except ValueError as exc:
            raise UserError(f"--after: {exc}") from None
    if args.setup:
        from imr_tui import paths

        home: Path | None = None
        if args.home:
            home = Path(args.home).expanduser().absolute()
        elif os.environ.get(paths.ENV_HOME):
            home = paths.data_dir().absolute()
        sys.stdout.write(remind.setup_text(remind.command_path(), home, after or remind.DEFAULT_AT))
        return 0
    line = remind.reminder(data_home(args), after=after)
    if line:
        print(line)
    return 0
