"""The suicide safety plan, made one step at a time (a guided form), and changed one step at a time later.

The steps of domain.profile.SAFETY_STEPS, in the order they are used, then the reason for living.
Each step is a few short lines in the person's own words, one thing a line. Enter on an empty line
goes on to the next step, so Enter on an empty step skips it; PgUp goes back a step. Nothing is
saved until Enter on the last step (or Ctrl+S): then the steps that changed are saved at once
through the data service (Store.update_plan: under the lock, on the plan as it is on disk, keeping
the version before it in the plan's history). Escape with typed changes asks: keep (save), throw
away, or go back.

Opened from the plan screen's "Safety plan" part (all steps, or the one step picked) and from the
offer after a PHQ-9 answer that opened crisis help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static, TextArea

from imr_tui.domain.profile import SAFETY_STEPS, RelapsePlanBody, SafetyPlan, clean_lines, safety_lines_problem
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.profile import SafetyStep

INTRO = "Use these steps in order when thoughts of suicide come. Skip any step you like. In danger now? Press F2."
HINT = ("One thing a line. Enter on an empty line, or PgDn, goes to the next step (an empty step is skipped). "
        "PgUp goes back.")
LAST_HINT = "One thing a line. Enter on an empty line saves your safety plan. PgUp goes back."


class StepArea(TextArea):
    """A TextArea where Enter on an empty line asks to go on (posts StepArea.Next) instead of adding a line."""

    class Next(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only and not self.document[self.cursor_location[0]].strip():
            event.stop()
            event.prevent_default()
            self.post_message(self.Next())
            return
        await super()._on_key(event)


def area_text(lines: list[str]) -> str:
    """A step's lines as the text to edit: one a line, and an empty line at the end to type the next one."""
    return "".join(f"{line}\n" for line in lines)


