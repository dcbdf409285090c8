"""Every figure of issue 19's six speed targets, in one run, on a 10-year demo store (about 11,000 check-ins).

    python bench/speed.py [--rounds 9] [--openings 20] [--cli-rounds 20] [--idle 20] [--only 1,3]

1. Home with today's check-in status (and, from the same summary, the next lesson and any fired warning
   sign) on screen, against a bare Textual app's first paint (Header, Static, Footer): both through tmux at
   80x24, started in turn (A B A B ...), the ratio taken pair by pair. Target: <= 1.3 x.
2. Each screen a Home key opens, ready (its data on screen: its workers done and their results painted),
   with Textual's Pilot at 80x24: 95th percentile over 20 openings each. Target: under 100 ms.
3. `imr-tui checkin --mood 6 --stress 4 --sleep 7 --note x` (saved and fsynced) against
   `python -c "from pydantic import BaseModel"`, in turn, ratio pair by pair (wall and CPU). Target: <= 1.5 x.
4. Peak memory (RSS) of the TUI with Home's data on screen against the bare app. Target: <= 1.3 x.
5. Idle CPU of the open app after it settles (the data service polls file stats once a second).
   Target: under 1 % of one core.
6. A key press on the check-in screen, from the key to the repainted screen (Pilot), 95th percentile.
   Target: under 16 ms.

The machine is shared: every section prints the load average (from `uptime`) it ran under. Wall times on
a busy machine are mostly waiting for a core; the paired ratios and the CPU times move less.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from common import BARE, BARE_READY, RSS, compile_package, run_once  # bench/common.py (run as: python bench/speed.py)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



HOME_READY = "Today's check-in"

# The keys of Home, and the screen each opens (the "y" sync choice shows only after a sync conflict).
HOME_KEYS = {"c": "checkin", "u": "quick_checkin", "l": "a lesson", "m": "lessons", "g": "goals", "p": "plan",
             "t": "coping", "k": "selfcheck", "q": "questionnaires", "r": "report", "h": "history",
             "j": "journal", "s": "settings"}


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1] if len(samples) > 1 else samples[0]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


class Tmux:
    """A private tmux server (its own socket), kept alive by a keeper session."""

    def __init__(self) -> None:
        self.sock = f"imr-speed-{os.getpid()}"
        self.run("new-session", "-d", "-s", "keeper", "sleep 3600")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True).stdout

    def start(self, cmd: list[str]) -> str:
        name = "s" + uuid.uuid4().hex[:8]
        self.run("new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                 "env TERM=xterm-256color " + " ".join(shlex.quote(c) for c in cmd))
        return name

    def wait(self, name: str, pattern: str, t0: float, timeout: float = 30) -> float:
        while time.perf_counter() - t0 < timeout:
            if re.search(pattern, self.run("capture-pane", "-p", "-t", name)):
                return time.perf_counter() - t0
            time.sleep(0.005)
        raise SystemExit(f"{pattern!r} never showed; last screen:\n{self.run('capture-pane', '-p', '-t', name)}")

    def paint(self, cmd: list[str], pattern: str) -> float:
        t0 = time.perf_counter()
        name = self.start(cmd)
        try:
            return self.wait(name, pattern, t0)
        finally:
            self.run("kill-session", "-t", name)

    def peak_rss(self, cmd: list[str], pattern: str, tmp: Path) -> int:
        out = tmp / f"rss-{uuid.uuid4().hex[:6]}.txt"
        wrapper = tmp / "rss.py"
        wrapper.write_text(RSS)
        t0 = time.perf_counter()
        name = self.start([sys.executable, str(wrapper), str(out), *cmd])
        try:
            self.wait(name, pattern, t0)
            time.sleep(1.0)  # let the workers finish (Home's data, the daily backup)
            self.run("send-keys", "-t", name, "C-q")
            deadline = time.monotonic() + 20
            while not out.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            return int(out.read_text())
        finally:
            self.run("kill-session", "-t", name)

    def close(self) -> None:
        self.run("kill-server")


def paired(a: list[float], b: list[float]) -> str:
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return (f"median {statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f}, "
            f"{len(ratios)} pairs)")


def first_paint_and_memory(tmp: Path, imr: list[str], bare: list[str], rounds: int) -> None:
    tm = Tmux()
    try:
        tm.paint(bare, BARE_READY)  # warm the file cache
        tm.paint(imr, HOME_READY)
        at = load()
        t_bare, t_imr, t_first = [], [], []
        for _ in range(rounds):
            t_imr.append(tm.paint(imr, HOME_READY))
            t_bare.append(tm.paint(bare, BARE_READY))
            t_first.append(tm.paint(imr, f"Loading|{HOME_READY}"))
        print(f"1. first paint ({at}; {rounds} rounds in turn, 80x24 through tmux):")
        print(f"   bare app {ms(statistics.median(t_bare))}; imr-tui first paint {ms(statistics.median(t_first))}; "
              f"Home with today's status {ms(statistics.median(t_imr))}")
        print(f"   Home with today's status / bare app: {paired(t_imr, t_bare)}  [target <= 1.3]")
        at = load()
        m_bare, m_imr = [], []
        for _ in range(3):
            m_imr.append(tm.peak_rss(imr, HOME_READY, tmp))
            m_bare.append(tm.peak_rss(bare, BARE_READY, tmp))
        print(f"4. peak memory ({at}; 3 rounds): bare app {statistics.median(m_bare) / 1024:.1f} MiB; "
              f"imr-tui with Home's data {statistics.median(m_imr) / 1024:.1f} MiB; "
              f"ratio {statistics.median(m_imr) / statistics.median(m_bare):.2f}  [target <= 1.3]")
    finally:
        tm.close()


async def painted(app: object) -> None:
    """Wait for the app's next refresh after the messages already queued (the key's, say) are handled."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    app.call_later(app.call_after_refresh, lambda: done.done() or done.set_result(None))  # type: ignore[attr-defined]
    await done


