"""Report for an appointment: pick the period, the sections and the format; the file is written in a worker."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, RadioButton, RadioSet, SelectionList, Static

from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

PERIODS = {"period-30": 30, "period-90": 90, "period-365": 365}


class ReportScreen(IMRScreen[None]):
    CSS_PATH = "report.tcss"
    HELP_TOPIC = "report"
    BINDINGS = [
        Binding("ctrl+s", "write", "Write report", id="report.write", tooltip="Write the report file"),
        Binding("escape", "app.pop_screen", "Back", id="report.back", tooltip="Go back without writing"),
    ]

    def compose(self) -> ComposeResult:
        from imr_tui.export.report import DEFAULT_SECTIONS, SECTION_TITLES, SECTIONS

        app = self.imr
        yield Header()
        with VerticalScroll(id="report-body"):
            yield Static("A report for your care team. Only the parts you tick go in it.", id="report-intro")
            with RadioSet(id="period"):
                yield RadioButton("Last 30 days", value=True, id="period-30")
                yield RadioButton("Last 90 days", id="period-90")
                yield RadioButton("Last 365 days", id="period-365")
            yield SelectionList[str](*[(SECTION_TITLES[s], s, s in DEFAULT_SECTIONS) for s in SECTIONS], id="sections")
            with RadioSet(id="format"):
                yield RadioButton("PDF", value=True, id="format-pdf")
                yield RadioButton("Markdown (text)", id="format-md")
            yield Input(str(Path.home() / f"imr-tui-report-{app.today().isoformat()}.pdf"), id="path",
                        placeholder="Where to save the file")
            yield Static("", id="report-status")
        yield Footer()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "format":
            return
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        want = ".pdf" if event.pressed.id == "format-pdf" else ".md"
        if path.suffix in {".pdf", ".md"}:
            path_input.value = str(path.with_suffix(want))

    def action_write(self) -> None:
        period = self.query_one("#period", RadioSet).pressed_button
        days = PERIODS.get(period.id or "", 30) if period else 30
        sections = list(self.query_one("#sections", SelectionList).selected)
        pdf = (self.query_one("#format", RadioSet).pressed_button or RadioButton()).id == "format-pdf"
        raw = self.query_one("#path", Input).value.strip()
        status = self.query_one("#report-status", Static)
        if not sections:
            status.update("Tick at least one part to put in the report.")
            return
        if not raw:
            status.update("Type where to save the file.")
            return
        path = Path(raw).expanduser()
        if path.is_dir() or not path.parent.is_dir():
            status.update(Content(f"Cannot save there: {path}. Pick a file in a folder that exists."))
            return
        status.update("Writing…")
        self.write_report(days, sections, pdf, path)

    @work(thread=True, exclusive=True, group="report")
    def write_report(self, days: int, sections: list[str], pdf: bool, path: Path) -> None:
        from imr_tui.export.report import (
            ExportWriteError,
            build_report,
            lesson_titles_from,
            render_markdown,
            write_export,
        )
        from imr_tui.store.files import StoreError

        app = self.imr
        end = app.today()
        start = end - timedelta(days=days - 1)
        try:
            curriculum = app.curriculum_or_none()
            titles = lesson_titles_from(curriculum) if curriculum else None
            report = build_report(app.store, start, end, sections, today=end, lesson_titles=titles)
            if pdf:
                from imr_tui.export.report import pdf_bytes

                write_export(path, pdf_bytes(report))
            else:
                write_export(path, render_markdown(report).encode("utf-8"))
        except (StoreError, ExportWriteError, ValueError) as exc:
            self.from_thread(self._done, f"Not written: {exc}")
            return
        self.from_thread(self._done, f"Written to {path}. It holds private information: share it only "
                                              "with people you choose.")

    def _done(self, message: str) -> None:
        self.query_one("#report-status", Static).update(Content(message))
        self.notify(message, timeout=6)
