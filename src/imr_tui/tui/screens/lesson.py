"""The lesson reader: pages, checks of understanding, reflections, home practice, then a done page.

One thing on screen at a time. Every step of the lesson is a "step" (pages first, then checks,
reflections, home practice and the done page); LessonProgress.page holds the step index, saved at
every turn, so the reader opens on the same step after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from imr_tui.domain.format import full_day
from imr_tui.domain.reflections import MAIN, AnswerPart, answer_parts
from imr_tui.domain.saves_to import SavesTo
from imr_tui.tui import clock
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.content.models import Lesson, Module, Reflection
    from imr_tui.domain.profile import Profile
    from imr_tui.domain.progress import Answer, HomePractice, Progress

StepKind = Literal["page", "check", "reflection", "practice", "done"]
PRACTICE_DAYS = 7  # home practice is due a week after it is chosen
MAX_ANSWER_CHARS = 500
MAX_PARTS = max(len(answer_parts(t)) for t in SavesTo)  # the most boxes one reflection asks for

def _box_id(n: int) -> str:
    return "answer" if n == 0 else f"answer-{n}"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    index: int = 0  # which page, check or reflection


def lesson_steps(lesson: Lesson) -> list[Step]:
    """Every step of a lesson, in reading order."""
    steps = [Step("page", i) for i in range(len(lesson.pages))]
    steps += [Step("check", i) for i in range(len(lesson.checks))]
    steps += [Step("reflection", i) for i in range(len(lesson.reflections))]
    if lesson.practice:
        steps.append(Step("practice"))
    steps.append(Step("done"))
    return steps


def first_open_lesson(module: Module, progress: Progress) -> Lesson:
    """The first lesson of the module not marked done (the first lesson when all are done)."""
    for lesson in module.lessons:
        lp = progress.lesson(module.id, lesson.id)
        if lp is None or not lp.done:
            return lesson
    return module.lessons[0]


def _now() -> datetime:
    return clock.now()


def _today() -> date:
    return _now().date()


@dataclass
class _Loaded:
    module: Module
    lesson: Lesson
    step: int
    choices: dict[str, int]  # check id -> the choice last given
    texts: dict[str, str]  # reflection id -> the text last saved
    parts: dict[str, dict[str, str]]  # reflection id -> its other boxes, as last saved
    practice_id: str | None  # the home practice chosen (not yet done) in this lesson
    practice_due: date | None
    practised: list[HomePractice]  # practice from this lesson already done, the latest first


KEYS_ONE = Content.from_markup(
    "Press [b]Enter[/b] to save and go on. To skip, leave the box empty and press [b]Enter[/b].\n"
    "[b]Page Up[/b] goes back.")
KEYS_PARTS = Content.from_markup(
    "[b]Enter[/b] goes to the next box; in the last box it saves and goes on. To skip, leave the first "
    "box empty and press [b]Enter[/b].\n[b]Page Up[/b] goes back.")


def _part_label(part: AnswerPart) -> Content:
    if part.optional:
        return Content.from_markup("[b]$label[/b] [dim](you can leave this empty)[/dim]", label=part.label)
    return Content.from_markup("[b]$label[/b]", label=part.label)


class LessonScreen(IMRScreen[None]):
    CSS_PATH = "lesson.tcss"
    HELP_TOPIC = "lesson"
    BINDINGS = [
        Binding("right,n,space", "next", "Next", id="lesson.next", key_display="→",
                tooltip="Go on to the next page (→, n or the space bar)"),
        Binding("left,b", "back", "Back", id="lesson.back", key_display="←",
                tooltip="Go back one page (← or b)"),
        # While the answer box has the cursor, letters and arrows type. These keys are priority bindings,
        # so they show in the Footer; check_action turns them off everywhere else.
        Binding("enter", "save_answer", "Save and go on", id="lesson.save", priority=True,
                tooltip="Save your answer and go on. With the box empty, this skips the question."),
        Binding("ctrl+s", "save_answer", "Save and go on", id="lesson.save_ctrl_s", show=False,
                tooltip="Save your answer and go on"),
        Binding("pagedown", "next_from_box", "Next", id="lesson.next_from_box", show=False, priority=True,
                tooltip="Save what you typed and go on"),
        Binding("pageup", "back_from_box", "Back", id="lesson.back_from_box", priority=True,
                tooltip="Save what you typed and go back one page"),
        # key 1, shown once in the Footer as "1-2" ... "1-5": as many numbers as the question has choices
        *(Binding("1", f"choose(0, {of})", "Choose", id=f"lesson.choose1_of{of}",
                  key_display="1" if of == 1 else f"1-{of}", tooltip="Pick a choice by its number")
          for of in range(1, 6)),
        Binding("2", "choose(1)", "Choose 2", id="lesson.choose2", show=False, tooltip="Pick choice 2"),
        Binding("3", "choose(2)", "Choose 3", id="lesson.choose3", show=False, tooltip="Pick choice 3"),
        Binding("4", "choose(3)", "Choose 4", id="lesson.choose4", show=False, tooltip="Pick choice 4"),
        Binding("5", "choose(4)", "Choose 5", id="lesson.choose5", show=False, tooltip="Pick choice 5"),
        Binding("escape", "close", "Close", id="lesson.close",
                tooltip="Leave the lesson. Your place is saved, so you can come back to it."),
    ]

    def __init__(self, module_id: str, lesson_id: str | None = None) -> None:
        super().__init__()
        self.module_id = module_id
        self.lesson_id = lesson_id
        self.module: Module | None = None
        self.lesson: Lesson | None = None
        self.steps: list[Step] = []
        self.step = 0
        self.choices: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.parts: dict[str, dict[str, str]] = {}
        self.practice_id: str | None = None
        self.practice_due: date | None = None
        self.practised: list[HomePractice] = []
        # The place (step) to save: a place save reads it when it runs, so the store always ends on
        # the last step shown; once the lesson reached its end it stays done.
        self._place: tuple[str, int, bool] | None = None

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="where")
        with ContentSwitcher(initial="loading-view", id="views"):
            with Vertical(id="loading-view", classes="view"):
                yield Static("Loading the lesson…", id="loading-text")
            with VerticalScroll(id="page-view", classes="view"):
                yield Markdown("", id="page", open_links=False)
            with VerticalScroll(id="check-view", classes="view"):
                yield Static("", id="question")
                yield OptionList(id="choices", markup=False)
                yield Static("", id="feedback")
            with VerticalScroll(id="reflection-view", classes="view"):
                yield Static("", id="prompt")
                yield Static("", id="hint")
                for n in range(MAX_PARTS):  # one box per part of the answer (a trigger, then how to handle it)
                    yield Static("", id=f"part-label-{n}", classes="part-label")
                    yield TextArea(id=_box_id(n), classes="answer", soft_wrap=True, tab_behavior="focus",
                                   placeholder="Type your answer here")
                yield Static("", id="saves-to")
                yield Static("", id="reflection-keys")
            with VerticalScroll(id="practice-view", classes="view"):
                yield Static(Content.from_markup(
                    "[b]Home practice[/b]\nChoose one thing to try this week. Press its number, "
                    "or use the arrows and [b]Enter[/b]."), id="practice-intro")
                yield OptionList(id="practice-options", markup=False)
                yield Static("", id="practice-status")
            with VerticalScroll(id="done-view", classes="view"):
                yield Static("", id="done-text")
        # No command palette key here: the lesson keys need the room at 80 columns (Ctrl+P still works).
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.query_one("#page-view", VerticalScroll), "scroll_y", self._scrolled, init=False)
        self.load_lesson()

    # ------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="lesson-load")
    def load_lesson(self) -> None:
        from imr_tui.content.loader import ContentError
        from imr_tui.store.files import StoreError

        app = self.imr
        curriculum = app.curriculum_or_none()
        if curriculum is None:
            self.from_thread(self._show_error, "The lessons could not be read. Press Escape to go back.")
            return
        try:
            module = curriculum.module(self.module_id)
            progress = app.store.progress()
        except (ContentError, StoreError) as exc:
            self.from_thread(self._show_error, f"This lesson could not be opened: {exc}")
            return
        if self.lesson_id is None:
            lesson = first_open_lesson(module, progress)
        else:
            found = next((ls for ls in module.lessons if ls.id == self.lesson_id), None)
            if found is None:
                self.from_thread(self._show_error,
                                          f"There is no lesson {self.lesson_id!r} in {module.title}. Press Escape to go back.")
                return
            lesson = found
        steps = lesson_steps(lesson)
        lp = progress.lesson(module.id, lesson.id)
        step = 0 if lp is None or lp.done else min(lp.page, len(steps) - 1)
        mine = [a for a in progress.answers if a.module_id == module.id and a.lesson_id == lesson.id]
        choices = {a.item_id: a.choice for a in mine if a.choice is not None}
        texts = {a.item_id: a.text for a in mine if a.choice is None and (a.text or a.parts)}
        parts = {a.item_id: dict(a.parts) for a in mine if a.choice is None and a.parts}
        chosen = [p for p in progress.practice
                  if p.module_id == module.id and p.lesson_id == lesson.id and p.done_on is None]
        loaded = _Loaded(module, lesson, step, choices, texts, parts, chosen[-1].practice_id if chosen else None,
                         chosen[-1].due if chosen else None, progress.practised(module.id, lesson.id))
        self.from_thread(self._start, loaded)

    def _show_error(self, message: str) -> None:
        self.query_one("#loading-text", Static).update(Content(message))
        self.query_one("#loading-text", Static).add_class("error")
        self.query_one("#views", ContentSwitcher).current = "loading-view"
        self.refresh_bindings()

    def _start(self, loaded: _Loaded) -> None:
        self.module, self.lesson = loaded.module, loaded.lesson
        self.lesson_id = loaded.lesson.id
        self.steps = lesson_steps(loaded.lesson)
        self.step = loaded.step
        self.choices, self.texts, self.parts = loaded.choices, loaded.texts, loaded.parts
        self.practice_id, self.practice_due = loaded.practice_id, loaded.practice_due
        self.practised = loaded.practised
        self.sub_title = f"Module {loaded.module.number}: {loaded.module.title}"
        self.call_later(self._open_first_step)

    async def _open_first_step(self) -> None:
        await self._show_step()
        self._save_place()  # opening counts as starting: Home can offer to continue here

    # --------------------------------------------------------------- steps
    @property
    def loaded(self) -> bool:
        return self.lesson is not None and bool(self.steps)

    @property
    def current(self) -> Step | None:
        return self.steps[self.step] if self.loaded else None

    def _label(self) -> str:
        step = self.current
        if step is None or self.lesson is None:
            return ""
        lesson = self.lesson
        if step.kind == "page":
            return f"Page {step.index + 1} of {len(lesson.pages)}"
        if step.kind == "check":
            return f"Question {step.index + 1} of {len(lesson.checks)}"
        if step.kind == "reflection":
            return f"Your thoughts {step.index + 1} of {len(lesson.reflections)}"
        if step.kind == "practice":
            return "Home practice"
        return "Done"

    def _update_where(self) -> None:
        if self.lesson is None:
            return
        more = ""
        if self.current is not None and self.current.kind == "page":
            view = self.query_one("#page-view", VerticalScroll)
            if view.max_scroll_y > 0 and view.scroll_y < view.max_scroll_y:
                more = "  ↓ more below"
        self.query_one("#where", Static).update(Content.from_markup(
            "[b]$title[/b]  [dim]·[/dim]  $label[dim]$more[/dim]",
            title=self.lesson.title, label=self._label(), more=more))

    def _scrolled(self, _old: float, _new: float) -> None:
        self._update_where()

    async def _show_step(self) -> None:
        step = self.current
        lesson = self.lesson
        if step is None or lesson is None:
            return
        switcher = self.query_one("#views", ContentSwitcher)
        switcher.current = f"{step.kind}-view"
        if step.kind == "page":
            view = self.query_one("#page-view", VerticalScroll)
            await self.query_one("#page", Markdown).update(lesson.pages[step.index])
            view.scroll_home(animate=False)
            view.focus()
            self.call_after_refresh(self._update_where)  # the page's height is known after layout
        elif step.kind == "check":
            self._show_check(step.index)
        elif step.kind == "reflection":
            self._show_reflection(step.index)
        elif step.kind == "practice":
            self._show_practice()
        else:
            self._show_done()
        self._update_where()
        self.refresh_bindings()

    def _show_check(self, index: int) -> None:
        assert self.lesson is not None
        check = self.lesson.checks[index]
        self.query_one("#question", Static).update(Content.from_markup("[b]$q[/b]", q=check.question))
        options = self.query_one("#choices", OptionList)
        options.set_options([Option(Content(f"{n}. {choice}")) for n, choice in enumerate(check.choices, 1)])
        given = self.choices.get(check.id)
        options.highlighted = given if given is not None and 0 <= given < len(check.choices) else 0
        self._show_feedback(index)
        options.focus()

    def _show_feedback(self, index: int) -> None:
        assert self.lesson is not None
        check = self.lesson.checks[index]
        feedback = self.query_one("#feedback", Static)
        given = self.choices.get(check.id)
        feedback.set_class(given is not None, "answered")
        if given is None:
            feedback.update(Content.from_markup("[dim]Press a number, or use the arrows and Enter.[/dim]"))
            return
        if given == check.answer:
            head = Content.from_markup("[b]Yes, that is right.[/b]")
        else:
            head = Content.from_markup("[b]Not quite, and that is OK.[/b] The best answer is: $a",
                                       a=check.choices[check.answer])
        chosen = [Content(check.feedback[given])] if 0 <= given < len(check.feedback) else []  # why this choice
        feedback.update(Content("\n").join([head, *chosen, Content(check.why),
                                            Content.from_markup("[dim]Press → to go on.[/dim]")]))

    def _show_reflection(self, index: int) -> None:
        assert self.lesson is not None
        reflection = self.lesson.reflections[index]
        self.query_one("#prompt", Static).update(Content.from_markup("[b]$p[/b]", p=reflection.prompt))
        hint = self.query_one("#hint", Static)
        hint.update(Content(reflection.hint))
        hint.display = bool(reflection.hint)
        where = reflection.saves_to.label
        saves = self.query_one("#saves-to", Static)
        saves.update(Content(f"Your answer is also added to {where}." if where else "Your answer is kept with this lesson."))
        parts = answer_parts(reflection.saves_to)
        saved = {MAIN: self.texts.get(reflection.id, ""), **self.parts.get(reflection.id, {})}
        for n in range(MAX_PARTS):
            label = self.query_one(f"#part-label-{n}", Static)
            box = self.query_one(f"#{_box_id(n)}", TextArea)
            shown = n < len(parts) and len(parts) > 1  # one box alone needs no label
            label.display = shown
            box.display = n < len(parts)
            if n < len(parts):
                label.update(_part_label(parts[n]))
                box.text = saved.get(parts[n].key, "")
                box.move_cursor(box.document.end)
        self.query_one("#reflection-keys", Static).update(KEYS_ONE if len(parts) == 1 else KEYS_PARTS)
        self.query_one("#answer", TextArea).focus()

    def _show_practice(self) -> None:
        assert self.lesson is not None
        options = self.query_one("#practice-options", OptionList)
        prompts = []
        highlighted = 0
        for n, practice in enumerate(self.lesson.practice, 1):
            mark = "✓ " if practice.id == self.practice_id else ""
            if practice.id == self.practice_id:
                highlighted = n - 1
            prompts.append(Option(Content(f"{n}. {mark}{practice.text}")))
        options.set_options(prompts)
        options.highlighted = highlighted
        self._show_practice_status()
        options.focus()

    def _show_practice_status(self) -> None:
        assert self.lesson is not None
        status = self.query_one("#practice-status", Static)
        chosen = next((p for p in self.lesson.practice if p.id == self.practice_id), None)
        if chosen is None:
            text = Content.from_markup("[dim]You can also skip this: press → to go on.[/dim]")
        else:
            due = self.practice_due or _today() + timedelta(days=PRACTICE_DAYS)
            text = Content.from_markup(
                "[b]Saved.[/b] You will see it on Home. Try it by $due.\n[dim]Press → to go on.[/dim]",
                due=full_day(due))
        status.update(Content("\n\n").join([text, *self._practised()]))

    def _practised(self) -> list[Content]:
        """What the person already practised from this lesson, and how it went (the latest three)."""
        if not self.practised:
            return []
        parts = [Content.from_markup("[b]What you practised[/b]")]
        for p in self.practised[:3]:
            when = full_day(p.done_on) if p.done_on else ""
            line = Content.from_markup("• $text [dim](done $when)[/dim]", text=p.text, when=when)
            if p.how_it_went:
                line += Content.from_markup("\n  How it went: $how", how=p.how_it_went)
            parts.append(line)
        return [Content("\n").join(parts)]

    def _written(self, reflection_id: str, saves_to: SavesTo) -> str:
        """What was written for a reflection, each box on its own line after its label when there are several."""
        parts = answer_parts(saves_to)
        saved = {MAIN: self.texts.get(reflection_id, ""), **self.parts.get(reflection_id, {})}
        if len(parts) == 1:
            return saved[MAIN]
        return "\n  ".join(f"{p.label}: {saved[p.key]}" for p in parts if saved.get(p.key))

    def _show_done(self) -> None:
        assert self.lesson is not None and self.module is not None
        parts = [Content.from_markup("[b]Well done! You finished this lesson: $t[/b]", t=self.lesson.title)]
        written = [(r.prompt, self._written(r.id, r.saves_to)) for r in self.lesson.reflections if self.texts.get(r.id)]
        if written:
            parts.append(Content.from_markup("\n[b]What you wrote[/b]"))
            for prompt, text in written:
                parts.append(Content.from_markup("[dim]$p[/dim]\n  $t", p=prompt, t=text))
        chosen = next((p for p in self.lesson.practice if p.id == self.practice_id), None)
        if chosen is not None:
            parts.append(Content.from_markup("\n[b]Your home practice[/b]\n  $t", t=chosen.text))
        parts += [Content("\n") + c for c in self._practised()]
        following = self._next_lesson()
        if following is not None:
            parts.append(Content.from_markup("\nPress [b]→[/b] for the next lesson: $t. Press [b]Escape[/b] to stop here.",
                                             t=following.title))
        else:
            parts.append(Content.from_markup("\nThat was the last lesson of this module. "
                                             "Press [b]→[/b] or [b]Escape[/b] to go back."))
        self.query_one("#done-text", Static).update(Content("\n").join(parts))
        self.query_one("#done-view", VerticalScroll).focus()

    def _next_lesson(self) -> Lesson | None:
        if self.module is None or self.lesson is None:
            return None
        ids = [ls.id for ls in self.module.lessons]
        at = ids.index(self.lesson.id)
        return self.module.lessons[at + 1] if at + 1 < len(ids) else None

    # -------------------------------------------------------------- actions
    def _typing(self) -> bool:
        return isinstance(self.focused, TextArea)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.current
        if action in ("next", "back"):
            if step is None or self._typing():
                return False
            if action == "back" and self.step == 0:
                return None  # shown, but greyed out: there is no page before the first
            return True
        if action in ("next_from_box", "back_from_box", "save_answer"):
            return step is not None and step.kind == "reflection" and self._typing()
        if action == "choose":
            if step is None or step.kind not in ("check", "practice"):
                return False
            count = len(self.query_one("#choices" if step.kind == "check" else "#practice-options", OptionList).options)
            index = parameters[0] if parameters else 0
            if len(parameters) > 1:  # key 1: only the binding that shows this question's numbers ("1-2")
                return parameters[1] == min(count, 5) and count > 0
            return isinstance(index, int) and index < count
        return True

    async def _turn(self, delta: int) -> None:
        if not self.loaded:
            return
        target = max(0, min(len(self.steps) - 1, self.step + delta))
        if target == self.step:
            return
        self.step = target
        await self._show_step()
        self._save_place()

    async def action_next(self) -> None:
        step = self.current
        if step is None:
            return
        if step.kind == "page":
            view = self.query_one("#page-view", VerticalScroll)
            if view.scroll_y < view.max_scroll_y:  # read to the end of a long page first
                view.scroll_page_down(animate=False)
                return
        if step.kind == "reflection":
            self._save_reflection()
        if step.kind == "done":
            await self._open_next_lesson()
            return
        await self._turn(1)

    async def action_back(self) -> None:
        if self.current is not None and self.current.kind == "reflection":
            self._save_reflection()
        await self._turn(-1)

    async def action_next_from_box(self) -> None:
        self._save_reflection()
        await self._turn(1)

    async def action_back_from_box(self) -> None:
        self._save_reflection()
        await self._turn(-1)

    async def action_save_answer(self) -> None:
        """Enter: to the next box of this answer, or from the last one save and go on (with every box
        empty: skip the question)."""
        boxes = [b for b in self.query(".answer").results(TextArea) if b.display]
        empty = not any(b.text.strip() for b in boxes)
        if not empty and self.focused in boxes and self.focused is not boxes[-1]:
            boxes[boxes.index(self.focused) + 1].focus()
            return
        await self.action_next_from_box()

    @on(TextArea.Changed, ".answer")
    def _typed(self, event: TextArea.Changed) -> None:
        """A box holds at most MAX_ANSWER_CHARS: what goes over is not taken, and the person is told."""
        box = event.text_area
        if len(box.text) > MAX_ANSWER_CHARS:
            box.text = box.text[:MAX_ANSWER_CHARS]
            box.move_cursor(box.document.end)
            self.notify(f"A box holds up to {MAX_ANSWER_CHARS} letters.", timeout=4)

    async def _open_next_lesson(self) -> None:
        following = self._next_lesson()
        if following is None:
            self.action_close()
            return
        self.lesson_id = following.id
        self.lesson = None
        self.steps = []
        self.query_one("#loading-text", Static).update(Content("Loading the lesson…"))
        self.query_one("#views", ContentSwitcher).current = "loading-view"
        self.load_lesson()

    def action_close(self) -> None:
        from imr_tui.tui.screens.leave_dialog import Leave, LeaveDialog

        if self._typed_reflection() is not None:
            def answered(choice: Leave | None) -> None:  # keep (save it), throw away, or go back
                if choice is Leave.KEEP:
                    self._save_reflection()
                if choice in (Leave.KEEP, Leave.DISCARD) and len(self.app.screen_stack) > 1:
                    self.app.pop_screen()

            self.app.push_screen(LeaveDialog("keep it: save your answer", help_topic=self.HELP_TOPIC), answered)
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_choose(self, index: int, _of: int = 0) -> None:
        step = self.current
        if step is None:
            return
        if step.kind == "check":
            self.query_one("#choices", OptionList).highlighted = index
            self._answer_check(step.index, index)
        elif step.kind == "practice":
            self.query_one("#practice-options", OptionList).highlighted = index
            self._choose_practice(index)

    @on(OptionList.OptionSelected, "#choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None and self.current.kind == "check":
            self._answer_check(self.current.index, event.option_index)

    @on(OptionList.OptionSelected, "#practice-options")
    def _practice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose_practice(event.option_index)

    # ---------------------------------------------------------- answering
    def _answer_check(self, check_index: int, choice: int) -> None:
        from imr_tui.domain.progress import Answer

        assert self.lesson is not None
        check = self.lesson.checks[check_index]
        if not 0 <= choice < len(check.choices):
            return
        self.choices[check.id] = choice
        self._show_feedback(check_index)
        answer = Answer(module_id=self.module_id, lesson_id=self.lesson.id, item_id=check.id,
                        choice=choice, correct=choice == check.answer, at=_now())
        self._write_answer(answer, None, "")

    def _typed_reflection(self) -> tuple[Reflection, str, dict[str, str]] | None:
        """The reflection on screen with what its boxes hold (the main answer, the other parts that are not
        empty), when that is something new; else None."""
        step = self.current
        if step is None or step.kind != "reflection" or self.lesson is None:
            return None
        reflection = self.lesson.reflections[step.index]
        parts = answer_parts(reflection.saves_to)
        typed = {p.key: self.query_one(f"#{_box_id(n)}", TextArea).text for n, p in enumerate(parts)}
        text = typed.pop(MAIN)
        more = {k: v for k, v in typed.items() if v.strip()}
        if not text.strip() and not more:
            return None
        if text == self.texts.get(reflection.id, "") and more == self.parts.get(reflection.id, {}):
            return None
        return reflection, text, more

    def _save_reflection(self) -> None:
        """Save the answer boxes of the reflection on screen, if they hold something new."""
        from imr_tui.domain.progress import Answer

        typed = self._typed_reflection()
        if typed is None or self.lesson is None:
            return
        reflection, text, more = typed
        self.texts[reflection.id] = text
        self.parts[reflection.id] = more
        answer = Answer(module_id=self.module_id, lesson_id=self.lesson.id, item_id=reflection.id,
                        text=text, parts=more, at=_now())
        self._write_answer(answer, str(reflection.saves_to), f"{self.module_id}/{self.lesson.id}/{reflection.id}")

    def _choose_practice(self, index: int) -> None:
        from imr_tui.domain.progress import HomePractice

        assert self.lesson is not None
        if not 0 <= index < len(self.lesson.practice):
            return
        practice = self.lesson.practice[index]
        today = _today()
        self.practice_id, self.practice_due = practice.id, today + timedelta(days=PRACTICE_DAYS)
        chosen = HomePractice(module_id=self.module_id, lesson_id=self.lesson.id, practice_id=practice.id,
                              text=practice.text, chosen_on=today, due=today + timedelta(days=PRACTICE_DAYS))
        self._write_practice(chosen)
        self._show_practice()

    # -------------------------------------------------------------- saving
    def _save_place(self) -> None:
        if self.lesson is None or self.current is None:
            return
        done = self.current.kind == "done" or (self._place is not None and self._place[2])
        self._place = (self.lesson.id, self.step, done)
        self.imr.data.update_progress(self._place_change, what="your place in the lesson",
                                      key=f"lesson-place:{self.module_id}/{self.lesson.id}")

    def _place_change(self, progress: Progress) -> Progress:
        """Runs on the data service's writer thread, with the newest place."""
        from imr_tui.domain.progress import LessonProgress

        assert self._place is not None
        lesson_id, step, done = self._place
        lp = progress.lesson(self.module_id, lesson_id)
        if lp is None:
            lp = LessonProgress(module_id=self.module_id, lesson_id=lesson_id)
            progress.lessons.append(lp)
        lp.page = step
        lp.updated = _now()
        lp.done = lp.done or done  # a lesson once finished stays finished
        return progress

    def _write_answer(self, answer: Answer, saves_to: str | None, source: str) -> None:
        from imr_tui.domain.reflections import apply_reflection

        def change(progress: Progress) -> Progress:
            progress.put_answer(answer)
            return progress

        def fill(profile: Profile) -> Profile:
            assert saves_to
            return apply_reflection(profile, saves_to, answer.text, answer.at.date(), source=source,
                                    parts=answer.parts)

        def saved(_result: Progress) -> None:
            if saves_to is not None:  # reflections only; checks show feedback
                where = SavesTo(saves_to).label if answer.text.strip() else ""  # no first part: not in the plan
                self.imr.notify(f"Saved. It is also in {where}." if where else "Saved.", timeout=4, markup=False)

        self.imr.data.update_progress(change, then_profile=fill if saves_to else None, what="your answer",
                                      on_done=saved)

    def _write_practice(self, chosen: HomePractice) -> None:
        def change(progress: Progress) -> Progress:
            progress.choose_practice(chosen)  # replaces the earlier choice from this lesson, if not done yet
            return progress

        self.imr.data.update_progress(change, what="your home practice")
