"""Step-by-step problem solving for a stuck goal step, one part at a time:

1 say what the problem is, 2 list ideas, 3 good and bad points of each, 4 choose one,
5 plan the steps, 6 pick a day to look back. The chosen plan becomes new steps of the goal.

What is typed is handed to `keep_draft` on every move between parts, so the goals screen can save
it: nothing is lost if the app closes, and the person can go on later. Escape after a change asks:
keep it (to go on later), throw it away (the draft goes back to what it was when the form opened),
or go back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from imr_tui.domain.dates import due_examples, parse_day
from imr_tui.domain.format import long_day
from imr_tui.domain.profile import ProblemDraft, ProblemIdea, SolvedProblem
from imr_tui.tui.clock import today
from imr_tui.tui.screens.goals import day_check
from imr_tui.tui.screens.leave_dialog import FormDialog
from imr_tui.tui.widgets.footer import Footer

STAGES: tuple[tuple[str, str], ...] = (
    ("define", "Say what the problem is"),
    ("ideas", "List ideas"),
    ("weigh", "Good and bad points"),
    ("choose", "Choose one"),
    ("plan", "Plan the steps"),
    ("review", "Look back later"),
)


@dataclass(frozen=True)
class ProblemPlan:
    problem: str
    ideas: list[ProblemIdea]
    chosen: str
    steps: list[str]
    start: date | None
    review: date | None

    def record(self, on: date, step_id: str, session: str) -> SolvedProblem:
        """What is kept on the goal."""
        return SolvedProblem(problem=self.problem, ideas=self.ideas, chosen=self.chosen, steps=self.steps,
                             review_on=self.review, on=on, step_id=step_id, session=session)


def lines(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        if line and line not in out:
            out.append(line)
    return out


def _typed(draft: ProblemDraft) -> dict[str, object]:
    """What the person typed in a draft (not the part they are on, nor its ids)."""
    return draft.model_dump(exclude={"stage", "step_id", "session"})


class ProblemSolvingDialog(FormDialog[ProblemPlan | None]):
    CSS_PATH = "problem_solving_dialog.tcss"
    HELP_TOPIC = "goals"
    KEEP_WORDS = "keep it, to go on later"  # a draft: the plan is saved only when it is finished
    BINDINGS = [
        Binding("ctrl+n", "move(1)", "Next part", id="problem.next", tooltip="Go on to the next part"),
        Binding("ctrl+b", "move(-1)", "Back", id="problem.back", tooltip="Go back one part"),
        Binding("ctrl+s", "save", "Save plan", id="problem.save", tooltip="Add your plan to your goal's steps"),
        Binding("escape", "cancel", "Close", id="problem.close",
                tooltip="Close for now; if you typed something, you are asked whether to keep it"),
    ]

    def __init__(self, step_text: str, draft: ProblemDraft | None,
                 keep_draft: Callable[[ProblemDraft], None]) -> None:
        super().__init__()
        self.step_text = step_text
        self.opened_with = draft  # what "throw away" goes back to
        self.draft = draft or ProblemDraft()
        self._keep_draft = keep_draft
        self._kept = False  # a draft was handed on since the form opened
        self._start: dict[str, object] | None = None  # what the form held once it opened
        self.stage = 0
        self.weigh: dict[str, list[str]] = {k: list(v) for k, v in self.draft.weigh.items()}  # idea -> [good, bad]
        self.chosen = self.draft.chosen

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        d = self.draft
        with Vertical(id="ps-box") as box:
            box.border_title = "Work it out, step by step"
            yield Static("", id="ps-stage-title")
            with ContentSwitcher(initial="ps-define", id="ps-switcher"):
                with Vertical(id="ps-define"):
                    yield Static(Content.from_markup("The step: [b]$s[/b]", s=self.step_text), classes="help")
                    yield Static("What gets in the way? Say it in one or two sentences. Be specific: "
                                 "what happens, and when.", classes="help")
                    yield Input(d.problem, max_length=500, id="ps-problem",
                                placeholder="For example: I get nervous asking a stranger about jobs")
                with Vertical(id="ps-ideas"):
                    yield Static("Write every idea you can think of, one on each line. Odd ones too: "
                                 "do not judge them yet. A supporter can help you think of more.", classes="help")
                    yield TextArea(d.ideas, id="ps-ideas-text", soft_wrap=True)
                with VerticalScroll(id="ps-weigh"):
                    yield Static("For each idea: what is good about it, and what is bad?", classes="help")
                    yield Vertical(id="ps-weigh-rows")
                with Vertical(id="ps-choose"):
                    yield Static("Which idea fits you best right now? Pick one and press Enter.", classes="help")
                    yield OptionList(id="ps-choose-list")
                with Vertical(id="ps-plan"):
                    yield Static("", id="ps-chosen", classes="help")
                    yield Static("What steps will carry it out? One on each line. Small steps are easier.",
                                 classes="help")
                    yield TextArea(d.steps, id="ps-steps-text", soft_wrap=True)
                    with Horizontal(classes="form-row"):
                        yield Label("First step by", classes="form-label")
                        yield Input(d.start, max_length=30, id="ps-start",
                                    placeholder=f"{due_examples(today())} (or leave empty)")
                    yield Static("", id="ps-start-check", classes="check")
                with Vertical(id="ps-review"):
                    yield Static("When will you look back and see how it went? If it did not help, "
                                 "you can try another idea.", classes="help")
                    with Horizontal(classes="form-row"):
                        yield Label("Look back on", classes="form-label")
                        yield Input(d.review, max_length=30, id="ps-review-date")
                    yield Static("", id="ps-review-check", classes="check")
                    yield Static("", id="ps-summary")
            yield Static("", id="ps-error")
        yield Footer()

    async def on_mount(self) -> None:
        self._check_dates()
        stage = self.draft.stage
        await self._show(stage if 0 <= stage < len(STAGES) else 0)
        self._start = _typed(self.data())

    # ------------------------------------------------------------------ data
    def _text(self, selector: str) -> str:
        widget = self.query_one(selector)
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value.strip()

    def ideas(self) -> list[str]:
        return lines(self._text("#ps-ideas-text"))

    def _read_weigh(self) -> None:
        for n, _idea in enumerate(self.ideas()):
            for col, key in enumerate(("good", "bad")):
                found = self.query(f"#ps-{key}-{n}")
                if found:
                    row = found.first(Input)
                    self.weigh.setdefault(row.name or "", ["", ""])[col] = row.value.strip()

    def data(self) -> ProblemDraft:
        """Everything typed so far (the draft kept on the goal)."""
        self._read_weigh()
        ideas = self.ideas()
        return ProblemDraft.model_validate({
            **self.draft.model_dump(), "stage": self.stage, "problem": self._text("#ps-problem"),
            "ideas": self._text("#ps-ideas-text"), "weigh": {k: v for k, v in self.weigh.items() if k in ideas},
            "chosen": self.chosen, "steps": self._text("#ps-steps-text"), "start": self._text("#ps-start"),
            "review": self._text("#ps-review-date")})

    def _check_dates(self) -> bool:
        ok = True
        for name in ("start", "review"):
            selector = "#ps-start" if name == "start" else "#ps-review-date"
            good, words = day_check(self._text(selector))
            box = self.query_one(f"#ps-{name}-check", Static)
            box.update(Content(words))
            box.set_class(not good, "error")
            ok = ok and good
        return ok

    # ---------------------------------------------------------------- moving
    def _problem_with(self, stage: int) -> str:
        """Why the person cannot leave `stage` yet ('' when they can)."""
        key = STAGES[stage][0]
        if key == "define" and not self._text("#ps-problem"):
            return "Write the problem in a few words first."
        if key == "ideas" and not self.ideas():
            return "Write at least one idea. Any idea is fine for now."
        if key == "choose" and self.chosen not in self.ideas():
            return "Pick one idea and press Enter."
        if key == "plan":
            if not lines(self._text("#ps-steps-text")):
                return "Write at least one step."
            if not self._check_dates():
                return "Please fix the date, or leave it empty."
        if key == "review" and (not self._check_dates() or parse_day(self._text("#ps-review-date"), today()) is None):
            return "Pick a day to look back, like +7."
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            step = parameters[0] if parameters else 1
            return not isinstance(step, int) or 0 <= self.stage + step < len(STAGES)
        if action == "save":
            return self.stage == len(STAGES) - 1
        return True

    async def action_move(self, step: int) -> None:
        target = self.stage + step
        if not 0 <= target < len(STAGES):
            return
        if step > 0:
            problem = self._problem_with(self.stage)
            if problem:
                self.query_one("#ps-error", Static).update(Content(problem))
                return
        self._read_weigh()
        await self._show(target)
        self.keep_draft(self.data())

    def keep_draft(self, data: ProblemDraft) -> None:
        self._kept = True
        self._keep_draft(data)

    async def _show(self, stage: int) -> None:
        self.stage = stage
        key, title = STAGES[stage]
        self.query_one("#ps-error", Static).update("")
        self.query_one("#ps-stage-title", Static).update(
            Content.from_markup("[b]Part $n of $total: $title[/b]", n=stage + 1, total=len(STAGES), title=title))
        if key == "weigh":
            await self._fill_weigh()
        elif key == "choose":
            self._fill_choose()
        elif key == "plan":
            self.query_one("#ps-chosen", Static).update(Content.from_markup("Your choice: [b]$c[/b]", c=self.chosen))
        elif key == "review":
            self._fill_summary()
        self.query_one("#ps-switcher", ContentSwitcher).current = f"ps-{key}"
        focus = {"define": "#ps-problem", "ideas": "#ps-ideas-text", "choose": "#ps-choose-list",
                 "plan": "#ps-steps-text", "review": "#ps-review-date"}.get(key)
        if focus:
            self.query_one(focus).focus()
        self.refresh_bindings()

    async def _fill_weigh(self) -> None:
        rows = self.query_one("#ps-weigh-rows", Vertical)
        await rows.remove_children()
        widgets: list[Widget] = []
        for n, idea in enumerate(self.ideas()):
            good, bad = self.weigh.get(idea, ["", ""])
            widgets.append(Static(Content.from_markup("[b]$n. $idea[/b]", n=n + 1, idea=idea), classes="idea"))
            widgets.append(Horizontal(
                Label("Good", classes="pro-label"),
                Input(good, max_length=300, id=f"ps-good-{n}", name=idea, placeholder="what is good about it"),
                Label("Bad", classes="pro-label"),
                Input(bad, max_length=300, id=f"ps-bad-{n}", name=idea, placeholder="what is bad about it"),
                classes="weigh-row"))
        await rows.mount_all(widgets)
        if widgets:
            self.query_one("#ps-good-0", Input).focus()

    def _fill_choose(self) -> None:
        box = self.query_one("#ps-choose-list", OptionList)
        options = []
        for n, idea in enumerate(self.ideas()):
            good, bad = self.weigh.get(idea, ["", ""])
            prompt = Content.from_markup("[b]$idea[/b]", idea=idea)
            if good:
                prompt += Content.from_markup("\n  [dim]Good:[/dim] $g", g=good)
            if bad:
                prompt += Content.from_markup("\n  [dim]Bad:[/dim] $b", b=bad)
            options.append(Option(prompt, id=str(n)))
        box.set_options(options)
        ideas = self.ideas()
        if ideas:
            box.highlighted = ideas.index(self.chosen) if self.chosen in ideas else 0

    def _fill_summary(self) -> None:
        steps = lines(self._text("#ps-steps-text"))
        parts = [Content.from_markup("\n[b]This adds $n steps to your goal:[/b]", n=len(steps) + 1)]
        start = parse_day(self._text("#ps-start"), today()) if self._check_dates() else None
        for n, step in enumerate(steps):
            when = f" (by {long_day(start)})" if n == 0 and start else ""
            parts.append(Content.from_markup("\n• $s$when", s=step, when=when))
        parts.append(Content("\n• Look back: did the plan help?"))
        self.query_one("#ps-summary", Static).update(Content("").join(parts))

    # ---------------------------------------------------------------- events
    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#ps-error", Static).update("")
        if event.input.id in ("ps-start", "ps-review-date"):
            self._check_dates()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "ps-review-date":
            self.action_save()
        elif event.input.id == "ps-problem":
            await self.action_move(1)
        else:
            self.focus_next()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ideas = self.ideas()
        self.chosen = ideas[int(event.option.id or 0)]
        await self.action_move(1)

    # ---------------------------------------------------------------- closing
    def action_save(self) -> None:
        for stage in range(len(STAGES)):
            problem = self._problem_with(stage)
            if problem:
                self.query_one("#ps-error", Static).update(Content(f"Part {stage + 1}: {problem}"))
                return
        self._read_weigh()
        weigh = {i: self.weigh.get(i, ["", ""]) for i in self.ideas()}
        now = today()
        plan = ProblemPlan(
            problem=self._text("#ps-problem"),
            ideas=[ProblemIdea(idea=i, good=good, bad=bad) for i, (good, bad) in weigh.items()],
            chosen=self.chosen, steps=lines(self._text("#ps-steps-text")),
            start=parse_day(self._text("#ps-start"), now), review=parse_day(self._text("#ps-review-date"), now))
        self.dismiss(plan)

    def has_unsaved_changes(self) -> bool:
        """Something differs from the form as it opened (the part the person is on does not count)."""
        return self._kept or (self._start is not None and _typed(self.data()) != self._start)

    def keep(self) -> None:
        self.keep_draft(self.data())
        self.notify("What you typed is kept. Press s on the step to go on.")
        self.dismiss(None)

    def throw_away(self) -> None:
        if self._kept:  # a part was kept on the way: put the draft back as it was
            self._keep_draft(self.opened_with or ProblemDraft())
        self.dismiss(None)
