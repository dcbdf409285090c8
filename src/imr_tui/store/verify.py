"""`imr-tui verify`: read every file fully and list every problem. It only reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.store.files import StoreError, lexists, odd_kind
from imr_tui.store.sync import problems as sync_problems

if TYPE_CHECKING:
    from imr_tui.store.store import Store


def file_problem(store: Store, path: Path) -> StoreError | None:
    """Load one data file (or a copy of one, e.g. in a backup) fully. None when good, else the error (a
    NewerVersionError for a file from a newer imr-tui)."""
    from imr_tui.store.months import CheckInMonth, CopingMonth

    probe = type(store)(store.root, lock_timeout=store.lock_timeout, codec=store.codec)  # no shared cache
    name = path.name.removesuffix(store.codec.suffix) if store.codec.suffix else path.name
    parent = path.parent.name
    try:
        if parent == "checkins":
            CheckInMonth.load(probe, path)
        elif parent == "coping":
            CopingMonth.load(probe, path)
        elif name == "manifest.json":
            from imr_tui.domain.settings import Settings

            probe._model_file(path, "manifest", lambda body: Settings.model_validate(body.get("settings", {})))
        elif name == "profile.json":
            from imr_tui.domain.profile import Profile

            probe._model_file(path, "profile", Profile.model_validate)
        elif name == "progress.json":
            from imr_tui.domain.progress import Progress

            probe._model_file(path, "progress", Progress.model_validate)
        else:
            return None
    except StoreError as exc:
        return exc
    return None


def check_file(store: Store, path: Path) -> str | None:
    """file_problem in one line (None when good)."""
    problem = file_problem(store, path)
    return None if problem is None else problem.message


def folder_problems(store: Store) -> list[str]:
    """Something else where one of the data folder's folders should be (a file in place of checkins/)."""
    problems = []
    for folder in (store.checkins_dir, store.coping_dir, store.backups_dir, store.quarantine_dir):
        if lexists(folder) and not folder.is_dir():
            problems.append(f"{folder} is {odd_kind(folder) or 'a file'}, not a folder: imr-tui cannot keep "
                            f"{folder.name} there (move it aside)")
    return problems


def verify(store: Store) -> tuple[int, list[str]]:
    """(files checked, problems). Problems include data files the newest backup has that the folder lacks
    (lost by a crash or by hand: `imr-tui restore` brings them back) and files others can read."""
    from imr_tui.store.backup import missing_files

    problems: list[str] = folder_problems(store)
    files = store.data_files()
    if not lexists(store.manifest_path):
        problems.append(f"{store.manifest_path} is missing")
    for path in files:
        problem = check_file(store, path)
        if problem:
            problems.append(problem)
    for rel, backup in missing_files(store):
        if rel.name != store.manifest_path.name:
            problems.append(f"{store.root / rel} is missing, but backup {backup.name} has it")
    problems.extend(store.permission_problems())
    problems.extend(sync_problems(store))  # conflict copies not merged, choices waiting (docs/sync.md)
    return len(files), problems
