"""Two computers, one fake Syncthing, random saves on both sides (hypothesis stateful testing).

At least 200 rounds in the suite (bench/sync_sim.py runs 5,000): every check-in saved on either side
is there exactly once on both, with its newest edit; nothing is lost; `verify` is clean on both.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.sync_sim import TwoComputers

SIDES = st.sampled_from("AB")
EXAMPLES, STEPS = 5, 50  # 250 rounds


class TwoComputersMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="imr-sync-sim-"))
        self.sim = TwoComputers(self.tmp)
        self.rounds = 0

    @rule(side=SIDES, seed=st.integers(0, 2**16))
    def add_checkin(self, side: str, seed: int) -> None:
        self.sim.rng = random.Random(seed)
        self.sim.add_checkin(side)

    @rule(side=SIDES, seed=st.integers(0, 2**16))
    def edit_checkin(self, side: str, seed: int) -> None:
        self.sim.rng = random.Random(seed)
        self.sim.edit_checkin(side)

    @rule(side=SIDES, seed=st.integers(0, 2**16))
    def add_coping(self, side: str, seed: int) -> None:
        self.sim.rng = random.Random(seed)
        self.sim.add_coping(side)

    @rule(side=SIDES, seed=st.integers(0, 2**16))
    def change_settings_or_profile(self, side: str, seed: int) -> None:
        self.sim.rng = random.Random(seed)
        (self.sim.change_settings if seed % 2 else self.sim.change_profile)(side)

    @rule(side=SIDES)
    def open_imr_tui(self, side: str) -> None:
        self.sim.merge(side)

    @rule(seed=st.integers(0, 2**16))
    def sync(self, seed: int) -> None:
        self.sim.rng = random.Random(seed)
        self.sim.sync()

    @precondition(lambda self: self.rounds % 10 == 9)
    @rule()
    def settle_and_check(self) -> None:
        self.sim.check()

    @invariant()
    def count(self) -> None:
        self.rounds += 1

    def teardown(self) -> None:
        try:
            self.sim.check()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


TwoComputersMachine.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_two_computers = TwoComputersMachine.TestCase
