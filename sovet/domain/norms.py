"""Representation norms: seats a constituency earns from the membership it represents."""

from __future__ import annotations

import math
from fractions import Fraction

from sovet.domain.errors import InvalidInput
from sovet.domain.structure import Norm, NormKind, Rounding, SeatLine


def check_norm(norm: Norm) -> Norm:
    """A norm must be complete for its kind and have consistent bounds."""
    if norm.kind is NormKind.FIXED:
        if norm.seats is None or norm.seats < 0:
            raise InvalidInput(f"norm {norm.key}: a fixed norm needs seats >= 0")
    else:
        if norm.per is None or norm.per <= 0:
            raise InvalidInput(f"norm {norm.key}: a per-members norm needs per >= 1")
    if norm.minimum < 0:
        raise InvalidInput(f"norm {norm.key}: minimum must be >= 0")
    if norm.maximum is not None and norm.maximum < norm.minimum:
        raise InvalidInput(
            f"norm {norm.key}: maximum {norm.maximum} is below minimum {norm.minimum}"
        )
    return norm


def round_entitlement(exact: Fraction, rounding: Rounding) -> int:
    """Round a fractional entitlement as the norm states (halves round up for NEAREST)."""
    if rounding is Rounding.DOWN:
        return math.floor(exact)
    if rounding is Rounding.UP:
        return math.ceil(exact)
    return math.floor(exact + Fraction(1, 2))


def seats_by_norm(constituency: str, membership: int, norm: Norm | None) -> SeatLine:
    """Seats one constituency earns under its norm, with the arithmetic spelled out.

    Rule (M02): fixed norms give their seats; per-member norms give membership / per,
    rounded as stated, then raised to the minimum and capped at the maximum.
    A constituency without a norm earns no seats of its own (recorded as such).
    """
    if norm is None:
        return SeatLine(constituency, membership, Fraction(0), 0, "no norm: no seats")
    if norm.kind is NormKind.FIXED:
        seats = norm.seats or 0
        return SeatLine(constituency, membership, Fraction(seats), seats, f"fixed {seats}")
    per = norm.per or 1
    exact = Fraction(membership, per)
    seats = round_entitlement(exact, norm.rounding)
    rule = f"{membership}/{per} = {float(exact):.3f}, rounded {norm.rounding} -> {seats}"
    if seats < norm.minimum:
        seats = norm.minimum
        rule += f", raised to minimum {norm.minimum}"
    if norm.maximum is not None and seats > norm.maximum:
        seats = norm.maximum
        rule += f", capped at maximum {norm.maximum}"
    return SeatLine(constituency, membership, exact, seats, rule)
