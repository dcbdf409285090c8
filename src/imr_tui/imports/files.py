"""What every importer shares: the one-line problem, reading a file safely, showing values in a message."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

MAX_BYTES = 512 * 1024 * 1024
MAX_ZIP_ENTRY = 256 * 1024 * 1024  # an entry of a backup archive larger than this is refused (a zip bomb)
ZIP_MAGIC = b"PK\x03\x04"


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
    from imr_tui.paths import FileTooLarge, NotOrdinaryFile, read_ordinary

    if path.is_dir():
        raise ImportProblem(f"{shown(path)} is a folder, not a file")
    try:
        return read_ordinary(path, MAX_BYTES)
    except NotOrdinaryFile as exc:
        raise ImportProblem(f"{shown(path)} cannot be imported: {exc}") from None
    except FileTooLarge:
        raise ImportProblem(f"{shown(path)} is too large to import (the most is {MAX_BYTES // (1024 * 1024)} MB)") from None
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
        if err["type"] == "finite_number":  # NaN or infinity (domain/checkin.py refuses them): say it plainly
            text = (f"{where} " if where else "") + "is not a number" + more
        else:
            text = (f"{where}: " if where else "") + str(err["msg"]) + more
    else:
        text = str(exc)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= 300 else text[:300] + "..."


def line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def decode(data: bytes, path: Path, again: str) -> str:
    """The text of a file: UTF-8 (with or without a BOM) or UTF-16 with a BOM; every line end (LF, CRLF,
    CR, and the \\r\\r\\n some exports write) becomes \\n. `again` says how to get a good file."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportProblem(f"{shown(path)} is not UTF-16 text as its first bytes say; {again}") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportProblem(f"{shown(path)} is not UTF-8 text (bad byte on line {line_of(data, exc.start)}); "
                                f"{again}") from None
    if "\r" in text:
        text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def _codec(data: bytes) -> str:
    return "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


class CsvRows:
    """(line, cells) of each row of a CSV file that is not blank, decoded as it is read (the file's text is
    never held whole). UTF-8 with or without a BOM, or UTF-16 with one; LF, CRLF, CR or \\r\\r\\n line
    ends; a line break inside a quoted cell comes as \\r\\n or \\n (`text.clean` drops the \\r).
    A broken row raises ImportProblem naming it: "row 3 (line 5)", counting the rows after the header
    (set `header` False once the first row turns out to be an entry)."""

    def __init__(self, data: bytes, path: Path, again: str) -> None:
        self.data, self.path, self.again = data, path, again
        self.header = True
        self.reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding=_codec(data), newline=""), strict=True)
        self.rows = 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        while True:
            start = self.reader.line_num + 1
            try:
                cells = next(self.reader)
            except csv.Error as exc:
                row = self.rows + (0 if self.header else 1)
                where = f"row {row} (line {start})" if row else f"line {start}"
                raise ImportProblem(f"{shown(self.path)}: {where}: this is not valid CSV "
                                    f"({' '.join(str(exc).split())})") from None
            except UnicodeDecodeError:
                decode(self.data, self.path, self.again)  # raises, naming the line of the first bad byte
                raise ImportProblem(f"{shown(self.path)} is not UTF-8 text; {self.again}") from None
            if any(cell.strip() for cell in cells):
                self.rows += 1
                return start, cells


def csv_rows(data: bytes, path: Path, again: str) -> CsvRows:
    return CsvRows(data, path, again)


def zip_member(data: bytes, path: Path, wanted: str) -> bytes:
    """The bytes of the entry named `wanted` (its base name, any folder, any case) of a ZIP archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1].lower() == wanted.lower()]
            if not infos:
                raise ImportProblem(f"{shown(path)} is a ZIP archive without {wanted} in it")
            info = infos[0]
            if info.file_size > MAX_ZIP_ENTRY:
                raise ImportProblem(f"{shown(path)}: {wanted} is too large to import")
            with archive.open(info) as member:
                out = member.read(MAX_ZIP_ENTRY + 1)
            if len(out) > MAX_ZIP_ENTRY:
                raise ImportProblem(f"{shown(path)}: {wanted} is too large to import")
            return out
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            ValueError, zlib.error) as exc:
        raise ImportProblem(f"{shown(path)} is not a ZIP archive that can be read ({' '.join(str(exc).split())})"
                            ) from None


def header_of(cells: list[str]) -> list[str]:
    """Column names as a file writes them, compared without case, BOM or extra spaces."""
    return [" ".join(cell.replace("\ufeff", "").split()).lower() for cell in cells]


def shown_header(header: list[str]) -> str:
    return ", ".join(one_line(h, 20) for h in header[:8]) + (", ..." if len(header) > 8 else "")


def load_json(data: bytes, path: Path, again: str) -> object:
    """The JSON in a file, or ImportProblem saying where it breaks."""
    import json

    text = decode(data, path, again)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{shown(path)} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
                            ) from None
    except RecursionError:
        raise ImportProblem(f"{shown(path)} is not valid JSON: nested too deeply") from None
