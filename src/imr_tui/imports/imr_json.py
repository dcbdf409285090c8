"""Read imr-tui's own JSON export back (`imr-tui import json FILE`): FORMAT, registered in imports/registry.py.

The file (written by imr_tui.export.json_export) holds everything: settings, profile, progress,
check-ins and coping uses, each with the shape it has in the data folder (docs/store.md).
`read_export` validates every part before anything is written; `import_export` then merges
check-ins and coping uses by id, and takes the settings, profile and progress only where the
store has none yet (or when asked to replace them).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import Profile
from imr_tui.domain.progress import Progress
from imr_tui.domain.settings import Settings
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.files import ImportProblem, read_bytes_of, shown, validation_text
from imr_tui.store.exchange import EXPORT_FORMAT, EXPORT_VERSION
from imr_tui.store.store import Store


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
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise ImportProblem(f"{shown(path)} is not an imr-tui export (it has no \"format\": \"{EXPORT_FORMAT}\")")
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportProblem(f"{shown(path)}: schema_version should be a whole number, not {version!r:.40}")
    if version > EXPORT_VERSION:
        raise ImportProblem(f"{shown(path)} was written by a newer imr-tui (export version {version}; this one reads up to "
                            f"{EXPORT_VERSION}). Please update imr-tui to import it")

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
    settings = part("settings", Settings)
    checkins = entries("checkins", CheckIn)
    _check_values(path, checkins, settings)
    return ExportFile(
        path=path,
        settings=settings,
        profile=part("profile", Profile),
        progress=part("progress", Progress),
        checkins=checkins,
        coping=entries("coping", CopingUse),
        exported_at=exported_at if isinstance(exported_at, str) else "",
    )


def _check_values(path: Path, checkins: list[CheckIn], settings: Settings) -> None:
    """Every value on its item's scale where the file's settings name the item (as `imr-tui checkin` checks
    it). NaN and infinity never get this far: CheckIn refuses them (domain/checkin.py)."""
    items = {i.id: i for i in settings.items}
    for n, c in enumerate(checkins):
        for key, value in c.values.items():
            item = items.get(key)
            if item is not None:
                try:
                    item.check_value(value)
                except ValueError as exc:
                    raise ImportProblem(f"{shown(path)}: checkins[{n}]: {exc}") from None


def read_export(path: Path) -> ExportFile:
    return parse_export(read_bytes_of(path), path)


@dataclass
class ExportParts:
    """What importing an export would do (nothing is written to make it)."""

    new_checkins: int
    new_coping: int
    take_settings: bool
    take_profile: bool
    take_progress: bool
    items_to_add: list[str]  # check-in item ids the store lacks (added to its settings)
    skipped: list[str]  # parts kept as they are in the store


def plan_import(store: Store | None, export: ExportFile, replace: bool = False) -> ExportParts:
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
    take_settings = replace or current.as_they_come()
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
    return ExportParts(new_checkins, new_coping, take_settings and export.settings != current,
                       take_profile and export.profile != profile, take_progress and export.progress != progress,
                       items_to_add, skipped)


def import_parts(store: Store, export: ExportFile, plan: ExportParts) -> None:
    """Write the settings, profile and progress as `plan` says (every part was validated by `read_export`).
    The check-ins and coping uses are written by ImportPlan.write, merged by id."""
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


# ------------------------------------------------------------------- the import format
def _part_lines(plan: ExportParts, dry_run: bool) -> list[str]:
    lines = []
    for part, taken in (("settings", plan.take_settings), ("profile", plan.take_profile),
                        ("progress", plan.take_progress)):
        if taken:
            lines.append(f"{part.capitalize()}: {'would be ' if dry_run else ''}taken from the file.")
        elif part in plan.skipped:
            verb = "are" if part == "settings" else "is"
            lines.append(f"{part.capitalize()}: this data folder has its own, so the file's {part} {verb} skipped "
                         "(use --replace-profile to take the file's).")
        else:
            lines.append(f"{part.capitalize()}: the same in the file and here.")
    if plan.items_to_add:
        added_to = "would be added" if dry_run else "added"
        lines.append(f"Check-in items {added_to} to your settings: {', '.join(plan.items_to_add)}.")
    return lines


class ImrJson:
    name = "json"
    description = "an imr-tui JSON export (to move to another machine)"
    details = ("Check-ins and coping uses are added (merged by id). Settings, profile and progress are taken only "
               "when this data folder has none yet, unless --replace-profile is given.")
    file_help = "the file 'imr-tui export --json' wrote"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--replace-profile", action="store_true",
                            help="replace this data folder's settings, profile and progress with the file's")

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        export = read_export(path)
        parts = plan_import(target.store, export, bool(options.get("replace_profile")))
        span = export.date_range()
        made = f" (made {export.exported_at[:16].replace('T', ' ')})" if export.exported_at else ""
        when = f", from {span[0].isoformat()} to {span[1].isoformat()}" if span else ""
        return ImportPlan(
            source=f"imr-tui export: {shown(path)}{made}",
            lines=[f"Check-ins: {len(export.checkins)}{when}; {parts.new_checkins} new.",
                   f"Coping uses: {len(export.coping)}; {parts.new_coping} new.",
                   *_part_lines(parts, dry_run)],
            checkins=export.checkins,
            coping=export.coping,
            changes=bool(parts.new_checkins or parts.new_coping or parts.take_settings or parts.take_profile
                         or parts.take_progress or parts.items_to_add),
            unchanged="Everything in this file is already here; nothing was changed.",
            done="Imported {checkins} check-ins and {coping} coping uses into {root}.",
            also=lambda store: import_parts(store, export, parts),
        )


FORMAT = ImrJson()
