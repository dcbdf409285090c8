"""Hostile input gets one line, never a traceback (issue 13, item 10): each input class of the red-team, then
random text, paths and numbers fed to every argument of every command (hypothesis, in process through
imr_tui.cli.main, so thousands of runs take seconds)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imr_tui.cli.main import build_parser, command_options, main
from tests.conftest import SOURCE
from tests.test_repair import cli, one_line

NOT_UTF8 = b"caf\xe9 \xff".decode("utf-8", "surrogateescape")  # what Python hands over for bytes that are not UTF-8


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "data"
    assert cli(capsys, "--home", str(root), "checkin", "--mood", "4")[0] == 0
    return root


@pytest.mark.parametrize("args", [
    ["checkin", "--mood", "3", "--note", NOT_UTF8],
    ["checkin", "--tag", NOT_UTF8, "--mood", "3"],
    ["checkin", f"--{NOT_UTF8}", "3"],
    ["report", "--md", f"/tmp/{NOT_UTF8}.md"],
    ["export", "--csv", NOT_UTF8],
    ["restore", "--snapshot", NOT_UTF8],
])
def test_arguments_that_are_not_utf8_are_one_line(home: Path, capsys: pytest.CaptureFixture[str],
                                                  args: list[str]) -> None:
    code, _, err = cli(capsys, "--home", str(home), *args)
    assert code == 1 and "not valid UTF-8" in err
    one_line(err)


def test_a_data_folder_path_that_is_not_utf8_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMR_TUI_HOME", str(tmp_path / NOT_UTF8))
    code, _, err = cli(capsys, "checkin", "--mood", "3")
    assert code == 1 and "not valid UTF-8" in err
    one_line(err)


@pytest.mark.parametrize("args", [
    ["checkin", "--at", "0001-01-01", "--mood", "3"], ["checkin", "--at", "0001-01-01 00:00", "--mood", "3"],
    ["checkin", "--at", "9999-12-31", "--mood", "3"], ["checkin", "--at", "9999-12-31T23:59+14:00", "--mood", "3"],
    ["report", "--to", "0001-01-01"], ["report", "--to", "9999-12-31"], ["report", "--from", "0001-01-01"],
    ["report", "--from", "9999-12-01", "--to", "9999-12-31"],
    ["remind", "--after", "99999999999999999999:00"], ["remind", "--after", "1" * 5000 + ":00"],
    ["remind", "--after", "-1:00"],
])
def test_dates_and_times_far_out_of_range_are_one_line(home: Path, capsys: pytest.CaptureFixture[str],
                                                       args: list[str]) -> None:
    code, _, err = cli(capsys, "--home", str(home), *args)
    assert code == 1, err
    one_line(err)


@pytest.mark.parametrize("where", ["under a file", "too long", "in /proc", "/proc itself", "a pipe"])
@pytest.mark.parametrize("args", [["verify"], ["checkin", "--mood", "3"], ["backup"], ["restore"]],
                         ids=lambda a: a[0])
def test_bad_home_paths_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str,
                                     args: list[str]) -> None:
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "pipe")
    home = {"under a file": str(tmp_path / "file" / "data"), "too long": "/tmp/" + "a" * 5000,
            "in /proc": "/proc/1/imr-tui", "/proc itself": "/proc/self", "a pipe": str(tmp_path / "pipe")}[where]
    code, _, err = cli(capsys, "--home", home, *args)
    assert code in (1, 2), err
    one_line(err)
    assert len(err) < 400  # a path of 5,000 characters is cut in the message


def test_a_data_folder_that_cannot_be_read_is_one_line(home: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """(Tests run as root here, where chmod 000 keeps nothing out: the refusal is simulated at os.listdir.)"""
    real = os.listdir

    def listdir(path: object = ".") -> list[str]:
        if Path(str(path)) == home:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", listdir)
    code, _, err = cli(capsys, "--home", str(home), "verify")
    assert code == 2 and "permission was denied" in err
    one_line(err)


def test_a_lock_file_that_cannot_be_opened_is_one_line(home: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def deny(path: object, flags: int, *a: object, **k: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    code, _, err = cli(capsys, "--home", str(home), "checkin", "--mood", "3")
    assert code == 2 and ".lock" in err and "permission was denied" in err
    one_line(err)


@pytest.mark.parametrize("args", [["checkin"], ["encrypt"], [], ["checkin", "--mood", "3"]],
                         ids=lambda a: " ".join(a) or "the app")
def test_a_closed_stdin_is_one_line(home: Path, args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "IMR_TUI_PASSPHRASE"}
    r = subprocess.run([sys.executable, "-m", "imr_tui", "--home", str(home), *args], capture_output=True,
                       text=True, timeout=60,
                       env={**env, **SOURCE}, preexec_fn=lambda: os.close(0))
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) <= 1, r.stderr


# ------------------------------------------------------------------ every argument, random values
def _options() -> dict[str, list[tuple[str, bool]]]:
    """command words -> [(option, takes a value)], read from the real parser (so a new option is covered)."""
    out = command_options(build_parser())
    top = out.pop("")
    return {k: v + [o for o in top if o[0] == "--home"] for k, v in out.items() if k}


OPTIONS = _options()
DEMO_ONLY = {"--demo", "--demo-days", "--content", "--version"}  # these open the app or print the version


@contextmanager
def _place(tmp: Path) -> Iterator[None]:
    """Run where nothing real can be touched: cwd and HOME inside tmp."""
    old_cwd, old_home = os.getcwd(), os.environ.get("HOME")
    os.chdir(tmp)
    os.environ["HOME"] = str(tmp)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        if old_home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = old_home


def values(tmp: Path) -> st.SearchStrategy[str]:
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
    raw = st.binary(max_size=12).filter(lambda b: b"\x00" not in b).map(lambda b: b.decode("utf-8", "surrogateescape"))
    numbers = st.one_of(st.integers().map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                        st.sampled_from(["nan", "inf", "-inf", "1e999", "-0", "٣", "10**20", "0x10", "1_000"]))
    dates = st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "1969-12-31", "today", "yesterday 25:00",
                             "2026-11-20 21:30", "+7", "-99999", "99:99", "2026-11-20T10:00+99:00", "T", ""])
    paths = st.one_of(st.sampled_from([str(tmp / "out"), str(tmp / "nope" / "x"), str(tmp), "/proc/self/x",
                                       "/etc/passwd/x", "/" + "a" * 5000, "~/x", "~nobody-at-all/x", "-", ".", "",
                                       str(tmp / "data" / "manifest.json"), str(tmp / "data" / "checkins"),
                                       str(tmp / "pipe")]),
                      text.map(lambda t: str(tmp / "r" / t.replace("/", "_")) if t.strip(".") else str(tmp / "r")))
    return st.one_of(text, raw, numbers, dates, paths)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_every_argument_of_every_command_takes_random_values_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject) -> None:
    home = tmp_path / "data"
    if not home.exists():
        with _place(tmp_path):
            assert main(["--home", str(home), "checkin", "--mood", "4", "--note", "seed"]) == 0
        os.mkfifo(tmp_path / "pipe")
    command = data.draw(st.sampled_from(sorted(OPTIONS)), label="command")
    argv = command.split()
    own = [o for o in OPTIONS[command] if o[0] not in DEMO_ONLY and o[0] != "--home"]
    for option, takes in data.draw(st.lists(st.sampled_from(own), max_size=4) if own else st.just([]),
                                   label="options"):
        value = data.draw(values(tmp_path), label=option or "positional")
        argv += ([option] if option else []) + ([value] if takes else [])
    where = data.draw(st.one_of(st.just(str(home)), values(tmp_path)), label="--home")  # --home comes first
    argv = ["--home", where, *argv]
    capsys.readouterr()
    with _place(tmp_path):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code  # type: ignore[assignment]
    out = capsys.readouterr()
    event(f"{command}: exit {code}")
    assert code in (0, 1, 2), (argv, code, out.err)
    assert "Traceback" not in out.err + out.out, argv
    lines = [ln for ln in out.err.strip().splitlines() if ": note: " not in ln]
    assert len(lines) <= 1 or code == 0, (argv, out.err)  # an error is one line (notes may come with it)
    assert not (home / "manifest.json").is_symlink()


# ------------------------------------------------------------------ a pipe where a file to read should be
@pytest.mark.parametrize("fmt", ["json", "daylio"])
def test_a_pipe_as_the_file_to_import_is_one_line(home: Path, tmp_path: Path, fmt: str) -> None:
    os.mkfifo(tmp_path / "in")
    try:
        r = subprocess.run([sys.executable, "-m", "imr_tui", "--home", str(home), "import", fmt, str(tmp_path / "in")],
                           capture_output=True, text=True, timeout=15, env={**os.environ, **SOURCE})
    except subprocess.TimeoutExpired:
        pytest.fail("import waited forever on a pipe")
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_a_pipe_as_a_module_file_is_one_line(tmp_path: Path) -> None:
    modules = tmp_path / "modules"
    modules.mkdir()
    os.mkfifo(modules / "01-intro.yaml")
    try:
        r = subprocess.run([sys.executable, "-m", "imr_tui", "content", "check", str(modules)], capture_output=True,
                           text=True, timeout=15, env={**os.environ, **SOURCE})
    except subprocess.TimeoutExpired:
        pytest.fail("content check waited forever on a pipe")
    assert r.returncode == 1 and "Traceback" not in r.stderr
