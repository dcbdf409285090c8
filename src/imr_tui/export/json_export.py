"""Everything in one JSON file, to keep or to move to another machine (`imr-tui export --json`,
`imr-tui import json`).

    {"format": "imr-tui-export", "schema_version": 1, "exported_at": ..., "app_version": ...,
     "settings": {...}, "profile": {...}, "progress": {...},
     "checkins": [...], "coping": [...]}

Each part has the same shape as in the data folder (docs/store.md). Reading one back
(`read_export`) validates every part before anything is written; `import_export` then merges
check-ins and coping uses by id, and takes the settings, profile and progress only where the
store has none yet (or when asked to replace them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import Profile
from imr_tui.domain.progress import Progress
from imr_tui.domain.settings import Settings
from imr_tui.store.store import Store

FORMAT = "imr-tui-export"
SCHEMA_VERSION = 1
MAX_BYTES = 512 * 1024 * 1024


class ImportProblem(ValueError):
    """A file cannot be imported. The message is one line and names the file (and the row, where there is one)."""


def one_line(text: str, limit: int = 60) -> str:
    """A value from a file, safe to show inside a one-line message."""
    shown = repr(text[:limit])
    return shown + ("..." if len(text) > limit else "")


def shown(path: Path) -> str:
    """A file name safe to show in a one-line message."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(path))


def _app_version() -> str:
    from imr_tui import __version__

    return str(__version__)


