"""The person's settings, held in manifest.json, and the rule for a first start (`needs_welcome`)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imr_tui.domain.checkin import DEFAULT_QUICK_ITEMS, CheckInItem, ItemId, default_items, quick_items


class Settings(BaseModel):
    model_config = ConfigDict(extra="allow")

    theme: str = "textual-dark"
    country: str = Field(default="US", min_length=2, max_length=8)
    # The person's own local emergency number, for a place the crisis lines do not list ("" = none given).
    local_emergency: str = Field(default="", max_length=40)
    items: list[CheckInItem] = Field(default_factory=default_items)
    # The first-start welcome was finished or skipped (see needs_welcome).
    welcomed: bool = False
    # The person tracks alcohol or drug use: Home shows the days since they last used, and a slip can be written down.
    track_substances: bool = False
    # what a quick check-in asks (one key from Home, or `imr-tui checkin --quick`); ids of items
    quick_items: list[ItemId] = Field(default_factory=lambda: list(DEFAULT_QUICK_ITEMS))

    @model_validator(mode="after")
    def _unique_items(self) -> Settings:
        ids = [i.id for i in self.items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"check-in item ids used twice: {', '.join(dupes)}")
        return self

    def item(self, item_id: str) -> CheckInItem | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def enabled_items(self) -> list[CheckInItem]:
        return [i for i in self.items if i.enabled]

    def quick(self) -> list[CheckInItem]:
        """The items a quick check-in asks."""
        return quick_items(self.items, self.quick_items)

    def as_they_come(self) -> bool:
        """Nothing changed from a new data folder's settings (the welcome flag aside)."""
        return self.model_dump(exclude={"welcomed"}) == Settings().model_dump(exclude={"welcomed"})


def needs_welcome(settings: Settings, holds_data: bool) -> bool:
    """First start: show the welcome only when it was never finished or skipped (`welcomed`), and the data
    folder holds nothing the person made or chose: no check-ins, coping uses, plan, goals or lesson
    progress (`holds_data`, from Store.holds_data), and the settings as they come. So a folder from an
    older imr-tui, which has no `welcomed` flag, never shows it once anything is in it."""
    return not settings.welcomed and not holds_data and settings.as_they_come()


LOCAL_NUMBER = re.compile(r"\+?[0-9]+( [0-9]+)*")


def clean_local_number(text: str) -> str:
    """The local emergency number the person typed, with single spaces ("" for none).

    Raises ValueError in plain words for anything but digits and spaces (and a + at the start)."""
    number = " ".join(text.replace("-", " ").split())
    if not number:
        return ""
    if not LOCAL_NUMBER.fullmatch(number):
        raise ValueError("A phone number has only digits and spaces, for example 112 or +30 210 123 4567.")
    if len(number) > 40:
        raise ValueError("That number is too long: it can have up to 40 digits and spaces.")
    return number
