"""Two computers and a fake Syncthing at scale: `python bench/sync_sim.py [--rounds 5000]`.

Random saves on both sides (check-ins, edits, coping uses, settings, profile), the sync tool run at
random moments with conflict copies made the way Syncthing makes them, imr-tui opened at random on
either side; every 50 rounds both sides settle and the promise is checked (tests/sync_sim.py).
The suite runs the same code as a hypothesis state machine with 250 rounds (tests/test_sync_sim.py).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sync_sim import TwoComputers


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check-every", type=int, default=50)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="imr-sync-sim-"))
    try:
        sim = TwoComputers(tmp, rng=random.Random(args.seed))
        t = time.perf_counter()
        for n in range(1, args.rounds + 1):
            sim.step()
            if n % args.check_every == 0:
                sim.check()
        sim.check()
        took = time.perf_counter() - t
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.rounds} rounds in {took:.1f} s: {len(sim.saved)} check-ins, {len(sim.coping)} coping uses, "
          f"{sim.conflicts_made} conflict copies made, {sim.merges} merged; every check-in once on both, verify clean")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
