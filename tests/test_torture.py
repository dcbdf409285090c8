"""Kill -9 at random moments while saving: every acknowledged check-in survives, every file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.torture import torture


@pytest.mark.slow
def test_fifty_kills_lose_nothing(tmp_path: Path) -> None:
    result = torture(tmp_path / "data", kills=50, seed=20261125, max_delay=0.3)
    assert result.kills == 50
    assert result.acknowledged > 50  # the writers really were saving
    assert result.lost == []
    assert result.unreadable == []
