"""Idle CPU of the open app: Home on a 10-year store, nobody typing, the data service watching
the files once a second. Target (issues 11 and 19): under 1 % of one core.

    python bench/idle_cpu.py [--days 3650] [--seconds 30]

The app runs headless in a child process (no terminal to draw to, the same timers, workers and
file watching); after it has settled, its user+system CPU time is read from /proc over the
measured window.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import compile_package

CHILD = """
import sys
from pathlib import Path
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.paths import content_dir
app = IMRApp(store=Store.open(Path(sys.argv[1])), content=content_dir())
app.run(headless=True, size=(80, 24))
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=8.0)
    args = parser.parse_args()
    compile_package()
    from imr_tui.demo import build_demo_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        build_demo_store(root, days=args.days, seed=7)
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            time.sleep(args.settle)  # start, first paint, Home's summary, the daily backup
            if proc.poll() is not None:
                raise SystemExit(f"the app stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
            before, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(args.seconds)
            used, wall = cpu_seconds(proc.pid) - before, time.monotonic() - t0
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"idle CPU at {args.days} days: {100 * used / wall:.2f} % of one core "
          f"({used:.2f} s of CPU in {wall:.1f} s; target under 1 %)")


if __name__ == "__main__":
    main()
