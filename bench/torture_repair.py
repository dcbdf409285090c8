"""Kill -9 torture of the repair commands at scale: `python bench/torture_repair.py [--kills 30] [--seed 1]
[COMMAND ...]` (COMMAND: restore, 'restore --snapshot', import, encrypt, decrypt; default all five).

Each command is killed with SIGKILL at random moments, `kills` times; after each kill the next command
(`imr-tui verify`) runs and every promise is checked (tests/torture_repair.py): every check-in readable, all
or nothing, no plaintext in an encrypted folder, no ciphertext or key left in a decrypted one. The test suite
runs the same code with 5 kills each (tests/test_torture_repair.py). Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.torture_repair import COMMANDS, summary, torture


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("commands", nargs="*", metavar="COMMAND", help=f"any of: {', '.join(COMMANDS)}")
    args = ap.parse_args()
    args.commands = args.commands or list(COMMANDS)
    unknown = [c for c in args.commands if c not in COMMANDS]
    if unknown:
        ap.error(f"unknown command {unknown[0]!r}")
    failed = False
    for command in args.commands:
        tmp = Path(tempfile.mkdtemp(prefix="imr-torture-repair-"))
        try:
            r = torture(command, kills=args.kills, workdir=tmp, seed=args.seed)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(summary(r), flush=True)
        for line in r.failures[:10]:
            print("   ", line)
        failed |= bool(r.failures) or r.kills < args.kills
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
