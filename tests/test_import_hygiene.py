"""Only tui/ imports Textual; the shell commands start without it (fast).

Every CLI command runs for real on a demo data folder (made with the demo generator), and must
succeed and print what it did, before the test looks at what was imported: a command that stopped
early (say, exit 2 on a missing folder) would prove nothing about its imports.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imr_tui.cli import COMMANDS
from tests.conftest import SOURCE

NON_UI = ["imr_tui", "imr_tui.paths", "imr_tui.cli", "imr_tui.demo", "imr_tui.domain.checkin", "imr_tui.domain.profile",
          "imr_tui.domain.progress", "imr_tui.domain.settings", "imr_tui.domain.summary", "imr_tui.domain.coping",
          "imr_tui.store.store", "imr_tui.store.backup", "imr_tui.store.verify", "imr_tui.store.migrations",
          "imr_tui.content.loader", "imr_tui.content.audit", "imr_tui.content.crisis", "imr_tui.cli.imports",
          "imr_tui.export.remind", "imr_tui.export.report", "imr_tui.export.csv_export",
          "imr_tui.imports.daylio", "imr_tui.imports.registry",
          "imr_tui.store.encryption", "imr_tui.store.fast", "imr_tui.insights.today", "imr_tui.insights.trends"]
HEAVY_FOR_A_PROMPT = {"textual", "rich", "yaml", "fpdf"}


def _run(code: str, home: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    report = "{'modules': sorted(sys.modules), **globals().get('RESULT', {})}"
    probe = f"{code}\nimport json, sys\nprint('\\n' + json.dumps({report}))"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                       env={"IMR_TUI_HOME": str(home), "PATH": "/usr/bin:/bin", **SOURCE, **(env or {})})
    assert r.returncode == 0, r.stderr
    result: dict[str, object] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def _textual(modules: object) -> set[str]:
    assert isinstance(modules, list)
    return {m for m in modules if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize("module", NON_UI)
def test_non_ui_modules_do_not_import_textual(module: str, tmp_path: Path) -> None:
    assert not _textual(_run(f"import {module}", tmp_path / "d")["modules"])


def test_importing_the_package_does_nothing(tmp_path: Path) -> None:
    home = tmp_path / "d"
    mods = _run("import imr_tui, imr_tui.cli, imr_tui.paths", home)["modules"]
    assert isinstance(mods, list) and "pydantic" not in mods and "yaml" not in mods
    assert not home.exists()  # no folder created at import


DAYLIO = "full_date,date,weekday,time,mood,activities,note_title,note\n2020-01-05,January 5,Sunday,20:30,good,walk,,\n"

# each case: the command lines run one after the other in one process, what each must print ("=..." for
# exactly that), and the exit codes
CASES: dict[str, tuple[list[list[str]], list[str], list[int]]] = {
    "checkin": ([["checkin", "--mood", "3", "--note", "x"], ["checkin", "--list-items"]],
                ["Saved your check-in", "--mood"], [0, 0]),
    "verify": ([["verify"], ["--version"]], ["read back fine", "imr-tui "], [0, 0]),
    "backup": ([["backup"], ["backup", "--list"]], ["Backup made:", "  20"], [0, 0]),
    "restore": ([["backup"], ["restore"], ["restore", "--snapshot", "latest"], ["restore", "--list"]],
                ["Backup made:", "nothing needed restoring", "Restored backup", "--before-restore"], [0, 0, 0, 0]),
    "plan": ([["plan", "show"], ["plan", "export", "--md", "{out}/plan.md"], ["plan", "export", "--pdf", "{out}/plan.pdf"]],
             ["# My relapse prevention plan", "Wrote your plan", "Wrote your plan"], [0, 0, 0]),
    "notes": ([["notes"], ["notes", "--search", "walk", "--from", "-30", "--to", "today"]],
              ["entries, newest first", "entries with"], [0, 0]),
    "encrypt": ([["encrypt"], ["verify"], ["decrypt"]], ["Encrypted", "read back fine", "Decrypted"], [0, 0, 0]),
    "content": ([["content", "check"], ["content", "schema"]], ["are fine", '"properties"'], [0, 0]),
    "report": ([["report", "--sections", "all", "notes"], ["report", "--md", "{out}/r.md"],
                ["report", "--pdf", "{out}/r.pdf"], ["report", "--card", "{out}/card.pdf"]],
               ["# Recovery report", "Wrote the report", "Wrote the report", "Wrote your crisis card"], [0, 0, 0, 0]),
    "export": ([["export", "--csv", "{out}/c.csv", "--json", "{out}/e.json", "--plan-md", "{out}/p.md"]],
               ["Wrote everything to"], [0]),
    "import": ([["export", "--json", "{out}/e.json"], ["import", "json", "{out}/e.json", "--dry-run"],
                ["import", "daylio", "{out}/daylio.csv"]],
               ["Wrote everything", "Dry run: nothing was written.", "Imported 1 new check-ins"], [0, 0, 0]),
    # (remind's own tests check that it loads no pydantic either: here a check-in runs in the same process)
    "remind": ([["remind", "--after", "00:00"], ["checkin", "--mood", "4"], ["remind", "--after", "00:00"],
                ["remind", "--setup"]], ["", "Saved your check-in", "=", "[Timer]"], [0, 0, 0, 0]),
}
CODE = """
import contextlib, io, sys
from imr_tui.cli import main
RESULT = {"codes": [], "outputs": []}
for argv in ARGVS:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    RESULT["codes"].append(code)
    RESULT["outputs"].append(out.getvalue())
"""


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from imr_tui.demo import build_demo_store

    return build_demo_store(tmp_path_factory.mktemp("demo") / "data", days=60, seed=7).root


def test_every_command_is_run_below() -> None:
    run = {argv[0] for argvs, _, _ in CASES.values() for argv in argvs}
    assert run - {"--version"} == COMMANDS  # a new command must be added here


@pytest.mark.parametrize("command", sorted(CASES))
def test_shell_commands_do_their_work_without_textual(command: str, demo_home: Path, tmp_path: Path) -> None:
    argvs, expected, codes = CASES[command]
    home = tmp_path / "data"
    shutil.copytree(demo_home, home)
    out = tmp_path / "out"
    out.mkdir()
    (out / "daylio.csv").write_text(DAYLIO)
    argvs = [[a.replace("{out}", str(out)) for a in argv] for argv in argvs]
    result = _run(f"ARGVS = {argvs!r}\n{CODE}", home, env={"IMR_TUI_PASSPHRASE": "correct horse battery"})
    assert result["codes"] == codes, result["outputs"]
    outputs = result["outputs"]
    assert isinstance(outputs, list)
    for text, want in zip(outputs, expected, strict=True):
        assert text == want[1:] if want.startswith("=") else want in text, (want, text)
    assert not _textual(result["modules"])
    if command == "checkin":  # it runs at shell prompts: nothing heavy besides pydantic
        modules = result["modules"]
        assert isinstance(modules, list)
        assert not {m for m in modules if m.split(".")[0] in HEAVY_FOR_A_PROMPT}


def test_the_app_itself_does_import_textual(tmp_path: Path) -> None:
    """The check above can see Textual: the app's own import path loads it."""
    assert _textual(_run("import imr_tui.cli.app\nfrom imr_tui.tui.app import IMRApp", tmp_path / "d")["modules"])
