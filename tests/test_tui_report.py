"""The report screen writes the chosen sections to the chosen file, from the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList

from imr_tui.store.store import Store
from imr_tui.tui.screens.report import ReportScreen
from tests.conftest import make_app, settle, wait_for


async def test_report_screen_writes_a_pdf_with_the_chosen_sections(demo_store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    app = make_app(demo_store)
    out = tmp_path / "my report.pdf"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        app.screen.query_one("#path", Input).value = str(out)
        sections = app.screen.query_one("#sections", SelectionList)
        sections.deselect("coping")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Written to" in str(app.screen.query_one("#report-status").render())
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Check-ins" in text and "Warning signs" in text
    assert "what helped" not in text  # the coping section was not ticked
    assert "Went for a walk" not in text  # notes are never in unless ticked
    assert out.stat().st_mode & 0o777 == 0o600


async def test_report_screen_refuses_a_missing_folder_and_no_sections(demo_store: Store, tmp_path: Path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open("report")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "nope" / "r.pdf")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Cannot save there" in str(app.screen.query_one("#report-status").render())
        app.screen.query_one("#sections", SelectionList).deselect_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Tick at least one" in str(app.screen.query_one("#report-status").render())


async def test_report_screen_starts_on_the_period_and_shows_the_whole_path(demo_store: Store, tmp_path: Path,
                                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import RadioSet

    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app(demo_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.open("report")
        await settle(app, pilot)
        assert app.focused is app.screen.query_one("#period", RadioSet)
        note = str(app.screen.query_one("#path-note").render())
        expected = tmp_path / f"imr-tui-report-{app.today().isoformat()}.pdf"
        assert f"It is saved as {expected}" in note
        assert app.screen.query_one("#path-note").region.bottom < 19  # on screen at once, above the Footer
        await pilot.press("right", "space")  # 90 days, chosen from the keyboard
        await settle(app, pilot)
        assert app.screen.query_one("#period", RadioSet).pressed_button.id == "period-90"  # type: ignore[union-attr]


async def test_report_screen_names_a_file_that_is_there_and_asks_before_replacing_it(demo_store: Store,
                                                                                     tmp_path: Path) -> None:
    from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

    out = tmp_path / "report.md"
    out.write_text("my own words")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open("report")
        await settle(app, pilot)
        app.screen.query_one("#format-md").value = True
        app.screen.query_one("#path", Input).value = str(out)
        await settle(app, pilot)
        assert "A file with this name is there already" in str(app.screen.query_one("#path-note").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "report.md" in question and str(tmp_path) in question
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen) and out.read_text() == "my own words"
        assert "Nothing was written" in str(app.screen.query_one("#report-status").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert "Written to" in str(app.screen.query_one("#report-status").render())
    assert out.read_text().startswith("# Recovery report")


async def test_what_happened_is_scrolled_into_view(demo_store: Store, tmp_path: Path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.open("report")
        await settle(app, pilot)
        app.screen.query_one("#sections", SelectionList).deselect_all()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "Tick at least one" in str(app.screen.query_one("#report-status").render()))
        status = app.screen.query_one("#report-status")
        assert "Tick at least one" in str(status.render())
        assert status.region.y > 0 and status.region.bottom <= 19, status.region  # on screen, above the Footer
