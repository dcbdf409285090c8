"""Progress self-check: 15 short questions, one at a time, then the results over time.

Every answer is saved as soon as it is given (the same SelfCheck entry is updated, found by its
`at`), so closing the terminal part way loses nothing; opening the screen again within 14 days
carries on where the person stopped. When no self-check is due and none is left part way, the
screen opens on the results, and n starts a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, Sparkline, Static

from imr_tui.domain import selfcheck as sc
from imr_tui.domain.format import long_day
from imr_tui.domain.lists import upsert
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.domain.progress import Progress, SelfCheck

CHANGE_WORDS = {sc.Change.BETTER: "better", sc.Change.SAME: "same", sc.Change.WORSE: "worse"}
TITLE_WIDTH = max(len(t.title) for t in sc.TOPICS) + 2


def aware(moment: datetime) -> datetime:
    """A test clock may give a naive time: read it as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def fixed_scale(points: Sequence[float]) -> tuple[list[float], Callable[[Sequence[float]], float]]:
    """Sparkline data and summary function drawing `points` on the fixed 1..5 scale.

    Textual's Sparkline scales its bars between the lowest and highest value it is given, which
    would make 3.1 -> 3.2 look like a jump from empty to full. So the chart is given the column
    numbers 0..n-1 (pinning its scale to 0..n-1), and the summary function turns each column
    into the height of its average on the 1..5 scale.
    """
    values = list(points)
    top = float(max(1, len(values) - 1))

    def summarize(columns: Sequence[float]) -> float:
        chosen = [values[int(c)] for c in columns if 0 <= int(c) < len(values)]
        if not chosen:
            return 0.0
        ratio = (sum(chosen) / len(chosen) - sc.LOW) / (sc.HIGH - sc.LOW)
        return min(1.0, max(0.0, ratio)) * top

    return [float(i) for i in range(len(values))], summarize


