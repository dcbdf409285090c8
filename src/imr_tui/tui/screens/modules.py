"""Lessons: the 11 modules with how many lessons are done; Enter shows a module's lessons, Enter again opens one.

The lessons of a module are shown in place of the module list (one list on screen at a time);
Escape goes back from the lessons to the modules, and from the modules to where you came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.progress import Progress


@dataclass(frozen=True)
class LessonRow:
    id: str
    title: str
    done: bool
    started: bool
    step: int  # the step the reader will open on (see lesson.lesson_steps)
    steps: int


@dataclass(frozen=True)
class ModuleRow:
    id: str
    number: int
    title: str
    summary: str
    learn: list[str]
    lessons: list[LessonRow] = field(default_factory=list)
    problem: str = ""  # why the module's lessons could not be read, if they could not

    @property
    def done(self) -> int:
        return sum(1 for ls in self.lessons if ls.done)


def _lesson_rows(module_id: str, lessons: list[tuple[str, str, int]], progress: Progress) -> list[LessonRow]:
    rows = []
    for lesson_id, title, steps in lessons:
        lp = progress.lesson(module_id, lesson_id)
        rows.append(LessonRow(lesson_id, title, done=bool(lp and lp.done), started=lp is not None,
                              step=min(lp.page, steps - 1) if lp else 0, steps=steps))
    return rows


class ModuleListScreen(IMRScreen[None]):
    CSS_PATH = "modules.tcss"
    HELP_TOPIC = "modules"
    WATCHES = frozenset({"progress"})
    ERROR_BOX = "#detail"
    SUB_TITLE = "Lessons"
    BINDINGS = [
        # A priority binding, so Enter shows in the Footer (the list's own Enter binding is hidden).
        Binding("enter", "open", "Open", id="modules.open", priority=True,
                tooltip="Open the module or lesson that is highlighted"),
        Binding("escape", "back", "Back", id="modules.back",
                tooltip="From the lessons, back to the modules; from the modules, back to where you were"),
        Binding("r", "refresh", "Refresh", id="modules.refresh", show=False, tooltip="Read your progress again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ModuleRow] = []
        self.open_module: ModuleRow | None = None  # the module whose lessons are shown, if any

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="modules-body"):
            with Vertical(id="list-pane"):
                yield Static("Modules", id="list-title")
                yield OptionList(id="module-list", markup=False)
                yield OptionList(id="lesson-list", markup=False, classes="hidden")
            with VerticalScroll(id="detail-pane"):
                yield Static("Loading…", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#module-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Sent when the screen is first shown and each time a lesson closes (one may be finished now).
        self.load_state()

    def action_refresh(self) -> None:
        self.load_state()

    def reload(self, change: Change) -> None:
        self.load_state()

    # ------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="modules-load")
    def load_state(self) -> None:
        from imr_tui.content.loader import ContentError
        from imr_tui.store.files import StoreError
        from imr_tui.tui.screens.lesson import lesson_steps

        app = self.imr
        curriculum = app.curriculum_or_none()
        if curriculum is None:
            self.from_thread(self.show_error, "The lessons could not be read.", "Could not be read")
            return
        try:
            progress = app.store.progress()
        except StoreError as exc:
            self.from_thread(self.show_error, f"Your progress could not be read: {exc}", "Could not be read")
            return
        rows: list[ModuleRow] = []
        for entry in curriculum.index:
            head = entry.header
            try:
                module = curriculum.module(entry.id)
            except ContentError as exc:  # one broken module file does not hide the others
                rows.append(ModuleRow(head.id, head.number, head.title, head.summary, list(head.learn), problem=str(exc)))
                continue
            lessons = [(ls.id, ls.title, len(lesson_steps(ls))) for ls in module.lessons]
            rows.append(ModuleRow(head.id, head.number, head.title, head.summary, list(head.learn),
                                  _lesson_rows(module.id, lessons, progress)))
        self.from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[ModuleRow]) -> None:
        self.rows = rows
        self.query_one("#detail", Static).remove_class("error")
        modules = self.query_one("#module-list", OptionList)
        keep = modules.highlighted
        modules.set_options([Option(self._module_prompt(r), id=r.id) for r in rows])
        if rows:
            modules.highlighted = keep if keep is not None and keep < len(rows) else 0
        if self.open_module is not None:
            again = next((r for r in rows if r.id == self.open_module.id), None)
            if again is not None:
                self._show_lessons(again)
                return
            self._show_modules()
        self._show_detail()

    # ------------------------------------------------------------ prompts
    @staticmethod
    def _module_prompt(row: ModuleRow) -> Content:
        title = Content(f"{row.number:>2}. {row.title}")
        if row.problem:
            return Content.assemble(title, ("  (cannot be read)", "dim"))
        total = len(row.lessons)
        mark = "  ✓" if total and row.done == total else ""
        return Content.assemble(title, (f"  {row.done}/{total}{mark}", "dim"))

    @staticmethod
    def _lesson_prompt(n: int, row: LessonRow) -> Content:
        if row.done:
            status = "  ✓ done"
        elif row.started:
            status = "  started"
        else:
            status = ""
        return Content.assemble(Content(f"{n}. {row.title}"), (status, "dim"))

    # ------------------------------------------------------------- views
    def _show_modules(self) -> None:
        self.open_module = None
        self.query_one("#list-title", Static).update(Content("Modules"))
        self.query_one("#lesson-list", OptionList).add_class("hidden")
        modules = self.query_one("#module-list", OptionList)
        modules.remove_class("hidden")
        modules.focus()
        self._show_detail()

    def _show_lessons(self, row: ModuleRow) -> None:
        lessons = self.query_one("#lesson-list", OptionList)
        same = self.open_module is not None and self.open_module.id == row.id
        keep = lessons.highlighted if same else None
        self.open_module = row
        self.query_one("#list-title", Static).update(Content(f"Module {row.number}: {row.title}"))
        lessons.set_options([Option(self._lesson_prompt(n, ls), id=ls.id) for n, ls in enumerate(row.lessons, 1)])
        if keep is None:  # start on the first lesson not done
            keep = next((i for i, ls in enumerate(row.lessons) if not ls.done), 0)
        lessons.highlighted = min(keep, len(row.lessons) - 1)
        self.query_one("#module-list", OptionList).add_class("hidden")
        lessons.remove_class("hidden")
        lessons.focus()
        self._show_detail()

    def _highlighted_module(self) -> ModuleRow | None:
        index = self.query_one("#module-list", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def _highlighted_lesson(self) -> LessonRow | None:
        if self.open_module is None:
            return None
        index = self.query_one("#lesson-list", OptionList).highlighted
        lessons = self.open_module.lessons
        return lessons[index] if index is not None and index < len(lessons) else None

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        if self.open_module is not None:
            lesson = self._highlighted_lesson()
            if lesson is None:
                detail.update(Content(""))
                return
            if lesson.done:
                status = "You have done this lesson. You can read it again."
            elif lesson.started:
                status = f"You have started this lesson (step {lesson.step + 1} of {lesson.steps})."
            else:
                status = "Not started yet."
            detail.update(Content("\n\n").join([
                Content.from_markup("[b]$t[/b]", t=lesson.title),
                Content(status),
                Content.from_markup("[dim]Press [b]Enter[/b] to open it, [b]Escape[/b] for the modules.[/dim]"),
            ]))
            return
        row = self._highlighted_module()
        if row is None:
            detail.update(Content("No modules found."))
            return
        parts = [Content.from_markup("[b]Module $n: $t[/b]", n=row.number, t=row.title), Content(row.summary)]
        parts.append(Content.from_markup("[b]What you will learn[/b]\n") + Content("\n").join(
            Content(f"• {line}") for line in row.learn))
        if row.problem:
            parts.append(Content(f"This module's lessons could not be read: {row.problem}"))
        else:
            parts.append(Content(f"{row.done} of {len(row.lessons)} lessons done."))
        detail.update(Content("\n\n").join(parts))
        self.query_one("#detail-pane", VerticalScroll).scroll_home(animate=False)

    # ----------------------------------------------------------- actions
    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:  # a mouse click
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if self.open_module is None:
            row = self._highlighted_module()
            if row is None:
                return
            if row.problem:
                self.notify(f"This module cannot be opened: {row.problem}", severity="error", markup=False)
                return
            self._show_lessons(row)
            return
        lesson = self._highlighted_lesson()
        if lesson is not None:
            self.imr.open_lesson(self.open_module.id, lesson.id)

    def action_back(self) -> None:
        if self.open_module is not None:
            self._show_modules()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()
