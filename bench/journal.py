"""The journal at ten years (about 11,000 check-ins and 2,900 coping uses): `python bench/journal.py`.

Targets (issue 14): a search answers in under 100 ms; the list scrolls without lag.

Measures (medians):
  - reading the whole journal from a cold Store (what the screen does once, in a thread)
  - each search over the entries in memory (what every key typed in a search box runs)
  - in the app at 80x24 (Textual's headless Pilot): one key typed in the search box, from the key to
    the redrawn screen; Page Down and Down in the list; Home, End. Wall time and the app's own CPU
    time per key, next to a key that does nothing (what the Pilot itself costs): on a busy machine
    the wall time is mostly waiting for a core, the CPU time is the work the key made.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from common import median_ms, timed  # bench/common.py (run as: python bench/journal.py)
from imr_tui.demo import build_demo_store
from imr_tui.insights.journal import JournalQuery, load_entries, search
from imr_tui.paths import content_dir
from imr_tui.store.store import Store

QUERIES = {
    "one word ('walk')": JournalQuery(words="walk"),
    "two words ('good sam')": JournalQuery(words="good sam"),
    "a word found nowhere": JournalQuery(words="zzzz"),
    "a tag ('church')": JournalQuery(tag="church"),
    "the last 30 days": "range",
    "words, tag and a year": "all",
}


async def in_app(root: Path, now: datetime) -> dict[str, tuple[list[float], float]]:
    from textual.widgets import Input

    from imr_tui.tui.app import IMRApp
    from imr_tui.tui.widgets.entry_list import EntryList

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.conftest import settle

    app = IMRApp(store=Store.open(root), content=content_dir(), clock=lambda: now)
    out: dict[str, tuple[list[float], float]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)  # Home first
        app.open("journal")
        t = time.perf_counter()
        first = 0.0
        for _ in range(3000):
            await asyncio.sleep(0.005)
            lst = app.screen.query(EntryList)
            if lst and lst.first().entries and not first:
                first = time.perf_counter() - t
            if lst and len(lst.first().entries) > 10_000:
                break
        out["open the journal: the last two months on screen"] = ([first], 0.0)
        out["open the journal: all ten years in the list"] = ([time.perf_counter() - t], 0.0)
        box = app.screen.query_one(EntryList)

        async def press(name: str, *keys: str, runs: int = 30) -> None:
            samples = []
            cpu = time.process_time()
            for n in range(runs):
                key = keys[n % len(keys)]
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                samples.append(time.perf_counter() - t0)
            out[name] = (samples, (time.process_time() - cpu) / runs)

        await press("a key that does nothing (the Pilot's own cost)", "z")
        await press("Page Down in the list", "pagedown")
        await press("Down in the list", "down")
        await press("End, then Home", "end", "home", runs=20)
        app.screen.query_one("#search-words", Input).focus()
        await pilot.pause()
        await press("a letter typed in the search box (then Backspace)", "w", "backspace", runs=30)
        assert len(box.entries) > 10_000, len(box.entries)
    return out


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="imr-journal-"))
    try:
        today = datetime.now(UTC).date()
        store = build_demo_store(tmp / "big", days=3650, seed=7, end=today, tz=UTC)
        entries = load_entries(store)
        checkins = sum(1 for e in entries if e.kind == "checkin")
        print(f"{len(entries):,} entries ({checkins:,} check-ins, {len(entries) - checkins:,} coping uses)")
        t_load = median_ms(timed(lambda: load_entries(Store.open(store.root)), 7))
        print(f"read the whole journal, cold Store: {t_load:.0f} ms")
        for name, query in QUERIES.items():
            if query == "range":
                query = JournalQuery(start=today - timedelta(days=29), end=today)
            elif query == "all":
                query = JournalQuery(words="walk", tag="friends", start=today - timedelta(days=364), end=today)
            assert isinstance(query, JournalQuery)
            found = len(search(entries, query))
            t = median_ms(timed(lambda q=query: search(entries, q), 21))  # type: ignore[misc]
            print(f"search, {name}: {t:.1f} ms ({found:,} found; target < 100 ms)")
        now = datetime.combine(today, clock_time(21), tzinfo=UTC)
        for name, (samples, cpu) in asyncio.run(in_app(store.root, now)).items():
            worst = max(samples) * 1000
            print(f"app, {name}: {median_ms(samples):.1f} ms median, {worst:.1f} ms worst ({len(samples)} runs)"
                  + (f"; CPU {cpu * 1000:.1f} ms a key" if cpu else ""))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
