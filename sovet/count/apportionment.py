"""Seat apportionment among parties, factions or constituencies.

Divisor (highest averages) methods give seats one at a time to the highest
quotient ``votes / divisor(seats held)``; largest-remainder methods give each party
its whole quotas and the seats left to the largest remainders. Every decision is
exact (``Fraction``). Sources: F. Pukelsheim, *Proportional Representation:
Apportionment Methods and Their Applications* (2nd ed., Springer 2017); M. L.
Balinski and H. P. Young, *Fair Representation* (2nd ed., Brookings 2001).

Common rules of all five methods:

- ``threshold`` is a share of all the votes: a party with fewer than
  ``threshold × total`` votes gets no seat and takes no part (its votes leave the
  quota too); the notes name it. A party at the threshold takes part.
- A party with no votes never gets a seat.
- Ties: when more parties share the deciding quotient or remainder than there are
  seats left, the declared tie policy decides and is recorded. The tie-breaker is
  given the parties' votes as the only earlier count, so under the default forward
  policy the party with more votes takes the seat and equal votes go to lot with
  seed 0 (as Spain's electoral law, LOREG art. 163.1(c), settles equal D'Hondt
  quotients; it alternates later ties, Sovet draws each one). Equal quotients
  for no more parties than seats left are no tie: each gets a seat.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sovet.count._rank import default_ties
from sovet.count.errors import EmptyProfile, InvalidCount
from sovet.count.profiles import PartyVotes
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker

Divisor = Callable[[int], Fraction]
Quota = Callable[[Fraction, int], Fraction]

DIVISORS: dict[str, Divisor] = {
    "dhondt": lambda held: Fraction(held + 1),
    "sainte-lague": lambda held: Fraction(2 * held + 1),
    "sainte-lague-modified": lambda held: Fraction(7, 5) if held == 0 else Fraction(2 * held + 1),
}

QUOTAS: dict[str, Quota] = {
    "hare": lambda total, seats: total / seats,
    "droop": lambda total, seats: Fraction(math.floor(total / (seats + 1)) + 1),
}


@dataclass(frozen=True)
class _Field:
    """The parties taking part (those at or above the threshold) and what was noted."""

    votes: PartyVotes
    eligible: dict[str, Fraction]
    notes: tuple[str, ...]


def _field(votes: PartyVotes, seats: int, threshold: Fraction) -> _Field:
    if seats < 0:
        raise InvalidCount(f"seats must be 0 or more, not {seats}")
    threshold = Fraction(threshold)
    if not 0 <= threshold <= 1:
        raise InvalidCount(f"the threshold is a share of the votes in [0, 1], not {threshold}")
    total = votes.total
    cutoff = threshold * total
    eligible = {p: v for p, v in votes.votes.items() if v >= cutoff}
    notes: list[str] = []
    if threshold > 0:
        below = [f"{p} ({_fmt(v)})" for p, v in votes.votes.items() if p not in eligible]
        notes.append(
            f"threshold {threshold} of {_fmt(total)} votes = {_fmt(cutoff)}; "
            + (f"below it, no seats: {', '.join(below)}" if below else "every party reaches it")
        )
    if seats > 0 and total == 0:
        raise EmptyProfile("every party has zero votes: no seats can be apportioned")
    if seats > 0 and sum(eligible.values(), Fraction(0)) == 0:
        raise InvalidCount("no party with votes reaches the threshold: no seats can be apportioned")
    return _Field(votes, eligible, tuple(notes))


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def _result(
    method: str,
    field: _Field,
    seats: int,
    held: Mapping[str, int],
    rounds: list[Round],
    elected: list[str],
    *,
    quota: Fraction | None,
    seed: int,
    notes: tuple[str, ...] = (),
) -> Result:
    allocation = {p: held.get(p, 0) for p in field.votes.parties}
    return Result(
        method=method,
        seats=seats,
        elected=tuple(elected),
        rounds=tuple(rounds),
        quota=quota,
        allocation=allocation,
        scores=dict(field.votes.votes),
        seed=seed,
        notes=field.notes + notes,
    )


def _divisor_count(
    method: str, votes: PartyVotes, seats: int, threshold: Fraction, ties: TieBreaker | None
) -> Result:
    field = _field(votes, seats, threshold)
    tb = default_ties(ties)
    divisor = DIVISORS[method]
    eligible = field.eligible
    held = dict.fromkeys(eligible, 0)
    quotients = {p: v / divisor(0) for p, v in eligible.items()}
    history = [dict(eligible)]
    rounds: list[Round] = []
    first_seats: list[str] = []
    for number in range(1, seats + 1):
        best = max(quotients.values())
        tied = [p for p, q in quotients.items() if q == best]
        note = f"seat {number}: highest quotient {_fmt(best)}"
        if len(tied) > seats - number + 1:
            winner = tb.pick(tied, "seat", history, prefer_low=False)
            note += f", shared by {', '.join(tied)} for fewer seats than them"
        else:
            winner = tied[0]
            if len(tied) > 1:
                note += f", shared by {', '.join(tied)}: each gets a seat in turn"
        rounds.append(Round(number, dict(quotients), elected=(winner,), ties=tb.take(), note=note))
        if held[winner] == 0:
            first_seats.append(winner)
        held[winner] += 1
        quotients[winner] = eligible[winner] / divisor(held[winner])
    return _result(method, field, seats, held, rounds, first_seats, quota=None, seed=tb.seed)


def _remainder_winners(
    rem: Mapping[str, Fraction], extra: int, tb: TieBreaker, history: list[dict[str, Fraction]]
) -> list[str]:
    """The ``extra`` parties with the largest remainders; a tie at the cut by ``tb``."""
    if extra == 0:
        return []
    ranked = sorted(rem, key=lambda p: -rem[p])
    cut = rem[ranked[extra - 1]]
    winners = [p for p in ranked if rem[p] > cut]
    tied = [p for p in ranked if rem[p] == cut]
    need = extra - len(winners)
    if len(tied) == need:
        return winners + tied
    for _ in range(need):
        pick = tb.pick(tied, "seat", history, prefer_low=False)
        winners.append(pick)
        tied.remove(pick)
    return winners


def _remainder_count(
    method: str, votes: PartyVotes, seats: int, threshold: Fraction, ties: TieBreaker | None
) -> Result:
    field = _field(votes, seats, threshold)
    tb = default_ties(ties)
    if seats == 0:
        return _result(method, field, 0, {}, [], [], quota=None, seed=tb.seed)
    eligible = field.eligible
    quota = QUOTAS[method](sum(eligible.values(), Fraction(0)), seats)
    exact = {p: v / quota for p, v in eligible.items()}
    held = {p: math.floor(x) for p, x in exact.items()}
    with_votes = [p for p, v in eligible.items() if v > 0]
    left = seats - sum(held.values())
    full, extra = divmod(left, len(with_votes))
    for p in with_votes:
        held[p] += full
    rem = {p: exact[p] - math.floor(exact[p]) for p in with_votes}
    winners = _remainder_winners(rem, extra, tb, [dict(eligible)])
    for p in winners:
        held[p] += 1
    whole = [p for p in exact if math.floor(exact[p]) > 0]
    notes: tuple[str, ...] = ()
    if full:
        notes = (
            f"{left} seats were left for {len(with_votes)} parties with votes: each got {full} "
            "before the largest remainders (each further seat goes to the most votes left "
            "after a quota per seat held)",
        )
    rounds = [
        Round(
            1,
            exact,
            elected=tuple(whole),
            note=f"quota {_fmt(quota)}: votes / quota; whole quotas fill {seats - left} seats",
        ),
        Round(
            2,
            rem,
            elected=tuple(winners),
            ties=tb.take(),
            note=f"{left} seats left go to the largest remainders",
        ),
    ]
    elected = sorted((p for p in held if held[p] > 0), key=lambda p: -eligible[p])
    return _result(
        method, field, seats, held, rounds, elected, quota=quota, seed=tb.seed, notes=notes
    )


_SOURCES = {
    "dhondt": "V. D'Hondt, Système pratique et raisonné de représentation proportionnelle (1882)",
    "sainte-lague": "A. Sainte-Laguë, Annales scientifiques de l'ENS 27 (1910) 529-542",
    "sainte-lague-modified": "Norway, Representation of the People Act (2002), s. 11-4",
    "hare": "T. Hare (1859); A. Hamilton (1792); Balinski & Young, Fair Representation",
    "droop": "H. R. Droop, J. Statistical Society of London 44 (1881) 141-202",
}


def _votes(votes: PartyVotes | Mapping[str, int | Fraction | str]) -> PartyVotes:
    return votes if isinstance(votes, PartyVotes) else PartyVotes.of(votes)


@register(
    "dhondt",
    name="D'Hondt (Jefferson)",
    ballot=BallotKind.PARTY,
    seats=Seats.MANY,
    source=_SOURCES["dhondt"],
)
def dhondt(
    votes: PartyVotes,
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """D'Hondt: each seat in turn to the highest quotient votes / (seats held + 1).

    Rule: divisors 1, 2, 3, ... (V. D'Hondt, *Système pratique et raisonné de
    représentation proportionnelle*, 1882; Jefferson's method in Balinski & Young,
    *Fair Representation*; rounding down in Pukelsheim, *Proportional
    Representation*, 2017). Exact quotients; a round per seat records every
    party's quotient and who took the seat. Threshold and ties as in the module
    notes (default: more votes, then lot with seed 0). House-monotone: one more
    seat never takes a seat from anyone.
    """
    return _divisor_count("dhondt", votes, seats, threshold, ties)


@register(
    "sainte-lague",
    name="Sainte-Laguë (Webster)",
    ballot=BallotKind.PARTY,
    seats=Seats.MANY,
    source=_SOURCES["sainte-lague"],
)
def sainte_lague(
    votes: PartyVotes,
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """Sainte-Laguë: each seat in turn to the highest quotient votes / (2 × seats held + 1).

    Rule: divisors 1, 3, 5, ... (A. Sainte-Laguë, "La représentation proportionnelle
    et la méthode des moindres carrés", *Annales scientifiques de l'École normale
    supérieure* 27, 1910, 529-542; Webster's method, standard rounding, in
    Pukelsheim 2017 and Balinski & Young). Exact quotients; a round per seat.
    Threshold and ties as in the module notes (default: more votes, then lot with
    seed 0). House-monotone.
    """
    return _divisor_count("sainte-lague", votes, seats, threshold, ties)


@register(
    "sainte-lague-modified",
    name="Modified Sainte-Laguë (first divisor 1.4)",
    ballot=BallotKind.PARTY,
    seats=Seats.MANY,
    source=_SOURCES["sainte-lague-modified"],
)
def sainte_lague_modified(
    votes: PartyVotes,
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """Modified Sainte-Laguë: divisors 1.4, 3, 5, 7, ...

    Rule: as Sainte-Laguë, but a party's first divisor is 1.4 (exactly 7/5), which
    makes a first seat harder to win: Norway's Representation of the People Act
    (2002), s. 11-4, and Sweden until 2018 (its first divisor is now 1.2).
    Exact quotients; a round per seat. Threshold and ties as in the module notes
    (default: more votes, then lot with seed 0). House-monotone.
    """
    return _divisor_count("sainte-lague-modified", votes, seats, threshold, ties)


@register(
    "hare",
    name="Hare quota, largest remainder (Hamilton)",
    ballot=BallotKind.PARTY,
    seats=Seats.MANY,
    source=_SOURCES["hare"],
)
def hare(
    votes: PartyVotes,
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """Hare largest remainder: whole Hare quotas first, then the largest remainders.

    Rule: quota ``q = V / S`` exactly, unrounded (T. Hare, *The Election of
    Representatives*, 1859), ``V`` the votes of the parties taking part; each party
    gets ``floor(votes / q)`` seats and the seats left go one each to the largest
    remainders ``votes / q - floor(votes / q)`` (A. Hamilton, 1792; Hare–Niemeyer;
    Balinski & Young, *Fair Representation*). Round 1 records ``votes / q``, round 2
    the remainders. Threshold and ties as in the module notes (default: more votes,
    then lot with seed 0). Not house-monotone: one more seat can take a seat from a
    party (the Alabama paradox).
    """
    return _remainder_count("hare", votes, seats, threshold, ties)


@register(
    "droop",
    name="Droop quota, largest remainder",
    ballot=BallotKind.PARTY,
    seats=Seats.MANY,
    source=_SOURCES["droop"],
)
def droop(
    votes: PartyVotes,
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """Droop largest remainder: whole Droop quotas first, then the largest remainders.

    Rule: quota ``q = floor(V / (S + 1)) + 1``, the smallest whole number of votes
    greater than ``V / (S + 1)`` (H. R. Droop, "On methods of electing
    representatives", *Journal of the Statistical Society of London* 44, 1881,
    141-202), ``V`` the votes of the parties taking part; then as Hare. Since
    ``q > V / (S + 1)`` the whole quotas never exceed the seats. With few votes per
    seat (``V`` not much above ``S``) more seats can be left than there are parties
    with votes; Sovet then gives each such party the same number more and the rest
    by largest remainder (each further seat to the most votes left after a quota
    per seat held); no statute cited here covers that case. Threshold and ties as
    in the module notes (default: more votes, then lot with seed 0).
    """
    return _remainder_count("droop", votes, seats, threshold, ties)


APPORTIONMENT: dict[str, Callable[..., Result]] = {
    "dhondt": dhondt,
    "sainte-lague": sainte_lague,
    "sainte-lague-modified": sainte_lague_modified,
    "hare": hare,
    "droop": droop,
}


def apportion(
    method_id: str,
    votes: PartyVotes | Mapping[str, int | Fraction | str],
    seats: int,
    *,
    threshold: Fraction = Fraction(0),
    ties: TieBreaker | None = None,
) -> Result:
    """Apportion ``seats`` by the method ``method_id`` (one of :data:`APPORTIONMENT`).

    For other code: e.g. presidium seats among factions by their sizes, or seats
    among constituencies by their membership. ``votes`` may be a plain mapping.
    """
    try:
        method = APPORTIONMENT[method_id]
    except KeyError:
        known = ", ".join(APPORTIONMENT)
        raise InvalidCount(f"unknown apportionment method {method_id!r}; known: {known}") from None
    return method(_votes(votes), seats, threshold=threshold, ties=ties)
