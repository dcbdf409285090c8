"""Crisis, alcohol and drug, and poison lines by country, from content/crisis-lines.yaml.

Every line says when it was last checked against its service (`checked`, or null when nobody has
checked it yet) and where it comes from (`source`). Phone numbers are digits and single spaces only,
so the screen can keep each one whole; "text HOME to 741741" is `text: "741741"` with `text_word: HOME`.
Every problem is a one-line ContentError naming the file and the field.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from imr_tui.content.loader import ContentError, field_name, line_of, read_yaml

PHONE = re.compile(r"[0-9]+( [0-9]+)*")
WEB = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+(/[A-Za-z0-9._~/-]*)?")
COUNTRY_CODE = r"^[A-Z]{2}$"  # the code Settings saves (US, GB, ...); "OTHER" is not one: it means somewhere else


def _quoted(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError("write phone numbers in quotes, e.g. \"000\" (unquoted, YAML reads them as numbers)")
    return value


def _phone(value: str) -> str:
    if not PHONE.fullmatch(value):
        raise ValueError(f"{value!r} is not a phone number: use digits and single spaces only, "
                         "e.g. \"1 800 662 4357\" (no dashes, brackets or words)")
    return value


def _web(value: str) -> str:
    if not WEB.fullmatch(value):
        raise ValueError(f"{value!r} is not a web address like findahelpline.com (no https://, no spaces)")
    return value


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value


Phone = Annotated[str, BeforeValidator(_quoted), StringConstraints(max_length=24), AfterValidator(_phone)]
Web = Annotated[str, StringConstraints(max_length=200), AfterValidator(_web)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
CountryCode = Annotated[str, StringConstraints(pattern=COUNTRY_CODE)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmergencyNumber(_Strict):
    number: Phone
    note: Note = ""  # e.g. "from a mobile", "medical", "ambulance"

    def __str__(self) -> str:
        return f"{self.number} ({self.note})" if self.note else self.number


class Line(_Strict):
    """One crisis, alcohol and drug or poison line: at least one number to call or text, or a web address."""

    name: Text
    call: Annotated[list[Phone], BeforeValidator(_one_or_many)] = Field(default_factory=list, max_length=4)
    text: Phone | None = None  # the number to send a text message to
    text_word: Text | None = None  # what to write in the message, e.g. HOME
    web: Web | None = None
    note: Note = ""  # e.g. "free, 24/7"
    checked: date | None = Field(description="When someone last checked this line with its service; null if nobody has.")
    source: Text = Field(description="Where the line comes from, or where it was checked.")

    @model_validator(mode="after")
    def _reachable(self) -> Line:
        if not (self.call or self.text or self.web):
            raise ValueError("a line needs a number to call, a number to text, or a web address")
        if self.text_word and not self.text:
            raise ValueError("text_word needs the number to send it to in text:")
        return self

    def ways(self) -> list[str]:
        """How to reach the line, one way per item, each number whole: "Call 116 123", "or 0800 111 0 222"."""
        out: list[str] = []
        both = self.text is not None and self.call == [self.text] and not self.text_word
        for n, number in enumerate(self.call):
            out.append(f"{'Call or text' if both else 'Call' if n == 0 else 'or'} {number}")
        if self.text and not both:
            out.append(f"Text {self.text_word} to {self.text}" if self.text_word else f"Text {self.text}")
        if self.web:
            out.append(f"Go to {self.web}")
        return out

    @property
    def how(self) -> str:
        """All the ways in one sentence, with the note: "Call 116 123 (free, 24/7)"."""
        ways = ", ".join(self.ways())
        return f"{ways} ({self.note})" if self.note else ways


class Country(_Strict):
    name: Text
    emergency_numbers: list[EmergencyNumber] = Field(alias="emergency", min_length=1, max_length=4)
    lines: list[Line] = Field(default_factory=list)
    alcohol_and_drugs: list[Line] = Field(default_factory=list)

    @property
    def emergency(self) -> str:
        """The emergency numbers in words: "999 or 112", "10111 or 112 (from a mobile)"."""
        return " or ".join(str(n) for n in self.emergency_numbers)

    @property
    def overdose_number(self) -> str:
        """The number to call for an overdose: the first emergency number."""
        return self.emergency_numbers[0].number


class Elsewhere(_Strict):
    """For a place not in the list: how to find its lines (a directory address) and the local emergency number."""

    name: Text
    lines: list[Line] = Field(min_length=1)

    @property
    def emergency(self) -> str:
        return "your local emergency number"

    @property
    def alcohol_and_drugs(self) -> list[Line]:
        return []


class CrisisLines(_Strict):
    countries: dict[CountryCode, Country] = Field(min_length=1)
    other: Elsewhere

    def for_country(self, code: str) -> Country | Elsewhere:
        return self.countries.get(code.upper(), self.other)

    def lines(self) -> list[Line]:
        """Every line in the file (for checks and tests)."""
        return [*(x for c in self.countries.values() for x in (*c.lines, *c.alcohol_and_drugs)), *self.other.lines]


def load_crisis_lines(path: Path) -> CrisisLines:
    data, node = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, f"the file must hold a mapping of keys, not {type(data).__name__}", line=1)
    try:
        return CrisisLines.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        err = errors[0]
        msg = err["msg"].removeprefix("Value error, ")
        loc = [p for p in err["loc"] if isinstance(p, (int, str))]
        if loc[-1:] == ["[key]"]:  # a key of `countries:` that is not a country code
            loc = loc[:-1]
            msg = f"{loc[-1]!r} is not a country code: use two capital letters, e.g. GB"
        if len(errors) > 1:
            msg += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        raise ContentError(path, " ".join(msg.split()), line=line_of(node, loc),
                           field=" ".join(field_name(loc).split())) from None


def check_crisis_file(path: Path) -> list[str]:
    """For `content check`: the problem with the file, if any, as one line (an empty list when it is fine)."""
    try:
        load_crisis_lines(path)
    except ContentError as exc:
        return [str(exc)]
    return []
