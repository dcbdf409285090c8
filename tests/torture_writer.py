"""A writer for the kill -9 torture test: saves check-ins in a loop and prints each id once saved.

Usage: python torture_writer.py DATA_DIR START_INDEX
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imr_tui.domain.checkin import CheckIn
from imr_tui.store.store import Store

root, start = Path(sys.argv[1]), int(sys.argv[2])
store = Store.open(root, lock_timeout=30)
base = datetime(2026, 1, 1, tzinfo=UTC)
i = start
while True:
    # spread over months so new month files are created too
    c = CheckIn(id=f"t{i:07d}", at=base + timedelta(hours=7 * i), values={"mood": i % 11, "stress": (i * 3) % 11})
    store.add_checkin(c)
    sys.stdout.write(f"{c.id}\n")
    sys.stdout.flush()
    i += 1
