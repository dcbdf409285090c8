"""Check-ins and check-in items: the only models the `imr-tui checkin` path needs.

Kept small on purpose: the shell check-in builds just these models, so it starts fast.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, FiniteFloat, StringConstraints, model_validator

from imr_tui.domain.format import number, reading

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

# A check-in or coping use is about a life lived now: before 1970 or after 2200 is a mistake in a file
# (year 1, year 9999), and such dates also break date arithmetic later (a report, a time zone change).
MIN_YEAR = 1970
MAX_YEAR = 2200


def _sane_year(when: datetime) -> datetime:
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        raise ValueError(f"the year {when.year} is not between {MIN_YEAR} and {MAX_YEAR}")
    return when


When = Annotated[AwareDatetime, AfterValidator(_sane_year)]


def new_id() -> str:
    """A short random id, unique enough for one person's data (64 bits)."""
    return os.urandom(8).hex()


class Worse(StrEnum):
    HIGH = "high"  # a higher number is worse (stress, anxiety)
    LOW = "low"  # a lower number is worse (mood, sleep)


class Medication(StrEnum):
    TAKEN = "yes"
    PARTLY = "partly"
    MISSED = "no"
    NOT_PRESCRIBED = "not-prescribed"


def is_yes_no(low: float, high: float, step: float) -> bool:
    """A 0-1 scale in whole steps is a yes/no question ("Did you drink or use drugs?"): y and n answer it."""
    return low == 0 and high == 1 and step == 1


class CheckInItem(BaseModel):
    """One thing a person rates in a check-in, on a scale they can read."""

    model_config = ConfigDict(extra="allow")

    id: ItemId
    label: str = Field(min_length=1, max_length=40)
    question: str = Field(min_length=1, max_length=200)
    low: FiniteFloat = 0
    high: FiniteFloat = 10
    step: FiniteFloat = 1
    worse: Worse = Worse.HIGH
    unit: str = ""
    low_label: str = ""
    high_label: str = ""
    enabled: bool = True
    builtin: bool = False

    @model_validator(mode="after")
    def _scale(self) -> CheckInItem:
        if not self.low < self.high:
            raise ValueError(f"the scale of {self.id!r} must go from a lower to a higher number")
        if self.step <= 0:
            raise ValueError(f"the step of {self.id!r} must be above 0")
        return self

    @property
    def yes_no(self) -> bool:
        return is_yes_no(self.low, self.high, self.step)

    def check_value(self, value: float, name: str = "") -> float:
        """Return value if it is on this item's scale, else raise ValueError with a plain message that
        names the item as `name` (its id by default)."""
        name = name or self.id
        if not self.low <= value <= self.high:
            raise ValueError(f"{name} must be from {number(self.low)} to {number(self.high)}, not {number(value)}")
        if self.step >= 1 and value != int(value):
            raise ValueError(f"{name} must be a whole number, not {number(value)}")
        return value

    def describe_scale(self) -> str:
        ends = ""
        if self.low_label or self.high_label:
            ends = f" ({number(self.low)} = {self.low_label or '?'}, {number(self.high)} = {self.high_label or '?'})"
        unit = f" {self.unit}" if self.unit else ""
        return f"{number(self.low)} to {number(self.high)}{unit}{ends}; {self.worse.value} is worse"

    def reading(self, value: float) -> str:
        """A value of this item with its meaning: "6.5 hours of sleep", "mood 6", "used alcohol or drugs: no"."""
        if self.yes_no and value in (0, 1):
            return f"{self.label.lower()}: {'yes' if value == 1 else 'no'}"
        return reading(self.label, value, self.unit)


class SubstanceUse(BaseModel):
    model_config = ConfigDict(extra="allow")

    what: str = Field(min_length=1, max_length=80)
    amount: str = Field(default="", max_length=80)


class CheckIn(BaseModel):
    """One check-in. A person may make several a day, and fill in any past day."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    at: When
    values: dict[ItemId, FiniteFloat] = Field(default_factory=dict)  # never NaN or infinity
    substances: list[SubstanceUse] = Field(default_factory=list)
    medication: Medication | None = None
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(default_factory=list)
    note: str = Field(default="", max_length=10_000)
    created: When | None = None
    updated: When | None = None

    @property
    def day(self) -> date:
        """The local calendar day of the check-in, as the person lived it."""
        return self.at.date()

    @property
    def month_key(self) -> str:
        return f"{self.at.year:04d}-{self.at.month:02d}"

DEFAULT_QUICK_ITEMS = ("mood",)


def quick_items(items: list[CheckInItem], chosen: list[str]) -> list[CheckInItem]:
    """The items a quick check-in asks: the chosen ones that are turned on, in the person's order;
    when none of them is, the first item that is on."""
    enabled = [i for i in items if i.enabled]
    picked = [i for i in enabled if i.id in chosen]
    return picked or enabled[:1]


def default_items() -> list[CheckInItem]:
    """The items every new store starts with. A person can disable any and add their own."""
    return [
        CheckInItem(id="mood", label="Mood", question="How is your mood?", low=0, high=10, worse=Worse.LOW,
                    low_label="very low", high_label="very good", builtin=True),
        CheckInItem(id="anxiety", label="Anxiety", question="How anxious or worried do you feel?", low=0, high=10,
                    low_label="calm", high_label="very anxious", builtin=True),
        CheckInItem(id="stress", label="Stress", question="How stressed do you feel?", low=0, high=10,
                    low_label="none", high_label="very stressed", builtin=True),
        CheckInItem(id="sleep", label="Sleep", question="How many hours did you sleep?", low=0, high=24, step=0.5,
                    unit="hours", worse=Worse.LOW, builtin=True),
        CheckInItem(id="sleep_quality", label="Sleep quality", question="How well did you sleep?", low=0, high=4,
                    worse=Worse.LOW, low_label="very badly", high_label="very well", builtin=True),
        CheckInItem(id="voices", label="Voices or unusual experiences",
                    question="How much did voices or unusual experiences bother you?", low=0, high=4,
                    low_label="not at all", high_label="a lot", builtin=True),
        CheckInItem(id="energy", label="Energy", question="How much energy do you have?", low=0, high=4,
                    worse=Worse.LOW, low_label="none", high_label="a lot", builtin=True),
        CheckInItem(id="concentration", label="Concentration", question="How well can you focus?", low=0, high=4,
                    worse=Worse.LOW, low_label="not at all", high_label="very well", builtin=True),
        CheckInItem(id="urge", label="Urge to use", question="How strong is any urge to drink or use drugs?",
                    low=0, high=10, low_label="none", high_label="very strong", builtin=True),
        CheckInItem(id="use", label="Used alcohol or drugs", question="Did you drink or use drugs?", low=0, high=1,
                    low_label="no", high_label="yes", builtin=True),
    ]
