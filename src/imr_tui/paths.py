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


# ------------------------------------------------------------------ reading a file the person named
class NotOrdinaryFile(OSError):
    """A named pipe, a device, a socket or a folder where a file was expected (`str()` says which)."""


class FileTooLarge(OSError):
    """A file over the size limit of what reads it."""


def file_kind(mode: int) -> str:
    """What a file of this mode is, in words; "" for an ordinary file."""
    import stat

    kinds = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))
    return next((words for test, words in kinds if test(mode)), "" if stat.S_ISREG(mode) else "not an ordinary file")


def read_ordinary(path: Path, limit: int) -> bytes:
    """The bytes of an ordinary file (a link to one is followed), never waiting on what is not one: a named
    pipe, a device, a socket or a folder raises NotOrdinaryFile, a file over `limit` bytes FileTooLarge,
    and the rest OSError as usual. Opened without blocking and checked again once open."""
    kind = file_kind(path.stat().st_mode)
    if kind:
        raise NotOrdinaryFile(f"it is {kind}, not an ordinary file")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        kind = file_kind(st.st_mode)
        if kind:
            raise NotOrdinaryFile(f"it is {kind}, not an ordinary file")
        if st.st_size > limit:
            raise FileTooLarge(f"it is too large ({st.st_size} bytes; the limit is {limit})")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(f"it is too large (over {limit} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
