"""Questionnaires: the optional PHQ-9 and GAD-7 checklists, one question at a time.

One screen, three views (one thing on screen at a time): the list (what these are, earlier
results), the questions (keys 0 to 3), and the result (total, band in plain words, not a
diagnosis). Each answer is saved as it is given (the same QuestionnaireResult is updated, found
by name and `at`; total stays None until the last answer). A questionnaire left part way today
is carried on when it is opened again.

PHQ-9 question 9 answered above "Not at all" stops the questionnaire at once: the answers so far
(with question 9) are saved with no total, the questions close and crisis help opens, whatever
the total would have been. When crisis help is closed, the list shows a one-line offer to make
(or look at) a safety plan, with the key s; nothing opens unless the person presses it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain import questionnaires as qn
from imr_tui.domain.format import long_day
from imr_tui.domain.lists import upsert
from imr_tui.domain.progress import QuestionnaireResult
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.progress import Progress

EARLIER_SHOWN = 10

OFFER_MAKE = "When you are ready, a safety plan can help. Press [b]s[/b] to make one."
OFFER_REVIEW = "When you are ready, look over your safety plan. Press [b]s[/b] to see it."

ABOUT = ("These are two short checklists that many care teams use. They are optional. "
         "They are not a diagnosis: they can help you and your care team talk about how you have been.")


def aware(moment: datetime) -> datetime:
    """A test clock may give a naive time: read it as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def result_line(result: QuestionnaireResult) -> Content:
    """One earlier result: date, name, total and band (or how far it got)."""
    q = qn.QUESTIONNAIRES.get(result.name)
    name = q.name if q else result.name
    when = long_day(result.at)
    if q is not None and qn.is_complete(result) and result.total is not None and 0 <= result.total <= q.max_total:
        return Content.from_markup("$when  [b]$name[/b]  $total of $max: $band", when=when, name=name,
                                   total=result.total, max=q.max_total, band=q.band(result.total).name)
    if qn.stopped_for_crisis(result):
        return Content.from_markup("$when  [b]$name[/b]  stopped at question $n; crisis help was shown",
                                   when=when, name=name, n=len(result.answers))
    of = f" of {len(q.items)}" if q else ""
    return Content.from_markup("$when  [b]$name[/b]  not finished ($n$of answered)", when=when, name=name,
                               n=len(result.answers), of=of)


