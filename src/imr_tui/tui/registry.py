"""Every screen of the app by name, loaded only when it first opens (a quick start)."""

from __future__ import annotations

import importlib
from typing import Any

from textual.screen import Screen

# name -> (module in imr_tui.tui.screens, class, title shown in the command palette)
SCREENS: dict[str, tuple[str, str, str]] = {
    "home": ("home", "HomeScreen", "Home"),
    "checkin": ("checkin", "CheckInScreen", "Daily check-in"),
    "quick_checkin": ("checkin", "QuickCheckInScreen", "Quick check-in (mood, or the questions you picked)"),
    "lessons": ("modules", "ModuleListScreen", "Lessons"),
    "history": ("history", "HistoryScreen", "History and trends"),
    "journal": ("journal", "JournalScreen", "Journal: your notes, check-ins and coping logs"),
    "plan": ("plan", "PlanScreen", "Relapse prevention plan"),
    "safety_plan": ("safety_plan", "SafetyPlanScreen", "Safety plan, step by step"),
    "goals": ("goals", "GoalsScreen", "Goals"),
    "coping": ("coping", "CopingScreen", "Coping toolbox and trigger log"),
    "selfcheck": ("selfcheck", "SelfCheckScreen", "Progress self-check"),
    "report": ("report", "ReportScreen", "Report for an appointment"),
    "questionnaires": ("questionnaire", "QuestionnaireListScreen", "Questionnaires (PHQ-9, GAD-7)"),
    "settings": ("settings", "SettingsScreen", "Settings"),
    "sync": ("sync_choice", "SyncChoiceScreen", "A choice from syncing two computers"),
    "welcome": ("welcome", "WelcomeScreen", "Welcome: country, questions, contacts"),
    "import": ("import_screen", "ImportScreen", "Bring your history from another app"),
}


def make_screen(name: str, *args: Any, **kwargs: Any) -> Screen[Any]:
    module, cls, _title = SCREENS[name]
    screen_cls = getattr(importlib.import_module(f"imr_tui.tui.screens.{module}"), cls)
    screen: Screen[Any] = screen_cls(*args, **kwargs)
    return screen