class SafetyPlanScreen(IMRScreen[None]):
    CSS_PATH = "safety_plan.tcss"
    HELP_TOPIC = "safety_plan"
    WATCHES = frozenset({"profile"})
    ERROR_BOX = "#sp-error"
    BINDINGS = [
        # priority: the text area's own PgUp/PgDn would move the cursor instead
        # the hint under the text says PgUp and PgDn (the Footer has room for F1 at 60 columns only without them)
        Binding("pageup", "previous", "Back a step", id="safety_plan.previous", priority=True, key_display="PgUp",
                show=False, tooltip="Go back to the step before"),
        Binding("pagedown", "next", "Next step", id="safety_plan.next", priority=True, key_display="PgDn",
                show=False, tooltip="Go on to the next step (what you typed is kept)"),
        Binding("ctrl+s", "save", "Save", id="safety_plan.save", tooltip="Save your safety plan now and close"),
        Binding("escape", "back", "Close", id="safety_plan.back",
                tooltip="Close (if you typed something, it asks what to do with it)"),
    ]

    def __init__(self, start: int = 0, *, one_step: bool = False) -> None:
        """All the steps from `start` on, or with `one_step` only that one (to change it later)."""
        super().__init__()
        if not 0 <= start < len(SAFETY_STEPS):
            raise ValueError(f"there is no step {start + 1} in a safety plan")
        self.first = start
        self.last = start if one_step else len(SAFETY_STEPS) - 1
        self.index = start
        self.saved: SafetyPlan | None = None  # as read from disk
        self.body: RelapsePlanBody | None = None
        self.draft: dict[str, list[str]] = {}  # the steps as typed so far (the step on screen: see _typed)
        self._saving = False
        self._finished = False  # saved or thrown away: the screen is going, it reads nothing again
        self._leave_on_resume = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="sp-form"):
            yield Static(Content(INTRO), id="sp-intro")
            yield Static("Loading your safety plan…", id="sp-progress")
            yield Static("", id="sp-title")
            yield Static("", id="sp-question")
            yield Static("", id="sp-from-plan")
            yield StepArea(id="sp-area", soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                           disabled=True)
            yield Static(Content(HINT), id="sp-hint")
            yield Static("", id="sp-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    def reload(self, change: Change) -> None:
        if not self._saving and not self._finished:
            self.load()

    def shows_data(self) -> bool:
        return self.saved is not None

    @work(thread=True, exclusive=True, group="safety-plan-load")
    def load(self) -> None:
        from imr_tui.store.files import StoreError

        try:
            body = self.imr.store.profile().plan
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Your safety plan could not be read")
            return
        self.from_thread(self.show_plan, body)

    def show_plan(self, body: RelapsePlanBody) -> None:
        self.body = body
        self.saved = body.safety_plan
        self.draft = {s.key: self.saved.lines(s.key) for s in SAFETY_STEPS}
        self.query_one("#sp-error", Static).remove_class("error")
        self.show_step()

    # ------------------------------------------------------------------ state
    @property
    def step(self) -> SafetyStep:
        return SAFETY_STEPS[self.index]

    def _area(self) -> StepArea:
        return self.query_one("#sp-area", StepArea)

    def _typed(self) -> dict[str, list[str]]:
        """Every step as it is now, with the step on screen as typed."""
        out = dict(self.draft)
        if self.saved is not None:
            out[self.step.key] = clean_lines(self._area().text.splitlines())
        return out

    def changed_steps(self) -> list[str]:
        if self.saved is None:
            return []
        typed = self._typed()
        return [s.key for s in SAFETY_STEPS if typed[s.key] != self.saved.lines(s.key)]

    def has_unsaved_changes(self) -> bool:
        return not self._finished and bool(self.changed_steps())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "previous":
            return self.saved is not None and self.index > self.first
        if action in ("next", "save"):
            return self.saved is not None and not self._saving
        return True

    # ------------------------------------------------------------------ a step
    def show_step(self) -> None:
        step = self.step
        n, total = self.index + 1, len(SAFETY_STEPS)
        where = f"step {n} of {total}" if self.first != self.last else f"step {n} of {total} (only this one)"
        self.query_one("#sp-progress", Static).update(Content.from_markup("[b]Safety plan[/b], $where", where=where))
        self.query_one("#sp-title", Static).update(Content(step.title))
        self.query_one("#sp-question", Static).update(Content(step.question))
        from_plan = self._from_plan(step)
        box = self.query_one("#sp-from-plan", Static)
        box.update(from_plan)
        box.display = bool(from_plan.plain)
        area = self._area()
        area.disabled = False
        area.placeholder = step.example
        area.load_text(area_text(self.draft[step.key]))
        area.move_cursor((area.document.line_count - 1, 0))  # on the empty last line: Enter goes on
        area.focus()
        self.query_one("#sp-error", Static).update("")
        hint = HINT if self.index < self.last else LAST_HINT
        if self.index == self.first:  # nowhere to go back to
            hint = hint.replace(" PgUp goes back.", "")
        self.query_one("#sp-hint", Static).update(Content(hint))
        self.refresh_bindings()

    def _from_plan(self, step: SafetyStep) -> Content:
        """For the people steps: who is already in the relapse prevention plan (the person's words, escaped)."""
        body = self.body
        if body is None:
            return Content("")
        if step.key == "ask_for_help" and body.supporters:
            who = "; ".join(s.name + (f" {s.contact}" if s.contact else "") for s in body.supporters)
            return Content.from_markup("[dim]Supporters in your plan: $who[/dim]", who=who)
        if step.key == "professionals":
            who = "; ".join(c.name + (f" {c.contact}" if c.contact else "") for c in body.emergency_contacts)
            text = f"Emergency contacts in your plan: {who}. " if who else ""
            return Content.from_markup("[dim]${text}The crisis lines for your country are on F2.[/dim]", text=text)
        return Content("")

    def _keep_step(self) -> bool:
        """Take the step on screen into the draft; False (and says why) when it cannot be kept."""
        lines = self._area().text.splitlines()
        problem = safety_lines_problem(lines)
        if problem is not None:
            self.query_one("#sp-error", Static).update(Content(f"{self.step.title}: {problem}."))
            self.query_one("#sp-error", Static).add_class("error")
            return False
        self.draft[self.step.key] = clean_lines(lines)
        return True

    def on_step_area_next(self, event: StepArea.Next) -> None:
        self.action_next()

    def action_next(self) -> None:
        if self.saved is None or self._saving or not self._keep_step():
            return
        if self.index < self.last:
            self.index += 1
            self.show_step()
        else:
            self.finish()

    def action_previous(self) -> None:
        if self.saved is None or self.index <= self.first or not self._keep_step():
            return
        self.index -= 1
        self.show_step()

    # ------------------------------------------------------------------ saving and leaving
    def finish(self) -> None:
        """At the end of the steps: save what changed, or say that nothing did."""
        if self.changed_steps():
            self.action_save()
            return
        if self.saved is not None and self.saved.is_empty():
            self.imr.notify("Nothing was saved: every step was skipped. You can make your safety plan any time: "
                            "p on Home, then part 6.")
        else:
            self.imr.notify("Nothing changed in your safety plan.")
        self.leave()

    def action_save(self) -> None:
        if self.saved is None or self._saving or not self._keep_step():
            return
        changed = self.changed_steps()
        if not changed:
            self.leave()
            return
        typed = dict(self.draft)

        def apply(body: RelapsePlanBody) -> None:
            plan = body.safety_plan
            for key in changed:  # only the steps changed here: another process's change to the others is kept
                plan = plan.with_lines(key, typed[key])
            body.safety_plan = plan.model_copy(update={"updated_on": today()})

        self._saving = True
        self._area().disabled = True
        self.refresh_bindings()
        self.imr.data.update_plan(apply, what="your safety plan", on_done=self.if_open(self._saved),
                                  on_error=self.if_open(self._not_saved))

    def _saved(self, _profile: object) -> None:
        self._saving = False
        self._finished = True
        self.imr.notify("Saved your safety plan. It shows first when you press F2. Next: share it with someone "
                        "you trust, if you like.")
        self.leave()

    def _not_saved(self, message: str) -> None:
        self._saving = False
        self._area().disabled = False
        self._area().focus()
        self.refresh_bindings()
        self.show_error(message)
        error = self.query_one("#sp-error", Static)
        error.update(Content(message))
        error.add_class("error")

    def action_back(self) -> None:
        if self._saving:
            return
        if not self.has_unsaved_changes():
            self.leave()
            return
        from imr_tui.tui.screens.leave_dialog import LeaveDialog

        steps = [next(s.title for s in SAFETY_STEPS if s.key == k) for k in self.changed_steps()]
        question = Content.from_markup("You changed: [b]$steps[/b].\nThey are not saved yet.", steps=", ".join(steps))

        def done(choice: str | None) -> None:
            if choice == "keep":
                self.action_save()
            elif choice == "discard":
                self._finished = True
                self.imr.notify("What you typed was thrown away. Your safety plan is as it was.")
                self.leave()
            else:
                self._area().focus()

        self.app.push_screen(LeaveDialog("keep it: save what you typed", what=question, help_topic="safety_plan"), done)

    def leave(self) -> None:
        if self.app.screen is not self:  # e.g. crisis help is open on top: go when it closes
            self._leave_on_resume = True
        else:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        if self._leave_on_resume:
            self._leave_on_resume = False
            self.call_later(self.leave)
