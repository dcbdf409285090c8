"""The `imr-tui` command (entry point `imr_tui.cli:main`). See imr_tui.cli.main."""

from imr_tui.cli.common import UserError
from imr_tui.cli.main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "UserError", "build_parser", "main"]
