"""Coping toolbox ranking, patterns (3 with / 3 without, no causal claim), plan Markdown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from imr_tui.domain.checkin import CheckIn, SubstanceUse, default_items
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import RelapsePlanBody, Supporter, Trigger, WarningRule, WarningSign
from imr_tui.export.plan_md import plan_markdown
from imr_tui.insights.coping import rank_strategies
from imr_tui.insights.patterns import NOTE, patterns
from tests.conftest import run_cli

D0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def use(strategy: str, before: int, after: int, day: int = 0) -> CopingUse:
    return CopingUse(at=D0 + timedelta(days=day), strategy=strategy, distress_before=before, distress_after=after)


def test_toolbox_ranks_by_own_average_drop_and_needs_three_uses() -> None:
    uses = [use("Walk", 8, 4), use("Walk", 7, 3), use("Walk", 6, 4),  # drops 4, 4, 2 -> 3.33
            use("Music", 9, 2), use("Music", 9, 1), use("Music", 8, 3),  # 7, 8, 5 -> 6.67
            use("Call Sam", 9, 0), use("Call Sam", 9, 0)]  # only 2 uses
    ranked = rank_strategies(uses)
    assert [s.strategy for s in ranked] == ["Music", "Walk", "Call Sam"]
    assert ranked[0].uses == 3 and abs((ranked[0].average_drop or 0) - 20 / 3) < 1e-9
    assert ranked[2].average_drop is None and "not enough data yet" in ranked[2].describe()
    assert "6.7 points lower after" in ranked[0].describe()
    assert "you felt 6.7 points less upset after" in ranked[0].for_the_person()
    assert ranked[2].for_the_person() == ranked[2].describe()


def day(n: int, mood: float, tags: tuple[str, ...] = (), sleep: float | None = None, used: bool = False) -> CheckIn:
    values = {"mood": mood, **({"sleep": sleep} if sleep is not None else {})}
    return CheckIn(at=D0 + timedelta(days=n), values=values, tags=list(tags),
                   substances=[SubstanceUse(what="beer")] if used else [])


def test_patterns_need_three_days_with_and_without() -> None:
    cs = [day(0, 8, ("walk",)), day(1, 7, ("walk",)), day(2, 3), day(3, 4), day(4, 2)]
    assert [p.factor for p in patterns(cs, default_items())] == []  # only 2 days with 'walk'
    cs.append(day(5, 9, ("walk",)))
    (p,) = [p for p in patterns(cs, default_items()) if "walk" in p.factor]
    assert (p.days_with, p.days_without) == (3, 3)
    assert abs(p.difference - (8 - 3)) < 1e-9
    assert p.describe() == "On days with the tag 'walk' (3 days), your mood was 5.0 points higher than on other " \
                           "days (3 days)."
    assert "does not show what causes" in NOTE


def test_sleep_pattern_compares_good_nights_with_short_nights_only() -> None:
    cs = [day(i, 7, sleep=8) for i in range(3)] + [day(i, 4, sleep=5) for i in range(3, 6)] + \
         [day(i, 1) for i in range(6, 12)]  # days with no sleep logged are not "short nights"
    (p,) = [p for p in patterns(cs, default_items()) if p.factor.startswith("sleep")]
    assert (p.days_with, p.days_without, p.mean_without) == (3, 3, 4)


def test_substance_use_pattern() -> None:
    cs = [day(i, 3, used=True) for i in range(3)] + [day(i, 6) for i in range(3, 7)]
    (p,) = [p for p in patterns(cs, default_items()) if p.factor == "alcohol or drug use"]
    assert p.difference == -3 and "lower than" in p.describe()


def test_plan_markdown_escapes_user_text_and_lists_five_elements() -> None:
    plan = RelapsePlanBody(triggers=[Trigger(text="*Parties*", how_to_handle="leave [early]")],
                           warning_signs=[WarningSign(text="Less sleep", rule=WarningRule(item="sleep",
                                                                                          comparison="<=", threshold=5))],
                           supporters=[Supporter(name="Ana", contact="555")])
    md = plan_markdown(plan, default_items())
    assert "\\*Parties\\*: leave \\[early\\]" in md
    for n in range(1, 6):
        assert f"## {n}." in md
    assert "sleep at or under 5 hours on 3 of the last 5 days" in md
    assert md.count("(none yet)") == 2


def test_plan_show_and_export_cli(tmp_path: Path) -> None:
    from imr_tui.demo import build_demo_store

    home = tmp_path / "data"
    build_demo_store(home, days=10, end=date(2026, 11, 20), tz=UTC)
    r = run_cli("plan", "show", home=home)
    assert r.returncode == 0 and "Call my case manager" in r.stdout
    docs = tmp_path / "Documents"
    docs.mkdir(mode=0o755)
    docs.chmod(0o755)
    out = docs / "plan.md"
    r = run_cli("plan", "export", "--md", str(out), home=home)
    assert r.returncode == 0 and "Call my case manager" in out.read_text()
    assert out.stat().st_mode & 0o777 == 0o600  # private file
    assert docs.stat().st_mode & 0o777 == 0o755  # the person's own folder is left as it was
    r = run_cli("plan", "export", "--md", str(tmp_path / "nope" / "plan.md"), home=home)
    assert r.returncode == 1 and "does not exist" in r.stderr
