"""Crisis help. F2 from anywhere. In order: the one line that says to call the emergency number if
they are in danger now; the person's safety plan, when they have made one (their reason for living,
then the steps they wrote, in order); their own action steps and emergency contacts; the crisis lines
for their country; then the people who help them.

It always says which country the numbers are for and how to change it, when each line was last
checked (or that nobody has checked it yet), and what to do for an overdose. Each phone number sits
at the start of its own short line, so it never breaks across lines. User text is never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from imr_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from imr_tui.content.crisis import Country, CrisisLines, Elsewhere, Line
    from imr_tui.domain.profile import Profile, SafetyPlan
    from imr_tui.domain.settings import Settings
    from imr_tui.tui.app import IMRApp

NOT_CHECKED = "nobody has checked this number yet"
NOT_CHECKED_WEB = "nobody has checked this address yet"
CHANGE = "To change the country: Settings (s on Home)"


def crisis_text(app: IMRApp) -> Content:
    """Everything the crisis screen shows, as Content (user text is never parsed as markup)."""
    from imr_tui import paths
    from imr_tui.content.crisis import load_crisis_lines
    from imr_tui.content.loader import ContentError

    settings = _settings(app)
    profile = _profile(app)
    try:
        lines = load_crisis_lines(paths.crisis_lines_file(app.content))
    except ContentError as exc:
        parts = [Content.from_markup("[b]If you are in danger now, call your local emergency number.[/b]\n"),
                 Content(f"The crisis lines could not be read ({exc}).\n"), *_local_number(settings)]
    else:
        parts = place_text(lines, settings)
    # the first part is always the line "If you are in danger now, call ...": it stays on top
    safety = [] if profile is None or profile.plan.safety_plan.is_empty() else safety_plan_text(profile.plan.safety_plan)
    own, helpers = _own_plan(profile)
    gap = [] if safety else [Content("\n")]  # the safety plan ends with its own blank line
    return Content("").join([parts[0], *safety, *gap, *own, *parts[1:], *helpers]).rstrip()


def _profile(app: IMRApp) -> Profile | None:
    from imr_tui.store.files import StoreError

    try:
        return app.store.profile()
    except StoreError:
        return None


def safety_plan_text(plan: SafetyPlan) -> list[Content]:
    """The person's safety plan: their reason for living, then each step they wrote, in order."""
    from imr_tui.domain.profile import SAFETY_STEPS

    out = [Content.from_markup("\n[b]Your safety plan[/b]: use the steps in order. If one does not help, go on.\n")]
    reasons = plan.lines("reason_for_living")
    if reasons:
        out.append(Content.from_markup("  [b]My reason for living:[/b] $why\n", why="; ".join(reasons)))
    steps = [(s, plan.lines(s.key)) for s in SAFETY_STEPS if s.key != "reason_for_living" and plan.lines(s.key)]
    for n, (step, lines) in enumerate(steps, 1):  # numbered as shown: a skipped step leaves no gap
        out.append(Content.from_markup("  [b]$n. $title[/b]\n", n=n, title=step.title))
        out += [Content.from_markup("     • $line\n", line=line) for line in lines]
    out.append(Content.from_markup("  [dim]To change it: p on Home, then part 6. The crisis lines are below.[/dim]\n\n"))
    return out


def _settings(app: IMRApp) -> Settings:
    from imr_tui.domain.settings import Settings
    from imr_tui.store.files import StoreError

    try:
        return app.store.settings()
    except StoreError:
        return Settings()


def place_text(lines: CrisisLines, settings: Settings) -> list[Content]:
    """The numbers for the country in Settings, or how to find them for somewhere else."""
    from imr_tui.content.crisis import Country

    entry = lines.for_country(settings.country)
    return _country(entry) if isinstance(entry, Country) else _elsewhere(entry, settings)


def _country(entry: Country) -> list[Content]:
    out = [Content.from_markup("[b]If you are in danger now, call the emergency number: $e.[/b]\n", e=entry.emergency),
           Content.from_markup("Numbers for: [b]$name[/b]. $change\n", name=entry.name, change=CHANGE)]
    if entry.lines:
        out.append(Content.from_markup("\n[b]Crisis lines[/b]\n"))
        out += [_line(line) for line in entry.lines]
    out.append(Content.from_markup("\n[b]Alcohol and drugs[/b]\n"))
    out.append(Content.from_markup("  [b]Overdose: call $n now.[/b]\n", n=entry.overdose_number))
    out += [_line(line) for line in entry.alcohol_and_drugs]
    return out


