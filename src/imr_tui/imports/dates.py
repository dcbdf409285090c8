"""Dates and times as other apps write them: "20:35", "9:23 PM", "June 22", "7 września", "16 de octubre",
"22nd Sep 2020", "September 5, 2015".

Month names are read in English, Polish, German, Spanish, French, Italian, Portuguese, Dutch, Greek and
Russian, in full or shortened to any start that belongs to one month only ("Sep", "paź", "Dez").
Every function raises ValueError for text it cannot read; the importer names the row.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from functools import cache

_MONTHS = (
    # one line a month: every spelling, any language (accents do not matter)
    "january jan styczeń stycznia januar jänner enero janvier gennaio janeiro januari "
    "ιανουάριος ιανουαρίου январь января",
    "february luty lutego februar febrero février febbraio fevereiro februari φεβρουάριος φεβρουαρίου февраль февраля",
    "march marzec marca märz marzo mars maart março μάρτιος μαρτίου март марта",
    "april kwiecień kwietnia abril avril aprile απρίλιος απριλίου апрель апреля",
    "may maj maja mai mayo maggio maio mei μάιος μαΐου μαίου май мая",
    "june czerwiec czerwca juni junio juin giugno junho ιούνιος ιουνίου июнь июня",
    "july lipiec lipca juli julio juillet luglio julho ιούλιος ιουλίου июль июля",
    "august sierpień sierpnia agosto août augustus αύγουστος αυγούστου август августа",
    "september sept wrzesień września septiembre setiembre septembre settembre setembro σεπτέμβριος σεπτεμβρίου "
    "сентябрь сентября",
    "october październik października oktober octubre octobre ottobre outubro οκτώβριος οκτωβρίου октябрь октября",
    "november listopad listopada noviembre novembre novembro νοέμβριος νοεμβρίου ноябрь ноября",
    "december grudzień grudnia dezember diciembre décembre dicembre dezembro δεκέμβριος δεκεμβρίου декабрь декабря",
)
_TIME = re.compile(r"^([0-9]{1,2})[:.h]([0-9]{2})(?:[:.]([0-9]{2}))?\s*(am|pm)?$")
_AM_PM = re.compile(r"([ap])\.\s*m\.?$")
_ORDINAL = re.compile(r"^([0-9]{1,4})(?:st|nd|rd|th|º|ª|er|e|\.)?$")
_SPLIT = re.compile(r"[\s,./\-]+")


def fold(word: str) -> str:
    """A word without accents or case, so "Września", "wrzesnia" and "WRZEŚNIA" are the same."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _month_words() -> dict[str, int]:
    """Every spelling, and every start of 3 or more letters that belongs to one month only -> the month."""
    full: dict[str, int] = {}
    for month, names in enumerate(_MONTHS, 1):
        for name in names.split():
            full[fold(name)] = month
    starts: dict[str, int] = {}
    for name, month in full.items():
        for n in range(3, len(name)):
            starts[name[:n]] = month if starts.get(name[:n], month) == month else 0
    return {**{k: v for k, v in starts.items() if v}, **full}


def month_of(word: str) -> int | None:
    return _month_words().get(fold(word).rstrip("."))


def parse_time(text: str) -> time:
    """20:30, 8:30 PM, 8:30pm, 08:30 p.m., 10:00 pm -> a time; raises ValueError."""
    s = _AM_PM.sub(r"\1m", " ".join(text.split()).lower())
    m = _TIME.match(s)
    if not m:
        raise ValueError("not a time")
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    half = m.group(4)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("not a time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute, second)  # raises ValueError for 25:00 or 10:61


def _parts(text: str) -> tuple[list[int], list[int]]:
    """The numbers and the months named in a date."""
    numbers: list[int] = []
    months: list[int] = []
    for token in _SPLIT.split(text.strip()):
        if not token:
            continue
        m = _ORDINAL.match(token.lower())
        if m:
            numbers.append(int(m.group(1)))
        elif (month := month_of(token)) is not None:
            months.append(month)
        # other words ("de", "of", a weekday) say nothing about the date
    return numbers, months


def parse_day_month(text: str) -> tuple[int, int]:
    """ "June 22", "7 września", "16 de octubre", "22. Juni" -> (month, day); raises ValueError."""
    numbers, months = _parts(text)
    if len(months) != 1 or len(numbers) != 1 or not 1 <= numbers[0] <= 31:
        raise ValueError("not a day and month")
    return months[0], numbers[0]


def parse_named_date(text: str) -> date:
    """2020-09-22, "22nd Sep 2020", "September 5, 2015", "5 września 2015" -> a date; raises ValueError."""
    s = text.strip()
    if len(s) == 10 and s[4] == "-" and s[7] == "-":
        return date.fromisoformat(s)
    numbers, months = _parts(s)
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 1000]
    if len(months) != 1 or len(years) != 1 or len(days) != 1:
        raise ValueError("not a date")
    return date(years[0], months[0], days[0])
