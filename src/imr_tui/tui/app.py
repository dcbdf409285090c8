"""The App: a thin shell. Screens live in tui/screens/, one per file, each with its .tcss."""

from __future__ import annotations

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
from imr_tui.tui.registry import SCREENS as SCREENS  # the screens by name (tests and the palette read it)
from imr_tui.tui.registry import make_screen
from imr_tui.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from imr_tui.content.loader import Curriculum
    from imr_tui.domain.settings import Settings
    from imr_tui.store.store import Store

class IMRApp(App[None]):
    TITLE = "imr-tui"
    SUB_TITLE = "Illness Management and Recovery"
    # Textual does not load the CSS_PATH of the screen returned by get_default_screen() (8.2.8,
    # App._init_mode), so Home's stylesheet, which lives beside it, is listed here as well.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    # only our own commands: Textual's system ones offer theme ids, widget keys and a screenshot that
    # may fail (ScreensProvider has the colours, help and quit in plain words)
    COMMANDS = {ScreensProvider}
    BINDINGS = [
        Binding("f2", "crisis", "Crisis help", id="crisis", priority=True, key_display="F2",
                tooltip="Crisis lines and your emergency contacts, from any screen"),
        # F1 works on every screen and dialog (a priority binding reaches past a dialog); "?" is not a
        # priority, so it still types a "?" into a box
        Binding("f1", "help", "Help", id="help", key_display="F1", priority=True, tooltip="Help for this screen"),
        Binding("question_mark", "help", "Help", id="help_question_mark", show=False, tooltip="Help for this screen"),
        Binding("ctrl+l", "lock", "Lock", id="lock", show=False,
                tooltip="Hide the screen until you come back (shoulder surfing)"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Close imr-tui (everything is already saved)"),
    ]

    def __init__(self, store: Store, content: Path, clock: Callable[[], datetime] | None = None,
                 *, watch_interval: float | None = None, demo: bool = False, welcome: bool = False):
        super().__init__()
        # no motion: a scroll jumps at once, so the row with focus is always fully in view when the next key
        # comes (an animated scroll cut short by a resize left it half hidden), and nothing moves on its own
        self.animation_level = "none"
        # `imr-tui` on the person's own folder passes welcome=True: a first start then opens the welcome
        # (tests that build an app on an empty folder get Home, as before)
        self.welcome = welcome and not demo
        self.demo = demo  # made-up data in a temporary folder: DEMO on every screen (the Footer), nothing kept
        if demo:
            self.sub_title = "DEMO: nothing is kept"
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
        if self.welcome and self.data.first_start():
            self.push_screen(self.make_screen("welcome"))
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
        return make_screen(name, *args, **kwargs)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F2 is not offered on the crisis screen, nor F1 on a help page (its own F1 closes it)."""
        return (action, type(self.screen).__name__) not in {("crisis", "CrisisScreen"), ("help", "HelpScreen")}

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
