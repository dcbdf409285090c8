"""The crisis key works from every screen that exists, and returns to where the person was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from textual.geometry import Region
from textual.widgets import Static

from imr_tui.domain.profile import EmergencyContact, RelapsePlanBody, Supporter
from imr_tui.domain.settings import Settings
from imr_tui.store.store import Store
from imr_tui.tui.app import SCREENS, IMRApp
from imr_tui.tui.screens.crisis import CrisisScreen
from tests.conftest import CONTENT, make_app

NAMES = [*SCREENS, "lesson", "help", "lock"]


@pytest.mark.parametrize("name", NAMES)
async def test_f2_opens_crisis_help_from(name: str, demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if name == "lesson":
            app.open_lesson("reducing-relapses", None)
        elif name == "help":
            app.action_help()
        elif name == "lock":
            app.action_lock()
        else:
            app.open(name)
        await pilot.pause()
        await pilot.pause()
        under = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen), f"F2 did not open crisis help from {name}"
        assert "emergency" in str(app.screen.query_one("#crisis-text").render()).lower()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under


# ------------------------------------------------------------------ what the crisis screen says
def _text(app: IMRApp) -> str:
    return str(app.screen.query_one("#crisis-text", Static).render())


def _rows(app: IMRApp) -> list[str]:
    """The crisis text as it is drawn, row by row, at the screen's width."""
    static = app.screen.query_one("#crisis-text", Static)
    return [strip.text for strip in static.render_lines(Region(0, 0, static.size.width, static.size.height))]


def _set(store: Store, **values: object) -> None:
    def change(settings: Settings) -> Settings:
        for key, value in values.items():
            setattr(settings, key, value)
        return settings

    store.update_settings(change)


async def _open_crisis(store: Store, content: Path = CONTENT, size: tuple[int, int] = (80, 24)) -> tuple[IMRApp, str, list[str]]:
    app = make_app(store, content=content)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        return app, _text(app), _rows(app)


def _content_with(tmp_path: Path, crisis_yaml: str) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "modules").symlink_to(CONTENT / "modules")
    (folder / "crisis-lines.yaml").write_text(crisis_yaml, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("code", "name"), [("GB", "United Kingdom"), ("US", "United States"), ("de", "Germany")])
async def test_it_says_which_country_the_numbers_are_for_and_how_to_change_it(store: Store, code: str, name: str):
    _set(store, country=code)
    _, text, _ = await _open_crisis(store)
    assert f"Numbers for: {name}. To change the country: Settings (s on Home)" in text


async def test_the_default_country_is_named_too(store: Store):
    _, text, _ = await _open_crisis(store)
    assert "Numbers for: United States." in text and "call the emergency number: 911" in text


async def test_each_line_says_nobody_has_checked_it_when_the_file_has_no_date(store: Store):
    _set(store, country="US")
    _, text, _ = await _open_crisis(store)
    assert text.count("nobody has checked this number yet") == 4  # 988, Crisis Text Line, SAMHSA, Poison Help
    assert "checked 20" not in text


