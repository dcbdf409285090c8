"""Report and reminder benchmark.

Prints, in one run:
  - a 10-year report (3,650 days of demo data), Markdown and PDF, from a cold Store (target < 2 s each)
  - a one-month report, Markdown and PDF, from a cold Store (target < 0.3 s each)
  - the one-off cost of importing fpdf2 (paid once per `imr-tui report --pdf`)
  - `imr-tui remind` wall time, with and without a check-in today (target < 100 ms), next to
    `python -c pass`; also its CPU time, which a busy machine disturbs less than wall time

Every figure is a median over --runs runs (min in brackets).

Usage: python bench/report.py [--days 3650] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import compile_package, time_cmd, timed  # bench/common.py (run as: python bench/report.py)
from imr_tui.demo import build_demo_store
from imr_tui.export.report import DEFAULT_SECTIONS, build_report, render_markdown
from imr_tui.store.store import Store


def fmt(samples: list[float], unit: str = "ms") -> str:
    med, low = statistics.median(samples), min(samples)
    if unit == "s":
        return f"{med:.2f} s (min {low:.2f})"
    return f"{med * 1000:.0f} ms (min {low * 1000:.0f})"


def report_times(root: Path, start: date, end: date, runs: int) -> tuple[list[float], list[float], int]:
    """Markdown and PDF times from a cold Store (a new Store each run: every file is read and validated)."""
    from imr_tui.export.report import pdf_bytes

    size = 0

    def md() -> None:
        render_markdown(build_report(Store.open(root), start, end, DEFAULT_SECTIONS))

    def pdf() -> None:
        nonlocal size
        size = len(pdf_bytes(build_report(Store.open(root), start, end, DEFAULT_SECTIONS)))

    return timed(md, runs), timed(pdf, runs), size


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=3650)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="imr-bench-report-"))
    try:
        t = time.perf_counter()
        end = date.today()
        big = build_demo_store(tmp / "big", days=args.days, seed=7, end=end)
        n = len(big.checkins())
        print(f"data: {n} check-ins over {args.days} days (built in {time.perf_counter() - t:.1f} s)")

        t = time.perf_counter()
        import fpdf  # noqa: F401  (timed: the first PDF of a process pays it)

        print(f"import fpdf2 (once per process): {(time.perf_counter() - t) * 1000:.0f} ms")

        md, pdf, size = report_times(big.root, end - timedelta(days=args.days - 1), end, args.runs)
        print(f"{args.days}-day report, Markdown: {fmt(md, 's')} (target < 2 s)")
        print(f"{args.days}-day report, PDF:      {fmt(pdf, 's')} (target < 2 s; {size // 1024} KB)")
        md, pdf, size = report_times(big.root, end - timedelta(days=29), end, args.runs)
        print(f"30-day report, Markdown:   {fmt(md)} (target < 300 ms)")
        print(f"30-day report, PDF:        {fmt(pdf)} (target < 300 ms; {size // 1024} KB)")

        exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
        env = {**os.environ, "IMR_TUI_HOME": str(big.root)}
        wall, _cpu, _ = time_cmd([exe, "report", "--pdf", str(tmp / "r.pdf")], max(3, args.runs // 2), env)
        print(f"`imr-tui report --pdf` (30 days) wall time, with Python and fpdf2 start-up: {fmt(wall)}")

        runs = max(15, args.runs * 3)
        empty = {**os.environ, "IMR_TUI_HOME": str(tmp / "empty")}
        base_w, base_c, _ = time_cmd([sys.executable, "-c", "pass"], runs, env)
        none_w, none_c, _ = time_cmd([exe, "remind"], runs, empty)  # no check-in today: prints the line
        subprocess.run([exe, "checkin", "--mood", "6"], env=env, capture_output=True, check=True)
        done_w, done_c, _ = time_cmd([exe, "remind"], runs, env)  # a check-in today, 10 years of data: prints nothing
        print(f"`python -c pass`:                        wall {fmt(base_w)}, CPU {fmt(base_c)}")
        print(f"`imr-tui remind`, no check-in today:     wall {fmt(none_w)}, CPU {fmt(none_c)} (target < 100 ms)")
        print(f"`imr-tui remind`, checked in, 10 years:  wall {fmt(done_w)}, CPU {fmt(done_c)} (target < 100 ms)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
