"""Command palette (Ctrl+P): jump to any area or lesson module by typing part of its name or a plain
word for it ("warning", "medicine", "sleep"). Offers only what works here: no Textual system commands
(a screenshot that fails, keys of widgets, theme ids); nothing but crisis help while locked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp

# plain words a person may type for each area (SCREENS in tui/app.py), besides its title
AREA_WORDS: dict[str, tuple[str, ...]] = {
    "checkin": ("check in", "mood", "sleep", "medicine", "medication", "pills", "anxiety", "worry", "stress",
                "voices", "energy", "focus", "urge", "drinking", "drugs", "alcohol", "today"),
    "lessons": ("lessons", "modules", "learn", "read"),
    "history": ("history", "trends", "chart", "graph", "mood", "sleep", "past days"),
    "plan": ("relapse", "warning signs", "triggers", "supporters", "emergency contacts", "what to do"),
    "goals": ("goal", "steps", "stuck", "problem solving", "follow-up"),
    "coping": ("coping", "toolbox", "triggers", "stress", "calm down", "upset", "what helped"),
    "selfcheck": ("progress", "self-check", "how am I doing"),
    "report": ("report", "appointment", "doctor", "clinician", "care team", "pdf", "print"),
    "questionnaires": ("questionnaires", "phq-9", "gad-7", "depression", "anxiety", "checklist"),
    "settings": ("settings", "colours", "colors", "theme", "high contrast", "country", "crisis lines",
                 "local number", "check-in questions", "items"),
    "welcome": ("welcome", "start again", "set up"),
    "import": ("import", "daylio", "another app", "bring in data"),
}
# plain words for lesson modules, by module id, besides the words of the module's title
MODULE_WORDS: dict[str, tuple[str, ...]] = {
    "using-medication": ("medicine", "medication", "pills", "side effects"),
    "drug-and-alcohol-use": ("alcohol", "drugs", "drinking", "using"),
    "reducing-relapses": ("relapse", "warning signs", "triggers"),
    "coping-with-stress": ("stress", "calm"),
    "coping-with-problems": ("problems", "voices", "symptoms"),
    "healthy-lifestyles": ("sleep", "exercise", "food", "smoking"),
    "social-support": ("friends", "family", "support", "lonely"),
    "practical-facts": ("diagnosis", "illness", "facts"),
    "recovery-strategies": ("recovery", "goal"),
    "getting-needs-met": ("services", "care team", "rights"),
}


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], object]
    words: tuple[str, ...] = ()


class ScreensProvider(Provider):
    """Crisis help, every area, every lesson module, the colours, help, lock and quit."""

    def _commands(self) -> list[Command]:
        from imr_tui.tui.app import SCREENS

        app = cast("IMRApp", self.app)
        crisis = Command("Crisis help", "Crisis lines and your emergency contacts", app.action_crisis,
                         ("crisis", "emergency", "danger", "suicide", "hotline", "phone", "help now"))
        if app.is_locked():
            return [crisis]
        current = type(self.screen).__name__
        out = [crisis]
        for name, (_module, cls, title) in SCREENS.items():
            if cls != current:
                out.append(Command(f"Go to: {title}", f"Open {title[:1].lower()}{title[1:]}",
                                   partial(app.open, name), AREA_WORDS.get(name, ())))
        out += self._modules(app)
        out.append(Command("Change the colours", "Settings, part 1: the theme (high contrast is first)",
                           partial(app.open, "settings"), ("theme", "colours", "colors", "contrast", "dark", "light")))
        out.append(Command("Help for this screen", "What the keys do here", app.action_help, ("help", "keys")))
        out.append(Command("Lock the screen", "Hide everything until you come back", app.action_lock, ("lock",)))
        out.append(Command("Quit imr-tui", "Close it: everything is already saved", app.exit, ("quit", "exit")))
        return out

    @staticmethod
    def _modules(app: IMRApp) -> list[Command]:
        curriculum = app.curriculum_or_none()
        if curriculum is None:
            return []
        return [Command(f"Lesson: {entry.title}", f"Module {entry.number}: open its next lesson",
                        partial(app.open_lesson, entry.id), MODULE_WORDS.get(entry.id, ()))
                for entry in curriculum.index]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            title_score = matcher.match(command.title)
            word_scores = [(matcher.match(word), word) for word in command.words]
            word_score, word = max(word_scores, default=(0.0, ""))
            if title_score >= word_score and title_score > 0:
                yield Hit(title_score, matcher.highlight(command.title), command.run, text=command.title,
                          help=command.help)
            elif word_score > 0:
                yield Hit(word_score * 0.9, command.title, command.run, text=command.title,
                          help=f"{command.help} (for '{word}')")
