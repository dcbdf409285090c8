"""What every importer shares: the one-line problem, reading a file safely, showing values in a message."""

from __future__ import annotations

from pathlib import Path

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
