"""Kill -9 torture: shared by tests/test_torture.py (50 kills) and bench/torture.py (1,000 kills)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

WRITER = Path(__file__).with_name("torture_writer.py")


@dataclass
class TortureResult:
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def torture(root: Path, kills: int, seed: int = 1, max_delay: float = 0.6) -> TortureResult:
    """Start a writer, kill it with SIGKILL at a random moment, check every acknowledged id; repeat."""
    from imr_tui.store.store import Store
    from imr_tui.store.verify import verify

    rng = random.Random(seed)
    result = TortureResult()
    acked: set[str] = set()
    next_index = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, str(WRITER), str(root), str(next_index)],
                                stdout=subprocess.PIPE, text=True, env=env)
        lines: list[str] = []
        assert proc.stdout is not None
        reader = threading.Thread(target=lines.extend, args=(proc.stdout,), daemon=True)
        reader.start()
        # wait until the writer is saving (first ack), then kill at a random moment
        deadline = time.monotonic() + 20
        while not lines and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(timeout=5)
        got = [ln.strip() for ln in lines if ln.strip()]
        acked.update(got)
        next_index += len(got) + 1  # never reuse an index that may have been saved without its ack
        result.kills += 1
    store = Store.open(root)
    present = {c.id for c in store.checkins()}
    result.acknowledged = len(acked)
    result.lost = sorted(acked - present)
    _, problems = verify(store)
    result.unreadable = problems
    return result
