"""Each use of a coping strategy, with distress before and after (coping/YYYY-MM.json)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from imr_tui.domain.checkin import When, new_id


class CopingUse(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    at: When
    strategy_id: str | None = None
    strategy: str = Field(min_length=1, max_length=500)
    trigger_id: str | None = None
    situation: str = Field(default="", max_length=2000)
    distress_before: int = Field(ge=0, le=10)
    distress_after: int = Field(ge=0, le=10)

    @property
    def month_key(self) -> str:
        return f"{self.at.year:04d}-{self.at.month:02d}"

    @property
    def drop(self) -> int:
        return self.distress_before - self.distress_after