async def test_a_checked_line_shows_its_date(store: Store, tmp_path: Path):
    data = yaml.safe_load((CONTENT / "crisis-lines.yaml").read_text(encoding="utf-8"))
    data["countries"]["GB"]["lines"][0]["checked"] = date(2026, 10, 5)
    folder = _content_with(tmp_path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    _set(store, country="GB")
    _, text, _ = await _open_crisis(store, folder)
    samaritans = text[text.index("Samaritans"):text.index("Alcohol and drugs")]
    assert "checked 2026-10-05" in samaritans and "nobody has checked" not in samaritans
    assert "nobody has checked this number yet" in text[text.index("FRANK"):]  # FRANK still has no date


@pytest.mark.parametrize(("code", "number", "first_line"), [("GB", "999", "FRANK"), ("US", "911", "SAMHSA"),
                                                             ("AU", "000", "National Alcohol"), ("CA", "911", None)])
async def test_alcohol_and_drugs_starts_with_what_to_do_for_an_overdose(store: Store, code: str, number: str,
                                                                        first_line: str | None):
    _set(store, country=code)
    _, text, _ = await _open_crisis(store)
    group = text[text.index("Alcohol and drugs"):]
    first, *rest = group.splitlines()[1:]
    assert first.strip() == f"Overdose: call {number} now."
    if first_line:
        assert rest[0].startswith(f"• {first_line}")


async def test_somewhere_else_shows_the_directory_and_the_local_number_from_settings(store: Store):
    _set(store, country="OTHER", local_emergency="[b]112[/x]")
    _, text, rows = await _open_crisis(store)
    assert "Numbers for: somewhere else" in text and "To change the country: Settings (s on Home)" in text
    assert "Go to findahelpline.com" in text and "nobody has checked this address yet" in text
    assert "Your local emergency number (from Settings):" in text
    assert text.count("[b]112[/x]") == 2  # as typed, under the emergency advice and for an overdose
    assert "Overdose: call your local emergency number now:" in text
    assert any(row.strip() == "[b]112[/x]" for row in rows)  # on its own row, as typed


async def test_somewhere_else_without_a_local_number_says_to_call_the_local_emergency_number(store: Store):
    _set(store, country="ZZ")
    _, text, _ = await _open_crisis(store)
    assert "from Settings" not in text
    assert "call your local emergency number" in text and "Overdose: call your local emergency number now." in text
    assert "findahelpline.com" in text


@pytest.mark.parametrize("code", ["US", "DE", "IN", "NL", "ZA", "PL"])
@pytest.mark.parametrize("width", [32, 46])
async def test_phone_numbers_never_break_across_lines(store: Store, code: str, width: int):
    from imr_tui.content.crisis import load_crisis_lines

    country = load_crisis_lines(CONTENT / "crisis-lines.yaml").countries[code]
    every = [n for line in (*country.lines, *country.alcohol_and_drugs) for n in (*line.call, line.text) if n]
    _set(store, country=code)
    _, _, rows = await _open_crisis(store, size=(width, 40))
    assert max(len(row.rstrip()) for row in rows) <= width
    for number in every:
        assert any(number in row for row in rows), f"{number} is broken across rows: {rows}"


async def test_the_persons_own_contacts_are_still_shown_as_typed(store: Store):
    _set(store, country="NZ")
    store.save_plan(RelapsePlanBody(emergency_contacts=[EmergencyContact(name="[bold]Mum[/x]", contact="555 0100")]))
    _, text, _ = await _open_crisis(store)
    contacts = text[text.index("Your emergency contacts"):]
    assert "• [bold]Mum[/x]\n    555 0100" in contacts  # the number at the start of its own line
    assert text.index("Your emergency contacts") < text.index("Alcohol and drugs")  # own contacts first (F2)


async def test_a_contacts_number_never_breaks_after_a_long_name(store: Store):
    long_name = "My case manager at the community mental health clinic on Main Street"
    store.save_plan(RelapsePlanBody(emergency_contacts=[EmergencyContact(name=long_name, contact="0300 555 1234")],
                                    supporters=[Supporter(name="Ana, my sister, who lives nearby and knows me",
                                                          contact="+30 210 123 4567")]))
    _, _, rows = await _open_crisis(store, size=(46, 60))
    assert any("0300 555 1234" in row for row in rows), rows
    assert any("+30 210 123 4567" in row for row in rows), rows


async def test_a_broken_crisis_file_still_says_what_to_do(store: Store, tmp_path: Path):
    folder = _content_with(tmp_path, "countries: [\n")
    _set(store, local_emergency="112")
    _, text, _ = await _open_crisis(store, folder)
    assert "call your local emergency number" in text and "could not be read" in text and "invalid YAML" in text
    assert "112" in text and "Your emergency contacts" in text
