"""Author helper: validate module files and print every problem (schema, structure, reading level).

Usage: python tools/check_modules.py content/modules/07-reducing-relapses.yaml [...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from imr_tui.content.audit import audit_module, mentions_substance_use
from imr_tui.content.loader import ContentError, ContentErrors, load_module
from imr_tui.content.readability import measure


def main(argv: list[str]) -> int:
    bad = 0
    for name in argv:
        path = Path(name)
        try:
            module = load_module(path)
        except ContentErrors as exc:
            print(exc)
            bad += len(exc.problems)
            continue
        except ContentError as exc:
            print(exc)
            bad += 1
            continue
        for finding in audit_module(module):
            print(f"{path}: {finding}")
            bad += 1
        if not mentions_substance_use(module):
            print(f"{path}: never mentions alcohol or drug use")
            bad += 1
        worst = max(
            (measure(p).grade, lesson.id, i) for lesson in module.lessons for i, p in enumerate(lesson.pages, 1)
        )
        print(f"{path}: {len(module.lessons)} lessons, hardest page grade {worst[0]:.1f} ({worst[1]} page {worst[2]})")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
