"""Past entries that speak of wanting to die: imported like every other entry, and the person is shown,
once and gently, where crisis help is.

The words are looked for in mood names and notes, in English, Polish, German, Spanish and Greek, with
accents, case and punctuation ignored ("wannadie", "wanna-die" and "Wanna die" are one; "want to diet" is not). A match
changes nothing in what is imported; it only adds the notice. The same check serves the CLI and the
import screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.imports.dates import fold

if TYPE_CHECKING:
    from imr_tui.domain.settings import Settings

# on text as `_words` leaves it: no accents, lower case, words of letters split by single spaces
PHRASES = (
    r"suicid\w*", r"kill(?:ing)? my ?self", r"want(?:s|ed)? to die", r"wanna ?die", r"wish i (?:was|were) dead",
    r"better off dead", r"end(?:ing)? my (?:own )?life", r"take my (?:own )?life", r"no reason to live",
    r"(?:don ?t|do not|didn ?t) want to (?:live|be alive|be here anymore)",
    r"samoboj\w*", r"chce umrzec", r"zabic sie", r"zabije sie", r"nie chce zyc",  # Polish
    r"suizid\w*", r"selbstmord\w*", r"will sterben", r"mochte sterben", r"(?:mich|selbst) umbringen",  # German
    r"nicht mehr leben",
    r"quiero morir\w*", r"matarme", r"no quiero vivir", r"quitarme la vida",  # Spanish
    r"αυτοκτον\w*", r"θελω να πεθανω",  # Greek
)
_PATTERN = re.compile(r"\b(?:" + "|".join(PHRASES) + r")\b")

NOTICE = ("Some of these past entries talk about wanting to die. They are brought in like all the others.",
          "If you feel that way now, you do not have to face it alone. You can reach someone now:")
IN_APP = "In imr-tui, F2 opens crisis help on any screen."


_NOT_LETTERS = re.compile(r"[^a-z]+")


def _words(text: str) -> str:
    if text.isascii():
        return _NOT_LETTERS.sub(" ", text.lower()).strip()
    return " ".join("".join(ch if ch.isalpha() else " " for ch in fold(text)).split())


def speaks_of_dying(*texts: str) -> bool:
    """True when any of the texts speaks of wanting to die."""
    return any(text and _PATTERN.search(_words(text)) for text in texts)


def crisis_lines(settings: Settings, content: Path | None = None) -> list[str]:
    """Where help is for the person's country (Settings), one way to reach it a line."""
    from imr_tui import paths
    from imr_tui.content.crisis import Country, load_crisis_lines
    from imr_tui.content.loader import ContentError

    local = settings.local_emergency.strip()
    try:
        lines = load_crisis_lines(paths.crisis_lines_file(content))
    except ContentError:
        return [f"  In danger now: call {local or 'your local emergency number'}."]
    entry = lines.for_country(settings.country)
    if isinstance(entry, Country):
        out = [f"  In danger now: call {entry.emergency} ({entry.name})."]
    else:
        out = [f"  In danger now: call {local or 'your local emergency number'}."]
    for line in entry.lines[:3]:
        out.append(f"  {line.name}: {line.how}")
    return out


def notice(settings: Settings, content: Path | None = None) -> list[str]:
    """The notice, to show once: a few kind words, the lines for the person's country, and F2."""
    return [*NOTICE, *crisis_lines(settings, content), IN_APP]
