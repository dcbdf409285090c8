"""Warning-sign rules over ten years of data (target < 50 ms): `python bench/rules.py`.

Measures (medians):
  - Home's evaluation: a cold Store on 10 years of data, loading only the days the rules need
  - the same with 90 days of data (Home must not slow down as history grows)
  - every rule evaluated on the full 10-year day-value map already in memory
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from common import median_ms, timed  # bench/common.py (run as: python bench/rules.py)
from imr_tui.demo import build_demo_store
from imr_tui.insights.rules import RuleInputs, fired_signs
from imr_tui.insights.today import warning_signs
from imr_tui.store.store import Store


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="imr-rules-"))
    try:
        today = datetime.now(UTC).date()
        big = build_demo_store(tmp / "big", days=3650, seed=7, end=today, tz=UTC)
        small = build_demo_store(tmp / "small", days=90, seed=7, end=today, tz=UTC)

        def home(root: Path) -> None:
            s = Store.open(root)
            warning_signs(s, s.profile(), s.progress(), today)

        t_big, t_small = median_ms(timed(lambda: home(big.root), 21)), median_ms(timed(lambda: home(small.root), 21))
        store = Store.open(big.root)
        items = store.checkin_items()
        profile = store.profile()
        inputs = RuleInputs(store.checkins(), items)
        fired_signs(profile, inputs, today)  # builds the day values once, as before
        t_mem = median_ms(timed(lambda: fired_signs(profile, inputs, today), 21))
        n_rules = sum(1 for w in profile.plan.warning_signs if w.rule)
        print(f"{n_rules} rules; Home evaluation, cold store: {t_big:.1f} ms with 10 years, {t_small:.1f} ms with 90 days "
              f"(target < 50 ms)")
        print(f"all rules on the full 10-year day map in memory: {t_mem:.2f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
