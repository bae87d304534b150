"""Pages of long lists: up to ``limit`` items after a cursor, and the next cursor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sovet.domain.errors import InvalidInput

T = TypeVar("T")

MAX_LIMIT = 500


@dataclass(frozen=True)
class Page(Generic[T]):
    """``items`` in order; ``next`` is the cursor to pass as ``after`` for the page that
    follows, None on the last page."""

    items: tuple[T, ...]
    next: str | None = None


def check_limit(limit: int) -> int:
    """A page holds 1 to ``MAX_LIMIT`` items."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}, not {limit!r}")
    return limit


def page_of(rows: Sequence[T], limit: int, cursor: Callable[[T], str]) -> Page[T]:
    """A page from ``rows`` fetched with one row more than ``limit``: that extra row,
    when present, says another page follows."""
    items = tuple(rows[:limit])
    more = len(rows) > limit
    return Page(items, cursor(items[-1]) if more and items else None)
