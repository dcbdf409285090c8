"""Report and reminder benchmark.

Prints, in one run:
  - a 10-year report (3,650 days of demo data), Markdown and PDF, from a cold Store (target < 1 s each),
    also with the notes (the PDF fills at most 3 pages with them) and its page count; wall and CPU time
  - a one-month report, Markdown and PDF, from a cold Store (target < 0.3 s each)
  - the crisis card and the plan as PDF
  - the one-off cost of importing fpdf2 (paid once per `imr-tui report --pdf`)
  - `imr-tui remind` wall time, with and without a check-in today (target < 100 ms), next to
    `python -c pass`; also its CPU time, which a busy machine disturbs less than wall time

Every figure is a median over --runs runs (min in brackets).

Usage: python bench/report.py [--days 3650] [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def cpu_timed(fn: Callable[[], object], runs: int) -> list[float]:
    """CPU seconds each call of fn took (a busy machine disturbs this less than wall time)."""
    out = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        out.append(time.process_time() - t)
    return out


def report_times(root: Path, start: date, end: date, runs: int, sections: tuple[str, ...] = DEFAULT_SECTIONS
                 ) -> dict[str, list[float] | int]:
    """Markdown and PDF times (wall and CPU) from a cold Store (a new Store each run: every file is read and
    validated), the PDF's size and page count."""
    from pypdf import PdfReader

    from imr_tui.export.report import pdf_bytes

    data = b""

    def md() -> None:
        render_markdown(build_report(Store.open(root), start, end, sections))

    def pdf() -> None:
        nonlocal data
        data = pdf_bytes(build_report(Store.open(root), start, end, sections))

    out: dict[str, list[float] | int] = {"md": timed(md, runs), "pdf": timed(pdf, runs), "md_cpu": cpu_timed(md, runs),
                                         "pdf_cpu": cpu_timed(pdf, runs)}
    out["size"] = len(data)
    out["pages"] = len(PdfReader(io.BytesIO(data)).pages)
    return out


def show(label: str, t: dict[str, list[float] | int], unit: str, target: str) -> None:
    def f(key: str) -> str:
        v = t[key]
        assert isinstance(v, list)
        return fmt(v, unit)

    print(f"{label}, Markdown: wall {f('md')}, CPU {f('md_cpu')} (target {target})")
    print(f"{label}, PDF:      wall {f('pdf')}, CPU {f('pdf_cpu')} (target {target}; {t['size'] // 1024} KB, "
          f"{t['pages']} pages)")


def card_and_plan(root: Path, runs: int) -> None:
    from imr_tui import paths
    from imr_tui.content.crisis import load_crisis_lines
    from imr_tui.export.card import build_card, card_pdf
    from imr_tui.export.plan_pdf import store_plan_pdf

    def card() -> None:
        store = Store.open(root)
        card_pdf(build_card(store.profile().plan, store.settings(), load_crisis_lines(paths.crisis_lines_file()),
                            date.today()))

    print(f"crisis card (PDF): wall {fmt(timed(card, runs))}, CPU {fmt(cpu_timed(card, runs))}")

    def plan() -> None:
        store_plan_pdf(Store.open(root), date.today())

    print(f"plan (PDF):        wall {fmt(timed(plan, runs))}, CPU {fmt(cpu_timed(plan, runs))}")


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

        first = end - timedelta(days=args.days - 1)
        show(f"{args.days}-day report", report_times(big.root, first, end, args.runs), "s", "< 1 s")
        show(f"{args.days}-day report with notes", report_times(big.root, first, end, args.runs,
                                                               (*DEFAULT_SECTIONS, "notes")), "s", "< 1 s")
        show("30-day report", report_times(big.root, end - timedelta(days=29), end, args.runs), "ms", "< 300 ms")
        card_and_plan(big.root, args.runs)

        exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
        env = {**os.environ, "IMR_TUI_HOME": str(big.root)}
        wall, cpu, _ = time_cmd([exe, "report", "--pdf", str(tmp / "r.pdf")], max(3, args.runs // 2), env)
        print(f"`imr-tui report --pdf` (30 days), with Python and fpdf2 start-up: wall {fmt(wall)}, CPU {fmt(cpu)}")
        wall, cpu, _ = time_cmd([exe, "report", "--card", str(tmp / "c.pdf")], max(3, args.runs // 2), env)
        print(f"`imr-tui report --card`: wall {fmt(wall)}, CPU {fmt(cpu)}")

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