class SelfCheckScreen(IMRScreen[None]):
    CSS_PATH = "selfcheck.tcss"
    HELP_TOPIC = "selfcheck"
    ERROR_BOX = "#sc-loading"
    BINDINGS = [
        # one key in the Footer ("1-5 Answer") stands for all five
        *(Binding(str(n), f"answer({n})", "Answer", id=f"selfcheck.answer{n}", key_display="1-5", show=n == sc.LOW,
                  tooltip="Press 1 to 5 to answer and go to the next question") for n in range(sc.LOW, sc.HIGH + 1)),
        Binding("left,backspace", "previous", "Previous", id="selfcheck.previous", key_display="←",
                tooltip="Go back to the question before, to change your answer"),
        Binding("right", "next", "Next", id="selfcheck.next", key_display="→", show=False,
                tooltip="Go to the next question, keeping this answer"),
        Binding("s", "skip", "Skip", id="selfcheck.skip", tooltip="Skip this question"),
        Binding("n", "new", "New self-check", id="selfcheck.new", tooltip="Start a new self-check now"),
        Binding("escape", "back", "Back", id="selfcheck.back",
                tooltip="Go back to where you were (your answers are already saved)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._mode = "loading"  # loading | question | results | error
        self._checks: list[SelfCheck] = []
        self._at: datetime | None = None  # the `at` of the self-check being answered
        self._answers: dict[str, int] = {}
        self._skipped: set[str] = set()
        self._index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="sc-loading", id="sc-switcher"):
            yield Static("Loading…", id="sc-loading")
            with Vertical(id="sc-question"):
                yield Static("", id="sc-progress")
                yield Static("", id="sc-text")
                yield Static("", id="sc-answers")
                yield Static("", id="sc-hint")
            with VerticalScroll(id="sc-results"):
                yield Static("", id="sc-title")
                yield Static("", id="sc-compare")
                yield Static("", id="sc-chart-label")
                yield Sparkline([], id="sc-chart")
                yield Static("", id="sc-topics")
                yield Static("", id="sc-next")
        yield Footer(show_command_palette=False)  # room for every key at 80 columns (ctrl+p still works)

    def on_mount(self) -> None:
        self.load()

    # ---------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="selfcheck-load")
    def load(self) -> None:
        from imr_tui.store.files import StoreError

        try:
            checks = list(self.imr.store.progress().self_checks)
        except StoreError as exc:
            self.from_thread(self.show_load_error, str(exc))
            return
        self.from_thread(self.start, checks)

    def show_load_error(self, message: str) -> None:
        self._mode = "error"
        self.show_error(f"The self-check cannot open: {message}", "Could not be read")
        self.query_one(ContentSwitcher).current = "sc-loading"
        self.refresh_bindings()

    def start(self, checks: list[SelfCheck]) -> None:
        self._checks = checks
        today = self.imr.today()
        left = sc.unfinished(checks, today)
        if left is not None:
            self._at = left.at
            self._answers = sc.scores(left)
            self._skipped = set(sc.skipped_topics(left))
            self._index = sc.next_topic(left) or 0
            self.notify(f"Carrying on with the self-check you started on {long_day(left.at)} "
                        f"({len(self._answers)} of {len(sc.TOPICS)} answered).")
            self.show_question()
        elif sc.due(checks, today):
            self.new_check()
        else:
            self.show_results()

    # --------------------------------------------------------------- questions
    def new_check(self) -> None:
        at = aware(self.imr.now())
        latest = max((c.at for c in self._checks), default=None)
        if latest is not None and at <= latest:  # a fixed (test) clock must not overwrite an earlier check
            at = latest + timedelta(seconds=1)
        self._at = at
        self._answers = {}
        self._skipped = set()
        self._index = 0
        self.show_question()

    def show_question(self) -> None:
        self._mode = "question"
        topic = sc.TOPICS[self._index]
        number = self._index + 1
        progress = Content.from_markup("Question [b]$n[/b] of $total: $title", n=number, total=len(sc.TOPICS),
                                       title=topic.title)
        if number == 1:
            progress += Content("   (looking back over the last 3 months)")
        self.query_one("#sc-progress", Static).update(progress)
        self.query_one("#sc-text", Static).update(Content(topic.question))
        current = self._answers.get(topic.id)
        lines = []
        for score in range(sc.LOW, sc.HIGH + 1):
            words = topic.words(score)
            if score == current:
                lines.append(Content.from_markup("[reverse] $n [/reverse] [b]$words[/b]  (your answer)",
                                                 n=score, words=words))
            else:
                lines.append(Content.from_markup("[b] $n [/b] $words", n=score, words=words))
        self.query_one("#sc-answers", Static).update(Content("\n").join(lines))
        hint = "Press a number from 1 to 5. Your answers are saved as you go."
        if topic.id in self._skipped:
            hint = "You skipped this one. " + hint
        if topic.hint:
            hint = f"{topic.hint} {hint}"
        self.query_one("#sc-hint", Static).update(Content(hint))
        self.query_one(ContentSwitcher).current = "sc-question"
        self.set_focus(None)  # nothing to focus: the keys go to the screen
        self.refresh_bindings()

    def action_answer(self, score: int) -> None:
        if self._mode != "question":
            return
        topic_id = sc.TOPIC_IDS[self._index]
        self._answers[topic_id] = score
        self._skipped.discard(topic_id)
        self.save()
        self.advance()

    def action_skip(self) -> None:
        if self._mode != "question":
            return
        topic_id = sc.TOPIC_IDS[self._index]
        self._answers.pop(topic_id, None)
        self._skipped.add(topic_id)
        self.save()
        self.advance()

    def advance(self) -> None:
        if self._index + 1 < len(sc.TOPICS):
            self._index += 1
            self.show_question()
        else:
            self.finish()

    def action_previous(self) -> None:
        if self._mode == "question" and self._index > 0:
            self._index -= 1
            self.show_question()

    def action_next(self) -> None:
        topic_id = sc.TOPIC_IDS[self._index]
        if self._mode == "question" and (topic_id in self._answers or topic_id in self._skipped):
            self.advance()

    def finish(self) -> None:
        current = self._current()
        if current is not None:
            self._checks = [c for c in self._checks if c.at != current.at] + [current]
        self.show_results()

    def action_new(self) -> None:
        if self._mode == "results":
            self.new_check()

    def action_back(self) -> None:
        if self._mode == "question" and (self._answers or self._skipped):
            self.notify("Your answers are saved. Open the self-check again to carry on.")
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "skip", "previous", "next"):
            return self._mode == "question"
        if action == "new":
            return self._mode == "results"
        return True

    # ----------------------------------------------------------------- saving
    def _current(self) -> SelfCheck | None:
        if self._at is None or not (self._answers or self._skipped):
            return None
        return sc.make_check(self._at, self._answers, self._skipped)

    def save(self) -> None:
        """Write the self-check so far through the data service: the newest answers win."""
        entry = self._current()
        if entry is None:
            return

        def change(progress: Progress) -> Progress:
            upsert(progress.self_checks, entry, _same_check)
            return progress

        self.imr.data.update_progress(change, what="your answer", key=f"selfcheck:{entry.at.isoformat()}")

    # ---------------------------------------------------------------- results
    def show_results(self) -> None:
        self._mode = "results"
        checks = sc.in_order(self._checks)
        title = self.query_one("#sc-title", Static)
        compare = self.query_one("#sc-compare", Static)
        label = self.query_one("#sc-chart-label", Static)
        chart = self.query_one("#sc-chart", Sparkline)
        topics = self.query_one("#sc-topics", Static)
        nxt = self.query_one("#sc-next", Static)
        if not checks:
            title.update(Content("No self-check yet."))
            for w in (compare, label, topics):
                w.update(Content(""))
            chart.display = False
            nxt.update(Content.from_markup("Press [b]n[/b] to start your first self-check."))
        else:
            latest = checks[-1]
            summary = sc.summary(latest)
            avg = f"{summary.average:.1f}" if summary.average is not None else "-"
            part = "" if sc.is_finished(latest) else f" ({summary.answered} of {len(sc.TOPICS)} answered)"
            title.update(Content.from_markup("Self-check of [b]$day[/b]: average [b]$avg[/b] out of 5$part",
                                             day=long_day(latest.at), avg=avg, part=part))
            previous = sc.previous_of(checks, latest)
            changes: dict[str, sc.Change] = {}
            if previous is None:
                compare.update(Content("This is your first self-check. Next time you will see what changed."))
            else:
                changes = sc.compare(previous, latest)
                before = sc.summary(previous).average
                overall = sc.compare_average(previous, latest)
                if overall is None:
                    word = ""
                elif overall is sc.Change.SAME:
                    word = ": about the same as now"
                else:
                    word = f", so this time is {CHANGE_WORDS[overall]}"
                compare.update(Content.from_markup("Last time ($day) the average was $before$word.",
                                                   day=long_day(previous.at),
                                                   before=f"{before:.1f}" if before is not None else "-", word=word))
            points = [avg_ for _at, avg_ in sc.averages(checks)]
            if len(points) >= 2:
                data, summarize = fixed_scale(points)
                chart.summary_function = summarize
                chart.data = data
                chart.display = True
                label.update(Content(f"Your average over {len(points)} self-checks (oldest on the left, "
                                     "higher is better):"))
            else:
                chart.display = False
                label.update(Content("A chart of your average starts after your second self-check."))
            lines = [Content.from_markup("[b]$head[/b]", head=f"{'Topic':<{TITLE_WIDTH}}Score  Since last time")]
            for topic in sc.TOPICS:
                score = summary.scores.get(topic.id)
                shown = f"{score}/5" if score is not None else "-  "
                change = CHANGE_WORDS[changes[topic.id]] if topic.id in changes else ""
                lines.append(Content(f"{topic.title:<{TITLE_WIDTH}}{shown:<7}{change}"))
            topics.update(Content("\n").join(lines))
            next_day = sc.next_due(checks)
            if next_day is not None and next_day > self.imr.today():
                nxt.update(Content.from_markup("Next self-check: from $day. Press [b]n[/b] to do one now.",
                                               day=long_day(next_day)))
            else:
                nxt.update(Content.from_markup("A new self-check is due. Press [b]n[/b] to start."))
        self.query_one(ContentSwitcher).current = "sc-results"
        self.query_one("#sc-results").focus()  # arrows and Page Up/Down scroll it on a small screen
        self.refresh_bindings()


def _same_check(a: SelfCheck, b: SelfCheck) -> bool:
    return a.at == b.at
