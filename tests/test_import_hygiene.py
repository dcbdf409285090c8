"""Only tui/ imports Textual; the shell commands start without it (fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SOURCE

NON_UI = ["imr_tui", "imr_tui.paths", "imr_tui.cli", "imr_tui.demo", "imr_tui.domain.checkin", "imr_tui.domain.profile",
          "imr_tui.domain.progress", "imr_tui.domain.settings", "imr_tui.domain.summary", "imr_tui.domain.coping",
          "imr_tui.store.store", "imr_tui.store.backup", "imr_tui.store.verify", "imr_tui.store.migrations",
          "imr_tui.content.loader", "imr_tui.content.audit", "imr_tui.content.crisis", "imr_tui.cli.imports",
          "imr_tui.export.remind", "imr_tui.export.report", "imr_tui.export.csv_export",
          "imr_tui.imports.daylio", "imr_tui.imports.registry",
          "imr_tui.store.encryption", "imr_tui.store.fast", "imr_tui.insights.today", "imr_tui.insights.trends"]


def _modules_after(code: str, env_home: Path) -> set[str]:
    probe = code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                       env={"IMR_TUI_HOME": str(env_home), "PATH": "/usr/bin:/bin", **SOURCE})
    assert r.returncode == 0, r.stderr
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", NON_UI)
def test_non_ui_modules_do_not_import_textual(module: str, tmp_path: Path) -> None:
    mods = _modules_after(f"import {module}", tmp_path / "d")
    assert not {m for m in mods if m == "textual" or m.startswith("textual.")}


def test_importing_the_package_does_nothing(tmp_path: Path) -> None:
    home = tmp_path / "d"
    mods = _modules_after("import imr_tui, imr_tui.cli, imr_tui.paths", home)
    assert "pydantic" not in mods and "yaml" not in mods
    assert not home.exists()  # no folder created at import


@pytest.mark.parametrize("argv", [["checkin", "--mood", "3"], ["checkin", "--list-items"], ["verify"], ["backup"],
                                  ["content", "check"], ["remind"], ["plan", "show"], ["report"],
                                  ["export", "--csv", "/dev/null"]])
def test_shell_commands_never_load_textual_or_rich(argv: list[str], tmp_path: Path) -> None:
    code = (f"import sys\nfrom imr_tui.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass")
    mods = _modules_after(code, tmp_path / "d")
    assert "textual" not in mods
    if argv[0] == "checkin":
        assert "rich" not in mods and "yaml" not in mods
