"""Declared tie-breaking policies.

A count never breaks a tie silently: the policy is chosen before the count, and every
tie it settles is recorded as a :class:`~sovet.count.result.TieResolution`.

- ``forward``: the candidate who was ahead (behind, when excluding) at the earliest
  round where the tied candidates differed;
- ``backward``: the same, looking at the most recent differing round first (the
  Scottish rules, 49(2) and 51(2): "the most recent preceding stage");
- ``lot``: a draw with a seeded generator; the seed is recorded so anyone can redo it;
- ``chair``: a casting order given as input (the chair's casting vote), earliest first.

``forward`` and ``backward`` fall back to ``lot`` when no round separates the tied.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from sovet.count.errors import TieUnresolved
from sovet.count.result import TieResolution


class TiePolicy(StrEnum):
    FORWARD = "forward"
    BACKWARD = "backward"
    LOT = "lot"
    CHAIR = "chair"


@dataclass
class TieBreaker:
    """Settles ties under one declared policy and records each decision.

    ``pick(tied, purpose, history, prefer_low)`` returns the candidate to act on:
    for ``purpose="exclude"`` the one to exclude (``prefer_low=True``: lowest earlier
    tally loses), for ``"elect"`` the one to elect first.
    """

    policy: TiePolicy = TiePolicy.FORWARD
    seed: int = 0
    chair_order: Sequence[str] = ()
    resolutions: list[TieResolution] = field(default_factory=list)
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.policy = TiePolicy(self.policy)
        self._rng = random.Random(self.seed)  # noqa: S311 - a recorded, reproducible draw

    def pick(
        self,
        tied: Sequence[str],
        purpose: str,
        history: Sequence[Mapping[str, Fraction]] = (),
        *,
        prefer_low: bool = True,
    ) -> str:
        group = sorted(tied)
        if len(group) == 1:
            return group[0]
        chosen: str | None = None
        rule = str(self.policy)
        if self.policy in (TiePolicy.FORWARD, TiePolicy.BACKWARD):
            chosen = self._by_history(group, history, prefer_low=prefer_low)
            if chosen is None:
                rule = f"{self.policy}, then lot"
        elif self.policy is TiePolicy.CHAIR:
            if not self.chair_order:
                raise TieUnresolved(
                    f"tie among {', '.join(group)} to {purpose}: the policy is the chair's "
                    "casting vote, but no casting order was given"
                )
            ranked = [c for c in self.chair_order if c in group]
            if not ranked:
                raise TieUnresolved(
                    f"tie among {', '.join(group)} to {purpose}: the chair's casting "
                    "order names none of them"
                )
            # The chair's order lists preference; excluding takes the least preferred.
            chosen = ranked[-1] if purpose == "exclude" and len(ranked) == len(group) else None
            if chosen is None:
                chosen = (
                    ranked[0] if purpose != "exclude" else next(c for c in group if c not in ranked)
                )
        if chosen is None:
            chosen = self._rng.choice(group)
        self.resolutions.append(
            TieResolution(
                among=tuple(group),
                purpose=purpose,
                rule=rule,
                chosen=chosen,
                seed=self.seed if "lot" in rule else None,
            )
        )
        return chosen

    def order(
        self, tied: Sequence[str], purpose: str, history: Sequence[Mapping[str, Fraction]] = ()
    ) -> list[str]:
        """Order a tied group for ``purpose``, first to be acted on first."""
        rest = list(tied)
        out: list[str] = []
        while rest:
            nxt = self.pick(rest, purpose, history, prefer_low=purpose == "exclude")
            out.append(nxt)
            rest.remove(nxt)
        return out

    def take(self) -> tuple[TieResolution, ...]:
        """Return and clear the decisions made since the last call."""
        out = tuple(self.resolutions)
        self.resolutions.clear()
        return out

    def _by_history(
        self,
        group: Sequence[str],
        history: Sequence[Mapping[str, Fraction]],
        *,
        prefer_low: bool,
    ) -> str | None:
        rounds = list(history) if self.policy is TiePolicy.FORWARD else list(reversed(history))
        remaining = list(group)
        for tallies in rounds:
            values = {c: tallies.get(c, Fraction(0)) for c in remaining}
            target = min(values.values()) if prefer_low else max(values.values())
            remaining = [c for c in remaining if values[c] == target]
            if len(remaining) == 1:
                return remaining[0]
        return None
