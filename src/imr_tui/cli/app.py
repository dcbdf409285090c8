"""`imr-tui` with no command: open the app (the only part of the CLI that imports Textual), or --demo."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import UserError, open_store

if TYPE_CHECKING:
    from imr_tui.store.store import Store

DEMO_DAYS = 90


def run_tui(args: argparse.Namespace) -> int:
    import sys

    from imr_tui import paths

    if sys.stdin is None or sys.stdout is None:
        raise UserError("the app needs a terminal, and this one has no input or output (closed); "
                        "the commands work without one, e.g. imr-tui checkin --mood 6")

    content = args.content or paths.content_dir()
    if args.demo:
        import tempfile

        from imr_tui.demo import build_demo_store

        days = DEMO_DAYS if args.demo_days is None else args.demo_days
        if days < 1 or days > 36500:
            raise UserError("--demo-days must be from 1 to 36500")
        with tempfile.TemporaryDirectory(prefix="imr-tui-demo-") as tmp:
            store = build_demo_store(Path(tmp) / "data", days=days)
            return _launch(store, content, demo=True)
    store = open_store(args)
    problems = store.permission_problems()
    if problems:
        raise UserError(problems[0] + "; imr-tui will not open health data others can read")
    return _launch(store, content, welcome=True)


def _launch(store: Store, content: Path, *, demo: bool = False, welcome: bool = False) -> int:
    from imr_tui.tui.app import IMRApp

    IMRApp(store=store, content=content, demo=demo, welcome=welcome).run()
    return 0
