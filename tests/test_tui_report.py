"""The report screen writes the chosen sections to the chosen file, from the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList

from imr_tui.store.store import Store
from imr_tui.tui.screens.report import ReportScreen
from tests.conftest import make_app, settle


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