async def ready(app: object, home: object) -> None:
    """The screen a key opens is ready: it is on top, no worker runs, no save waits, and it was painted."""
    while True:
        await asyncio.sleep(0.001)
        data = app.data  # type: ignore[attr-defined]
        if app.screen is home or any(w.is_running for w in app.workers) or not data.idle():  # type: ignore[attr-defined]
            continue
        await painted(app)
        if not any(w.is_running for w in app.workers):  # type: ignore[attr-defined]
            return


async def screens_ready(root: Path, openings: int) -> None:
    """Keys are sent as a terminal sends them (App.simulate_key), not with Pilot.press: the Pilot waits for
    the app to go idle in steps of 20 ms, which would be most of the figure."""
    from tests.conftest import settle

    from imr_tui.paths import content_dir
    from imr_tui.store.store import Store
    from imr_tui.tui.app import IMRApp
    from imr_tui.tui.screens.home import HomeScreen

    at = load()
    app = IMRApp(store=Store.open(root), content=content_dir())
    rows: list[tuple[str, str, list[float], list[float]]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key, name in HOME_KEYS.items():
            wall, cpu = [], []
            for _ in range(openings):
                home = app.screen
                t, c = time.perf_counter(), time.process_time()
                app.simulate_key(key)
                await asyncio.wait_for(ready(app, home), 30)
                wall.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                while not isinstance(app.screen, HomeScreen):
                    app.pop_screen()
                    await settle(app, pilot)
            rows.append((key, name, wall, cpu))
    print(f"2. screens opened from Home, ready with their data ({at}; Pilot 80x24; {openings} openings each;"
          " wall p95 / median, CPU median) [target p95 < 100 ms]:")
    for key, name, wall, cpu in rows:
        flag = "" if p95(wall) < 0.1 else "  over"
        print(f"   {key} {name:<15} p95 {ms(p95(wall)):>9}  median {ms(statistics.median(wall)):>9}  "
              f"CPU {ms(statistics.median(cpu)):>9}{flag}")


def shell_checkin(root: Path, rounds: int) -> None:
    env = {**os.environ, "IMR_TUI_HOME": str(root)}
    exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
    a = [exe, "checkin", "--mood", "6", "--stress", "4", "--sleep", "7", "--note", "x"]
    b = [sys.executable, "-c", "from pydantic import BaseModel"]

    def once(cmd: list[str]) -> tuple[float, float]:
        wall, cpu, _out = run_once(cmd, env)
        return wall, cpu

    once(a)
    once(b)
    at = load()
    aw, ac, bw, bc = [], [], [], []
    for _ in range(rounds):
        w, c = once(a)
        aw.append(w)
        ac.append(c)
        w, c = once(b)
        bw.append(w)
        bc.append(c)
    print(f"3. shell check-in ({at}; {rounds} rounds in turn): `imr-tui checkin ...` wall "
          f"{ms(statistics.median(aw))} CPU {ms(statistics.median(ac))}; `python -c \"from pydantic import "
          f"BaseModel\"` wall {ms(statistics.median(bw))} CPU {ms(statistics.median(bc))}")
    print(f"   ratio, CPU: {paired(ac, bc)}; wall: {paired(aw, bw)}  [target <= 1.5]")


def idle_cpu(root: Path, seconds: float) -> None:
    from idle_cpu import CHILD, cpu_seconds  # bench/idle_cpu.py

    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(8)  # start, first paint, Home's summary, the daily backup
        if proc.poll() is not None:
            raise SystemExit(f"the app stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
        at = load()
        before, t0 = cpu_seconds(proc.pid), time.monotonic()
        time.sleep(seconds)
        used, wall = cpu_seconds(proc.pid) - before, time.monotonic() - t0
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"5. idle CPU ({at}; headless, {wall:.0f} s after 8 s to settle): {100 * used / wall:.2f} % of one core"
          "  [target < 1 %]")


async def checkin_keys(root: Path, presses: int) -> None:
    from tests.conftest import settle

    from imr_tui.paths import content_dir
    from imr_tui.store.store import Store
    from imr_tui.tui.app import IMRApp

    at = load()
    app = IMRApp(store=Store.open(root), content=content_dir())
    out: dict[str, tuple[list[float], list[float]]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("5")  # a first answer, so Down moves on
        await settle(app, pilot)

        async def press(what: str, keys: list[str]) -> None:
            wall, cpu = [], []
            for n in range(presses):
                t, c = time.perf_counter(), time.process_time()
                app.simulate_key(keys[n % len(keys)])
                await painted(app)
                wall.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            out[what] = (wall, cpu)

        await press("a key bound to nothing", ["f12"])
        await press("a number on the focused scale", ["3", "7", "5", "8"])
        await press("down / up between the questions", ["down", "down", "up", "up"])
    print(f"6. key press on the check-in screen, key to repainted screen ({at}; Pilot 80x24; {presses} presses)"
          " [target p95 < 16 ms]:")
    for what, (wall, cpu) in out.items():
        print(f"   {what:<46} p95 {ms(p95(wall)):>8}  median {ms(statistics.median(wall)):>8}  "
              f"CPU median {ms(statistics.median(cpu)):>8}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=9, help="paint rounds (each: imr-tui, bare app)")
    ap.add_argument("--openings", type=int, default=20)
    ap.add_argument("--cli-rounds", type=int, default=20)
    ap.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured")
    ap.add_argument("--presses", type=int, default=60)
    ap.add_argument("--only", default="1,2,3,4,5,6", help="which targets (4 comes with 1)")
    args = ap.parse_args()
    only = {int(x) for x in args.only.split(",")}
    from imr_tui.demo import build_demo_store
    from imr_tui.store.backup import make_backup

    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="imr-speed-"))
    try:
        store = build_demo_store(tmp / "data", days=3650)
        make_backup(store)  # so the runs below do not each make the daily backup
        n = sum(1 for _ in (store.root / "checkins").glob("*.json"))
        print(f"10-year demo store: {n} month files; Python {sys.version.split()[0]}, {os.cpu_count()} cores")
        bare = tmp / "bare.py"
        bare.write_text(BARE)
        exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
        if only & {1, 4}:
            first_paint_and_memory(tmp, ["env", f"IMR_TUI_HOME={store.root}", exe], [sys.executable, str(bare)],
                                   args.rounds)
        if 2 in only:
            asyncio.run(screens_ready(store.root, args.openings))
        if 3 in only:
            cli = tmp / "cli"
            shutil.copytree(store.root, cli)
            shell_checkin(cli, args.cli_rounds)
        if 5 in only:
            idle_cpu(store.root, args.idle)
        if 6 in only:
            asyncio.run(checkin_keys(store.root, args.presses))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