def export_data(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """Everything in the store as one JSON-ready dict."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": (now or datetime.now(UTC).astimezone()).isoformat(),
        "app_version": _app_version(),
        "settings": store.settings().model_dump(mode="json"),
        "profile": store.profile().model_dump(mode="json"),
        "progress": store.progress().model_dump(mode="json"),
        "checkins": [c.model_dump(mode="json", exclude_none=True) for c in store.checkins()],
        "coping": [u.model_dump(mode="json", exclude_none=True) for u in store.coping_uses()],
    }


def export_json(store: Store, now: datetime | None = None) -> bytes:
    return json.dumps(export_data(store, now), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


@dataclass
class ExportFile:
    """A validated export, ready to import."""

    path: Path
    settings: Settings
    profile: Profile
    progress: Progress
    checkins: list[CheckIn]
    coping: list[CopingUse]
    exported_at: str = ""

    def date_range(self) -> tuple[date, date] | None:
        if not self.checkins:
            return None
        days = [c.day for c in self.checkins]
        return min(days), max(days)


def read_bytes_of(path: Path) -> bytes:
    """The bytes of a file to import, or ImportProblem saying (in one line) why it cannot be read."""
    if path.is_dir():
        raise ImportProblem(f"{shown(path)} is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportProblem(f"{shown(path)} is too large to import ({size // (1024 * 1024)} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(f"{shown(path)}: no such file") from None
    except PermissionError:
        raise ImportProblem(f"{shown(path)}: permission denied") from None
    except OSError as exc:
        raise ImportProblem(f"{shown(path)}: cannot be read ({exc.strerror or exc})") from None


def validation_text(exc: Exception) -> str:
    """The first problem of a validation error, on one line."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        text = (f"{where}: " if where else "") + str(err["msg"]) + more
    else:
        text = str(exc)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= 300 else text[:300] + "..."


def parse_export(data: bytes, path: Path) -> ExportFile:
    """Validate every part of an export file; raise ImportProblem (one line) at the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{shown(path)} is not UTF-8 text (bad byte at position {exc.start})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{shown(path)} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ImportProblem(f"{shown(path)} is not valid JSON: nested too deeply") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ImportProblem(f"{shown(path)} is not an imr-tui export (it has no \"format\": \"{FORMAT}\")")
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportProblem(f"{shown(path)}: schema_version should be a whole number, not {version!r:.40}")
    if version > SCHEMA_VERSION:
        raise ImportProblem(f"{shown(path)} was written by a newer imr-tui (export version {version}; this one reads up to "
                            f"{SCHEMA_VERSION}). Please update imr-tui to import it")

    def part(name: str, model: Any) -> Any:
        body = raw.get(name, {})
        try:
            return model.model_validate(body if body is not None else {})
        except ValueError as exc:
            raise ImportProblem(f"{shown(path)}: {name}: {validation_text(exc)}") from None

    def entries(name: str, model: Any) -> list[Any]:
        body = raw.get(name, [])
        if not isinstance(body, list):
            raise ImportProblem(f"{shown(path)}: {name} should be a list")
        out = []
        for n, entry in enumerate(body):
            try:
                out.append(model.model_validate(entry))
            except ValueError as exc:
                raise ImportProblem(f"{shown(path)}: {name}[{n}]: {validation_text(exc)}") from None
        return out

    exported_at = raw.get("exported_at")
    return ExportFile(
        path=path,
        settings=part("settings", Settings),
        profile=part("profile", Profile),
        progress=part("progress", Progress),
        checkins=entries("checkins", CheckIn),
        coping=entries("coping", CopingUse),
        exported_at=exported_at if isinstance(exported_at, str) else "",
    )


def read_export(path: Path) -> ExportFile:
    return parse_export(read_bytes_of(path), path)


@dataclass
class ImportPlan:
    """What importing an export would do (nothing is written to make it)."""

    new_checkins: int
    new_coping: int
    take_settings: bool
    take_profile: bool
    take_progress: bool
    items_to_add: list[str]  # check-in item ids the store lacks (added to its settings)
    skipped: list[str]  # parts kept as they are in the store


def plan_import(store: Store | None, export: ExportFile, replace: bool = False) -> ImportPlan:
    """What importing `export` would change; `store` None stands for a data folder not made yet."""
    if store is None:
        current, profile, progress = Settings(), Profile(), Progress()
        have_checkins: set[str] = set()
        have_coping: set[str] = set()
    else:
        current, profile, progress = store.settings(), store.profile(), store.progress()
        have_checkins = {c.id for c in store.checkins()}
        have_coping = {u.id for u in store.coping_uses()}
    new_checkins = len({c.id for c in export.checkins} - have_checkins)
    new_coping = len({u.id for u in export.coping} - have_coping)
    take_settings = replace or current == Settings()
    take_profile = replace or profile == Profile()
    take_progress = replace or progress == Progress()
    skipped = []
    items_to_add: list[str] = []
    if not take_settings:
        have = {i.id for i in current.items}
        items_to_add = [i.id for i in export.settings.items if i.id not in have]
        if export.settings != current:
            skipped.append("settings")
    if not take_profile and export.profile != profile:
        skipped.append("profile")
    if not take_progress and export.progress != progress:
        skipped.append("progress")
    return ImportPlan(new_checkins, new_coping, take_settings and export.settings != current,
                      take_profile and export.profile != profile, take_progress and export.progress != progress,
                      items_to_add, skipped)


def import_export(store: Store, export: ExportFile, plan: ImportPlan) -> tuple[int, int]:
    """Write what `plan` says (every part was validated by `read_export`). Returns (check-ins added, coping uses added)."""
    added = store.import_checkins(export.checkins) if export.checkins else 0
    added_coping = store.import_coping_uses(export.coping) if export.coping else 0
    if plan.take_settings:
        store.update_settings(lambda _s: export.settings)
    elif plan.items_to_add:
        extra = [i for i in export.settings.items if i.id in plan.items_to_add]

        def add_items(s: Settings) -> Settings:
            have = {i.id for i in s.items}
            s.items.extend(i for i in extra if i.id not in have)
            return s

        store.update_settings(add_items)
    if plan.take_profile:
        store.update_profile(lambda _p: export.profile)
    if plan.take_progress:
        store.update_progress(lambda _p: export.progress)
    return added, added_coping
