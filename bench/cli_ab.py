"""Start-up time of the shell commands, this source tree against another one, interleaved.

    python bench/cli_ab.py --before /tmp/old/src [--runs 25] [--days 365]

Times `imr-tui checkin --mood 6 --stress 4 --sleep 7 --note x` and `imr-tui remind` on one demo
data folder, running the two trees one after the other in each round (so a busy moment of the
machine hits both alike), and prints the medians of wall and CPU time, and the fastest run (which
moves least when the machine is busy). Without --before it times this tree alone. Both trees are
compiled first (this machine sets PYTHONDONTWRITEBYTECODE=1). Make an old tree with e.g.
`git archive COMMIT src | tar -x -C /tmp/old`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import run_once  # bench/common.py (run as: python bench/cli_ab.py)

HERE = Path(__file__).resolve().parent.parent / "src"
COMMANDS = {
    "checkin": ["checkin", "--mood", "6", "--stress", "4", "--sleep", "7", "--note", "x"],
    "remind": ["remind"],
}


def _run(src: Path, argv: list[str], home: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    env = {**os.environ, "PYTHONPATH": str(src), "IMR_TUI_HOME": str(home)}
    exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent))
    cmd = [exe, *argv] if exe else [sys.executable, "-m", "imr_tui", *argv]
    wall, cpu, _out = run_once(cmd, env)
    return wall, cpu


def _ms(samples: list[tuple[float, float]], which: int) -> str:
    values = [s[which] for s in samples]
    return f"{statistics.median(values) * 1000:.1f} ms (fastest {min(values) * 1000:.1f})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, help="the src folder of the tree to compare with")
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args()
    trees = {"after": HERE} if args.before is None else {"before": args.before.resolve(), "after": HERE}
    for src in trees.values():
        compileall.compile_dir(str(src / "imr_tui"), quiet=1)
    sys.path.insert(0, str(HERE))
    from imr_tui.demo import build_demo_store
    from imr_tui.store.backup import make_backup

    tmp = Path(tempfile.mkdtemp(prefix="imr-ab-"))
    try:
        store = build_demo_store(tmp / "data", days=args.days, seed=7)
        make_backup(store)  # so no run makes the daily backup
        times: dict[tuple[str, str], list[tuple[float, float]]] = {(t, c): [] for t in trees for c in COMMANDS}
        for src in trees.values():  # warm the file cache
            for argv in COMMANDS.values():
                _run(src, argv, store.root)
        for _ in range(args.runs):
            for command, argv in COMMANDS.items():
                for name, src in trees.items():
                    times[(name, command)].append(_run(src, argv, store.root))
        for command in COMMANDS:
            row = "; ".join(f"{name} {_ms(times[(name, command)], 0)} wall, {_ms(times[(name, command)], 1)} CPU"
                            for name in trees)
            print(f"imr-tui {command}: {row} (medians of {args.runs}, interleaved)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
