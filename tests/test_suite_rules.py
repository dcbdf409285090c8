"""Rules for the tests themselves, read from their source, so they stay true as tests are added."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Files owned by other helpers that still break a rule; each entry must still be needed (checked below).
# TODO(lead): test_tui_crisis_everywhere.py makes `IMRApp(store=demo_store, content=CONTENT)`: use make_app.
NO_CLOCK_YET = {"test_tui_crisis_everywhere.py"}


def _test_files() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != "__init__.py")


def _calls_of(tree: ast.AST, name: str) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Name) and func.id == name) or (isinstance(func, ast.Attribute) and func.attr == name):
                yield node


def apps_without_a_clock(source: str) -> list[int]:
    """Lines of `IMRApp(...)` calls with no `clock=` (or `clock=None`)."""
    lines = []
    for call in _calls_of(ast.parse(source), "IMRApp"):
        clock = next((k for k in call.keywords if k.arg == "clock"), None)
        if len(call.args) >= 3:  # IMRApp(store, content, clock)
            continue
        if clock is None or (isinstance(clock.value, ast.Constant) and clock.value.value is None):
            lines.append(call.lineno)
    return lines


def test_every_app_in_the_tests_gets_a_fixed_clock() -> None:
    missing = {p.name: lines for p in _test_files() if (lines := apps_without_a_clock(p.read_text("utf-8")))}
    assert {n: ls for n, ls in missing.items() if n not in NO_CLOCK_YET} == {}, (
        "Make the App with tests.conftest.make_app(store) (or pass clock=): files and lines")
    assert set(missing) >= NO_CLOCK_YET, f"no longer needed in NO_CLOCK_YET: {NO_CLOCK_YET - set(missing)}"


def test_the_clock_rule_sees_a_missing_clock() -> None:
    assert apps_without_a_clock("app = IMRApp(store=s, content=C)\nb = m.IMRApp(s, C, clock=None)") == [1, 2]
    assert apps_without_a_clock("IMRApp(store=s, content=C, clock=lambda: NOW)\nIMRApp(s, C, f)\nmake_app(s)") == []

