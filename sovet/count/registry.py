"""The registry of counting methods.

Each method is a typed function over one profile kind, registered with its id,
display name, ballot kind, whether it fills one seat or many, and the source it
implements. The registry feeds the CLI (``sovet count --list``), the API and the
docs; a test iterates it so that every method is covered from the day it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sovet.count.errors import InvalidCount


class BallotKind(StrEnum):
    RANKED = "ranked"
    APPROVAL = "approval"
    TALLY = "tally"
    PARTY = "party"


class Seats(StrEnum):
    ONE = "one"
    MANY = "many"


@dataclass(frozen=True)
class MethodInfo:
    id: str
    name: str
    ballot: BallotKind
    seats: Seats
    source: str
    func: Callable[..., Any]

    @property
    def summary(self) -> str:
        doc = (self.func.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


METHODS: dict[str, MethodInfo] = {}

F = TypeVar("F", bound=Callable[..., Any])


def register(
    id: str, *, name: str, ballot: BallotKind, seats: Seats, source: str
) -> Callable[[F], F]:
    """Register a counting method under a unique id (a second use of an id raises)."""

    def decorate(func: F) -> F:
        if id in METHODS:
            raise ValueError(f"counting method {id!r} is registered twice")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"counting method {id!r} has no docstring stating its rule")
        METHODS[id] = MethodInfo(id, name, ballot, seats, source, func)
        return func

    return decorate


def get_method(id: str) -> MethodInfo:
    try:
        return METHODS[id]
    except KeyError:
        known = ", ".join(sorted(METHODS))
        raise InvalidCount(f"unknown counting method {id!r}; known methods: {known}") from None
