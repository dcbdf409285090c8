"""Run `imr-tui ARGS` and kill -9 itself at the N-th rename or delete a data file goes through.

Usage: python tests/kill_at.py N imr-tui-args...

Every step a repair takes on disk is an os.replace (atomic writes, moves, a journal) or an os.unlink; dying just
before the N-th one (counting from 1) is the same as a kill -9 landing there, but exact and repeatable, so a
test can try every point of a command. N = 0 never kills. The last line of stderr says how many steps the
command made ("steps: K"), so a test knows when N went past the end.
"""

from __future__ import annotations

import os
import signal
import sys

target = int(sys.argv[1])
count = 0
real_replace, real_unlink, real_rename = os.replace, os.unlink, os.rename


def _step() -> None:
    global count
    count += 1
    if count == target:
        os.kill(os.getpid(), signal.SIGKILL)


def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
    _step()
    return real_replace(src, dst, *a, **k)


def unlink(path, *a, **k):  # type: ignore[no-untyped-def]
    _step()
    return real_unlink(path, *a, **k)


os.replace = replace
os.unlink = unlink
os.remove = unlink

from imr_tui.cli.main import main  # noqa: E402

try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
finally:
    print(f"steps: {count}", file=sys.stderr)
sys.exit(code)
