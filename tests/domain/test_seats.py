"""Seats from norms and apportionment, with every rounding recorded (M02)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain.errors import StructureError
from sovet.domain.norms import round_entitlement, seats_by_norm
from sovet.domain.organisation import Organisation
from sovet.domain.seats import compute_seats, represented_membership
from sovet.domain.structure import Norm, NormKind, Rounding


@pytest.mark.parametrize(
    ("exact", "rounding", "expected"),
    [
        (Fraction(5, 2), Rounding.DOWN, 2),
        (Fraction(5, 2), Rounding.UP, 3),
        (Fraction(5, 2), Rounding.NEAREST, 3),
        (Fraction(12, 5), Rounding.NEAREST, 2),
        (Fraction(4), Rounding.UP, 4),
        (Fraction(0), Rounding.NEAREST, 0),
    ],
)
def test_rounding(exact: Fraction, rounding: Rounding, expected: int) -> None:
    assert round_entitlement(exact, rounding) == expected


def test_per_members_norm_with_minimum_and_maximum() -> None:
    norm = Norm("n", NormKind.PER_MEMBERS, per=1000, minimum=1, maximum=5)
    assert seats_by_norm("c", 400, norm).seats == 1
    line = seats_by_norm("c", 400, norm)
    assert "raised to minimum 1" in line.rule
    assert seats_by_norm("c", 2600, norm).seats == 2
    capped = seats_by_norm("c", 9000, norm)
    assert capped.seats == 5 and "capped at maximum 5" in capped.rule
    assert capped.exact == Fraction(9)


def test_no_norm_means_no_seats() -> None:
    line = seats_by_norm("c", 100, None)
    assert line.seats == 0 and line.rule == "no norm: no seats"


def build(
    members: dict[str, int],
    seat_rule: str = "sum",
    size: int | None = None,
    minimum: int = 0,
    method: str = "sainte-lague",
) -> Organisation:
    org = Organisation.create("o", "O")
    org.set_norm("norm", "per-members", per=100, minimum=minimum)
    org.create_body("top", "Top", "congress", seat_rule=seat_rule, size=size, method=method)
    for key, n in members.items():
        org.create_body(key, key, "council", membership=n)
        org.create_constituency(f"{key}-top", "top", key, norm="norm")
    return org


def test_sum_rule_adds_each_constituency_s_seats() -> None:
    seats = compute_seats(build({"a": 250, "b": 990}), {})
    assert seats["top"].seats == 2 + 9
    assert seats["top"].membership == 1240


def test_sections_add_their_seats_and_membership() -> None:
    org = Organisation.create("o", "O")
    org.set_norm("n", "fixed", seats=3)
    for key in ("soviet", "workers", "soldiers", "factory", "regiment"):
        org.create_body(key, key, "council")
    org.link("workers", "soviet", "section-of")
    org.link("soldiers", "soviet", "section-of")
    org.create_constituency("f", "workers", "factory", norm="n")
    org.create_constituency("r", "soldiers", "regiment", norm="n")
    seats = compute_seats(org, {"factory": 10, "regiment": 7})
    assert seats["soviet"].seats == 6
    assert seats["soviet"].membership == 17


def test_apportioned_body_shares_its_size_by_membership() -> None:
    seats = compute_seats(build({"a": 600, "b": 300, "c": 100}, "apportioned", 10), {})
    by = {line.constituency: line.seats for line in seats["top"].lines}
    assert by == {"a-top": 6, "b-top": 3, "c-top": 1}
    assert seats["top"].seats == 10


def test_apportioned_minimum_is_guaranteed_and_others_share_the_rest() -> None:
    org = build({"big": 10_000, "tiny": 1, "small": 50}, "apportioned", 10, minimum=1)
    by = {line.constituency: line.seats for line in compute_seats(org, {})["top"].lines}
    assert by["tiny-top"] == 1 and by["small-top"] == 1
    assert sum(by.values()) == 10


def test_minimums_above_the_size_are_an_error() -> None:
    org = build({"a": 5, "b": 5, "c": 5}, "apportioned", 2, minimum=1)
    with pytest.raises(StructureError, match="minimums \\(3\\) exceed its 2 seats"):
        compute_seats(org, {})


def test_a_held_roll_is_counted_and_a_stated_membership_overrides() -> None:
    org = Organisation.create("o", "O")
    org.create_body("a", "A", "council")
    org.create_body("b", "B", "council", membership=500)
    assert represented_membership(org, {"a": 3, "b": 2}) == {"a": 3, "b": 500}


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=8),
    size=st.integers(min_value=0, max_value=200),
    minimum=st.integers(min_value=0, max_value=3),
    method=st.sampled_from(["dhondt", "sainte-lague", "hare", "droop", "sainte-lague-modified"]),
)
def test_apportioned_seats_sum_to_size_and_respect_minimums(
    sizes: list[int], size: int, minimum: int, method: str
) -> None:
    members = {f"c{i}": n for i, n in enumerate(sizes)}
    org = build(members, "apportioned", size, minimum=minimum, method=method)
    if minimum * len(sizes) > size:
        with pytest.raises(StructureError):
            compute_seats(org, {})
        return
    result = compute_seats(org, {})["top"]
    if sum(sizes) == 0 or size == 0:
        assert result.seats == 0
        return
    assert result.seats == size
    assert all(line.seats >= minimum for line in result.lines)
