"""Time to first paint and peak memory: imr-tui on a 10-year store vs a bare Textual app.

Uses ../shared/tools/ttfp.py (tmux). Run: python bench/ttfp.py [-n 7]
Targets (issue 5): first paint <= 1.15 x the bare app; peak memory <= 1.3 x.

The bare app is a Header, a Static and a Footer; its first paint is its Static's text. For imr-tui
we time two moments: the first paint (Home's first text, "Loading…", or anything later) and Home
with its data ("Today's check-in").
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BARE, BARE_READY, RSS, compile_package  # bench/common.py (run as: python bench/ttfp.py)

ROOT = Path(__file__).resolve().parent.parent
TTFP = ROOT.parent / "shared" / "tools" / "ttfp.py"




def ttfp(pattern: str, cmd: list[str], n: int) -> float:
    out = subprocess.run([sys.executable, str(TTFP), "-n", str(n), "--size", "80x24", pattern, "--", *cmd],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[1])  # "median N ms  min ..."


def peak_rss_kib(cmd: list[str], tmp: Path, wait_for: str) -> int:
    """Run cmd in tmux under a wrapper that records the child's peak RSS; quit once `wait_for` shows."""
    out = tmp / "rss.txt"
    out.unlink(missing_ok=True)
    wrapper = tmp / "rss.py"
    wrapper.write_text(RSS)
    sock = "imr-rss"
    full = " ".join(shlex.quote(c) for c in [sys.executable, str(wrapper), str(out), *cmd])
    subprocess.run(["tmux", "-L", sock, "new-session", "-d", "-s", "rss", "-x", "80", "-y", "24",
                    "env TERM=xterm-256color " + full], check=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pane = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t", "rss"], capture_output=True,
                                  text=True).stdout
            if wait_for in pane:
                break
            time.sleep(0.05)
        time.sleep(1.0)  # let workers finish (Home's data, the daily backup)
        subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "rss", "C-q"], check=True)
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return int(out.read_text())
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=7)
    args = ap.parse_args()
    if not TTFP.exists():
        print(f"needs {TTFP}", file=sys.stderr)
        return 1
    from imr_tui.demo import build_demo_store
    from imr_tui.store.backup import make_backup

    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="imr-ttfp-"))
    try:
        store = build_demo_store(tmp / "data", days=3650)
        make_backup(store)  # so the runs below do not each make the daily backup
        bare = tmp / "bare.py"
        bare.write_text(BARE)
        exe = shutil.which("imr-tui", path=str(Path(sys.executable).parent)) or "imr-tui"
        imr = ["env", f"IMR_TUI_HOME={store.root}", exe]
        bare_cmd = [sys.executable, str(bare)]
        t_bare = ttfp(BARE_READY, bare_cmd, args.n)
        t_paint = ttfp("Loading|Today's check-in|Crisis help", imr, args.n)
        t_data = ttfp("Today's check-in", imr, args.n)
        m_bare = peak_rss_kib(bare_cmd, tmp, BARE_READY)
        m_imr = peak_rss_kib(imr, tmp, "Today's check-in")
        print(f"time to first paint: bare app {t_bare:.0f} ms; imr-tui (10-year store) {t_paint:.0f} ms "
              f"(ratio {t_paint / t_bare:.2f}, target <= 1.15); Home with its data {t_data:.0f} ms "
              f"(ratio {t_data / t_bare:.2f})")
        print(f"peak memory: bare app {m_bare / 1024:.0f} MiB; imr-tui {m_imr / 1024:.0f} MiB "
              f"(ratio {m_imr / m_bare:.2f}, target <= 1.3)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
