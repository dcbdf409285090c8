"""Replace-or-append for a list of entries (the self-check and the questionnaires use it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def upsert(items: list[T], item: T, same: Callable[[T, T], bool]) -> None:
    """Replace the entry that is `same` as item, or append it."""
    for i, old in enumerate(items):
        if same(old, item):
            items[i] = item
            return
    items.append(item)
