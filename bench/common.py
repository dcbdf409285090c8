"""Helpers shared by the benchmarks: timing, medians, and compiling the package like an install."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def compile_package() -> None:
    """An installed imr-tui has compiled bytecode (pip compiles it). This machine sets
    PYTHONDONTWRITEBYTECODE=1, so an editable checkout would recompile every module at every start."""
    import compileall

    import imr_tui

    compileall.compile_dir(str(Path(imr_tui.__file__).parent), quiet=1)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds each call of fn took."""
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


# The bare Textual app the TUI's first paint and memory are compared with (bench/ttfp.py, bench/speed.py).
BARE_READY = "Bare app ready"
BARE = f'''
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("{BARE_READY}")
        yield Footer()


Bare().run()
'''

# Runs a command and writes its peak RSS (KiB) to argv[1] when it ends.
RSS = '''
import resource, subprocess, sys
subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
'''


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def time_cmd(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[float], list[str]]:
    """(wall seconds, CPU seconds, stdout) of each run of a command, after one warm-up run."""
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the OS file cache
    wall, cpu, outputs = [], [], []
    for _ in range(runs):
        w, c, out = run_once(cmd, env)
        wall.append(w)
        cpu.append(c)
        outputs.append(out)
    return wall, cpu, outputs
