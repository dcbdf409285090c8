"""The built wheel ships the curriculum and works from an installed copy, not the source tree.

Builds offline: `pip wheel --no-build-isolation --no-index` uses the hatchling already in the dev venv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
MODULE_NAMES = sorted(p.name for p in (CONTENT / "modules").glob("*.yaml"))
FONTS = REPO / "src" / "imr_tui" / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt", "README.md")

pytestmark = pytest.mark.slow


def _pip(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    result = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, cwd=cwd, env=env,
                            timeout=300)
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", "-w", str(out), str(REPO), cwd=out)
    (built,) = out.glob("imr_tui-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("target")
    _pip("install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel), cwd=target)
    return target


def test_wheel_ships_the_curriculum(wheel: Path):
    assert len(MODULE_NAMES) == 11
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name in MODULE_NAMES:
            member = f"imr_tui/_content/modules/{name}"
            assert member in names, f"{member} missing from the wheel"
            assert zf.read(member) == (CONTENT / "modules" / name).read_bytes(), f"{member} differs from the source"
        assert zf.read("imr_tui/_content/crisis-lines.yaml") == (CONTENT / "crisis-lines.yaml").read_bytes()
        for font in FONT_FILES:  # the PDF font and its license travel together
            member = f"imr_tui/fonts/{font}"
            assert member in names, f"{member} missing from the wheel"
            assert zf.read(member) == (FONTS / font).read_bytes(), f"{member} differs from the source"
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "imr-tui = imr_tui.cli:main" in zf.read(entry_points).decode()
    assert not any(n.startswith(("tests/", "bench/", "content/")) or "__pycache__" in n for n in names)


def test_wheel_asks_for_a_textual_range_and_filelock_only_on_windows(wheel: Path):
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    requires = [line.split(":", 1)[1].strip() for line in meta.splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert "textual<9,>=8.2.8" in requires  # a range for people installing imr-tui
    assert "filelock>=3.16; sys_platform == 'win32'" in requires  # POSIX locks with fcntl.flock
    assert not any(r.startswith("rich") for r in requires)  # never imported directly; Textual brings it


def test_the_test_run_uses_the_pinned_textual():
    """The snapshots are made with one Textual release: the Makefile installs it through constraints-test.txt."""
    from importlib.metadata import version

    pins = dict(line.split("==") for line in (REPO / "constraints-test.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#"))
    assert version("textual") == pins["textual"]
    makefile = (REPO / "Makefile").read_text()
    assert "-c constraints-test.txt" in makefile and "$(STAMP): pyproject.toml constraints-test.txt" in makefile


CHECK_INSTALLED = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import imr_tui
    from imr_tui import paths
    from imr_tui.content.audit import audit_module
    from imr_tui.content.crisis import load_crisis_lines
    from imr_tui.content.loader import Curriculum, check_folder

    import io, pypdf
    from imr_tui.export.pdfdoc import PdfDoc

    doc = PdfDoc(title="t")
    doc.add_page()
    doc.para("Καλημέρα, Ważne, Привет")
    pdf_text = pypdf.PdfReader(io.BytesIO(doc.pdf())).pages[0].extract_text()
    curriculum = Curriculum(paths.modules_dir())
    modules = list(curriculum.modules())
    lesson = curriculum.module("reducing-relapses").lessons[0]
    print(json.dumps({
        "package": imr_tui.__file__,
        "content": str(paths.content_dir()),
        "index": [[e.number, e.id, e.path.name] for e in curriculum.index],
        "modules": [m.id for m in modules],
        "problems": [str(p) for p in check_folder(paths.modules_dir())],
        "findings": [str(f) for m in modules for f in audit_module(m)],
        "lesson": [lesson.id, lesson.pages[0][:40]],
        "crisis_us": load_crisis_lines(paths.crisis_lines_file()).for_country("US").emergency,
        "fonts": str(paths.fonts_dir()),
        "pdf_text": pdf_text,
    }))
    """
)


def test_installed_wheel_loads_every_module_from_its_own_content(installed: Path, tmp_path: Path):
    # PYTHONPATH comes before the dev venv's site-packages (and its editable path to src/), so the installed copy wins;
    # the dev venv still provides the dependencies (pydantic, PyYAML, ...).
    env = {**os.environ, "PYTHONPATH": str(installed), "IMR_TUI_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", CHECK_INSTALLED], capture_output=True, text=True, cwd=tmp_path, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert Path(report["package"]).is_relative_to(installed), report["package"]
    assert Path(report["content"]) == installed / "imr_tui" / "_content"
    assert [name for _, _, name in report["index"]] == MODULE_NAMES
    assert [n for n, _, _ in report["index"]] == list(range(1, 12))
    assert len(report["modules"]) == 11 and report["modules"][6] == "reducing-relapses"
    assert report["problems"] == [] and report["findings"] == []
    assert report["lesson"][0] and report["lesson"][1].strip()
    assert report["crisis_us"] == "911"
    assert Path(report["fonts"]) == installed / "imr_tui" / "fonts"
    assert "Καλημέρα, Ważne, Привет" in report["pdf_text"]  # the installed copy finds its own font

    cli = subprocess.run([sys.executable, "-m", "imr_tui", "content", "check"], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert str(installed / "imr_tui" / "_content" / "modules") in cli.stdout
