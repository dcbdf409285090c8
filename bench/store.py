"""Store benchmark: ten years of data (about 11,000 check-ins and 3,000 coping uses).

Prints, in one run:
  - time to save one check-in with 1 day of history vs 10 years (ratio; target <= 1.5)
  - time to load everything from a cold Store (target < 300 ms)
  - `imr-tui checkin ...` wall time vs `python -c "from pydantic import BaseModel"` (ratio; target <= 1.5)

Usage: python bench/store.py [--days 3650] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import compile_package, median_ms, time_cmd  # bench/common.py (run as: python bench/store.py)
from imr_tui.demo import build_demo_store
from imr_tui.domain.checkin import CheckIn
from imr_tui.store.backup import make_backup
from imr_tui.store.store import Store


def time_saves(store: Store, n: int) -> list[float]:
    now = datetime.now(UTC)
    out = []
    for i in range(n):
        c = CheckIn(at=now - timedelta(seconds=n - i), values={"mood": 5, "stress": 4, "sleep": 7})
        t = time.perf_counter()
        store.add_checkin(c)
        out.append(time.perf_counter() - t)
    return out


def time_load(root: Path, runs: int) -> tuple[list[float], int, int]:
    out = []
    n_c = n_u = 0
    for _ in range(runs):
        t = time.perf_counter()
        s = Store.open(root)
        cs = s.checkins()
        us = s.coping_uses()
        s.profile()
        s.progress()
        s.settings()
        out.append(time.perf_counter() - t)
        n_c, n_u = len(cs), len(us)
    return out, n_c, n_u


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=3650)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="imr-bench-"))
    try:
        t = time.perf_counter()
        big = build_demo_store(tmp / "big", days=args.days, seed=7)
        build_s = time.perf_counter() - t
        small = build_demo_store(tmp / "small", days=1, seed=7)
        loads, n_c, n_u = time_load(big.root, 5)
        print(f"data: {n_c} check-ins, {n_u} coping uses over {args.days} days "
              f"(built in {build_s:.1f} s)")
        make_backup(big)  # so the CLI runs below do not make the daily backup
        small_saves = time_saves(small, 40)
        big_saves = time_saves(big, 40)
        s1, s10 = median_ms(small_saves), median_ms(big_saves)
        print(f"save one check-in: {s1:.2f} ms with 1 day, {s10:.2f} ms with {args.days} days; "
              f"ratio {s10 / s1:.2f} (target <= 1.5)")
        print(f"load everything (cold Store, in process): {median_ms(loads):.0f} ms (target < 300 ms)")

        env = {**os.environ, "IMR_TUI_HOME": str(big.root)}
        exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
        checkin = [exe, "checkin", "--mood", "6", "--stress", "4", "--sleep", "7", "--note", "bench"]
        baseline = [sys.executable, "-c", "from pydantic import BaseModel"]
        cli, base = [], []
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits both alike
            cli += time_cmd(checkin, 1, env)[0]
            base += time_cmd(baseline, 1, env)[0]
        c_ms, b_ms = median_ms(cli), median_ms(base)
        print(f"`imr-tui checkin` wall time: {c_ms:.0f} ms; `python -c \"from pydantic import BaseModel\"`: "
              f"{b_ms:.0f} ms; ratio {c_ms / b_ms:.2f} (target <= 1.5)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
