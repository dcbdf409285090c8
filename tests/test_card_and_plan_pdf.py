"""The wallet-size crisis card and the plan as a PDF, read back with pypdf."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from imr_tui import paths
from imr_tui.content.crisis import load_crisis_lines
from imr_tui.domain.profile import ActionStep, EmergencyContact, Profile, RelapsePlan, Supporter, Trigger
from imr_tui.domain.settings import Settings
from imr_tui.export.card import build_card, card_pdf
from imr_tui.export.plan_pdf import plan_pdf
from imr_tui.store.store import Store
from tests.conftest import run_cli

TODAY = date(2026, 11, 20)
PLAN = RelapsePlan(
    triggers=[Trigger(text="Kłótnie w domu", how_to_handle="Wyjść na spacer")],
    action_steps=[ActionStep(text="Zadzwonić do siostry"), ActionStep(text="Πάω για ύπνο νωρίς")],
    supporters=[Supporter(name="Сестра Аня", contact="555 0142"), Supporter(name="No number")],
    emergency_contacts=[EmergencyContact(name="Crisis team", contact="555 0100")],
)


def text_of(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def lines():
    return load_crisis_lines(paths.crisis_lines_file())


def test_card_is_one_page_with_the_steps_contacts_and_lines_for_the_country() -> None:
    (page,) = text_of(card_pdf(build_card(PLAN, Settings(country="GB"), lines(), TODAY)))
    assert "CRISIS CARD" in page and "In danger now? Call 999 or 112." in page
    assert "Overdose: call 999 now." in page
    assert "Zadzwonić do siostry" in page and "Πάω για ύπνο νωρίς" in page  # their own words, as typed
    assert "Сестра Аня" in page and "555 0142" in page and "Crisis team" in page
    assert "No number" not in page  # a supporter without a contact is no use on a card
    assert "Samaritans" in page and "116 123" in page
    assert "Nobody has checked these numbers with the services yet." in page


def test_card_for_a_place_not_listed_uses_the_persons_own_number() -> None:
    (page,) = text_of(card_pdf(build_card(PLAN, Settings(country="ZZ", local_emergency="000"), lines(), TODAY)))
    assert "In danger now? Call 000." in page and "somewhere not on the app's list" in page
    (page,) = text_of(card_pdf(build_card(RelapsePlan(), Settings(country="ZZ"), None, TODAY,
                                          lines_problem="crisis-lines.yaml: bad")))
    assert "Call your local emergency number." in page and "could not be read: crisis-lines.yaml: bad" in page
    assert "No steps yet" in page and "No one yet" in page  # nothing invented


def test_card_with_far_too_many_steps_stays_one_page_and_says_where_the_rest_is() -> None:
    plan = RelapsePlan(action_steps=[ActionStep(text=f"Step number {i} with some words to make it long")
                                     for i in range(40)])
    data = card_pdf(build_card(plan, Settings(), lines(), TODAY), paper="letter")
    (page,) = text_of(data)
    assert "… More in my plan." in page and "Step number 39" not in page
    assert round(float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width)) == 612


def test_plan_pdf_has_every_part_in_the_persons_words() -> None:
    pages = text_of(plan_pdf(PLAN, [], TODAY))
    text = " ".join(pages)
    for part in ("1. Triggers, and how I handle them", "2. My early warning signs", "3. What I do when a warning sign",
                 "4. Who helps me, and how", "5. Who to contact in an emergency"):
        assert part in text
    assert "Kłótnie w domu: Wyjść na spacer" in text and "Сестра Аня (555 0142)" in text
    assert "(none yet)" in text  # no warning signs
    extra = " ".join(text_of(plan_pdf(PLAN, [], TODAY, extra=[("My safety plan", [("1. Reasons", ["Mój kot"])])])))
    assert "6. My safety plan" in extra and "Mój kot" in extra


def test_cli_card_and_plan_pdf(store: Store, tmp_path: Path) -> None:
    store.update_profile(lambda _p: Profile(plan=PLAN))
    card, plan, plan2 = tmp_path / "card.pdf", tmp_path / "plan.pdf", tmp_path / "plan2.pdf"
    r = run_cli("report", "--card", str(card), home=store.root)
    assert r.returncode == 0, r.stderr
    assert "crisis card" in r.stdout and "Zadzwonić do siostry" in text_of(card.read_bytes())[0]
    r = run_cli("plan", "export", "--pdf", str(plan), home=store.root)
    assert r.returncode == 0, r.stderr
    assert "Kłótnie w domu" in " ".join(text_of(plan.read_bytes()))
    assert run_cli("export", "--plan-pdf", str(plan2), "--paper", "a4", home=store.root).returncode == 0
    assert text_of(plan2.read_bytes()) == text_of(plan.read_bytes())  # the same plan, two ways to ask
    width = {p: round(float(PdfReader(p).pages[0].mediabox.width)) for p in (plan, plan2)}
    assert width == {plan: 612, plan2: 595}  # Letter for the US (the default country), A4 when asked
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (card, plan, plan2))
    r = run_cli("report", "--card", str(card), "--pdf", str(card), home=store.root)
    assert r.returncode == 1 and "its own file name" in r.stderr
    r = run_cli("plan", "export", "--pdf", str(tmp_path / "no" / "p.pdf"), home=store.root)
    assert r.returncode == 1 and "does not exist" in r.stderr


def test_the_shipped_fonts_are_the_ones_the_readme_names() -> None:
    fonts = paths.fonts_dir()
    readme = (fonts / "README.md").read_text()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        digest = hashlib.sha256((fonts / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in readme
    assert "Bitstream Vera" in (fonts / "LICENSE-DejaVu.txt").read_text()


@pytest.mark.parametrize("country", ["US", "GB", "PL", "MX", "IN", "ZA"])
def test_card_for_each_country_with_lines(country: str) -> None:
    entry = lines().for_country(country)
    (page,) = text_of(card_pdf(build_card(PLAN, Settings(country=country), lines(), TODAY)))
    assert f"Call {entry.emergency}." in page and f"Numbers for: {entry.name}." in page
    for line in entry.lines:
        assert line.name in page
