"""The relapse prevention plan: the five IMR elements and the safety plan, one part at a time (a tab each).

1 triggers and how to handle them, 2 early warning signs (each may watch the check-ins with a
rule), 3 what to do when a sign shows, 4 who helps and how, 5 who to contact in an emergency,
6 the suicide safety plan (its steps, made and changed in tui/screens/safety_plan.py).

Every change is saved at once through the app's data service (Store.update_plan: the change is
made to the plan as it is on disk, under the lock), which keeps the version before it in the
plan's history (key h). Only r marks the plan as reviewed today: a change is not a review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from imr_tui.domain.checkin import CheckInItem
from imr_tui.domain.format import days_from, long_day
from imr_tui.domain.profile import (
    SAFETY_STEPS,
    ActionStep,
    EmergencyContact,
    PlanVersion,
    RelapsePlan,
    RelapsePlanBody,
    SafetyPlan,
    Supporter,
    Trigger,
    WarningSign,
)
from imr_tui.insights.rules import describe
from imr_tui.tui.clock import today
from imr_tui.tui.data import Change
from imr_tui.tui.screens.base import IMRScreen
from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.tui.screens.entry_dialog import EntryField

Entry = Trigger | WarningSign | ActionStep | Supporter | EmergencyContact


@dataclass(frozen=True)
class Element:
    key: str  # the list's name in RelapsePlanBody
    title: str  # the tab's title
    name: str  # one entry, in words
    intro: str
    short: str  # the tab's title on a narrow terminal (all six fit in 60 columns)


ELEMENTS: tuple[Element, ...] = (
    Element("triggers", "1 Triggers", "trigger",
            "What has set off your symptoms, or alcohol or drug use, in the past. And how you can avoid or handle it.",
            "1 Triggers"),
    Element("warning_signs", "2 Warning signs", "warning sign",
            "Small changes that came before a relapse. A sign can watch your check-ins and show on Home.", "2 Signs"),
    Element("action_steps", "3 What to do", "step", "What you will do when you notice a warning sign.", "3 To do"),
    Element("supporters", "4 Supporters", "supporter", "People you want to help you, and how they can help.",
            "4 Help"),
    Element("emergency_contacts", "5 Emergency", "emergency contact",
            "Who to contact in an emergency. They also show on the crisis screen (F2).", "5 Crisis"),
)
SAFETY = Element("safety_plan", "6 Safety plan", "safety plan",
                 "For times when thoughts of suicide come: steps to use in order, and your reason for living. "
                 "Press a to go through every step, or Enter to change the step you picked.", "6 Safety")
PARTS: tuple[Element, ...] = (*ELEMENTS, SAFETY)  # the tabs, in order
REVIEW_AFTER_DAYS = 90
MODELS: dict[str, type[Any]] = {"triggers": Trigger, "warning_signs": WarningSign, "action_steps": ActionStep,
                                "supporters": Supporter, "emergency_contacts": EmergencyContact}




def a_or_an(name: str) -> str:
    """"a step", "an emergency contact"."""
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def entry_title(entry: Entry) -> str:
    return entry.name if isinstance(entry, Supporter | EmergencyContact) else entry.text


def entry_content(entry: Entry, items: dict[str, CheckInItem]) -> Content:
    """One entry of the plan as Content: its own words are never parsed as markup."""
    parts = [Content(entry_title(entry))]

    def more(label: str, text: str) -> None:
        if text:
            parts.append(Content.from_markup("\n  [dim]$label:[/dim] $text", label=label, text=text))

    if isinstance(entry, Trigger):
        more("How to handle it", entry.how_to_handle)
    elif isinstance(entry, WarningSign):
        if entry.rule is not None:
            more("Watches your check-ins", describe(entry.rule, items.get(entry.rule.item or "")))
        else:
            parts.append(Content.from_markup("\n  [dim]Does not watch your check-ins[/dim]"))
    elif isinstance(entry, Supporter):
        more("How they help", entry.how_they_help)
        more("Contact", entry.contact)
    elif isinstance(entry, EmergencyContact):
        more("Contact", entry.contact)
        more("Notes", entry.notes)
    return Content("").join(parts)


def plan_summary(body: RelapsePlanBody) -> str:
    """e.g. '2 triggers, 3 warning signs, 3 steps, 2 supporters, 1 emergency contact, a safety plan (4 of 7 steps)'."""
    out = []
    for el in ELEMENTS:
        n = len(getattr(body, el.key))
        out.append(f"{n} {el.name}{'' if n == 1 else 's'}")
    filled = len(body.safety_plan.filled())
    if filled:
        out.append(f"a safety plan ({filled} of {len(SAFETY_STEPS)} steps)")
    return ", ".join(out)


def safety_step_content(plan: SafetyPlan, index: int) -> Content:
    """One step of the safety plan as Content: its number and title, then the person's lines (never markup)."""
    step = SAFETY_STEPS[index]
    parts = [Content.from_markup("[b]$n. $title[/b]", n=index + 1, title=step.title)]
    lines = plan.lines(step.key)
    parts += [Content("\n  • ") + Content(line) for line in lines]
    if not lines:
        parts.append(Content.from_markup("\n  [dim](nothing written yet)[/dim]"))
    return Content("").join(parts)


