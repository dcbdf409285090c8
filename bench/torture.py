"""Kill -9 torture at scale: `python bench/torture.py [--kills 1000]`.

A subprocess saves check-ins in a loop and prints each id once `add_checkin` returned; it is
killed with SIGKILL at random moments. Afterwards every acknowledged check-in must be present
and every file must load. The default test suite runs the same code with 50 kills.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.torture import torture


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="imr-torture-"))
    try:
        t = time.perf_counter()
        r = torture(tmp / "data", kills=args.kills, seed=args.seed, max_delay=0.3)
        print(f"{r.kills} kills in {time.perf_counter() - t:.0f} s: {r.acknowledged} check-ins acknowledged, "
              f"{len(r.lost)} lost, {len(r.unreadable)} unreadable files")
        for line in r.lost[:10] + r.unreadable[:10]:
            print("  ", line)
        return 0 if not r.lost and not r.unreadable else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
