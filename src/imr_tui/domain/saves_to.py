"""Where a lesson's reflection answer also goes, besides the lesson's own answers: the names the
curriculum uses (`saves_to` in the module files) and the plain words the app shows for each."""

from __future__ import annotations

from enum import StrEnum


class SavesTo(StrEnum):
    """Where the answer to a reflection is saved, besides the lesson's own answers."""

    NONE = "none"
    GOAL = "goal"  # the personal recovery goal (module 1)
    GOAL_STEP = "goal_step"  # a step toward the goal
    TRIGGER = "trigger"  # relapse prevention plan: a trigger
    WARNING_SIGN = "warning_sign"  # relapse prevention plan: an early warning sign
    ACTION_STEP = "action_step"  # relapse prevention plan: what to do when a sign appears
    SUPPORTER = "supporter"  # relapse prevention plan: who helps and how
    EMERGENCY_CONTACT = "emergency_contact"  # relapse prevention plan: emergency contact
    COPING_STRATEGY = "coping_strategy"  # coping toolbox
    STRESS_PLAN = "stress_plan"  # module 8: personal stress plan
    SOBRIETY_PLAN = "sobriety_plan"  # module 6: personal sobriety plan

    @property
    def label(self) -> str:
        """Where the answer goes, in plain words ("" for NONE): "Saved. It is also in {label}." """
        return _LABELS[self]


_LABELS: dict[SavesTo, str] = {
    SavesTo.NONE: "",
    SavesTo.GOAL: "your recovery goal",
    SavesTo.GOAL_STEP: "your goal, as a step toward it",
    SavesTo.TRIGGER: "your relapse prevention plan, as a trigger",
    SavesTo.WARNING_SIGN: "your relapse prevention plan, as a warning sign",
    SavesTo.ACTION_STEP: "your relapse prevention plan, as a step to take",
    SavesTo.SUPPORTER: "your relapse prevention plan, as someone who helps",
    SavesTo.EMERGENCY_CONTACT: "your relapse prevention plan, as an emergency contact",
    SavesTo.COPING_STRATEGY: "your coping toolbox",
    SavesTo.STRESS_PLAN: "your stress plan",
    SavesTo.SOBRIETY_PLAN: "your sobriety plan",
}
