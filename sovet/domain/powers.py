"""Delegated powers: what an executive committee or a commission may do in the name of
the body that constituted it (M14, M15).

The seeds name the powers one by one: the MRC "appointed commissars (M16),
countersigned orders (M17)" and gave orders of its own; the executive committee acts
between congresses, convoking them (M07). Sovet lists them explicitly on the body's
constitution, so that an act outside them is refused naming the power missing
(seeds-system.md, M15: "delegated powers listed explicitly (issue orders, appoint
commissars, countersign)").

A body that has not been constituted with delegated powers (a council, a congress, or
an executive recorded only by ``body.create``, as the old CEC in the existing
convocation records) acts on its own authority and is not checked here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sovet.domain.errors import InvalidInput, NotCompetent
from sovet.domain.exact import choice


class Power(StrEnum):
    """A power an executive body or a commission may hold by delegation."""

    ISSUE_ORDERS = "issue-orders"
    APPOINT_COMMISSARS = "appoint-commissars"  # appoint, recall and replace office holders
    COUNTERSIGN = "countersign"  # set countersign policies, sign orders off as a body
    CONVOKE = "convoke"  # summon the congress or council (M07)


def parse_powers(values: Iterable[str], where: str) -> tuple[Power, ...]:
    """At least one power, each known and named once; returned in a canonical order."""
    given = list(values)
    if not given:
        raise InvalidInput(f"{where}: list at least one delegated power")
    powers = [choice(Power, v, f"{where}: power") for v in given]
    if len(set(powers)) != len(powers):
        raise InvalidInput(f"{where}: a power is listed twice")
    return tuple(p for p in Power if p in powers)


@dataclass(frozen=True)
class Delegation:
    """The powers ``grantor`` delegated to ``body`` (a ``what``: executive or commission)."""

    body: str
    what: str
    grantor: str
    powers: frozenset[Power]

    def require(self, power: Power) -> None:
        """An act needing ``power`` is refused unless the delegation lists it (M14, M15)."""
        if power in self.powers:
            return
        held = ", ".join(p for p in Power if p in self.powers)
        raise NotCompetent(
            f"{self.what} {self.body} lacks the delegated power '{power}' "
            f"(powers delegated by {self.grantor}: {held})"
        )
