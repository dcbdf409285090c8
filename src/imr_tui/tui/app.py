"""The App: a thin shell. Screens live in tui/screens/, one per file, each with its .tcss."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from imr_tui.paths import modules_dir
from imr_tui.tui.clock import now as clock_now
from imr_tui.tui.clock import set_clock
from imr_tui.tui.commands import ScreensProvider
from imr_tui.tui.data import DataDelivery, DataService
from imr_tui.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from imr_tui.content.loader import Curriculum
    from imr_tui.domain.settings import Settings
    from imr_tui.store.store import Store

# name -> (module in imr_tui.tui.screens, class, title shown in the command palette)
SCREENS: dict[str, tuple[str, str, str]] = {
    "home": ("home", "HomeScreen", "Home"),
    "checkin": ("checkin", "CheckInScreen", "Daily check-in"),
    "quick_checkin": ("checkin", "QuickCheckInScreen", "Quick check-in (mood, or the questions you picked)"),
    "lessons": ("modules", "ModuleListScreen", "Lessons"),
    "history": ("history", "HistoryScreen", "History and trends"),
    "plan": ("plan", "PlanScreen", "Relapse prevention plan"),
    "goals": ("goals", "GoalsScreen", "Goals"),
    "coping": ("coping", "CopingScreen", "Coping toolbox and trigger log"),
    "selfcheck": ("selfcheck", "SelfCheckScreen", "Progress self-check"),
    "report": ("report", "ReportScreen", "Report for an appointment"),
    "questionnaires": ("questionnaire", "QuestionnaireListScreen", "Questionnaires (PHQ-9, GAD-7)"),
    "settings": ("settings", "SettingsScreen", "Settings"),
}


class IMRApp(App[None]):
    TITLE = "imr-tui"
    SUB_TITLE = "Illness Management and Recovery"
    # Textual does not load the CSS_PATH of the screen returned by get_default_screen() (8.2.8,
    # App._init_mode), so Home's stylesheet, which lives beside it, is listed here as well.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    COMMANDS = App.COMMANDS | {ScreensProvider}
    BINDINGS = [
        Binding("f2", "crisis", "Crisis help", id="crisis", priority=True, key_display="F2",
                tooltip="Crisis lines and your emergency contacts, from any screen"),
        Binding("f1,question_mark", "help", "Help", id="help", key_display="F1", tooltip="Help for this screen"),
        Binding("ctrl+l", "lock", "Lock", id="lock", show=False,
                tooltip="Hide the screen until you come back (shoulder surfing)"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Close imr-tui (everything is already saved)"),
    ]

    def __init__(self, store: Store, content: Path, clock: Callable[[], datetime] | None = None,
                 *, watch_interval: float | None = None):
        super().__init__()
        set_clock(clock)  # one app at a time: a test's fixed clock, or None for the real time
        self.store = store
        # every write goes through the data service, which also tells the screens what changed
        self.data = DataService(self, store) if watch_interval is None else DataService(
            self, store, watch_interval=watch_interval)
        self.content = content
        self._curriculum: Curriculum | None = None
        self._mounted_once = False
        # the lock screen asks for the passphrase only when the folder is encrypted
        self.passphrase_check: Callable[[str], bool] | None = self._check_passphrase if store.encrypted else None
        self.register_theme(HIGH_CONTRAST)

    def _check_passphrase(self, passphrase: str) -> bool:
        from imr_tui.store.crypto import WrongPassphraseError, unlock

        try:
            unlock(self.store.root, passphrase)
        except WrongPassphraseError:
            return False
        return True

    def now(self) -> datetime:
        """The current local time (tests pass a fixed clock so screenshots do not change by the day)."""
        return clock_now()

    def today(self) -> date:
        return self.now().date()

    def curriculum_or_none(self) -> Curriculum | None:
        """The module index (lessons load when opened); None when the content cannot be read."""
        from imr_tui.content.loader import ContentError, Curriculum

        if self._curriculum is None:
            try:
                self._curriculum = Curriculum(modules_dir(self.content))
            except ContentError as exc:
                self.call_later(self.notify, f"The lessons could not be read: {exc}", severity="error")
                return None
        return self._curriculum

    def open_lesson(self, module_id: str, lesson_id: str | None = None) -> None:
        from imr_tui.tui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(module_id, lesson_id))

    def get_default_screen(self) -> Screen[Any]:
        return self.make_screen("home")

    def on_mount(self) -> None:
        theme = self.store.raw_setting("theme")  # plain JSON: no models built before the first paint
        if theme in self.available_themes:
            self.theme = theme
        self._mounted_once = True
        self.data.start()
        self.call_after_refresh(self.upkeep)

    def on_unmount(self) -> None:
        if not self.data.close():
            print("imr-tui: a save was still running when imr-tui closed.")

    @on(DataDelivery)
    def _data_delivery(self, message: DataDelivery) -> None:
        self.data.handle(message)

    def upkeep(self) -> None:
        """The daily backup and clean-up of temp files left by a crash, queued behind any save."""
        from imr_tui.store.backup import backup_if_due

        def run(store: Store) -> None:
            store.clean_temp_files()
            backup_if_due(store)

        self.data.submit(run, what="the daily backup")

    def make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen[Any]:
        module, cls, _title = SCREENS[name]
        screen_cls = getattr(importlib.import_module(f"imr_tui.tui.screens.{module}"), cls)
        screen: Screen[Any] = screen_cls(*args, **kwargs)
        return screen

    def is_locked(self) -> bool:
        from imr_tui.tui.screens.lock import LockScreen

        return any(isinstance(s, LockScreen) for s in self.screen_stack)

    def open(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Go to a screen by name (see SCREENS). Home is never stacked twice. Nothing opens while locked."""
        if self.is_locked():
            return
        if name == "home":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        self.push_screen(self.make_screen(name, *args, **kwargs))

    def action_open(self, name: str) -> None:
        self.open(name)

    def action_crisis(self) -> None:
        from imr_tui.tui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen())

    def action_lock(self) -> None:
        from imr_tui.tui.screens.lock import LockScreen

        if not isinstance(self.screen, LockScreen):
            self.push_screen(LockScreen())

    def action_help(self) -> None:
        from imr_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(topic=getattr(self.screen, "HELP_TOPIC", "home")))

    def watch_theme(self, theme: str) -> None:
        """Persist the theme the person picked (from Settings or the command palette)."""
        if not self._mounted_once:
            return

        def change(settings: Settings) -> Settings:
            settings.theme = theme
            return settings

        self.data.submit(lambda store: store.update_settings(change) if store.settings().theme != theme else None,
                         what="the theme")
