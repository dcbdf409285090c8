"""Text from other apps made fit to keep: control characters out, HTML notes as plain text, tags cut to size.

Shared by every importer, so a note or a tag is cleaned the same way whichever app it came from.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

MAX_TAG = 40  # CheckIn.tags: each tag is at most 40 characters
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote)\s*>", re.IGNORECASE)
_ITEM = re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")
_BLANKS = re.compile(r"\n{3,}")


_CONTROL = {code: None for code in (*range(32), *range(127, 160)) if chr(code) not in "\n\t"}


def clean(text: str) -> str:
    """Text without control characters (NUL and the like), keeping line breaks and tabs."""
    if text.isprintable():
        return text
    return text.translate(_CONTROL)


def looks_like_html(text: str) -> bool:
    return ("<" in text and _TAG.search(text) is not None) or ("&" in text and _ENTITY.search(text) is not None)


def plain(text: str) -> str:
    """A note as the person wrote it: HTML from an app's editor (<br>, <p>, &nbsp;) becomes plain text with
    its line breaks; control characters are dropped; no-break spaces become spaces; no line ends in spaces."""
    if looks_like_html(text):
        text = _BREAK.sub("\n", text)
        text = _ITEM.sub("• ", text)
        text = _TAG.sub("", text)
        text = html.unescape(text)
    text = clean(text).replace("\u00a0", " ")
    if " \n" in text or text.endswith(" "):
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return (_BLANKS.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def tag(text: str) -> str:
    """One tag: spaces squeezed, control characters out, cut to MAX_TAG characters ("" for nothing)."""
    return " ".join(clean(text).split())[:MAX_TAG].strip()


def tags(parts: Iterable[str], into: list[str] | None = None) -> list[str]:
    """Tags in order, each once (added to `into` when given)."""
    out = into if into is not None else []
    for part in parts:
        t = tag(part)
        if t and t not in out:
            out.append(t)
    return out


def flat(text: str, limit: int = 60) -> str:
    """Text on one line, cut to `limit` characters (for a dry run or a reminder)."""
    one = " ".join(clean(text).split())
    return one if len(one) <= limit else one[: limit - 3].rstrip() + "..."


def join_note(*parts: str) -> str:
    """Parts of a note, a blank line between them; empty parts left out."""
    return "\n\n".join(p for p in parts if p)
