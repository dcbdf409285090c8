"""Goals: the person's recovery goal (what and why), its small steps, a weekly follow-up, and the
step-by-step problem-solving method for a step that is stuck.

Everything is saved at once, through store.update_profile, as the person goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain.checkin import new_id
from imr_tui.domain.profile import FollowUp, Goal, GoalStep, Profile
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.tui.screens.follow_up_dialog import FollowUpResult
    from imr_tui.tui.screens.problem_solving_dialog import ProblemPlan

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
def due_examples(on: date) -> str:
    """Examples for a due date, all of them today or later: "+7, friday or 2026-12-04" (two weeks on)."""
    return f"+7, friday or {on + timedelta(days=14):%Y-%m-%d}"


def date_help(on: date) -> str:
    return f"Type a date like {on + timedelta(days=14):%Y-%m-%d}, +7 (a week from today), or a day like friday."
FOLLOW_UP_DAYS = 7
DRAFT_KEY = "problem_draft"  # an unfinished problem-solving form, kept on the goal
SOLVED_KEY = "problem_solving"  # finished ones, kept on the goal for later review




def short_day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def long_day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def parse_day(text: str, on: date) -> date | None:
    """A day typed by the person: YYYY-MM-DD, +N (days from `on`), today, tomorrow, or a weekday name
    (the next one, `on` included). Empty text is no date. Raises ValueError with a plain message."""
    t = " ".join(text.strip().lower().split())
    if not t:
        return None
    if t == "today":
        return on
    if t == "tomorrow":
        return on + timedelta(days=1)
    m = re.fullmatch(r"\+ ?(\d{1,3})( days?)?", t)
    if m:
        return on + timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(next )?([a-z]+)\.?", t)
    if m and len(m.group(2)) >= 2:
        names = [n for n, day in enumerate(WEEKDAYS) if day.startswith(m.group(2))]
        if len(names) == 1:
            ahead = (names[0] - on.weekday()) % 7
            if m.group(1) and ahead == 0:
                ahead = 7
            return on + timedelta(days=ahead)
        if len(names) > 1:
            raise ValueError(f"'{text.strip()}' could be more than one day. Type a bit more of its name.")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t):
        year, month, day = (int(x) for x in t.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"{text.strip()} is not a real date. {date_help(on)}") from None
    raise ValueError(f"'{text.strip()}' is not a date I know. {date_help(on)}")


def day_check(text: str) -> tuple[bool, str]:
    """For a date field: (ok, what the typed text stands for, or what is wrong)."""
    now = today()
    try:
        d = parse_day(text, now)
    except ValueError as exc:
        return False, str(exc)
    if d is None:
        return True, "No date. You can type one like +7 or friday."
    days = (d - now).days
    when = ("today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days" if days > 0
            else "in the past")
    return True, f"= {long_day(d)} ({when})"


def goal_extra(goal: Goal, key: str) -> Any:
    return (goal.model_extra or {}).get(key)


def step_content(step: GoalStep, now: date) -> Content:
    """One step as Content (its text is the person's own: never parsed as markup)."""
    if step.done:
        when = f"  done {short_day(step.done_on)}" if step.done_on else "  done"
        return Content.assemble(("[x] ", "bold"), (step.text, "dim"), (when, "dim"))
    if step.due and step.due < now:
        return Content.assemble("[ ] ", step.text, (f"  was due {short_day(step.due)}", "bold $warning"))
    when = f"  by {short_day(step.due)}" if step.due else ""
    return Content.assemble("[ ] ", step.text, (when, "dim"))


GoalChange = Callable[[Profile], str | None]


class GoalsScreen(IMRScreen[None]):
    CSS_PATH = "goals.tcss"
    HELP_TOPIC = "goals"
    WATCHES = frozenset({"profile"})
    ERROR_BOX = "#goal-text"
    BINDINGS = [
        # with no goal yet, g is the one key shown; with a goal, it is hidden (the top line names it)
        Binding("g", "new_goal", "Set a goal", id="goals.new", tooltip="Choose your personal recovery goal"),
        Binding("g", "edit_goal", "Goal", id="goals.edit", show=False, tooltip="Change your goal or why it matters"),
        Binding("space", "toggle_done", "Done", id="goals.done", tooltip="Mark the picked step done (or not done)"),
        Binding("a", "add_step", "Add", id="goals.add", tooltip="Add a small step toward your goal"),
        Binding("e", "edit_step", "Edit step", id="goals.edit_step", show=False,
                tooltip="Change the picked step or its date (Enter works too)"),
        Binding("x,delete", "remove_step", "Remove step", id="goals.remove", show=False,
                tooltip="Remove the picked step"),
        Binding("f", "follow_up", "Follow-up", id="goals.follow_up",
                tooltip="This week's follow-up: what went well, what got in the way, the next step"),
        Binding("s", "stuck", "Stuck", id="goals.stuck", tooltip="Work out a stuck step, step by step"),
        Binding("r", "reached", "Reached", id="goals.reached", show=False,
                tooltip="Mark your goal as reached (it is kept), then set a new one"),
        Binding("escape", "back", "Back", id="goals.back", tooltip="Go back to the last screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.goal: Goal | None = None
        self.loaded = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="goals-body"):
            yield Static("Loading your goal…", id="goal-text")
            yield Static("", id="goal-keys")
            yield OptionList(id="steps")
            yield Static("", id="step-note")
            yield Static("", id="follow-up")
        # compact, and without the palette key (Ctrl+P still works), so the keys fit in 80 columns
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#steps", OptionList).focus()

    def shows_data(self) -> bool:
        return self.loaded

    def on_screen_resume(self) -> None:
        # also sent when the screen is first shown; coming back from elsewhere, it reads the goal again
        self._io()

    # ---------------------------------------------------------------- state
    def picked(self) -> GoalStep | None:
        if self.goal is None:
            return None
        option = self.query_one("#steps", OptionList).highlighted_option
        return next((s for s in self.goal.steps if option is not None and s.id == option.id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.loaded:
            return action == "back"
        if action == "new_goal":
            return self.goal is None
        if action in ("edit_goal", "add_step", "follow_up", "reached"):
            return self.goal is not None
        if action in ("edit_step", "remove_step"):
            return self.picked() is not None
        if action in ("toggle_done", "stuck"):
            step = self.picked()
            if step is None:
                return False if self.goal is None else None  # shown, greyed out, once there is a goal
            return action == "toggle_done" or not step.done
        return True

    @on(OptionList.OptionHighlighted, "#steps")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_step_note()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit_step()

    # ------------------------------------------------------------- reading and saving
    def reload(self, change: Change) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="goals-load")
    def load(self) -> None:
        from imr_tui.store.files import StoreError

        try:
            profile = self.imr.store.profile()
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Your goal could not be read")
            return
        self.from_thread(self.show_goal, profile.active_goal())

    def _io(self, change: GoalChange | None = None) -> None:
        """Save a change (if any) in one read-modify-write through the data service, then show the goal."""
        if change is None:
            self.load()
            return
        message: list[str | None] = [None]

        def apply(profile: Profile) -> Profile:
            message[0] = change(profile)
            return profile

        self.imr.data.update_profile(apply, what="your goal", on_error=self.if_open(self.show_error),
                                     on_done=self.if_open(lambda p: self.show_goal(p.active_goal(), message[0])))

    def change_goal(self, fn: Callable[[Goal], str | None]) -> None:
        """Save a change to the goal on screen (found again by id in the latest profile)."""
        if self.goal is None:
            return
        goal_id = self.goal.id

        def change(profile: Profile) -> str | None:
            goal = next((g for g in profile.goals if g.id == goal_id), None)
            if goal is None:
                raise ValueError("this goal is no longer there (was it changed somewhere else?)")
            return fn(goal)

        self._io(change)

    def show_goal(self, goal: Goal | None, message: str | None = None) -> None:
        self.goal, self.loaded = goal, True
        text = self.query_one("#goal-text", Static)
        text.remove_class("error")
        keys = self.query_one("#goal-keys", Static)
        steps = self.query_one("#steps", OptionList)
        if goal is None:
            text.update(Content.from_markup(
                "[b]You have no goal yet.[/b]\n\nA recovery goal is something you want for your life: work, "
                "school, friends, health, a home, a hobby. Pick something that matters to you, then break it "
                "into small steps.\n\nPress [b]g[/b] to set your goal."))
            keys.update("")
            steps.clear_options()
            steps.display = False
            self.query_one("#step-note", Static).update("")
            self.query_one("#follow-up", Static).update("")
        else:
            parts = [Content.from_markup("[b]My goal:[/b] $goal", goal=goal.text)]
            if goal.why:
                parts.append(Content.from_markup("\n[dim]Why it matters:[/dim] $why", why=goal.why))
            text.update(Content("").join(parts))
            keys.update(Content.from_markup("[dim][b]g[/b] changes the goal, [b]r[/b] marks it reached; "
                                            "[b]e[/b] changes a step; [b]x[/b] removes one.[/dim]"))
            self._fill_steps(goal)
            self._show_follow_up(goal)
        if message:
            self.notify(message)
        self._show_step_note()
        self.refresh_bindings()

    def _fill_steps(self, goal: Goal) -> None:
        steps = self.query_one("#steps", OptionList)
        old = steps.highlighted_option.id if steps.highlighted_option else None
        now = today()
        steps.set_options([Option(step_content(s, now), id=s.id) for s in goal.steps])
        steps.display = True
        ids = [s.id for s in goal.steps]
        if ids:
            nxt = goal.next_step()
            pick = old if old in ids else (nxt.id if nxt else ids[0])
            steps.highlighted = ids.index(pick)
        if not ids:
            steps.add_option(Option(Content.from_markup("[dim]No steps yet. Press [b]a[/b] to add a small first "
                                                        "step.[/dim]"), disabled=True))

    def _show_follow_up(self, goal: Goal) -> None:
        box = self.query_one("#follow-up", Static)
        last = max(goal.follow_ups, key=lambda f: f.on) if goal.follow_ups else None
        now = today()
        if last is None:
            started = goal.created or now
            due = (now - started).days >= FOLLOW_UP_DAYS
            text = Content("No weekly follow-up yet.")
        else:
            days = (now - last.on).days
            due = days >= FOLLOW_UP_DAYS
            ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
            text = Content(f"Last follow-up: {short_day(last.on)} ({ago}).")
            if last.next_step:
                text += Content.from_markup(" Next step you chose: $s", s=last.next_step)
        if due:
            text += Content.from_markup(" [b]Time for this week's: press f.[/b]")
        box.update(text)

    def _show_step_note(self) -> None:
        note = self.query_one("#step-note", Static)
        step = self.picked()
        if step is None or step.done:
            note.update("")
            return
        if step.due and step.due < today():
            note.update(Content.from_markup(
                "This step is past its date. That is OK: it happens. Press [b]s[/b] to work it out step by "
                "step, or [b]e[/b] to pick a new date."))
        elif goal_extra(self.goal, DRAFT_KEY) if self.goal else None:
            note.update(Content.from_markup("You started working out a problem. Press [b]s[/b] to go on."))
        else:
            note.update(Content.from_markup("[dim]Stuck on this step? Press [b]s[/b] to work it out step by "
                                            "step.[/dim]"))

    # ------------------------------------------------------------- actions
    def action_back(self) -> None:
        self.app.pop_screen()

    def _goal_dialog(self, goal: Goal | None) -> None:
        from imr_tui.tui.screens.entry_dialog import EntryDialog, EntryField

        fields = [EntryField("text", "My goal", goal.text if goal else "", "For example: get a part-time job",
                             required=True),
                  EntryField("why", "Why it matters", goal.why if goal else "",
                             "For example: my own money, a reason to get up", max_length=2000)]
        intro = ("Something you want for your life, in your own words. It can be big or small. "
                 "You will break it into small steps next.")

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            if goal is None:
                new = Goal(text=values["text"], why=values["why"], created=today())

                def add(profile: Profile) -> str:
                    profile.goals.insert(0, new)  # the active goal is the first one not put aside
                    return "Your goal is saved. Now add a small first step (a)."

                self._io(add)
            else:
                def edit(g: Goal) -> str:
                    g.text, g.why = values["text"], values["why"]
                    return "Your goal is saved."

                self.change_goal(edit)

        self.app.push_screen(EntryDialog("My recovery goal", fields, intro=intro, help_topic="goals"), done)

    def action_new_goal(self) -> None:
        self._goal_dialog(None)

    def action_edit_goal(self) -> None:
        if self.goal is not None:
            self._goal_dialog(self.goal)

    def _step_dialog(self, step: GoalStep | None) -> None:
        from imr_tui.tui.screens.entry_dialog import EntryDialog, EntryField

        fields = [EntryField("text", "The step", step.text if step else "", "Small and clear: ask about jobs at "
                             "the library", required=True),
                  EntryField("due", "By when", step.due.isoformat() if step and step.due else "",
                             f"{due_examples(today())} (you can leave it empty)", max_length=30, check=day_check)]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            due = parse_day(values["due"], today())  # the dialog already checked it

            def change(goal: Goal) -> str:
                if step is None:
                    goal.steps.append(GoalStep(text=values["text"], due=due))
                    return "Step added."
                for s in goal.steps:
                    if s.id == step.id:
                        s.text, s.due = values["text"], due
                return "Step saved."

            self.change_goal(change)

        title = "Change a step" if step else "Add a step"
        self.app.push_screen(EntryDialog(title, fields, help_topic="goals"), done)

    def action_add_step(self) -> None:
        self._step_dialog(None)

    def action_edit_step(self) -> None:
        step = self.picked()
        if step is not None:
            self._step_dialog(step)

    def action_toggle_done(self) -> None:
        step = self.picked()
        if step is None:
            return
        now = today()

        def change(goal: Goal) -> str:
            for s in goal.steps:
                if s.id == step.id:
                    s.done = not step.done
                    s.done_on = now if s.done else None
            return "Well done! Step marked done." if not step.done else "Step marked not done."

        self.change_goal(change)

    def action_remove_step(self) -> None:
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        step = self.picked()
        if step is None:
            return

        def remove(g: Goal) -> str:
            g.steps = [s for s in g.steps if s.id != step.id]
            return "Step removed."

        def done(yes: bool | None) -> None:
            if yes:
                self.change_goal(remove)

        self.app.push_screen(ConfirmDialog(Content.from_markup("Remove the step [b]$s[/b]?", s=step.text),
                                           help_topic="goals"), done)

    def action_reached(self) -> None:
        """The goal is reached: it is archived (kept, with the day), and the screen offers a new one."""
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        if self.goal is None:
            return
        now = today()

        def reach(g: Goal) -> str:
            g.archived = True
            g.reached_on = now
            return "Well done on reaching your goal! It is kept in your history. Press g to choose a new one."

        def done(yes: bool | None) -> None:
            if yes:
                self.change_goal(reach)

        self.app.push_screen(ConfirmDialog(Content.from_markup("Mark [b]$g[/b] as reached?", g=self.goal.text),
                                           help_topic="goals"), done)

    def action_follow_up(self) -> None:
        from imr_tui.tui.screens.follow_up_dialog import FollowUpDialog

        if self.goal is None:
            return

        def done(result: FollowUpResult | None) -> None:
            if result is None:
                return
            now = today()

            def change(goal: Goal) -> str:
                goal.follow_ups.append(FollowUp(on=now, went_well=result.went_well, got_in_way=result.got_in_way,
                                                next_step=result.next_step))
                if result.add_step and result.next_step:
                    goal.steps.append(GoalStep(text=result.next_step[:500], due=result.due))
                    return "Follow-up saved, and your next step was added."
                return "Follow-up saved."

            self.change_goal(change)

        self.app.push_screen(FollowUpDialog(self.goal.text), done)

    def action_stuck(self) -> None:
        from imr_tui.tui.screens.problem_solving_dialog import ProblemSolvingDialog

        step = self.picked()
        if self.goal is None or step is None or step.done:
            return
        draft = goal_extra(self.goal, DRAFT_KEY)
        if not isinstance(draft, dict) or draft.get("step_id") != step.id:
            draft = None
        # one id per piece of work: a draft save that lands after the final save must not bring the draft back
        session = str(draft.get("session")) if draft and draft.get("session") else new_id()

        def keep_draft(data: dict[str, Any]) -> None:
            """Saved on every move between parts, so nothing typed is lost if the app closes."""
            def keep(g: Goal) -> None:
                if any(r.get("session") == session for r in goal_extra(g, SOLVED_KEY) or [] if isinstance(r, dict)):
                    return  # already finished
                setattr(g, DRAFT_KEY, {**data, "step_id": step.id, "session": session})  # an extra field of the goal

            self.change_goal(keep)

        def done(result: ProblemPlan | None) -> None:
            if result is None:
                return
            now = today()

            def change(goal: Goal) -> str:
                for n, text in enumerate(result.steps):
                    goal.steps.append(GoalStep(text=text[:500], due=result.start if n == 0 else None))
                goal.steps.append(GoalStep(text=f"Look back: did my plan for \"{result.problem}\" help?"[:500],
                                           due=result.review))
                solved = list(goal_extra(goal, SOLVED_KEY) or [])
                solved.append({**result.record(), "on": now.isoformat(), "step_id": step.id, "session": session})
                setattr(goal, SOLVED_KEY, solved)
                if goal.model_extra is not None:
                    goal.model_extra.pop(DRAFT_KEY, None)
                return f"Your plan is saved as {len(result.steps) + 1} new steps."

            self.change_goal(change)

        self.app.push_screen(ProblemSolvingDialog(step.text, draft, keep_draft), done)
