"""Loading month files: strict JSON (a key twice is damage), then one pydantic validation of the whole month.

Every entry is validated, so a month that loads is a month whose every entry is good; a save into a month
that does not load is refused (docs/store.md, "Damage and backups").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse

if TYPE_CHECKING:
    from imr_tui.store.store import Store


class _Month(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind_name: ClassVar[str]
    schema_version: int

    @classmethod
    def _entries(cls, month: Any) -> list[Any]:
        raise NotImplementedError

    @classmethod
    def from_raw(cls, store: Store, path: Path, raw: dict[str, Any]) -> list[Any]:
        """The entries of a month already parsed (strictly) into `raw`: version, kind and every entry checked."""
        store._check_version(path, raw)
        store._check_kind(path, raw, cls.kind_name)
        try:
            month = cls.model_validate(raw)
        except ValidationError as exc:
            raise store._validation_error(path, exc) from exc
        return cls._entries(month)

    @classmethod
    def load_entries(cls, store: Store, path: Path) -> list[Any]:
        return cls.from_raw(store, path, store._raw(path))


class CheckInMonth(_Month):
    kind_name: ClassVar[str] = "checkins"
    kind: Literal["checkins"]
    checkins: list[CheckIn]  # required: a month file without its list is damaged

    @classmethod
    def _entries(cls, month: Any) -> list[Any]:
        return list(month.checkins)

    @classmethod
    def load(cls, store: Store, path: Path) -> list[CheckIn]:
        return cls.load_entries(store, path)


class CopingMonth(_Month):
    kind_name: ClassVar[str] = "coping"
    kind: Literal["coping"]
    coping: list[CopingUse]

    @classmethod
    def _entries(cls, month: Any) -> list[Any]:
        return list(month.coping)

    @classmethod
    def load(cls, store: Store, path: Path) -> list[CopingUse]:
        return cls.load_entries(store, path)


MONTH_MODELS: dict[str, type[_Month]] = {"checkins": CheckInMonth, "coping": CopingMonth}
