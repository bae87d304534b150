"""Seats and represented membership of every body, with every rounding recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from sovet.count.apportionment import apportion
from sovet.count.profiles import PartyVotes
from sovet.domain.errors import StructureError
from sovet.domain.norms import seats_by_norm
from sovet.domain.organisation import Organisation
from sovet.domain.structure import Constituency, SeatLine, SeatRule


@dataclass(frozen=True)
class BodySeats:
    body: str
    membership: int
    seats: int
    lines: tuple[SeatLine, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


def represented_membership(org: Organisation, direct: Mapping[str, int]) -> dict[str, int]:
    """Membership a body represents: its own roll, plus what its sections and the lower
    bodies that send it delegates represent (a stated membership overrides)."""
    memo: dict[str, int] = {}
    visiting: set[str] = set()

    def of(key: str) -> int:
        if key in memo:
            return memo[key]
        if key in visiting:
            raise StructureError(f"body {key} is part of a cycle")
        visiting.add(key)
        stated = org.bodies[key].membership
        total = direct.get(key, 0) if stated is None else stated
        total += sum(of(s) for s in org.sections_of(key))
        for c in org.constituencies_of(key):
            if c.membership_override is not None:
                total += c.membership_override
            elif c.source != key:
                total += of(c.source)
        visiting.discard(key)
        memo[key] = total
        return total

    for key in org.bodies:
        of(key)
    return memo


def constituency_membership(org: Organisation, membership: Mapping[str, int], key: str) -> int:
    c = org.constituencies[key]
    if c.membership_override is not None:
        return c.membership_override
    if c.source == c.body:
        # the body's own roll electing its own seats
        return membership.get(c.source, 0) - sum(membership.get(s, 0) for s in org.children(c.body))
    return membership.get(c.source, 0)


def compute_seats(org: Organisation, direct: Mapping[str, int]) -> dict[str, BodySeats]:
    """Seats of every body under its seat rule (M02).

    ``sum``: each constituency's seats by its norm, plus the seats of the body's
    sections. ``apportioned``: the body's size shared among its constituencies by
    the named method (``sovet.count``) in proportion to represented membership, each
    constituency first given its norm's minimum. ``fixed``: the stated size.
    """
    membership = represented_membership(org, direct)
    out: dict[str, BodySeats] = {}

    def seats_of(key: str) -> BodySeats:
        if key in out:
            return out[key]
        body = org.bodies[key]
        consts = org.constituencies_of(key)
        if body.seat_rule is SeatRule.FIXED:
            result = BodySeats(key, membership[key], body.size or 0)
        elif body.seat_rule is SeatRule.APPORTIONED:
            result = _apportioned(org, membership, key, consts)
        else:
            lines = [
                seats_by_norm(
                    c.key,
                    constituency_membership(org, membership, c.key),
                    org.norms.get(c.norm) if c.norm else None,
                )
                for c in consts
            ]
            sections = [seats_of(s) for s in org.sections_of(key)]
            total = sum(line.seats for line in lines) + sum(s.seats for s in sections)
            notes = tuple(f"section {s.body}: {s.seats} seats" for s in sections)
            result = BodySeats(key, membership[key], total, tuple(lines), notes)
        out[key] = result
        return result

    for key in org.bodies:
        seats_of(key)
    return out


def _apportioned(
    org: Organisation,
    membership: Mapping[str, int],
    key: str,
    consts: list[Constituency],
) -> BodySeats:
    body = org.bodies[key]
    size = body.size or 0
    sizes = {c.key: constituency_membership(org, membership, c.key) for c in consts}
    minimum = {
        c.key: (org.norms[c.norm].minimum if c.norm and c.norm in org.norms else 0) for c in consts
    }
    if sum(minimum.values()) > size:
        raise StructureError(
            f"body {key}: minimums ({sum(minimum.values())}) exceed its {size} seats"
        )
    notes: list[str] = []
    seats = dict.fromkeys(sizes, 0)
    if consts and size and any(sizes.values()):
        # Guarantee the minimums, then share the rest among those still above them
        # (re-apportioning whenever a constituency falls back to its minimum).
        free = dict(sizes)
        fixed: dict[str, int] = {}
        while True:
            remaining = size - sum(fixed.values())
            votes = {k: Fraction(v) for k, v in free.items() if k not in fixed}
            result = apportion(body.method, PartyVotes(votes), remaining)
            alloc = dict(result.allocation or {})
            short = {k for k, s in alloc.items() if s < minimum[k]}
            if not short:
                seats = {**alloc, **fixed}
                notes += list(result.notes)
                break
            for k in short:
                fixed[k] = minimum[k]
                notes.append(f"{k} raised to its minimum of {minimum[k]}")
    total = sum(sizes.values()) or 1
    lines = tuple(
        SeatLine(
            k,
            sizes[k],
            Fraction(sizes[k] * size, total),
            seats.get(k, 0),
            f"{body.method} share of {size}: exact {float(Fraction(sizes[k] * size, total)):.3f}"
            f" -> {seats.get(k, 0)}",
        )
        for k in sizes
    )
    return BodySeats(key, membership[key], sum(seats.values()), lines, tuple(notes))
