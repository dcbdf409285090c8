"""A seeded generator of believable synthetic data, for `imr-tui --demo`, tests and benchmarks.

The same seed, end day and number of days always give the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from imr_tui.domain.checkin import CheckIn, Medication, SubstanceUse
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import (
    ActionStep,
    CopingStrategy,
    EmergencyContact,
    Goal,
    GoalStep,
    Profile,
    RelapsePlan,
    Supporter,
    Trigger,
    WarningRule,
    WarningSign,
)
from imr_tui.domain.progress import HomePractice, LessonProgress, Progress
from imr_tui.store.store import Store

STRATEGIES = ["Slow breathing", "Walk around the block", "Call my sister", "Listen to music",
              "Write it down", "Shower and change clothes", "Go to a meeting"]
SITUATIONS = ["Argument at home", "Could not sleep", "Crowded bus", "Bills came", "Friend offered a drink",
              "Voices were loud", "Nothing to do all day"]
TAGS = ["walk", "friends", "work", "meeting", "cooked", "church", "gym"]


@dataclass(frozen=True)
class DemoData:
    checkins: list[CheckIn]
    coping: list[CopingUse]
    profile: Profile
    progress: Progress


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def generate(days: int = 90, seed: int = 7, end: date | None = None, tz: tzinfo | None = None,
             per_day: float = 3.2, not_after: datetime | None = None) -> DemoData:
    """Check-ins for `days` days up to `end` (about `per_day` a day, some days missed), coping uses,
    a profile with a goal and a full relapse prevention plan, and some lesson progress.

    `not_after` drops entries later than that moment (the demo never shows check-ins from later today)."""
    rng = random.Random(seed)
    tz = tz or UTC
    end = end or datetime.now(tz).date()
    start = end - timedelta(days=days - 1)
    checkins: list[CheckIn] = []
    coping: list[CopingUse] = []
    mood, stress, sleep = 6.0, 4.0, 7.0
    rough_until = start - timedelta(days=1)
    n = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day > rough_until and rng.random() < 1 / 110:
            rough_until = day + timedelta(days=rng.randint(5, 14))  # a hard spell
        rough = day <= rough_until
        mood = _clamp(mood + rng.gauss(-0.6 if rough else 0.15 * (6 - mood), 0.9), 0, 10)
        stress = _clamp(stress + rng.gauss(0.7 if rough else 0.2 * (4 - stress), 0.9), 0, 10)
        sleep = _clamp(rng.gauss(4.8 if rough else 7.2, 1.0), 2, 12)
        if rng.random() < 0.04:
            continue  # a missed day
        count = max(1, min(4, round(rng.gauss(per_day, 0.6))))
        for k in range(count):
            hour = [8, 13, 20, 22][k]
            at = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=tz)
            used = rng.random() < (0.25 if rough else 0.05)
            values = {
                "mood": round(_clamp(mood + rng.gauss(0, 0.7), 0, 10)),
                "stress": round(_clamp(stress + rng.gauss(0, 0.7), 0, 10)),
                "anxiety": round(_clamp(stress * 0.8 + rng.gauss(0, 1), 0, 10)),
                "voices": round(_clamp((2.5 if rough else 0.6) + rng.gauss(0, 0.7), 0, 4)),
                "urge": round(_clamp((6 if rough else 2) + rng.gauss(0, 1.5), 0, 10)),
                "use": 1.0 if used else 0.0,
            }
            if k == 0:
                values["sleep"] = round(sleep * 2) / 2
                values["sleep_quality"] = round(_clamp(sleep / 2.2 + rng.gauss(0, 0.5), 0, 4))
                values["energy"] = round(_clamp(mood / 2.5 + rng.gauss(0, 0.5), 0, 4))
            n += 1
            checkins.append(CheckIn(
                id=f"demo{seed}-{n:06d}", at=at, values=values,
                substances=[SubstanceUse(what=rng.choice(["beer", "cannabis", "wine"]), amount="some")] if used else [],
                medication=(Medication.TAKEN if rng.random() < 0.9 else Medication.MISSED) if k == 0 else None,
                tags=rng.sample(TAGS, rng.randint(0, 2)),
                note=rng.choice(["", "", "", "Good talk with Sam.", "Tired today.", "Went for a walk [outside]."]),
                created=at,
            ))
        if rng.random() < (0.95 if rough else 0.82):
            before = rng.randint(4, 9)
            strategy = rng.choice(STRATEGIES)
            coping.append(CopingUse(
                id=f"demo{seed}-c{len(coping) + 1:06d}",
                at=datetime.combine(day, time(rng.randint(9, 21), rng.randint(0, 59)), tzinfo=tz),
                strategy_id=f"s{STRATEGIES.index(strategy)}", strategy=strategy,
                situation=rng.choice(SITUATIONS), distress_before=before,
                distress_after=max(0, before - rng.randint(0, 4)),
            ))
    if not_after is not None:
        checkins = [c for c in checkins if c.at <= not_after]
        coping = [u for u in coping if u.at <= not_after]
    return DemoData(checkins, coping, demo_profile(end), demo_progress(end, tz))


def demo_profile(today: date) -> Profile:
    supporters = [Supporter(id="sup-sister", name="My sister Ana", how_they_help="Tells me when she sees signs; "
                            "walks with me.", contact="555-0142"),
                  Supporter(id="sup-cm", name="Case manager", how_they_help="Helps me change my plan.",
                            contact="555-0199")]
    plan = RelapsePlan(
        triggers=[Trigger(id="t-sleep", text="Late nights", how_to_handle="Phone off at 11 pm."),
                  Trigger(id="t-drink", text="Parties with drinking", how_to_handle="Leave early; bring a soda.")],
        warning_signs=[
            WarningSign(id="w-sleep", text="Sleeping less",
                        rule=WarningRule(item="sleep", comparison="<=", threshold=5, days=3, window=5)),
            WarningSign(id="w-stress", text="Feeling very stressed",
                        rule=WarningRule(item="stress", comparison=">=", threshold=8, days=3, window=5)),
            WarningSign(id="w-avoid", text="Staying away from friends"),
        ],
        action_steps=[ActionStep(id="a1", text="Call my case manager"), ActionStep(id="a2", text="Go to bed by 11"),
                      ActionStep(id="a3", text="Skip parties for two weeks")],
        supporters=supporters,
        emergency_contacts=[EmergencyContact(id="e1", name="Crisis team", contact="555-0100")],
        reviewed_on=today - timedelta(days=40),
    )
    goal = Goal(id="g1", text="Get a part-time job", why="I want my own money and a reason to get up.",
                created=today - timedelta(days=60),
                steps=[GoalStep(id="gs1", text="Update my CV", due=today - timedelta(days=20), done=True,
                                done_on=today - timedelta(days=21)),
                       GoalStep(id="gs2", text="Ask about jobs at the library", due=today + timedelta(days=3)),
                       GoalStep(id="gs3", text="Apply to two jobs", due=today + timedelta(days=14))])
    return Profile(goals=[goal], plan=plan, supporters=supporters,
                   triggers=list(plan.triggers),
                   strategies=[CopingStrategy(id=f"s{i}", text=s) for i, s in enumerate(STRATEGIES)])


def demo_progress(today: date, tz: tzinfo) -> Progress:
    at = datetime.combine(today - timedelta(days=2), time(18), tzinfo=tz)
    return Progress(
        lessons=[LessonProgress(module_id="recovery-strategies", lesson_id="what-recovery-means", page=2, done=True,
                                updated=at)],
        practice=[HomePractice(module_id="recovery-strategies", lesson_id="what-recovery-means",
                               practice_id="demo", text="Write down one thing you enjoy doing.",
                               chosen_on=today - timedelta(days=2), due=today + timedelta(days=5))],
    )


def build_demo_store(root: Path, days: int = 90, seed: int = 7, end: date | None = None,
                     tz: tzinfo | None = None) -> Store:
    """Create (or fill) a store at `root` with demo data; one write per month file.

    With no `end`, the data runs up to now (nothing later today); with an `end`, it is fixed (tests).
    """
    tz = tz or datetime.now().astimezone().tzinfo  # the person's own time zone
    not_after = datetime.now(tz) if end is None else None
    data = generate(days=days, seed=seed, end=end, tz=tz, not_after=not_after)
    store = Store.open(root)
    store.import_checkins(data.checkins)
    store.import_coping_uses(data.coping)
    store.update_profile(lambda _p: data.profile)
    store.update_progress(lambda _p: data.progress)
    return store
