"""The welcome on a first start (an empty data folder; see domain.settings.needs_welcome).

Five short steps, each one skippable and each one changeable later (Settings, the plan):
1 where the person lives, for the crisis lines (or somewhere else, with a local number),
2 which check-in questions to ask (and one of their own),
3 one emergency contact and one supporter,
4 bringing data in from another app,
5 three lines on what the app does, then Home.
Enter saves the step and goes on; Esc skips it (asking first if something typed would be lost).
Every write goes through the data service. Finishing or skipping sets `welcomed`, so it shows once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Header, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from imr_tui.domain.checkin import Worse
from imr_tui.tui.clock import today
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.screens.crisis import reach_rows
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import RadioButton, SelectionList

if TYPE_CHECKING:
    from imr_tui.content.crisis import Country, CrisisLines
    from imr_tui.domain.checkin import CheckInItem
    from imr_tui.domain.profile import RelapsePlanBody
    from imr_tui.domain.settings import Settings

OTHER = "OTHER"  # the country code Settings saves for a place not in the list
STEPS = ("place", "questions", "people", "import", "about")
TITLES = {"place": "Where you live", "questions": "Your check-in questions", "people": "People who can help",
          "import": "Another app", "about": "What imr-tui does"}
ABOUT = ("• [b]Check in[/b] each day: your mood, sleep and the questions you picked. Press [b]c[/b] on Home.",
         "• [b]Learn[/b] in 11 short modules, set a goal, and make a plan to stay well. Press [b]l[/b] and [b]p[/b].",
         "• [b]Your data stays on this computer.[/b] [b]F2[/b] shows crisis help on every screen.")


def country_prompt(country: Country) -> Content:
    """One choice of the country list: the name, the emergency number, and every line with how to reach it."""
    parts = [Content.from_markup("[b]$name[/b]", name=country.name),
             Content.from_markup("  Emergency: $e", e=country.emergency)]
    for line in (*country.lines, *country.alcohol_and_drugs):
        parts += [Content("  ") + row for row in reach_rows(line)]  # each number starts its own row
    return Content("\n").join(parts)


class WelcomeScreen(IMRScreen[None]):
    CSS_PATH = "welcome.tcss"
    HELP_TOPIC = "welcome"
    BINDINGS = [
        Binding("enter", "next", "Next", id="welcome.next", priority=True, key_display="Enter",
                tooltip="Save this step and go on"),
        Binding("escape", "skip", "Skip", id="welcome.skip", tooltip="Skip this step: you can do it later"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "place"
        self.crisis: CrisisLines | None = None
        self.items: list[CheckInItem] = []
        self._busy = False
        self._saved_local = ""  # the local number as saved: only a changed one is "typed, not saved"

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="welcome-title")
        with ContentSwitcher(initial="step-place", id="welcome-steps"):
            with Vertical(id="step-place", classes="step"):
                yield Static(Content.from_markup(
                    "Where do you live? The crisis screen ([b]F2[/b]) then shows the right phone numbers. "
                    "Pick with [b]↑ ↓[/b] and press [b]Enter[/b]."), classes="intro")
                yield OptionList(id="places")
            with VerticalScroll(id="step-place-other", classes="step"):
                yield Static("", id="elsewhere-text")
                yield Label("Your local emergency number (you can leave it empty):")
                yield Input(placeholder="for example 112", max_length=40, id="local-number")
            with VerticalScroll(id="step-questions", classes="step"):
                yield Static(Content.from_markup(
                    "Which questions should each check-in ask? [b]Space[/b] turns one on or off. "
                    "[b]Tab[/b] goes to your own question, below the list."), classes="intro")
                yield SelectionList[str](id="questions")
                yield Static(Content.from_markup("[b]Your own question[/b] (you can leave it empty). "
                                                 "You answer it with a number from 0 to 10."), classes="intro")
                yield Input(placeholder="Its name, for example: Pain", max_length=40, id="own-label")
                yield Input(placeholder="The question, for example: How bad is the pain?", max_length=200,
                            id="own-question")
                with RadioSet(id="own-worse"):
                    yield RadioButton("Higher numbers are worse", value=True, id="own-worse-high")
                    yield RadioButton("Lower numbers are worse", id="own-worse-low")
            with VerticalScroll(id="step-people", classes="step"):
                yield Static("Who can you call in an emergency? And who helps you stay well? Both are optional. "
                             "They show on the crisis screen (F2) and in your plan.", classes="intro")
                yield Label("Emergency contact", classes="group")
                yield Input(placeholder="Name, for example: crisis team", max_length=80, id="contact-name")
                yield Input(placeholder="Phone or email", max_length=200, id="contact-phone")
                yield Label("Someone who helps you", classes="group")
                yield Input(placeholder="Name, for example: my sister Ana", max_length=80, id="supporter-name")
                yield Input(placeholder="Phone or email", max_length=200, id="supporter-phone")
            with VerticalScroll(id="step-import", classes="step"):
                yield Static("", id="import-text")
                yield Button("Bring in data from another app", id="open-import", compact=True)
            with VerticalScroll(id="step-about", classes="step"):
                yield Static(Content.from_markup("\n".join(ABOUT)), id="about-text")
                yield Static(Content.from_markup("Press [b]Enter[/b] to start, on Home."), classes="next-hint")
        yield Static("", id="welcome-status")
        with Horizontal(id="welcome-buttons"):
            yield Button("Save and go on", id="next", variant="primary", compact=True)
            yield Button("Skip this step", id="skip", compact=True)
            yield Button("Skip the welcome", id="skip-all", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-text", Static).update(self.import_text())
        self.load()
        self.show_step("place")

    # ------------------------------------------------------------- loading
    def load(self) -> None:
        """Read the settings and the crisis lines before the first paint (about 30 ms, once): the
        country list is there before the first key, so a key typed at once is never lost."""
        from imr_tui import paths
        from imr_tui.content.crisis import load_crisis_lines
        from imr_tui.content.loader import ContentError
        from imr_tui.domain.settings import Settings
        from imr_tui.store.files import StoreError

        app = self.imr
        try:
            settings = app.store.settings()
        except StoreError as exc:
            settings = Settings()
            self.show_error(str(exc), "Your settings could not be read")
        try:
            crisis: CrisisLines | None = load_crisis_lines(paths.crisis_lines_file(app.content))
        except ContentError as exc:
            crisis = None
            self.show_error(f"The list of crisis lines could not be read: {exc}", "Crisis lines")
        self.show_data(settings, crisis)

    def show_data(self, settings: Settings, crisis: CrisisLines | None) -> None:
        self.crisis = crisis
        places = self.query_one("#places", OptionList)
        options: list[Option | None] = []
        if crisis is not None:
            for code, country in crisis.countries.items():
                options += [Option(country_prompt(country), id=code), None]
            options.append(Option(Content.from_markup(
                "[b]Somewhere else[/b]\n  My country is not in this list"), id=OTHER))
            self.query_one("#elsewhere-text", Static).update(self.elsewhere_text(crisis))
        else:
            options.append(Option("Somewhere else (the list could not be read)", id=OTHER))
        places.set_options(options)
        places.highlighted = 0
        self._saved_local = settings.local_emergency
        self.query_one("#local-number", Input).value = settings.local_emergency
        self.items = list(settings.items)
        questions = self.query_one("#questions", SelectionList)
        questions.clear_options()
        questions.add_options([Selection(Content.from_markup("$label [dim]($question)[/dim]", label=i.label,
                                                             question=i.question), i.id, i.enabled)
                               for i in self.items])
        if self.items:
            questions.highlighted = 0

    @staticmethod
    def elsewhere_text(crisis: CrisisLines) -> Content:
        parts = [Content("Your country is not in the list yet. The crisis screen (F2) then shows a world "
                         "list of helplines, where you can find the ones near you:"), Content("")]
        for line in crisis.other.lines:
            parts += reach_rows(line)
        parts += [Content(""), Content("In danger, call your local emergency number. Type it here, and F2 shows "
                                       "it too. Then press Enter.")]
        return Content("\n").join(parts)

    # -------------------------------------------------------------- the steps
    def show_step(self, step: str) -> None:
        self.step = step
        main = "place" if step == "place-other" else step
        number = STEPS.index(main) + 1
        self.query_one("#welcome-title", Static).update(Content.from_markup(
            "[b]Welcome to imr-tui.[/b] Step $n of $total: $title", n=number, total=len(STEPS), title=TITLES[main]))
        self.query_one("#welcome-steps", ContentSwitcher).current = f"step-{step}"
        self.query_one("#next", Button).label = {"import": "Go on", "about": "Start"}.get(step, "Save and go on")
        self.query_one("#skip", Button).display = step != "about"
        self.query_one("#skip-all", Button).display = step != "about"
        self.set_status("")
        first = {"place": "#places", "place-other": "#local-number", "questions": "#questions",
                 "people": "#contact-name", "import": "#open-import",
                 "about": "#next"}[step]
        self.query_one(first).focus()

    def next_step(self) -> None:
        main = "place" if self.step == "place-other" else self.step
        n = STEPS.index(main)
        if n + 1 < len(STEPS):
            self.show_step(STEPS[n + 1])
        else:
            self.finish()

    def set_status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#welcome-status", Static)
        status.update(Content(message))
        status.set_class(error, "error")

    def _done(self, message: str) -> Callable[[object], None]:
        """After a save: say so and go on to the next step."""
        def done(_result: object) -> None:
            self._busy = False
            self.next_step()
            self.set_status(message)

        return self.if_open(done)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.show_error(message)
        self.set_status(message, error=True)

    # -------------------------------------------------------------- actions
    def action_next(self) -> None:
        if self._busy:
            return
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        self.save_step()

    @on(Button.Pressed, "#next")
    def save_step(self) -> None:
        if self._busy:
            return
        save = {"place": self.save_place, "place-other": self.save_elsewhere, "questions": self.save_questions,
                "people": self.save_people, "import": self.next_step, "about": self.finish}[self.step]
        save()

    @on(OptionList.OptionSelected, "#places")
    def save_place(self) -> None:
        option = self.query_one("#places", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        if option.id == OTHER:
            self.show_step("place-other")
            return
        code = option.id
        name = self.crisis.countries[code].name if self.crisis and code in self.crisis.countries else code

        def change(settings: Settings) -> Settings:
            settings.country = code
            return settings

        self._save_settings(change, f"Saved: F2 shows the numbers for {name}.")

    def save_elsewhere(self) -> None:
        from imr_tui.domain.settings import clean_local_number

        try:
            number = clean_local_number(self.query_one("#local-number", Input).value)
        except ValueError as exc:
            self.set_status(str(exc), error=True)
            return

        def change(settings: Settings) -> Settings:
            settings.country = OTHER
            settings.local_emergency = number
            return settings

        said = f"Saved: F2 shows your local number {number}." if number else "Saved: F2 shows the world list."
        self._save_settings(change, said)

    def _own_item(self) -> CheckInItem | None:
        """The person's own question, if they typed one. Raises ValueError in plain words."""
        from imr_tui.tui.screens.settings import new_item

        label = self.query_one("#own-label", Input).value
        question = self.query_one("#own-question", Input).value
        if not label.strip() and not question.strip():
            return None
        worse = Worse.LOW if self.query_one("#own-worse", RadioSet).pressed_index == 1 else Worse.HIGH
        return new_item(label, question, "0", "10", worse)

    def save_questions(self) -> None:
        from imr_tui.tui.screens.settings import item_id_for

        try:
            own = self._own_item()
        except ValueError as exc:
            self.set_status(str(exc), error=True)
            return
        chosen = set(self.query_one("#questions", SelectionList).selected)

        def change(settings: Settings) -> Settings:
            for item in settings.items:
                if item.id in {i.id for i in self.items}:
                    item.enabled = item.id in chosen
            if own is not None:
                if any(i.label.casefold() == own.label.casefold() for i in settings.items):
                    raise ValueError(f"You already have a question called {own.label}.")
                settings.items.append(own.model_copy(update={"id": item_id_for(own.label, (i.id for i in settings.items))}))
            return settings

        self._save_settings(change, "Saved your check-in questions.")

    def save_people(self) -> None:
        from imr_tui.domain.profile import EmergencyContact, Supporter

        values = {k: self.query_one(f"#{k}", Input).value.strip()
                  for k in ("contact-name", "contact-phone", "supporter-name", "supporter-phone")}
        for who in ("contact", "supporter"):
            if values[f"{who}-phone"] and not values[f"{who}-name"]:
                self.set_status("Type a name next to the phone number, or clear the number.", error=True)
                self.query_one(f"#{who}-name").focus()
                return
        contact = (EmergencyContact(name=values["contact-name"], contact=values["contact-phone"])
                   if values["contact-name"] else None)
        supporter = (Supporter(name=values["supporter-name"], contact=values["supporter-phone"])
                     if values["supporter-name"] else None)
        if contact is None and supporter is None:
            self.next_step()
            return

        def change(body: RelapsePlanBody) -> None:
            body.reviewed_on = today()  # as the plan screen does: a change is a look at the plan
            if contact is not None:
                body.emergency_contacts.append(contact)
            if supporter is not None:
                body.supporters.append(supporter)

        self._busy = True
        self.imr.data.update_plan(change, what="the people in your plan", on_done=self._done(
            "Saved in your plan (p on Home). They show on the crisis screen (F2)."), on_error=self.if_open(self._failed))

    def _save_settings(self, change: Callable[[Settings], Settings], message: str) -> None:
        self._busy = True
        self.imr.data.update_settings(change, what="this step", on_done=self._done(message),
                                      on_error=self.if_open(self._failed))

    def finish(self) -> None:
        """The welcome is over (done or skipped): it never shows again. Then Home."""
        def change(settings: Settings) -> Settings:
            settings.welcomed = True
            return settings

        def done(_settings: Settings) -> None:
            self.dismiss()

        def failed(message: str) -> None:
            self.dismiss()
            self.imr.notify(message, severity="error", title="Not saved", markup=False, timeout=10)

        self._busy = True
        self.imr.data.update_settings(change, what="the end of the welcome", on_done=self.if_open(done),
                                      on_error=self.if_open(failed))

    def action_skip(self) -> None:
        if self.step == "place-other":
            self.show_step("place")  # back to the list: skipping from there skips the step
            return
        self._skip(self.next_step)

    @on(Button.Pressed, "#skip")
    def _skip_pressed(self) -> None:
        self._skip(self.next_step)

    @on(Button.Pressed, "#skip-all")
    def skip_all(self) -> None:
        self._skip(self.finish)

    def _skip(self, then: Callable[[], None]) -> None:
        if self._busy:
            return
        if not self.has_unsaved_changes():
            then()
            return
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmDialog(Content(
            "You typed something on this step that is not saved yet.\n\n"
            "y: skip it and throw away what you typed\nn: go back to it (then Enter saves it)"),
            help_topic="welcome"), answer)

    @on(Button.Pressed, "#open-import")
    def open_import(self) -> None:
        self.imr.open("import")

    @staticmethod
    def import_text() -> Content:
        return Content.from_markup(
            "Have you used another app to track your mood? You can bring its check-ins into imr-tui.\n\n"
            "Press [b]Enter[/b] on the button below to pick the file. Or go on: you can do it later in "
            "[b]Settings[/b] (press [b]s[/b] on Home, then [b]i[/b]).")

    def has_unsaved_changes(self) -> bool:
        """Something typed on this step that Enter has not saved yet."""
        if self.step == "place-other":
            return self.query_one("#local-number", Input).value.strip() != self._saved_local.strip()
        boxes = {"questions": ("#own-label", "#own-question"),
                 "people": ("#contact-name", "#contact-phone", "#supporter-name", "#supporter-phone")}
        return any(self.query_one(b, Input).value.strip() for b in boxes.get(self.step, ()))
