"""The import registry: a format is one object and one line in FORMATS, and `imr-tui import NAME FILE` works."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from imr_tui.cli import main
from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.imports.base import ImportFormat, ImportPlan, Target
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.registry import FORMATS
from imr_tui.store.store import Store


class Lines:
    """A made-up format: one line a day, 'YYYY-MM-DD COPING' (COPING optional); the mood comes from --mood."""

    name = "lines"
    description = "a test format"
    details = "One day a line."
    file_help = "a text file"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--mood", type=float, default=5)

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        checkins, coping, left_out = [], [], []
        for n, line in enumerate(path.read_text().splitlines(), 1):
            day, _, rest = line.partition(" ")
            try:
                at = datetime.fromisoformat(day + "T12:00").astimezone()
            except ValueError:
                raise ImportProblem(f"{path}: line {n}: {day!r} is not a date") from None
            checkins.append(CheckIn(id=f"lines-{day}", at=at, values={"mood": options["mood"]}))
            if rest:
                coping.append(CopingUse(id=f"lines-c-{day}", at=at, strategy=rest, distress_before=6, distress_after=3))
            if rest and dry_run:
                left_out.append(f"line {n}: nothing left out")
        new = target.new_checkins(checkins)
        new_coping = target.new_coping(coping)
        return ImportPlan(source=f"Lines file: {path.name}", lines=[f"{len(new)} new, {len(new_coping)} new coping"],
                          checkins=checkins, coping=coping, changes=bool(new or new_coping), left_out=left_out,
                          preview=[f"first: {checkins[0].at:%Y-%m-%d}"] if checkins else [],
                          empty="" if checkins else "Nothing in it.",
                          done="Imported {checkins} check-ins and {coping} coping uses into {root}.")


def test_every_registered_format_has_the_interface() -> None:
    assert set(FORMATS) == {"daylio", "bearable", "emoods", "imoodjournal", "jrnl", "pixels", "json"}
    for name, fmt in FORMATS.items():
        assert fmt.name == name and fmt.description and fmt.details and fmt.file_help
        parser = argparse.ArgumentParser()
        fmt.add_options(parser)  # its options do not clash with FILE and --dry-run
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")


def test_a_format_added_to_the_registry_runs_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    fmt: ImportFormat = Lines()
    monkeypatch.setitem(FORMATS, "lines", fmt)
    home = tmp_path / "data"
    path = tmp_path / "days.txt"
    path.write_text("2026-11-01 walk\n2026-11-02\n")

    assert main(["--home", str(home), "import", "lines", str(path), "--dry-run", "--mood", "7"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Lines file: days.txt", "line 1: nothing left out", "2 new, 1 new coping", "first: 2026-11-01",
                   "Dry run: nothing was written."]
    assert not home.exists()  # a dry run makes no data folder

    assert main(["--home", str(home), "import", "lines", str(path), "--mood", "7"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 check-ins and 1 coping uses" in out and "backup" not in out  # nothing to back up yet
    store = Store.open(home)
    assert [c.values for c in store.checkins()] == [{"mood": 7}, {"mood": 7}]
    assert [u.strategy for u in store.coping_uses()] == ["walk"]

    assert main(["--home", str(home), "import", "lines", str(path)]) == 0  # again: nothing new
    out = capsys.readouterr().out
    assert "0 new, 0 new coping" in out and "nothing was added" in out

    path.write_text(path.read_text() + "2026-11-03\n")
    assert main(["--home", str(home), "import", "lines", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 new, 0 new coping" in out and "A backup was made first" in out
    assert len(Store.open(home).checkins()) == 3


def test_a_format_problem_is_one_line_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(FORMATS, "lines", Lines())
    home = tmp_path / "data"
    path = tmp_path / "bad.txt"
    path.write_text("2026-11-01\nnot-a-day\n")
    with pytest.raises(SystemExit) as info:
        main(["--home", str(home), "import", "lines", str(path)])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.strip() == f"imr-tui: {path}: line 2: 'not-a-day' is not a date"
    assert not home.exists()

    path.write_text("")
    assert main(["--home", str(home), "import", "lines", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Lines file: bad.txt", "Nothing in it."]
    assert not home.exists()
