"""A file that is there already is never replaced without --force: report, export and plan export."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import pytest

from imr_tui.demo import build_demo_store
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_store(tmp_path_factory.mktemp("force") / "data", days=10, end=date(2026, 11, 20), tz=UTC).root


@pytest.mark.parametrize("argv", [
    ["report", "--md", "{f}"], ["report", "--pdf", "{f}"], ["export", "--csv", "{f}"], ["export", "--json", "{f}"],
    ["export", "--plan-md", "{f}"], ["plan", "export", "--md", "{f}"],
])
def test_an_existing_file_is_named_and_kept_unless_force(home: Path, tmp_path: Path, argv: list[str]) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my own notes")
    args = [a.replace("{f}", str(target)) for a in argv]
    r = run_cli(*args, home=home)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert str(target) in r.stderr and "there already" in r.stderr and "--force" in r.stderr
    assert target.read_text() == "my own notes"
    r = run_cli(*args, "--force", home=home)
    assert r.returncode == 0, r.stderr
    assert target.read_bytes() != b"my own notes" and target.stat().st_mode & 0o777 == 0o600


def test_export_checks_every_file_before_writing_any(home: Path, tmp_path: Path) -> None:
    there = tmp_path / "plan.md"
    there.write_text("keep")
    r = run_cli("export", "--csv", str(tmp_path / "c.csv"), "--plan-md", str(there), home=home)
    assert r.returncode == 1 and not (tmp_path / "c.csv").exists() and there.read_text() == "keep"