class QuestionnaireListScreen(IMRScreen[None]):
    CSS_PATH = "questionnaire.tcss"
    HELP_TOPIC = "questionnaire"
    ERROR_BOX = "#qn-earlier"
    BINDINGS = [
        # A priority binding, so Enter shows in the Footer (the list's own Enter binding is hidden).
        Binding("enter", "start", "Start", id="questionnaire.start", priority=True,
                tooltip="Start the questionnaire that is highlighted"),
        Binding("p", "begin('phq9')", "PHQ-9", id="questionnaire.phq9", tooltip="Start the PHQ-9 (low mood)"),
        Binding("g", "begin('gad7')", "GAD-7", id="questionnaire.gad7", tooltip="Start the GAD-7 (worry and anxiety)"),
        # one key in the Footer ("0-3 Answer") stands for all four
        *(Binding(str(n), f"answer({n})", "Answer", id=f"questionnaire.answer{n}", key_display=f"0-{qn.MAX_ANSWER}",
                  show=n == 0, tooltip="Press 0 to 3 to answer and go to the next question")
          for n in range(qn.MAX_ANSWER + 1)),
        Binding("left,backspace", "previous", "Previous", id="questionnaire.previous", key_display="←",
                tooltip="Go back to the question before, to change your answer"),
        Binding("enter", "done", "Done", id="questionnaire.done", tooltip="Back to the list of questionnaires"),
        Binding("escape", "back", "Back", id="questionnaire.back",
                tooltip="Go back (answers are saved as you go)"),
        # only while the offer after crisis help shows; the offer's own line names the key
        Binding("s", "safety_plan", "Safety plan", id="questionnaire.safety_plan", show=False,
                tooltip="Make or look at your safety plan"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._mode = "loading"  # loading | list | question | result | error
        self._results: list[QuestionnaireResult] = []
        self._q: qn.Questionnaire | None = None
        self._at: datetime | None = None
        self._answers: list[int] = []
        self._index = 0
        self._offer_after_crisis = False  # crisis help was opened by question 9: offer a safety plan after it
        self._offering: bool | None = None  # the offer shows: True if a safety plan exists, False if not

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="qn-list", id="qn-switcher"):
            with VerticalScroll(id="qn-list", can_focus=False):
                yield Static("", id="qn-safety-offer")
                yield Static(Content(ABOUT), id="qn-about")
                yield OptionList(*(Option(Content.from_markup("[b]$name[/b]  $about", name=q.name, about=q.about),
                                          id=q.id) for q in qn.QUESTIONNAIRES.values()), id="qn-choices")
                yield Static("Loading your earlier results…", id="qn-earlier")
            with Vertical(id="qn-question"):
                yield Static("", id="qn-progress")
                yield Static("", id="qn-stem")
                yield Static("", id="qn-item")
                yield Static("", id="qn-options")
                yield Static("", id="qn-hint")
            with VerticalScroll(id="qn-result", can_focus=False):
                yield Static("", id="qn-total")
                yield Static("", id="qn-band")
                yield Static(Content(qn.NOT_A_DIAGNOSIS), id="qn-note")
                yield Static(Content.from_markup("If you feel unsafe, press [b]F2[/b] for crisis help."),
                             id="qn-crisis-hint")
        yield Footer(show_command_palette=False)  # room for every key at 80 columns (ctrl+p still works)

    def on_mount(self) -> None:
        self._mode = "list"
        self.query_one("#qn-safety-offer", Static).display = False
        self.query_one("#qn-choices", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self._mode == "list":
            self.load()
        if self._offer_after_crisis and self.app.screen is self:
            self._offer_after_crisis = False
            self.offer_safety_plan()

    # ------------------------------------------------------ the offer after crisis help
    @work(thread=True, exclusive=True, group="questionnaire-offer")
    def offer_safety_plan(self) -> None:
        """Show a one-line offer to make the safety plan, or to look at it when there is one."""
        from imr_tui.store.files import StoreError

        try:
            exists = not self.imr.store.profile().plan.safety_plan.is_empty()
        except StoreError:
            exists = False  # the offer still helps; the plan screen says what is wrong with the file
        self.from_thread(self.show_offer, exists)

    def show_offer(self, exists: bool) -> None:
        self._offering = exists
        box = self.query_one("#qn-safety-offer", Static)
        box.update(Content.from_markup(OFFER_REVIEW if exists else OFFER_MAKE))
        box.display = True
        self.refresh_bindings()

    def action_safety_plan(self) -> None:
        if self._offering is None:
            return
        exists, self._offering = self._offering, None
        self.query_one("#qn-safety-offer", Static).display = False
        self.refresh_bindings()
        if exists:
            self.imr.open("plan", part="safety_plan")
        else:
            from imr_tui.tui.screens.safety_plan import SafetyPlanScreen

            self.app.push_screen(SafetyPlanScreen())

    # ----------------------------------------------------------------- the list
    @work(thread=True, exclusive=True, group="questionnaire-load")
    def load(self) -> None:
        from imr_tui.store.files import StoreError

        try:
            results = list(self.imr.store.progress().questionnaires)
        except StoreError as exc:
            self.from_thread(self.show_error, f"Your earlier results cannot be read: {exc}", "Could not be read")
            return
        self.from_thread(self.show_earlier, results)

    def show_earlier(self, results: list[QuestionnaireResult]) -> None:
        self._results = results
        box = self.query_one("#qn-earlier", Static)
        box.remove_class("error")
        known = sorted((r for r in results if r.name in qn.QUESTIONNAIRES and r.answers),
                       key=lambda r: r.at, reverse=True)
        if not known:
            box.update(Content("You have not done either of them yet."))
            return
        lines = [Content.from_markup("[b]Earlier results[/b] (newest first)")]
        lines.extend(result_line(r) for r in known[:EARLIER_SHOWN])
        if len(known) > EARLIER_SHOWN:
            lines.append(Content(f"and {len(known) - EARLIER_SHOWN} more"))
        box.update(Content("\n").join(lines))

    def show_list(self) -> None:
        self._mode = "list"
        self._q = None
        self.query_one(ContentSwitcher).current = "qn-list"
        self.query_one("#qn-choices", OptionList).focus()
        self.refresh_bindings()
        self.load()

    def action_start(self) -> None:
        option = self.query_one("#qn-choices", OptionList).highlighted_option
        if option is not None and option.id:
            self.action_begin(option.id)

    @on(OptionList.OptionSelected, "#qn-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_begin(event.option.id)

    def action_begin(self, name: str) -> None:
        if self._mode != "list":
            return
        q = qn.get(name)
        self._q = q
        today = self.imr.today()
        mine = sorted((r for r in self._results if r.name == name), key=lambda r: r.at)
        last = mine[-1] if mine else None
        if last is not None and qn.can_resume(last) and last.at.date() == today:  # its own day, as for check-ins
            self._at = last.at
            self._answers = list(last.answers)
            self.notify(f"Carrying on where you stopped ({len(self._answers)} of {len(q.items)} answered).")
        else:
            at = aware(self.imr.now())
            latest = max((r.at for r in self._results), default=None)
            if latest is not None and at <= latest:  # a fixed (test) clock must not overwrite an earlier result
                at = latest + timedelta(seconds=1)
            self._at = at
            self._answers = []
        self._index = len(self._answers)
        self.show_question()

    # ------------------------------------------------------------ the questions
    def show_question(self) -> None:
        q = self._q
        if q is None:
            return
        self._mode = "question"
        self.query_one("#qn-progress", Static).update(Content.from_markup(
            "$name: question [b]$n[/b] of $total", name=q.name, n=self._index + 1, total=len(q.items)))
        self.query_one("#qn-stem", Static).update(Content(f"{q.stem}:"))
        self.query_one("#qn-item", Static).update(Content(q.items[self._index]))
        current = self._answers[self._index] if self._index < len(self._answers) else None
        lines = []
        for n, words in enumerate(qn.OPTIONS):
            if n == current:
                lines.append(Content.from_markup("[reverse] $n [/reverse] [b]$words[/b]  (your answer)", n=n, words=words))
            else:
                lines.append(Content.from_markup("[b] $n [/b] $words", n=n, words=words))
        self.query_one("#qn-options", Static).update(Content("\n").join(lines))
        self.query_one("#qn-hint", Static).update(Content(
            "Press a number from 0 to 3. Your answers are saved as you go."))
        self.query_one(ContentSwitcher).current = "qn-question"
        self.set_focus(None)  # the keys go to the screen
        self.refresh_bindings()

    def action_answer(self, answer: int) -> None:
        q = self._q
        if self._mode != "question" or q is None:
            return
        if self._index < len(self._answers):
            self._answers[self._index] = answer
        else:
            self._answers.append(answer)
        if qn.is_crisis_answer(q.id, self._index, answer):
            self.stop_for_crisis()
            return
        if self._index + 1 < len(q.items):
            self.save()
            self._index += 1
            self.show_question()
        else:
            self.finish()

    def stop_for_crisis(self) -> None:
        """Save what was answered (no total), close the questions and open crisis help at once."""
        self._answers = self._answers[: self._index + 1]
        self.save(total=None)
        self.show_list()
        self._offer_after_crisis = True  # shown when crisis help is closed (on_screen_resume)
        self.imr.action_crisis()

    def finish(self) -> None:
        q = self._q
        if q is None:
            return
        total = qn.score(q.id, self._answers)
        self.save(total=total)
        band = q.band(total)
        self._mode = "result"
        self.query_one("#qn-total", Static).update(Content.from_markup(
            "Your $name total: [b]$total[/b] out of $max", name=q.name, total=total, max=q.max_total))
        self.query_one("#qn-band", Static).update(Content.from_markup(
            "[b]$band[/b]. $words", band=band.name, words=band.words))
        self.query_one(ContentSwitcher).current = "qn-result"
        self.refresh_bindings()

    def action_previous(self) -> None:
        if self._mode == "question" and self._index > 0:
            self._index -= 1
            self.show_question()

    def action_done(self) -> None:
        if self._mode == "result":
            self.show_list()

    def action_back(self) -> None:
        if self._mode in ("question", "result"):
            if self._mode == "question" and self._answers:
                self.notify("Your answers are saved. Open it again today to carry on.")
            self.show_list()
        else:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "begin"):
            return self._mode == "list"
        if action in ("answer", "previous"):
            return self._mode == "question"
        if action == "done":
            return self._mode == "result"
        if action == "safety_plan":
            return self._mode == "list" and self._offering is not None
        return True

    # ----------------------------------------------------------------- saving
    def save(self, total: int | None = None) -> None:
        """Write the answers so far through the data service: the newest answers win."""
        q = self._q
        if q is None or self._at is None or not self._answers:
            return
        result = QuestionnaireResult(name=q.id, at=self._at, answers=list(self._answers), total=total)

        def change(progress: Progress) -> Progress:
            upsert(progress.questionnaires, result, _same_result)
            return progress

        self.imr.data.update_progress(change, what="your answer", key=f"questionnaire:{q.id}:{self._at.isoformat()}",
                                      on_done=self.if_open(lambda _p: self._after_save()))

    def _after_save(self) -> None:
        if self._mode == "list":  # show it among the earlier results
            self.load()


def _same_result(a: QuestionnaireResult, b: QuestionnaireResult) -> bool:
    return a.name == b.name and a.at == b.at
