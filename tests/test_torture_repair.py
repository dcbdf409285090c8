"""Kill -9 at random moments of restore, restore --snapshot, import, encrypt and decrypt: 5 kills each here
(bench/torture_repair.py: 30 or more). Every check-in stays readable, each command is all or nothing, and
no plaintext is left in an encrypted folder (tests/torture_repair.py says exactly what is checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.torture_repair import COMMANDS, summary, torture


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_five_kills_lose_nothing_and_leave_no_plaintext(tmp_path: Path, command: str) -> None:
    if command in ("encrypt", "decrypt"):
        pytest.importorskip("pyrage")
    result = torture(command, kills=5, workdir=tmp_path, seed=20261202)
    assert result.kills == 5, summary(result)
    assert result.failures == [], summary(result)
