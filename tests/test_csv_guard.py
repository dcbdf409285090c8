"""CSV export: a cell a spreadsheet would run as a formula is written as text (a ' in front) unless --raw."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn, CheckInItem, SubstanceUse, default_items
from imr_tui.export.csv_export import FORMULA_START, checkins_csv, guard_cell, header
from imr_tui.store.store import Store
from tests.conftest import run_cli

AT = datetime(2026, 3, 1, 12, tzinfo=UTC)
ATTACKS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_formula_cells_are_guarded_and_numbers_are_not() -> None:
    temp = CheckInItem(id="temp", label="Temperature change", question="?", low=-5, high=5)
    checkins = [CheckIn(id=f"=id{i}", at=AT, values={"temp": -2}, note=attack, tags=[attack[:40]],
                        substances=[SubstanceUse(what=attack[:80])]) for i, attack in enumerate(ATTACKS)]
    items = [*default_items(), temp]
    guarded = rows(checkins_csv(checkins, items))
    raw = rows(checkins_csv(checkins, items, guard=False))
    head = guarded[0]
    assert head == raw[0] == header(items, checkins)  # the header never changes
    col = {name: head.index(name) for name in ("id", "temp", "substances", "tags", "note")}
    for g, r in zip(guarded[1:], raw[1:], strict=True):
        assert g[col["temp"]] == r[col["temp"]] == "-2"  # a number we write is a number
        for name in ("id", "substances", "tags", "note"):
            assert r[col[name]].startswith(FORMULA_START)  # --raw: exactly as typed
            assert g[col[name]] == "'" + r[col[name]]


def test_ordinary_text_is_left_alone() -> None:
    for text in ("Good day", "", "3 walks", "a=b", "note - with a dash", "'quoted"):
        assert guard_cell(text) == text


@given(st.text(max_size=30))
def test_a_guarded_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    out = guard_cell(text)
    assert not out.startswith(FORMULA_START)
    assert out == text or out == "'" + text


def test_cli_guards_by_default_and_raw_turns_it_off(store: Store, tmp_path: Path) -> None:
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}, note="=1+1"))
    guarded, raw = tmp_path / "g.csv", tmp_path / "r.csv"
    r = run_cli("export", "--csv", str(guarded), home=store.root)
    assert r.returncode == 0 and "start with '" in r.stdout
    assert run_cli("export", "--csv", str(raw), "--raw", home=store.root).returncode == 0
    note = rows(guarded.read_text())[0].index("note")
    assert rows(guarded.read_text())[1][note] == "'=1+1"
    assert rows(raw.read_text())[1][note] == "=1+1"
    r = run_cli("export", "--json", str(tmp_path / "e.json"), "--raw", home=store.root)
    assert r.returncode == 1 and "--raw is for --csv only" in r.stderr
