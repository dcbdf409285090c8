"""Fast loading of month files: one pydantic validate_json call per file (parsing in Rust).

When the fast path fails, the file is read again slowly to say exactly what is wrong.
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
    def load_entries(cls, store: Store, path: Path) -> list[Any]:
        from imr_tui.store.store import SCHEMA_VERSION

        data = store.read_file(path)
        try:
            month = cls.model_validate_json(data)
        except ValidationError:
            month = None
        if month is not None and month.schema_version == SCHEMA_VERSION and getattr(month, "kind", None) == cls.kind_name:
            return cls._entries(month)
        # slow path: find the first problem and name it
        raw = store.read_envelope(path, cls.kind_name)
        try:
            month = cls.model_validate(raw)
        except ValidationError as exc:
            raise store._validation_error(path, exc) from exc
        return cls._entries(month)


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