def entry_fields(key: str, entry: Entry | None) -> list[EntryField]:
    from imr_tui.tui.screens.entry_dialog import EntryField

    def value(attr: str) -> str:
        return str(getattr(entry, attr, "")) if entry is not None else ""

    if key == "triggers":
        return [EntryField("text", "What sets it off", value("text"), "For example: late nights", required=True),
                EntryField("how_to_handle", "How to handle it", value("how_to_handle"),
                           "For example: phone off at 11 pm", max_length=2000)]
    if key == "action_steps":
        return [EntryField("text", "What I will do", value("text"), "For example: call my case manager",
                           required=True)]
    if key == "supporters":
        return [EntryField("name", "Name", value("name"), "For example: my sister Ana", required=True),
                EntryField("how_they_help", "How they help", value("how_they_help"),
                           "For example: tells me when she sees a sign", max_length=2000),
                EntryField("contact", "Phone or email", value("contact"), max_length=200)]
    return [EntryField("name", "Name", value("name"), "For example: crisis team", required=True),
            EntryField("contact", "Phone or email", value("contact"), max_length=200),
            EntryField("notes", "Notes", value("notes"), "For example: open day and night", max_length=500)]


def put_unchanged_entry(body: RelapsePlanBody, key: str, opened: Entry | None, entry: Entry) -> None:
    """Save an edited entry only if it is still as it was when the form opened: a change made somewhere
    else in the meantime (another computer, a second imr-tui) is never undone without the person seeing it."""
    if opened is not None:
        now = next((e for e in getattr(body, key) if e.id == opened.id), None)
        if now is not None and now != opened:
            raise ValueError("it was changed somewhere else after you opened it, so nothing was saved. "
                             "The new version is on screen now: open it again to change it")
    put_entry(body, key, entry)


def put_entry(body: RelapsePlanBody, key: str, entry: Entry) -> None:
    """Replace the entry with the same id, or add it at the end."""
    entries: list[Any] = getattr(body, key)
    for n, old in enumerate(entries):
        if old.id == entry.id:
            entries[n] = entry
            return
    entries.append(entry)


def drop_entry(body: RelapsePlanBody, key: str, entry_id: str) -> None:
    setattr(body, key, [e for e in getattr(body, key) if e.id != entry_id])


PlanChange = Callable[[RelapsePlanBody], None]


def mark_reviewed(body: RelapsePlanBody) -> None:
    """The one change that sets the "reviewed" date: the person said they looked the plan over (r)."""
    body.reviewed_on = today()


