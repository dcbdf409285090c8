"""`imr-tui verify`: read every file fully and list every problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.store.files import StoreError
from imr_tui.store.sync import problems as sync_problems

if TYPE_CHECKING:
    from imr_tui.store.store import Store


def check_file(store: Store, path: Path) -> str | None:
    """Load one data file (or a copy of one, e.g. in a backup) fully. None when good, else the problem."""
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
        return exc.message
    return None


def verify(store: Store) -> tuple[int, list[str]]:
    """(files checked, problems). Problems include files others can read."""
    problems: list[str] = []
    files = store.data_files()
    for path in files:
        problem = check_file(store, path)
        if problem:
            problems.append(problem)
    problems.extend(store.permission_problems())
    problems.extend(sync_problems(store))  # conflict copies not merged, choices waiting (docs/sync.md)
    return len(files), problems
