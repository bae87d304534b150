"""Results of a count, with every round, serialisable to JSON and printable."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


def _num(value: Fraction | int) -> str | int:
    """Exact numbers serialise as int when whole, else as the string 'p/q'."""
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class TieResolution:
    """How one tie was settled: among whom, for what, by which rule, and the outcome."""

    among: tuple[str, ...]
    purpose: str  # "exclude", "elect", "seat", "winner", "order"
    rule: str  # "forward", "backward", "lot", "chair", "candidate-order"
    chosen: str
    seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "among": list(self.among),
            "purpose": self.purpose,
            "rule": self.rule,
            "chosen": self.chosen,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class Round:
    """One stage of a count: the tallies going in and what the stage decided."""

    number: int
    tallies: Mapping[str, Fraction]
    elected: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    transfer_values: Mapping[str, Fraction] = field(default_factory=dict)
    transferred: Mapping[str, Fraction] = field(default_factory=dict)
    exhausted: Fraction = Fraction(0)
    ties: tuple[TieResolution, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "tallies": {c: _num(v) for c, v in self.tallies.items()},
            "elected": list(self.elected),
            "excluded": list(self.excluded),
            "transfer_values": {c: _num(v) for c, v in self.transfer_values.items()},
            "transferred": {c: _num(v) for c, v in self.transferred.items()},
            "exhausted": _num(self.exhausted),
            "ties": [t.to_dict() for t in self.ties],
            "note": self.note,
        }


@dataclass(frozen=True)
class Result:
    """The outcome of one method on one profile.

    ``elected`` is in order of election (for single-winner methods, one name);
    ``allocation`` holds seats per party for apportionment methods; ``ranking`` an
    overall order where the method defines one; ``quota`` the quota where used.
    """

    method: str
    seats: int
    elected: tuple[str, ...]
    rounds: tuple[Round, ...] = ()
    quota: Fraction | None = None
    allocation: Mapping[str, int] | None = None
    ranking: tuple[str, ...] | None = None
    scores: Mapping[str, Fraction] | None = None
    ties: tuple[TieResolution, ...] = ()
    seed: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def winner(self) -> str:
        return self.elected[0]

    def all_ties(self) -> tuple[TieResolution, ...]:
        return self.ties + tuple(t for r in self.rounds for t in r.ties)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "seats": self.seats,
            "elected": list(self.elected),
            "quota": None if self.quota is None else _num(self.quota),
            "allocation": None if self.allocation is None else dict(self.allocation),
            "ranking": None if self.ranking is None else list(self.ranking),
            "scores": None if self.scores is None else {c: _num(v) for c, v in self.scores.items()},
            "ties": [t.to_dict() for t in self.ties],
            "seed": self.seed,
            "notes": list(self.notes),
            "rounds": [r.to_dict() for r in self.rounds],
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