class PlanScreen(IMRScreen[None]):
    CSS_PATH = "plan.tcss"
    HELP_TOPIC = "plan"
    WATCHES = frozenset({"profile", "settings"})
    ERROR_BOX = "#plan-reviewed"
    FOOTER_SPARE = frozenset({"history"})  # on a narrow terminal: the line at the top says what h does
    BINDINGS = [
        Binding("a", "add", "Add", id="plan.add", tooltip="Add something to this part of your plan"),
        # Enter does the same; the line at the top says so (the Footer has no room left for it)
        Binding("e", "edit", "Edit", id="plan.edit", show=False, tooltip="Change the one that is picked"),
        Binding("x,delete", "remove", "Remove", id="plan.remove", tooltip="Remove the one that is picked"),
        Binding("r", "reviewed", "Reviewed", id="plan.reviewed", tooltip="Mark your plan as looked over today"),
        Binding("h", "history", "History", id="plan.history", tooltip="See earlier versions of your plan"),
        Binding("escape", "back", "Back", id="plan.back", tooltip="Go back to the last screen"),
        *[Binding(str(n + 1), f"part({n})", el.title[2:], id=f"plan.part{n + 1}", show=False,
                  tooltip=f"Go to part {n + 1}: {el.title[2:]}") for n, el in enumerate(PARTS)],
    ]

    def __init__(self, part: str | None = None) -> None:
        """`part`: the key of the part to open on (e.g. "safety_plan"); the first part when None."""
        super().__init__()
        if part is not None and part not in {p.key for p in PARTS}:
            raise ValueError(f"the plan has no part {part!r}")
        self.first_part = part
        self.plan: RelapsePlan | None = None
        self.items: list[CheckInItem] = []  # every check-in item (a rule may watch one that is turned off)
        self.enabled_items: list[CheckInItem] = []

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading your plan…", id="plan-reviewed")
        with TabbedContent(id="plan-tabs"):
            for el in ELEMENTS:
                with TabPane(el.title, id=f"tab-{el.key}"):
                    yield Static(el.intro, classes="intro")
                    yield OptionList(id=f"list-{el.key}", classes="entries")
                    yield Static("", id=f"empty-{el.key}", classes="empty")
            with TabPane(SAFETY.title, id=f"tab-{SAFETY.key}"):
                yield Static(SAFETY.intro, classes="intro")
                yield OptionList(id=f"list-{SAFETY.key}", classes="entries")
                yield Static(Content.from_markup("You have not made a safety plan yet. Press [b]a[/b] to make one, "
                                                 "one step at a time. You can skip any step."),
                             id=f"empty-{SAFETY.key}", classes="empty")
        # compact, and without the palette key (Ctrl+P still works), so every key fits in 80 columns
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.first_part is not None:
            self.query_one("#plan-tabs", TabbedContent).active = f"tab-{self.first_part}"
        self.query_one(f"#list-{self.first_part or ELEMENTS[0].key}", OptionList).focus()

    def on_resize(self) -> None:
        """The tab titles in full while they fit (with their padding); the ones that save most are made short first."""
        tabs = self.query_one("#plan-tabs", TabbedContent)
        labels = {el.key: el.title for el in PARTS}
        for el in sorted(PARTS, key=lambda e: len(e.short) - len(e.title)):
            if sum(len(label) + 2 for label in labels.values()) <= self.size.width:
                break
            labels[el.key] = el.short
        for key, label in labels.items():
            tabs.get_tab(f"tab-{key}").label = label

    def on_screen_resume(self) -> None:
        # also sent when the screen is first shown; coming back from elsewhere, it reads the plan again
        self.load()

    def reload(self, change: Change) -> None:
        self.load()

    def shows_data(self) -> bool:
        return self.plan is not None

    # ---------------------------------------------------------------- state
    @property
    def element(self) -> Element:
        active = self.query_one("#plan-tabs", TabbedContent).active.removeprefix("tab-")
        return next((el for el in PARTS if el.key == active), ELEMENTS[0])

    def current_list(self) -> OptionList:
        return self.query_one(f"#list-{self.element.key}", OptionList)

    def picked(self) -> Entry | None:
        if self.plan is None or self.element is SAFETY:
            return None
        option = self.current_list().highlighted_option
        if option is None:
            return None
        entries: list[Entry] = getattr(self.plan, self.element.key)
        return next((e for e in entries if e.id == option.id), None)

    def picked_step(self) -> int | None:
        """On the safety plan part: the step picked (0 to 6)."""
        if self.plan is None or self.element is not SAFETY or self.plan.safety_plan.is_empty():
            return None
        option = self.current_list().highlighted_option
        keys = [s.key for s in SAFETY_STEPS]
        return keys.index(option.id) if option is not None and option.id in keys else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove"):
            if self.plan is None:
                return False
            if self.element is not SAFETY:
                return self.picked() is not None
            step = self.picked_step()
            if action == "edit" or step is None:
                return step is not None
            return bool(self.plan.safety_plan.lines(SAFETY_STEPS[step].key))
        if action in ("add", "reviewed", "history"):
            return self.plan is not None
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.current_list().focus()
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit()

    # ------------------------------------------------------------- reading
    @work(thread=True, exclusive=True, group="plan-load")
    def load(self) -> None:
        """Read the plan and the check-in items, and show them."""
        from imr_tui.store.files import StoreError

        store = self.imr.store
        try:
            profile, settings = store.profile(), store.settings()
        except StoreError as exc:
            self.from_thread(self.show_error, str(exc), "Your plan could not be read")
            return
        self.from_thread(self.show_plan, profile.plan, settings.items, settings.enabled_items())

    def save(self, change: PlanChange, message: str) -> None:
        """Make one change to the plan as it is on disk now (another process's change is kept)."""
        self.imr.data.update_plan(change, what="your plan", on_done=lambda _profile: self.imr.notify(message))

    def show_plan(self, plan: RelapsePlan, items: list[CheckInItem], enabled: list[CheckInItem]) -> None:
        self.plan, self.items, self.enabled_items = plan, items, enabled
        reviewed = self.query_one("#plan-reviewed", Static)
        reviewed.remove_class("error")
        if plan.reviewed_on:
            days = (today() - plan.reviewed_on).days
            text = Content.from_markup("Last reviewed on [b]$day[/b] ($ago).", day=long_day(plan.reviewed_on),
                                       ago=days_from(plan.reviewed_on, today()))
            if days > REVIEW_AFTER_DAYS:
                text += Content(" Time to look it over: does it still fit?")
        else:
            text = Content("Not reviewed yet. Go through the parts, then press r.")
        reviewed.update(text + Content.from_markup(
            "\n[dim]Enter or [b]e[/b] changes the one you picked. [b]h[/b] shows earlier versions.[/dim]"))
        by_id = {i.id: i for i in items}
        for el in ELEMENTS:
            entries: list[Entry] = getattr(plan, el.key)
            box = self.query_one(f"#list-{el.key}", OptionList)
            old = box.highlighted_option.id if box.highlighted_option else None
            options: list[Option | None] = []
            for e in entries:
                if options:
                    options.append(None)  # a line between entries
                options.append(Option(entry_content(e, by_id), id=e.id))
            box.set_options(options)
            ids = [e.id for e in entries]
            if ids:
                box.highlighted = box.get_option_index(old if old in ids else ids[0])
            box.display = bool(entries)
            empty = self.query_one(f"#empty-{el.key}", Static)
            empty.update(Content.from_markup("Nothing here yet. Press [b]a[/b] to add $name.", name=a_or_an(el.name)))
            empty.display = not entries
        self.show_safety_plan(plan.safety_plan)
        if self.focused is None or not self.focused.display:  # e.g. the first entry of an empty list
            self.current_list().focus()
        self.refresh_bindings()

    def show_safety_plan(self, plan: SafetyPlan) -> None:
        box = self.query_one(f"#list-{SAFETY.key}", OptionList)
        old = box.highlighted
        options: list[Option | None] = []
        for n, step in enumerate(SAFETY_STEPS):
            if options:
                options.append(None)
            options.append(Option(safety_step_content(plan, n), id=step.key))
        box.set_options(options)
        box.highlighted = old if old is not None else 0
        box.display = not plan.is_empty()
        self.query_one(f"#empty-{SAFETY.key}", Static).display = plan.is_empty()

    # ------------------------------------------------------------- actions
    def action_part(self, n: int) -> None:
        self.query_one("#plan-tabs", TabbedContent).active = f"tab-{PARTS[n].key}"

    def action_back(self) -> None:
        self.app.pop_screen()

    def _open_editor(self, el: Element, entry: Entry | None) -> None:
        from imr_tui.tui.screens.entry_dialog import EntryDialog

        verb = "Change" if entry is not None else "Add"

        def done(result: Entry | None) -> None:
            if result is not None:
                self.save(lambda body: put_unchanged_entry(body, el.key, entry, result), f"Saved your {el.name}.")

        if el.key == "warning_signs":
            from imr_tui.tui.screens.warning_sign_dialog import WarningSignDialog

            items = list(self.enabled_items)
            rule = entry.rule if isinstance(entry, WarningSign) else None
            if rule is not None and rule.item and all(i.id != rule.item for i in items):
                items += [i for i in self.items if i.id == rule.item]  # turned off since: still shown
            self.app.push_screen(WarningSignDialog(entry if isinstance(entry, WarningSign) else None, items), done)
            return

        def from_form(values: dict[str, str] | None) -> None:
            if values is None:
                return
            done(entry.model_copy(update=values) if entry is not None else MODELS[el.key](**values))

        self.app.push_screen(EntryDialog(f"{verb} {a_or_an(el.name)}", entry_fields(el.key, entry)), from_form)

    def open_safety_plan(self, start: int = 0, *, one_step: bool = False) -> None:
        from imr_tui.tui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen(start, one_step=one_step))

    def action_add(self) -> None:
        if self.plan is not None and self.element is SAFETY:
            self.open_safety_plan()
        elif self.plan is not None:
            self._open_editor(self.element, None)

    def action_edit(self) -> None:
        if self.element is SAFETY:
            step = self.picked_step()
            if step is not None:
                self.open_safety_plan(step, one_step=True)
            return
        entry = self.picked()
        if entry is not None:
            self._open_editor(self.element, entry)

    def action_remove(self) -> None:
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        entry, el = self.picked(), self.element
        if el is SAFETY:
            self._clear_safety_step()
            return
        if entry is None:
            return
        question = Content.from_markup("Remove [b]$what[/b] from your plan?\n\n"
                                       "[dim]The version before this change is kept in History (h).[/dim]",
                                       what=entry_title(entry))

        def done(yes: bool | None) -> None:
            if yes:
                self.save(lambda body: drop_entry(body, el.key, entry.id), f"Removed the {el.name}.")

        self.app.push_screen(ConfirmDialog(question), done)

    def _clear_safety_step(self) -> None:
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        index = self.picked_step()
        if index is None:
            return
        step = SAFETY_STEPS[index]
        question = Content.from_markup("Clear step [b]$n. $title[/b] of your safety plan?\n\n"
                                       "[dim]The version before this change is kept in History (h).[/dim]",
                                       n=index + 1, title=step.title)

        def done(yes: bool | None) -> None:
            if yes:
                def clear(body: RelapsePlanBody) -> None:
                    body.safety_plan = body.safety_plan.with_lines(step.key, []).model_copy(
                        update={"updated_on": today()})

                self.save(clear, f"Cleared step {index + 1} of your safety plan.")

        self.app.push_screen(ConfirmDialog(question), done)

    def action_reviewed(self) -> None:
        if self.plan is not None:
            self.save(mark_reviewed, "Marked as reviewed today. Well done for looking after your plan.")

    def action_history(self) -> None:
        from imr_tui.tui.screens.plan_history_dialog import PlanHistoryDialog

        if self.plan is not None:
            self.app.push_screen(PlanHistoryDialog(list(self.plan.history), self.items), self._use_version)

    def _use_version(self, version: PlanVersion | None) -> None:
        """Make an earlier version the plan again; save_plan keeps today's version in the history."""
        if version is None:
            return

        def restore(body: RelapsePlanBody) -> None:
            old = version.plan
            for key in ("triggers", "warning_signs", "action_steps", "supporters", "emergency_contacts"):
                setattr(body, key, list(getattr(old, key)))
            body.safety_plan = old.safety_plan.model_copy(deep=True)

        from imr_tui.tui.screens.plan_history_dialog import saved_when

        self.save(restore, f"Your plan from {saved_when(version)} is back. The one before is kept in the history.")
