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


def time_cmd(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[float], list[str]]:
    """(wall seconds, CPU seconds, stdout) of each run of a command, after one warm-up run."""
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the OS file cache
    wall, cpu, outputs = [], [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        wall.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        outputs.append(done.stdout)
    return wall, cpu, outputs
