"""Helpers the import tests share: files written by the test, the data folder's bytes, one-line errors,
and the fuzz check every parser must pass."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from imr_tui.imports.files import ImportProblem
from imr_tui.store.store import Store

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SUGGESTION = re.compile(r"=\s*-?[0-9]")  # "--mood-map 'great=6'": a value put in the person's mouth


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes (to show that nothing changed)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def one_line_error(r: Any, code: int = 1) -> str:
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return str(lines[0])


def write(tmp_path: Path, name: str, lines: list[str], *, bom: bool = False, end: str = "\n") -> Path:
    """A file of `lines` with the line end `end` ("\\n", "\\r\\n" or "\\r\\r\\n"), with or without a BOM."""
    p = tmp_path / name
    text = end.join(lines) + end
    p.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return p


def check_parse(parse: Callable[[bytes, Path], list[Any]], data: bytes, name: str = "fuzz.csv") -> None:
    """Only a clean one-line ImportProblem naming the file, or a full success: every check-in read is written
    once, all finite, and a second import adds nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        store = Store.open(Path(tmp) / "data")
        before = tree(store.root)
        try:
            checkins = parse(data, path)
        except ImportProblem as exc:
            text = str(exc)
            assert "\n" not in text and "\r" not in text and text.startswith(str(path)), text
            assert tree(store.root) == before
            return
        for c in checkins:
            assert all(v == v and abs(v) != float("inf") for v in c.values.values()), c.values
        added = store.import_checkins(checkins)
        assert added == len({c.id for c in checkins})
        assert len(store.checkins()) == added
        assert store.import_checkins(checkins) == 0  # twice adds nothing


def import_twice(fmt: str, path: Path, home: Path, *extra: str) -> str:
    """Dry run (writes nothing), import, import again (adds nothing, changes no byte). Returns the dry run's output."""
    from tests.conftest import run_cli

    dry = run_cli("import", fmt, str(path), "--dry-run", *extra, home=home)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: nothing was written." in dry.stdout
    assert not home.exists()
    r = run_cli("import", fmt, str(path), *extra, home=home)
    assert r.returncode == 0, r.stderr
    assert "Imported" in r.stdout
    before = tree(home)
    again = run_cli("import", fmt, str(path), *extra, home=home)
    assert again.returncode == 0, again.stderr
    assert "nothing was added" in again.stdout and " 0 new," in again.stdout
    assert tree(home) == before
    return str(dry.stdout)


def exported_rows(home: Path, tmp_path: Path) -> dict[str, dict[str, str]]:
    """`imr-tui export --csv` of a data folder, by check-in id."""
    import csv
    import io

    from tests.conftest import run_cli

    out = tmp_path / "export.csv"
    r = run_cli("export", "--csv", str(out), home=home)
    assert r.returncode == 0, r.stderr
    return {row["id"]: row for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline=""))}
