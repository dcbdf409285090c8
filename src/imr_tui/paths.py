"""Every filesystem location imr-tui uses, in one place.

Nothing here touches the disk at import time. `IMR_TUI_HOME` overrides the data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "IMR_TUI_HOME"
APP_NAME = "imr-tui"


def data_dir() -> Path:
    """The folder holding the person's data (not created here)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def content_dir() -> Path:
    """The curriculum: shipped inside the wheel as imr_tui/_content, or the source tree's content/."""
    shipped = package_dir() / "_content"
    if shipped.is_dir():
        return shipped
    return package_dir().parent.parent / "content"


def modules_dir(content: Path | None = None) -> Path:
    return (content or content_dir()) / "modules"


def crisis_lines_file(content: Path | None = None) -> Path:
    return (content or content_dir()) / "crisis-lines.yaml"


def help_dir() -> Path:
    return package_dir() / "tui" / "help"


def fonts_dir() -> Path:
    """The fonts the PDFs embed (DejaVu Sans, with its license), shipped inside the package."""
    return package_dir() / "fonts"
