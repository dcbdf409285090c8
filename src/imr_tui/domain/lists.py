"""The three ways a list of records in the person's files changes, defined once.

- replace: the new entry takes the place of every entry that is the same (it goes last), e.g. a
  lesson answer given again.
- upsert: the new entry takes the place of the first entry that is the same, where it stands, or
  is added at the end, e.g. a self-check saved again after each answer.
- add_once: the new entry is added unless one that is the same is already there; either way the
  entry in the list is returned, e.g. a trigger typed in the coping log.

"The same" is a function of (old, new). Texts the person typed are the same when they differ only
in case and spacing (`same_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
Same = Callable[[T, T], bool]


def text_key(text: str) -> str:
    """What two texts are compared by: single spaces, no case ("Go  for a Walk" -> "go for a walk")."""
    return " ".join(text.split()).casefold()


def same_text(a: str, b: str) -> bool:
    return text_key(a) == text_key(b)


def find(items: Iterable[T], item: T, same: Same[T]) -> T | None:
    """The first entry that is the same as `item`, or None."""
    return next((old for old in items if same(old, item)), None)


def replace(items: list[T], item: T, same: Same[T]) -> None:
    """Remove every entry that is the same as `item`, then append it."""
    items[:] = [old for old in items if not same(old, item)]
    items.append(item)


def upsert(items: list[T], item: T, same: Same[T]) -> None:
    """Put `item` where the first entry that is the same stands, or append it."""
    for i, old in enumerate(items):
        if same(old, item):
            items[i] = item
            return
    items.append(item)


def add_once(items: list[T], item: T, same: Same[T]) -> T:
    """Append `item` unless an entry is the same as it; return the entry that is in the list."""
    old = find(items, item, same)
    if old is not None:
        return old
    items.append(item)
    return item


def unique(items: Iterable[T], same: Same[T]) -> list[T]:
    """The entries in order, leaving out any that is the same as one before it."""
    out: list[T] = []
    for item in items:
        add_once(out, item, same)
    return out
