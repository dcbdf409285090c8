"""The person's settings, held in manifest.json."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imr_tui.domain.checkin import CheckInItem, default_items


class Settings(BaseModel):
    model_config = ConfigDict(extra="allow")

    theme: str = "textual-dark"
    country: str = Field(default="US", min_length=2, max_length=8)
    # The person's own local emergency number, for a place the crisis lines do not list ("" = none given).
    local_emergency: str = Field(default="", max_length=40)
    items: list[CheckInItem] = Field(default_factory=default_items)
    # The person tracks alcohol or drug use: Home shows the days since they last used, and a slip can be written down.
    track_substances: bool = False

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
