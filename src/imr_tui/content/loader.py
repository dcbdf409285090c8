"""Load and validate curriculum YAML. Every problem is a ContentError naming file, line and field."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from imr_tui.content.models import Module, ModuleHeader

try:  # the C loader is ten times faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MODULE_FILE = re.compile(r"^(\d\d)-([a-z0-9-]+)\.yaml$")
MAX_FILE_BYTES = 2_000_000


class ContentError(Exception):
    """A curriculum file is missing, unreadable or does not match the schema."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, field: str | None = None):
        message = " ".join(message.split())  # always one line, whatever PyYAML or pydantic said
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        where = str(self.path) + (f":{line}" if line else "")
        what = f" [{field}]" if field else ""
        super().__init__(f"{where}{what}: {message}")


@dataclass(frozen=True)
class ModuleEntry:
    """One row of the module index: the header plus the file it came from."""

    header: ModuleHeader
    path: Path
    lesson_ids: tuple[str, ...] = ()  # read by a quick scan of the file; checked against the full load

    @property
    def number(self) -> int:
        return self.header.number

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def title(self) -> str:
        return self.header.title


def _read_text(path: Path) -> str:
    from imr_tui.paths import FileTooLarge, NotOrdinaryFile, read_ordinary

    try:
        return read_ordinary(path, MAX_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text (byte {exc.start})") from None
    except (NotOrdinaryFile, FileTooLarge) as exc:
        raise ContentError(path, str(exc)) from None
    except OSError as exc:
        raise ContentError(path, f"cannot read file: {exc.strerror or exc}") from None


def _reader_error(path: Path, text: str, exc: yaml.reader.ReaderError) -> ContentError:
    """A character YAML does not allow (a control character, say), with its line."""
    line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
    return ContentError(path, f"invalid YAML: {exc.reason} (character {exc.character!r})", line=line)


def _compose(path: Path, text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(path, text, exc) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(path, f"invalid YAML: {problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(path, "invalid YAML: nested too deeply") from None


def _bad_scalar_line(root: yaml.Node | None) -> int | None:
    """The line of the first scalar PyYAML cannot construct (e.g. `!!int ""`), if any."""
    if root is None:
        return None
    loader = _Loader("")
    try:
        stack: list[yaml.Node] = [root]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:  # aliases can make the node graph cyclic
                continue
            seen.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except Exception:
                    return node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.MappingNode):
                for key, value in reversed(node.value):
                    stack.extend((value, key))
        return None
    finally:
        loader.dispose()


def _construct(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    node = _compose(path, text)
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ContentError(path, f"invalid YAML: {exc.problem or exc.context or exc}",
                           line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(path, "invalid YAML: nested too deeply") from None
    except Exception as exc:
        # PyYAML's constructors raise bare ValueError, IndexError, KeyError or AttributeError on
        # values that do not fit an explicit tag, e.g. `!!int ""`, `!!bool maybe`, `!!timestamp x`.
        detail = f": {exc}" if isinstance(exc, ValueError) else ""
        raise ContentError(path, f"invalid YAML: a value does not fit its tag{detail}", line=_bad_scalar_line(node)) from None
    return data, node


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Read and parse a YAML file: the data and its node tree (for line numbers), or a ContentError."""
    return _construct(path, _read_text(path))


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    nxt = value
                    break
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def field_name(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, str) and not part.isprintable():
            part = repr(part)  # a key with a line break in it: the message stays on one line
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _errors(path: Path, node: yaml.Node | None, exc: ValidationError) -> list[ContentError]:
    found: list[ContentError] = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if isinstance(p, (int, str))]
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        found.append(ContentError(path, msg, line=line_of(node, loc), field=field_name(loc)))
    return found


class ContentErrors(ContentError):
    """Several problems in one file; str() lists them all, one a line."""

    def __init__(self, problems: list[ContentError]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.path, first.message, first.line, first.field)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


M = TypeVar("M", bound=ModuleHeader)


def _check_name(path: Path, module: ModuleHeader) -> None:
    match = MODULE_FILE.match(path.name)
    if not match:
        raise ContentError(path, "file name must look like NN-slug.yaml, e.g. 01-recovery-strategies.yaml")
    if int(match.group(1)) != module.number:
        raise ContentError(path, f"file name says module {int(match.group(1))} but the file says {module.number}", field="number")


def _validated(path: Path, text: str, model: type[M]) -> M:
    """Read YAML text as one `model` (the whole module, or just its header), with errors that name the line."""
    data, node = _construct(path, text)
    if not isinstance(data, dict):
        raise ContentError(path, f"the file must hold a mapping of keys, not {type(data).__name__}", line=1)
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        raise ContentErrors(_errors(path, node, exc)) from None
    _check_name(path, value)
    return value


def load_module(path: Path) -> Module:
    """Load and fully validate one module file."""
    return _validated(path, _read_text(path), Module)


_LESSON_ID = re.compile(r"^  - id:\s*['\"]?([a-z0-9][a-z0-9-]*)['\"]?\s*$", flags=re.MULTILINE)


def scan_lesson_ids(text: str) -> tuple[str, ...]:
    """Lesson ids from a module file without parsing its lessons (top-level items of `lessons:`).

    Relies on the layout every module uses (lessons indented two spaces); `content check` and the
    tests compare the result with a full load, so a file laid out differently is caught.
    """
    match = re.search(r"^lessons\s*:", text, flags=re.MULTILINE)
    return tuple(_LESSON_ID.findall(text[match.end():])) if match else ()


def _header_text(text: str) -> str:
    """The part of a module file before the `lessons:` key."""
    match = re.search(r"^lessons\s*:", text, flags=re.MULTILINE)
    return text[: match.start()] if match else text


def load_header(path: Path) -> ModuleHeader:
    """Read only the header of a module file (fast: lessons are not parsed)."""
    return _load_header_and_ids(path)[0]


def _load_header_and_ids(path: Path) -> tuple[ModuleHeader, tuple[str, ...]]:
    text = _read_text(path)
    return _parse_header(path, text), scan_lesson_ids(text)


def _parse_header(path: Path, text: str) -> ModuleHeader:
    return _validated(path, _header_text(text), ModuleHeader)


def module_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ContentError(folder, "folder not found")
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and not p.name.startswith("."))


def load_index(folder: Path) -> list[ModuleEntry]:
    """The module index, in module order. Lessons load later, when a module is opened."""
    entries = []
    for path in module_files(folder):
        header, lesson_ids = _load_header_and_ids(path)
        entries.append(ModuleEntry(header, path, lesson_ids))
    entries.sort(key=lambda e: e.number)
    numbers = [e.number for e in entries]
    for entry in entries:
        if numbers.count(entry.number) > 1:
            raise ContentError(entry.path, f"module number {entry.number} is used by more than one file", field="number")
    return entries


def check_folder(folder: Path) -> list[ContentError]:
    """Validate every module in a folder fully; returns every problem found (empty when all is well)."""
    problems: list[ContentError] = []
    try:
        files = module_files(folder)
    except ContentError as exc:
        return [exc]
    if not files:
        return [ContentError(folder, "no module files (NN-slug.yaml) found")]
    seen: dict[int, Path] = {}
    for path in files:
        try:
            module = load_module(path)
        except ContentErrors as exc:
            problems.extend(exc.problems)
            continue
        except ContentError as exc:
            problems.append(exc)
            continue
        scanned = scan_lesson_ids(_read_text(path))
        if scanned != tuple(lesson.id for lesson in module.lessons):
            problems.append(ContentError(path, "lay out lessons as '  - id: slug' (two spaces, dash, id first) so the "
                                               "index can list them without loading the file", field="lessons"))
        if module.number in seen:
            other = seen[module.number].name
            problems.append(ContentError(path, f"module number {module.number} is also used by {other}", field="number"))
        seen[module.number] = path
    return problems


def json_schema() -> str:
    return json.dumps(Module.model_json_schema(), indent=2)


class Curriculum:
    """The module index, with modules loaded (and cached) when first opened."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index: list[ModuleEntry] = load_index(folder)
        self._by_id = {e.id: e for e in self.index}

    def entry(self, module_id: str) -> ModuleEntry:
        try:
            return self._by_id[module_id]
        except KeyError:
            raise ContentError(self.folder, f"no module with id {module_id!r}") from None

    def module(self, module_id: str) -> Module:
        return _load_cached(self.entry(module_id).path)

    def modules(self) -> Iterable[Module]:
        for entry in self.index:
            yield self.module(entry.id)


@lru_cache(maxsize=32)
def _load_cached(path: Path) -> Module:
    return load_module(path)
