"""Thai dictionary order, from ICU: a leading vowel (เ แ โ ใ ไ) sorts by the consonant after it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu

T = TypeVar("T")


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("th_TH"))


def thai_sort_key(text: str) -> bytes:
    return _collator().getSortKey(text or "")


def thai_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    return sorted(items, key=lambda item: thai_sort_key(key(item)))
