"""Content benchmark: time to load the module index (headers only) from the shipped curriculum.

Prints, in one run:
  - load_index(...) in process: median of N runs, each reading and parsing every file afresh
    (the loader caches only whole modules, in Curriculum, never the index)
  - a full load_module of every module, for comparison
  - a cold `python -c "...load_index(...)"` minus a bare `python -c "import pydantic, yaml"` (medians),
    and minus `python -c "from pydantic import BaseModel; import yaml"` (pydantic's lazy import paid),
    and the import and load times measured inside that cold process
Target: the index in under 30 ms.

Usage: python bench/content_index.py [--runs 50] [--cold-runs 15] [--folder content/modules]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from common import median_ms, time_cmd  # bench/common.py (run as: python bench/content_index.py)
from imr_tui import paths
from imr_tui.content.loader import load_index, load_module, module_files

TARGET_MS = 30.0

COLD_INDEX = """\
import time, json, sys
t0 = time.perf_counter()
from imr_tui.content.loader import load_index
t1 = time.perf_counter()
entries = load_index(__import__("pathlib").Path(sys.argv[1]))
t2 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1000, "index_ms": (t2 - t1) * 1000, "n": len(entries)}))
"""
BASELINE = "import pydantic, yaml"
# `import pydantic` is lazy: BaseModel (pydantic.main, pydantic_core) only loads on first use. This second
# baseline pays that too, so the difference left is our own modules: model classes, loader, the index itself.
BASELINE_MODELS = "from pydantic import BaseModel; import yaml"


def time_in_process(folder: Path, runs: int) -> tuple[list[float], int]:
    load_index(folder)  # warm the OS file cache and the import of everything the loader needs
    samples = []
    n = 0
    for _ in range(runs):
        t = time.perf_counter()
        n = len(load_index(folder))
        samples.append(time.perf_counter() - t)
    return samples, n


def time_full_modules(folder: Path, runs: int) -> list[float]:
    files = module_files(folder)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        for f in files:
            load_module(f)  # no cache here: load_module always reads and validates the file
        samples.append(time.perf_counter() - t)
    return samples


def _time_cold(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[str]]:
    wall, _, outputs = time_cmd(cmd, runs, env)
    return wall, outputs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=50, help="in-process runs (default 50)")
    ap.add_argument("--cold-runs", type=int, default=15, help="cold subprocess runs (default 15)")
    ap.add_argument("--folder", type=Path, default=None, help="module folder (default: the shipped one)")
    args = ap.parse_args()
    folder = (args.folder or paths.modules_dir()).resolve()
    files = module_files(folder)
    size_kb = sum(f.stat().st_size for f in files) / 1024
    print(f"folder: {folder} ({len(files)} files, {size_kb:.0f} KiB)")

    samples, n = time_in_process(folder, args.runs)
    index_ms = median_ms(samples)
    print(f"load_index in process: median {index_ms:.2f} ms over {args.runs} runs "
          f"(min {min(samples) * 1000:.2f}, max {max(samples) * 1000:.2f}) for {n} modules")
    full = time_full_modules(folder, max(5, args.runs // 5))
    print(f"load_module x {len(files)} (all lessons, for comparison): median {median_ms(full):.1f} ms")

    env = dict(os.environ)
    cold, outputs = _time_cold([sys.executable, "-c", COLD_INDEX, str(folder)], args.cold_runs, env)
    base, _ = _time_cold([sys.executable, "-c", BASELINE], args.cold_runs, env)
    base2, _ = _time_cold([sys.executable, "-c", BASELINE_MODELS], args.cold_runs, env)
    inside = [json.loads(o) for o in outputs]
    cold_ms, base_ms, base2_ms = median_ms(cold), median_ms(base), median_ms(base2)
    print(f"cold `python -c load_index`: {cold_ms:.0f} ms (medians of {args.cold_runs})")
    print(f"  minus `python -c \"{BASELINE}\"` ({base_ms:.0f} ms): {cold_ms - base_ms:.0f} ms")
    print(f"  minus `python -c \"{BASELINE_MODELS}\"` ({base2_ms:.0f} ms): {cold_ms - base2_ms:.0f} ms")
    imp = statistics.median(r["import_ms"] for r in inside)
    idx = statistics.median(r["index_ms"] for r in inside)
    print(f"  inside the cold process: import imr_tui.content.loader {imp:.1f} ms (pydantic models included), "
          f"first load_index {idx:.1f} ms")

    verdict = "OK" if index_ms < TARGET_MS and idx < TARGET_MS else "TOO SLOW"
    print(f"target: index < {TARGET_MS:.0f} ms -> in process {index_ms:.1f} ms, cold first call {idx:.1f} ms: {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
