"""Crisis lines by country, from content/crisis-lines.yaml (with a last-verified date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from imr_tui.content.loader import ContentError


class CrisisLine(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str = Field(min_length=1)
    how: str = Field(min_length=1)


class CountryLines(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str = ""
    emergency: str
    lines: list[CrisisLine] = Field(default_factory=list)


class CrisisLines(BaseModel):
    model_config = ConfigDict(frozen=True)
    last_verified: date
    countries: dict[str, CountryLines]
    other: CountryLines

    def for_country(self, code: str) -> CountryLines:
        return self.countries.get(code.upper(), self.other)


def load_crisis_lines(path: Path) -> CrisisLines:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(path, f"cannot read file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, f"invalid YAML: {getattr(exc, 'problem', exc)}",
                           line=mark.line + 1 if mark else None) from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise ContentError(path, "invalid YAML: nested too deeply") from None
    except Exception:  # PyYAML raises bare IndexError/KeyError/... on values that do not fit a tag, e.g. `!!int ""`
        raise ContentError(path, "invalid YAML: a value does not fit its tag") from None
    try:
        return CrisisLines.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise ContentError(path, err["msg"], field=".".join(str(p) for p in err["loc"])) from None
