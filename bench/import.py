"""Import benchmark (issue 16): a 10,000-row file imports in under 2 s, with memory that does not grow with
the file beyond its parsed rows.

Prints, in one run, for Daylio (the newest layout: scales, HTML notes, custom moods given with --mood-map),
Bearable (one row per datum) and iMoodJournal (300 hashtag columns), at --rows and twice --rows:
  - `imr-tui import FORMAT FILE` wall time into a new data folder, then again (nothing added), and the
    peak memory (max RSS) of that process
  - in process: the time of the dry run (read and check every row) and of the write, and the Python
    memory (tracemalloc) the parsed check-ins keep, next to the peak while reading: the peak is the
    parsed rows plus the file's text, so it grows with the rows, and by no more than the file

Every time is a median over --runs runs (min in brackets).

Usage: python bench/import.py [--rows 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from common import compile_package  # bench/common.py (run as: python bench/import.py)
from imr_tui.imports.base import Target
from imr_tui.imports.registry import FORMATS
from imr_tui.store.store import Store

MOODS = ["rad", "good", "meh", "bad", "awful", "Depressed", "Solid"]
MAP = ["--mood-map", "depressed=2", "--mood-map", "solid=7"]


def _days(rows: int, per_day: int) -> list[date]:
    start = date.today() - timedelta(days=rows // per_day + 2)
    return [start + timedelta(days=n // per_day) for n in range(rows)]


def daylio(path: Path, rows: int) -> list[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"])
    for n, day in enumerate(_days(rows, 3)):
        w.writerow([day.isoformat(), day.strftime("%B %d"), day.strftime("%A"), f"{1 + n % 12}:{n % 60:02d} PM",
                    MOODS[n % len(MOODS)], "walk | friends | work", f"Sleep Time: {6 + n % 4}:30 | Pain: 3/10 points",
                    "Day" if n % 5 == 0 else "", f"Note {n}<br>second line &amp; more"])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return MAP


def bearable(path: Path, rows: int) -> list[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["date", "weekday", "time of day", "category", "rating/amount", "detail", "notes"])
    kinds = [("am", "Mood", "7", "Meh | Anxious"), ("pm", "Mood", "4", "Sad"), ("all day", "Sleep", "7:45", ""),
             ("am", "Symptom", "2", "Anxiety (Mild)"), ("am", "Meds/Supplements", "1", "Pill (50mg)"),
             ("", "Factors", "", "Work | Exercise"), ("", "Food Diary", "", "Toast")]
    for n, day in enumerate(_days(rows, len(kinds))):
        slot, category, rating, detail = kinds[n % len(kinds)]
        w.writerow([day.strftime("%d %b %Y"), day.strftime("%A"), slot, category, rating, detail, ""])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return []


def imoodjournal(path: Path, rows: int) -> list[str]:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL)
    tags = [f"#tag{n}" for n in range(300)]
    w.writerow(["Date", "Day of week", "Hour", "Minute", "Level", "LevelText", "Comment", *tags])
    for n, day in enumerate(_days(rows, 3)):
        marks = ["1" if (n + k) % 97 == 0 else "0" for k in range(len(tags))]
        w.writerow([f"{day:%B} {day.day}, {day.year}", day.strftime("%A"), str(n % 24), str(n % 60),
                    str(1 + n % 10), "", f"comment {n}", *marks])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return []


MAKERS: dict[str, Callable[[Path, int], list[str]]] = {"daylio": daylio, "bearable": bearable,
                                                        "imoodjournal": imoodjournal}


def fmt(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} s (min {min(samples):.2f})"


def cli(fmt_name: str, path: Path, extra: list[str], home: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `imr-tui import FORMAT FILE` process (Linux)."""
    env = {**os.environ, "IMR_TUI_HOME": str(home)}
    # VmHWM: the peak RSS of this program (ru_maxrss would keep the bench's own, from before the exec)
    code = ("import sys; from imr_tui.cli import main; rc = main(sys.argv[1:]); "
            "print('maxrss', next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))); "
            "sys.exit(rc)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "import", fmt_name, str(path), *extra], env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"imr-tui import failed: {done.stderr}")
    rss = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("maxrss"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rss / 1024


def in_process(fmt_name: str, path: Path, extra: list[str], home: Path) -> tuple[float, float, float, int]:
    """Seconds to read and check every row (the dry run), its CPU seconds, seconds to write, check-ins."""
    options = {"mood_map": extra[1::2], "mood_map_file": None}
    store = Store.open(home)
    t, c = time.perf_counter(), time.process_time()
    plan = FORMATS[fmt_name].read(path, Target(store), options, True)
    read_s, read_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    plan.write(store)
    return read_s, read_cpu, time.perf_counter() - t, len(plan.checkins)


def memory(fmt_name: str, path: Path, extra: list[str], home: Path) -> tuple[int, int]:
    """Python bytes the plan keeps (the parsed check-ins), and the peak while reading (tracemalloc)."""
    options = {"mood_map": extra[1::2], "mood_map_file": None}
    target = Target(Store.open(home))
    tracemalloc.start()
    plan = FORMATS[fmt_name].read(path, target, options, True)
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert plan.checkins
    return kept, peak


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="imr-bench-import-"))
    try:
        for name, make in MAKERS.items():
            for rows in (args.rows, args.rows * 2):
                path = tmp / f"{name}-{rows}.csv"
                extra = make(path, rows)
                size = path.stat().st_size
                first, first_cpu, again, rss = [], [], [], []
                for run in range(args.runs):
                    home = tmp / f"home-{name}-{rows}-{run}"
                    wall, cpu, mb = cli(name, path, extra, home)
                    first.append(wall)
                    first_cpu.append(cpu)
                    rss.append(mb)
                    again.append(cli(name, path, extra, home)[0])
                reads, read_cpu, writes = [], [], []
                count = 0
                for run in range(args.runs):
                    r, rc, w, count = in_process(name, path, extra, tmp / f"proc-{name}-{rows}-{run}")
                    reads.append(r)
                    read_cpu.append(rc)
                    writes.append(w)
                kept, peak = memory(name, path, extra, tmp / f"mem-{name}-{rows}")
                print(f"{name}, {rows:,} rows ({size / 1e6:.1f} MB, {count:,} check-ins):")
                print(f"  imr-tui import, new folder: wall {fmt(first)} (target < 2 s), CPU {fmt(first_cpu)}; "
                      f"peak RSS {statistics.median(rss):.0f} MB")
                print(f"  imr-tui import, again (nothing added): wall {fmt(again)}")
                print(f"  in process: read and check {fmt(reads)} (CPU {fmt(read_cpu)}), write {fmt(writes)}")
                print(f"  memory: the plan keeps {kept / 1e6:.1f} MB ({kept / count:,.0f} B a check-in); "
                      f"peak while reading {peak / 1e6:.1f} MB = kept + {(peak - kept) / 1e6:.1f} MB "
                      f"({(peak - kept) / size:.1f} x the file)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
