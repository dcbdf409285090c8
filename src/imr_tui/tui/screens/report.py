"""Report for an appointment: pick the period, the sections and the format; the file is written in a worker.

The period has focus when the screen opens. The file's full path is always shown under the box, and
a file that is there already is named: the person is asked before it is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, RadioSet, Static

from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import RadioButton, SelectionList

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
            yield Static(Content.from_markup(
                "A report for your care team. Only the parts you tick go in it. [b]Tab[/b] goes to the next "
                "part of this page, [b]ctrl+s[/b] writes the file."), id="report-intro")
            yield Static("", id="path-note")
            yield Label("How far back: the last", classes="report-label")
            with RadioSet(id="period"):
                yield RadioButton("30 days", value=True, id="period-30")
                yield RadioButton("90 days", id="period-90")
                yield RadioButton("365 days", id="period-365")
            yield Label("What to put in it (Space ticks or unticks)", classes="report-label")
            yield SelectionList[str](*[(SECTION_TITLES[s], s, s in DEFAULT_SECTIONS) for s in SECTIONS], id="sections")
            yield Label("Kind of file", classes="report-label")
            with RadioSet(id="format"):
                yield RadioButton("PDF", value=True, id="format-pdf")
                yield RadioButton("Markdown (text)", id="format-md")
            yield Label("Save it as", classes="report-label")
            yield Input(str(Path.home() / f"imr-tui-report-{app.today().isoformat()}.pdf"), id="path",
                        placeholder="Where to save the file")
            yield Static("", id="report-status")
        yield Footer()

    def status(self) -> Static:
        """The line under the file name that says what happened, scrolled into view (it is below the fold)."""
        status = self.query_one("#report-status", Static)
        self.call_after_refresh(status.scroll_visible)
        return status

    def on_mount(self) -> None:
        self.query_one("#period", RadioSet).focus()
        self.show_path()

    @on(Input.Changed, "#path")
    def show_path(self) -> None:
        """The whole path, wrapped so none of it is cut, and whether a file of that name is there."""
        raw = self.query_one("#path", Input).value.strip()
        note = self.query_one("#path-note", Static)
        if not raw:
            note.update("Type where to save the file.")
            return
        path = Path(raw).expanduser()
        parts = [Content.from_markup("It is saved as [b]$path[/b] (to change it: 'Save it as', at the end).",
                                     path=str(path))]
        if path.is_file():
            parts.append(Content.from_markup(
                "[b]A file with this name is there already.[/b] You will be asked before it is replaced."))
        note.update(Content("\n").join(parts))

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
        status = self.status()
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
        if path.exists():
            self.ask_to_replace(path, lambda: self._start(days, sections, pdf, path))
            return
        self._start(days, sections, pdf, path)

    def ask_to_replace(self, path: Path, then: Callable[[], None]) -> None:
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                then()
            else:
                self.status().update(
                    "Nothing was written. Change the name under 'Save it as', then press ctrl+s.")
                self.query_one("#path", Input).focus()

        self.app.push_screen(ConfirmDialog(Content.from_markup(
            "There is a file called [b]$name[/b] already, in $folder.\n\nReplace it with this report? "
            "The old file is then gone.", name=path.name, folder=str(path.parent)), help_topic="report"), answer)

    def _start(self, days: int, sections: list[str], pdf: bool, path: Path) -> None:
        self.status().update("Writing…")
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
        self.status().update(Content(message))
        self.show_path()
        self.notify(message, timeout=6)