def _elsewhere(other: Elsewhere, settings: Settings) -> list[Content]:
    local = settings.local_emergency.strip()
    out = [Content.from_markup("[b]If you are in danger now, call your local emergency number.[/b]\n"),
           *_local_number(settings),
           Content.from_markup("Numbers for: [b]somewhere else[/b] (your country is not on the list). $change\n",
                               change=CHANGE),
           Content.from_markup("\n[b]Find a crisis line[/b]\n"),
           *(_line(line) for line in other.lines),
           Content.from_markup("\n[b]Alcohol and drugs[/b]\n")]
    if local:
        out.append(Content.from_markup("  [b]Overdose: call your local emergency number now:[/b]\n    [b]$n[/b]\n", n=local))
    else:
        out.append(Content.from_markup("  [b]Overdose: call your local emergency number now.[/b]\n"))
    return out


def _local_number(settings: Settings) -> list[Content]:
    local = settings.local_emergency.strip()
    if not local:
        return []
    return [Content.from_markup("Your local emergency number (from Settings):\n    [b]$n[/b]\n", n=local)]


def _line(line: Line) -> Content:
    """A line's name and note; then each way to reach it at the start of its own line, the first with how
    current it is."""
    when = f"checked {line.checked.isoformat()}" if line.checked else NOT_CHECKED if line.call or line.text else NOT_CHECKED_WEB
    note = f", {line.note}" if line.note else ""
    out = [Content.from_markup("• [b]$name[/b]$note\n", name=line.name, note=note)]
    for n, way in enumerate(line.ways()):
        if n == 0:
            out.append(Content.from_markup("    $way  [dim]($when)[/dim]\n", way=way, when=when))
        else:
            out.append(Content.from_markup("    $way\n", way=way))
    return Content("").join(out)


def reach_rows(line: Line, indent: str = "    ") -> list[Content]:
    """A line's name, then each way to reach it at the start of its own row (for the lists in the welcome
    and Settings; the crisis screen itself also says when each was checked)."""
    note = f", {line.note}" if line.note else ""
    return [Content.from_markup("• [b]$name[/b]$note", name=line.name, note=note),
            *(Content(f"{indent}{way}") for way in line.ways())]


def _own_plan(profile: Profile | None) -> tuple[list[Content], list[Content]]:
    """(what goes above the lines: the person's own steps and emergency contacts; what goes below
    them: the people who help)."""
    steps = profile.plan.action_steps if profile is not None else []
    contacts = profile.plan.emergency_contacts if profile is not None else []
    supporters = (profile.plan.supporters or profile.supporters) if profile is not None else []
    top: list[Content] = []
    if steps:
        top.append(Content.from_markup("[b]Your own steps[/b] [dim](from your plan: what you will do when a sign shows)[/dim]\n"))
        top += [Content.from_markup("$n. $step\n", n=n, step=a.text) for n, a in enumerate(steps, 1)]
        top.append(Content("\n"))
    top.append(Content.from_markup("[b]Your emergency contacts[/b]\n"))
    if contacts:
        top += [_person(c.name, c.contact) for c in contacts]
    else:
        top.append(Content("You have not added any yet. You can add them in your relapse prevention plan.\n"))
    top.append(Content("\n"))
    bottom: list[Content] = []
    if supporters:
        bottom.append(Content.from_markup("\n[b]People who help you[/b]\n"))
        bottom += [_person(s.name, s.contact) for s in supporters]
    return top, bottom


def _person(name: str, contact: str) -> Content:
    """A name, and the phone number or email at the start of its own line (so it never breaks)."""
    if not contact:
        return Content.from_markup("• $name\n", name=name)
    return Content.from_markup("• $name\n    $contact\n", name=name, contact=contact)


class CrisisScreen(ModalScreen[None]):
    CSS_PATH = "crisis.tcss"
    HELP_TOPIC = "crisis"
    BINDINGS = [Binding("escape", "dismiss", "Close", id="crisis.close", tooltip="Go back to where you were")]

    def compose(self) -> ComposeResult:
        app: IMRApp = self.app  # type: ignore[assignment]
        with VerticalScroll(id="crisis-box") as box:
            box.border_title = "Crisis help"
            yield Static(crisis_text(app), id="crisis-text")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
