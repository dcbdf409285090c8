"""Rules for the tests themselves, read from their source, so they stay true as tests are added."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Files owned by other helpers that still break a rule; each entry must still be needed (checked below).
NO_CLOCK_YET: set[str] = set()
# TODO(lead): private names still read, until there is a public way:
#   test_content.py `loader._load_cached` (owned by the content helper): needs a public cache hook in the loader.
PRIVATE_YET = {("test_content.py", "_load_cached")}
PRIVATE = re.compile(r"^_[^_]")  # _name, not __dunder__
ATTR_CALLS = {"getattr", "setattr", "delattr", "hasattr"}


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


def private_names(source: str) -> list[tuple[int, str]]:
    """(line, name) for each private name the code reaches into: `x._name`, `from a._b import C`,
    `from a import _name`, and `getattr(x, "_name")` / `monkeypatch.setattr(x, "_name", ...)`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and PRIVATE.match(node.attr):
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, part) for part in node.module.split(".") if PRIVATE.match(part)]
            found += [(node.lineno, a.name) for a in node.names if PRIVATE.match(a.name)]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ATTR_CALLS and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                value = node.args[1].value
                if isinstance(value, str) and PRIVATE.match(value):
                    found.append((node.lineno, value))
    return found


def test_no_test_reads_private_names() -> None:
    """A test that reads private state breaks on every refactor and tests the code, not what it does."""
    found = {(p.name, n): line for p in _test_files() for line, n in private_names(p.read_text("utf-8"))}
    assert {k: v for k, v in found.items() if k not in PRIVATE_YET} == {}, "private names read: (file, name): line"
    assert set(found) >= PRIVATE_YET, f"no longer needed in PRIVATE_YET: {PRIVATE_YET - set(found)}"


def test_the_private_rule_sees_each_form() -> None:
    code = ("x = store._cache\nfrom textual.widgets._footer import FooterKey\nfrom m import _f\n"
            "monkeypatch.setattr(loader, '_load', f)\ngetattr(a, '_b')\n")
    assert sorted(n for _, n in private_names(code)) == ["_b", "_cache", "_f", "_footer", "_load"]
    assert private_names("a.__dict__\nimport time as _time\nfrom t import settle as _settle\nsetattr(a, 'b', 1)") == []


def timed_pauses(source: str) -> list[int]:
    """Lines of `pilot.pause(<delay>)`: a sleep for a guessed time, usually a timer's."""
    return [call.lineno for call in _calls_of(ast.parse(source), "pause") if call.args or call.keywords]


def test_no_test_pauses_for_a_guessed_time() -> None:
    """Wait for the event (conftest.wait_for, settle) instead: a guess is slow, or flaky on a busy machine."""
    found = {p.name: lines for p in _test_files() if (lines := timed_pauses(p.read_text("utf-8")))}
    assert found == {}, "use tests.conftest.wait_for(pilot, condition) or settle(app, pilot): files and lines"
    assert timed_pauses("await pilot.pause(0.8)\nawait pilot.pause(delay=1)\nawait pilot.pause()") == [1, 2]
