"""Home: today at a glance, and one key to each area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from imr_tui.domain.format import short_day
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.progress import HomePractice, Progress
    from imr_tui.insights.today import HomeSummary
    from imr_tui.tui.screens.slip_dialog import SlipForm


MENU = (("m", "Modules"), ("g", "Goals"), ("p", "Plan"), ("t", "Coping"), ("h", "History"), ("r", "Report"),
        ("j", "Journal"), ("k", "Self-check"), ("q", "Questionnaires"), ("s", "Settings"), ("ctrl+l", "Lock"),
        ("ctrl+q", "Quit"))


def menu_lines(width: int) -> list[Content]:
    """The keys to every area, as many to a line as fit in `width` columns (a key never leaves its word)."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, label in MENU:
        size = len(key) + 1 + len(label)
        if lines[-1] and used + 2 + size > width:
            lines.append([])
            used = 0
        used += size + (2 if lines[-1] else 0)
        lines[-1].append((key, label))
    return [Content("  ").join(Content.from_markup("[b]$key[/b] $label", key=k, label=v) for k, v in line)
            for line in lines]


CHECK_IN = Binding.Group("Check in")  # "c u Check in": c for the whole check-in, u for the quick one


class HomeScreen(IMRScreen[None]):
    CSS_PATH = "home.tcss"
    HELP_TOPIC = "home"
    WATCHES = frozenset(Change.AREAS)  # Home shows a bit of everything, and re-checks the warning signs
    ERROR_BOX = "#today"
    BINDINGS = [
        # priority: the screen opens before the next key is handed on, so "c7" gives the check-in its 7
        Binding("c", "app.open('checkin')", "Check in", id="home.checkin", tooltip="Today's check-in", priority=True,
                group=CHECK_IN),
        Binding("u", "app.open('quick_checkin')", "Quick", id="home.quick", tooltip="A quick check-in: mood, or your picks",
                priority=True, group=CHECK_IN),
        Binding("l", "continue_lesson", "Lesson", id="home.lesson", tooltip="Continue where you left off"),
        # the other areas: listed in the menu on the screen, so the footer fits 80 columns
        Binding("m", "app.open('lessons')", "Modules", id="home.modules", show=False, tooltip="All 11 modules"),
        Binding("g", "app.open('goals')", "Goals", id="home.goals", show=False, tooltip="Your goal and its steps"),
        Binding("p", "app.open('plan')", "Plan", id="home.plan", show=False,
                tooltip="Your relapse prevention plan"),
        Binding("t", "app.open('coping')", "Coping", id="home.coping", show=False,
                tooltip="Coping toolbox and trigger log"),
        Binding("k", "app.open('selfcheck')", "Self-check", id="home.selfcheck", show=False,
                tooltip="The progress self-check, every 3 months"),
        Binding("q", "app.open('questionnaires')", "Questionnaires", id="home.questionnaires", show=False,
                tooltip="Optional PHQ-9 and GAD-7 checklists"),
        Binding("r", "app.open('report')", "Report", id="home.report", show=False,
                tooltip="A report to bring to an appointment"),
        Binding("h", "app.open('history')", "History", id="home.history", show=False, tooltip="Your trends over time"),
        Binding("j", "app.open('journal')", "Journal", id="home.journal", show=False,
                tooltip="Read back your notes, check-ins and coping logs"),
        Binding("s", "app.open('settings')", "Settings", id="home.settings", show=False,
                tooltip="Theme, country, check-in items"),
        # named on the screen where they apply ("Press w when you have tried it"), not in the Footer
        Binding("w", "practice_done", "Practice done", id="home.practice", show=False,
                tooltip="Mark home practice as done and say how it went"),
        Binding("x", "slip", "Write down a slip", id="home.slip", show=False,
                tooltip="Write down a slip: what happened, what to try next time"),
        Binding("d", "dismiss_signs", "Dismiss signs", id="home.dismiss",
                tooltip="Hide today's warning signs until tomorrow"),
        Binding("y", "app.open('sync')", "Choose", id="home.sync", show=False,
                tooltip="Something was changed on two computers: choose which to keep"),
        Binding("f5", "refresh", "Refresh", id="home.refresh", show=False, tooltip="Read your data again"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss_signs":
            return bool(self.summary and self.summary.warning_signs)
        if action == "practice_done":
            return bool(self.summary and self.summary.practice_due)
        if action == "slip":
            return bool(self.summary and self.summary.substances is not None)
        return True

    def action_practice_done(self) -> None:
        from imr_tui.tui.screens.practice_dialog import PracticeDialog

        if not self.summary or not self.summary.practice_due:
            return
        today = self.imr.today()

        def save(answer: tuple[HomePractice, str] | None) -> None:
            if answer is None:
                return
            practice, how = answer

            def change(progress: Progress) -> Progress:
                progress.finish_practice(practice, today, how)
                return progress

            self.imr.data.update_progress(change, what="your home practice", on_done=lambda _p: self.notify(
                "Saved: your home practice is done. You can see it again in its lesson."))

        self.app.push_screen(PracticeDialog(self.summary.practice_due, today), save)

    def action_slip(self) -> None:
        from imr_tui.tui.screens.slip_dialog import SlipDialog

        def save(form: SlipForm | None) -> None:
            if form is not None:
                self.save_slip(form)

        self.app.push_screen(SlipDialog(self.imr.today()), save)

    def save_slip(self, form: SlipForm) -> None:
        from imr_tui.domain.progress import Slip, slip_to_plan

        slip = Slip(on=form.on, what_happened=form.what_happened, try_next=form.try_next, in_plan=form.in_plan,
                    at=self.imr.now())

        def add(progress: Progress) -> Progress:
            progress.slips.append(slip)
            return progress

        where = " It is in your relapse prevention plan too." if slip.in_plan else ""
        self.imr.data.update_progress(
            add, then_plan=(lambda body: slip_to_plan(body, slip)) if slip.in_plan else None,
            what="your note about the slip", on_done=lambda _r: self.notify(f"Saved. Thank you for writing it down.{where}"))

    def action_dismiss_signs(self) -> None:
        if not self.summary or not self.summary.warning_signs:
            return
        today = self.imr.today()
        ids = [w.sign_id for w in self.summary.warning_signs]

        def change(progress: Progress) -> Progress:
            for sign_id in ids:
                progress.dismissed_signs[sign_id] = today
            return progress

        def done(_progress: Progress) -> None:
            self.notify("Hidden until tomorrow. Your plan is still here if you need it.")

        self.imr.data.update_progress(change, what="hiding the warning signs", on_done=done)

    def __init__(self) -> None:
        super().__init__()
        self.summary: HomeSummary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("", id="warning-signs")
            yield Static("", id="sync-choice")
            yield Static("Loading…", id="today")
            yield Static("", id="substances")
            yield Static("", id="lesson")
            yield Static("", id="goal")
            yield Static("", id="practice")
            yield Static("", id="selfcheck")
            yield Static("It has been over 3 months since you looked at your relapse prevention plan. "
                         "When you are ready, have a look and see if it still fits.", id="plan-review")
            yield Static(Content.from_markup("Press [b]F2[/b] at any time for crisis help."), id="crisis-hint")
        # below the part that scrolls, above the Footer: always on screen (a warning sign, a small terminal)
        yield Static("", id="menu")
        yield Footer()

    def on_mount(self) -> None:
        if self.imr.demo:
            self.query_one("#home-body").mount(Static(Content.from_markup(
                "[b]DEMO[/b]: made-up data in a folder that is deleted when you quit. Nothing you do here is kept."),
                id="demo-note"), before=0)
        self.query_one("#warning-signs").display = False
        self.query_one("#sync-choice").display = False
        self.query_one("#plan-review").display = False
        self.query_one("#selfcheck").display = False
        self.query_one("#substances").display = False

    def on_resize(self) -> None:
        lines = menu_lines(max(20, self.size.width - 4))
        menu = self.query_one("#menu", Static)
        menu.update(Content("\n").join(lines))

    def on_screen_resume(self) -> None:
        # also sent when the app starts: paint first, then read the data (once)
        self.call_after_refresh(self.load_state)

    def action_refresh(self) -> None:
        self.load_state()

    def reload(self, change: Change) -> None:
        self.load_state()

    def action_continue_lesson(self) -> None:
        if self.summary and self.summary.next_lesson:
            nl = self.summary.next_lesson
            self.imr.open_lesson(nl.module_id, nl.lesson_id)
        else:
            self.imr.open("lessons")

    @work(thread=True, exclusive=True, group="home-load")
    def load_state(self) -> None:
        app = self.imr
        from imr_tui.content.loader import ContentError
        from imr_tui.insights.today import home_summary
        from imr_tui.store.files import StoreError
        from imr_tui.store.sync import pending_choices

        today = app.today()
        try:
            summary = home_summary(app.store, app.curriculum_or_none(), today)
        except StoreError as exc:
            from imr_tui.store.backup import with_backup_hint

            how = "close imr-tui and run 'imr-tui restore' to put it back (your other files stay as they are)"
            self.from_thread(self.show_error, with_backup_hint(app.store, exc, how), "Your data could not be read")
            return
        except ContentError as exc:
            self.from_thread(self.show_error, str(exc), "The lessons could not be read")
            return
        self.from_thread(self.show_summary, summary)
        self.from_thread(self.show_sync_choices, len(pending_choices(app.store)))

    def show_sync_choices(self, count: int) -> None:
        box = self.query_one("#sync-choice", Static)
        box.update(Content.from_markup("[b]A choice is waiting[/b]: something was changed on two computers. "
                                       "Press [b]y[/b] to see both and choose. Nothing is lost meanwhile."))
        box.display = bool(count)

    def show_substances(self, s: HomeSummary) -> None:
        """For a person who tracks use (Settings): the days since they last used, in plain words."""
        box = self.query_one("#substances", Static)
        box.display = s.substances is not None
        if s.substances is None:
            return
        last, days = s.substances.last_use, s.substances.days_since
        if last is None:
            text = Content("Alcohol or drugs: no use written down in the last year.")
        elif days == 0:
            text = Content("Alcohol or drugs: you wrote down use today.")
        else:
            text = Content.from_markup("Days since you last used alcohol or drugs: [b]$n[/b] (last on $day).",
                                       n=days, day=short_day(last))
        box.update(text + Content.from_markup(" [dim]Press [b]x[/b] to write down a slip.[/dim]"))

    def show_summary(self, s: HomeSummary) -> None:
        self.summary = s
        today = self.query_one("#today", Static)
        today.remove_class("error")
        if s.checkins_today:
            times = "time" if s.checkins_today == 1 else "times"
            today.update(Content.from_markup("Today's check-in: [b]done[/b] ($n $times, last at $last). "
                                             "Press [b]c[/b] to add another.",
                                             n=s.checkins_today, times=times, last=s.last_checkin))
        else:
            today.update(Content.from_markup("Today's check-in: [b]not done yet[/b]. Press [b]c[/b] to check in."))
        lesson = self.query_one("#lesson", Static)
        if s.next_lesson:
            verb = "Continue" if s.next_lesson.started else "Next"
            lesson.update(Content.from_markup(
                "$verb lesson: [b]$lesson[/b] ($module). Press [b]l[/b].\n[dim]$done of $total lessons done[/dim]",
                verb=verb, lesson=s.next_lesson.lesson_title, module=s.next_lesson.module_title,
                done=s.lessons_done, total=s.lessons_total))
        elif s.lessons_total:
            lesson.update(Content(f"You have done all {s.lessons_total} lessons. Well done."))
        else:
            lesson.update(Content(""))
        goal = self.query_one("#goal", Static)
        if s.goal_step:
            when = f", due {short_day(s.goal_step.due)}" if s.goal_step.due else ""
            late = " (past its date: that is fine, pick a new one)" if s.goal_step.overdue else ""
            goal.update(Content.from_markup("Goal: [b]$goal[/b]\nNext step: $step$when$late",
                                            goal=s.goal_step.goal, step=s.goal_step.step, when=when, late=late))
        else:
            goal.update(Content("No goal yet: Module 1 helps you choose one."))
        practice = self.query_one("#practice", Static)
        if s.practice_due:
            from imr_tui.tui.screens.practice_dialog import practice_line

            lines = [Content.from_markup("[b]Home practice[/b]  [dim]Press [b]w[/b] when you have tried it.[/dim]")]
            lines += [Content("• ") + practice_line(p, s.today or self.imr.today()) for p in s.practice_due[:3]]
            practice.update(Content("\n").join(lines))
        practice.display = bool(s.practice_due)
        self.show_substances(s)
        signs = self.query_one("#warning-signs", Static)
        if s.warning_signs:
            parts = [Content.from_markup("[b]A warning sign from your plan showed up[/b]")]
            for w in s.warning_signs:
                parts.append(Content.from_markup("• [b]$sign[/b]: $rule", sign=w.sign, rule=w.rule))
                if w.action_steps:
                    parts.append(Content.from_markup("  Your steps: $steps", steps="; ".join(w.action_steps)))
                if w.supporters:
                    parts.append(Content.from_markup("  Who can help: $who", who="; ".join(w.supporters)))
            parts.append(Content.from_markup("[dim]Press d to hide this until tomorrow.[/dim]"))
            signs.update(Content("\n").join(parts))
        signs.display = bool(s.warning_signs)
        check = self.query_one("#selfcheck", Static)
        if s.selfcheck_unfinished:
            check.update(Content.from_markup("You started a progress self-check. Press [b]k[/b] to finish it."))
        elif s.selfcheck_due:
            check.update(Content.from_markup(
                "Time for your progress self-check (every 3 months). Press [b]k[/b] when you are ready."))
        check.display = s.selfcheck_due or s.selfcheck_unfinished
        review = self.query_one("#plan-review", Static)
        review.display = s.plan_review_due
        self.refresh_bindings()
