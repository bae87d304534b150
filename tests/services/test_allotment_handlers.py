"""Seat allotment operations on the fake unit of work (M05)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from sovet.domain.elections import Elected
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotEntitled,
    NotFound,
    SeatNotAvailable,
)
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor, Role
from tests import mandates_scenarios as scenarios
from tests.factories import small_union
from tests.services.permission_samples_allotment import SAMPLES
from tests.services.sample_runner import check_sample


@pytest.fixture
def bus(operator: Actor) -> Bus:
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    return bus


def sitting(bus: Bus, operator: Actor) -> None:
    """Sitting s1 of the district: reds 1 and 3 present, greens 2 registered but
    withdrawn, and 4 (of no faction) present."""
    for key, holder, faction in (
        ("m1", "1", "reds"),
        ("m2", "2", "greens"),
        ("m3", "3", "reds"),
        ("m4", "4", None),
    ):
        bus.execute(operator, c.RecordMandate("union", key, "district", holder, "north-d", faction))
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s1", ("m1", "m2", "m3", "m4")))
    bus.execute(operator, c.ChangeAttendance("union", "s1", ("m1", "m3", "m4"), "present"))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_permission_samples(name: str, operator: Actor) -> None:
    sample: Callable[[Bus, Actor], object] = SAMPLES[name]
    check_sample(name, sample, operator)


def test_the_chair_of_the_body_composed_creates_its_allotment(bus: Bus) -> None:
    chair = Actor(
        "chair",
        member_of=frozenset({"union"}),
        roles={("union", "congress"): frozenset({Role.CHAIR})},
    )
    with pytest.raises(NotEntitled, match=r"chair may not allotment\.create"):
        bus.execute(chair, c.CreateAllotment("union", "a1", "district", 2))
    assert bus.execute(chair, c.CreateAllotment("union", "a1", "congress", 2)) == "a1"


def test_second_congress_presidium(operator: Actor) -> None:
    scenarios.presidium_declined_and_reassigned(Bus(FakeUnitOfWork()))


def test_an_illustrative_menshevik_seat_reassigned_and_taken_up(operator: Actor) -> None:
    # Illustrative, as in tests/domain/test_allotment.py: a Menshevik seat declined by
    # the Right goes to the Menshevik Internationalists and is taken up.
    bus = Bus(FakeUnitOfWork())
    scenarios.presidium_declined_and_reassigned(bus, "c2")
    bus.execute(
        operator, c.AddMember("c2", "martynov", "Martynov", "delegates", "internationalists")
    )
    bus.execute(operator, c.ReassignSeat("c2", "presidium-2", 22, "internationalists"))
    with pytest.raises(SeatNotAvailable, match="only a declined seat"):
        bus.execute(operator, c.ReassignSeat("c2", "presidium-2", 22, "left-srs"))
    taken = bus.execute(
        operator, c.AcceptSeat("c2", "presidium-2", "internationalists", "martynov")
    )
    assert taken == Elected("presidium-2-22", "martynov", "internationalists")
    scenarios.assert_replays(bus, "c2")


def test_compute_on_a_sitting_counts_voting_delegates_by_faction(bus: Bus, operator: Actor) -> None:
    sitting(bus, operator)
    at = datetime(2024, 5, 1, 12, tzinfo=UTC)
    for key, base, expected in (
        ("a1", "present-voting", {"reds": 3}),
        ("a2", "registered", {"reds": 2, "greens": 1}),
    ):
        bus.execute(operator, c.CreateAllotment("union", key, "congress", 3))
        got = bus.execute(
            operator, c.ComputeAllotment("union", key, "dhondt", base, sitting="s1", at=at)
        )
        assert {f: n for f, n in got.items() if n} == expected
    entry = last_entry(bus, operator, "allotment.compute")
    assert [tuple(row) for row in entry["sizes"]] == [("reds", 2), ("greens", 1)]
    assert entry["base_kind"] == "registered" and entry["at"] == "2024-05-01T12:00:00.000000Z"


def last_entry(bus: Bus, operator: Actor, op: str) -> dict[str, Any]:
    entries = [e for e in bus.execute(operator, c.ExportLedger("union")) if e.op == op]
    return dict(entries[-1].payload)


def test_compute_on_given_sizes_and_compare(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 4))
    sizes = (("reds", 60), ("greens", 40))
    got = bus.execute(operator, c.ComputeAllotment("union", "a1", "sainte-lague", sizes=sizes))
    assert got == {"reds": 2, "greens": 2}
    (dhondt,) = bus.execute(operator, c.CompareAllotment("union", "a1", ("dhondt",)))
    assert dhondt.allocation == {"reds": 3, "greens": 1}
    assert dhondt.difference == {"reds": 1, "greens": -1}
    with pytest.raises(InvalidTransition, match="already been allotted"):
        bus.execute(operator, c.ComputeAllotment("union", "a1", "dhondt", sizes=sizes))


@pytest.mark.parametrize(
    ("command", "error", "match"),
    [
        (
            c.ComputeAllotment("union", "a1", "dhondt", sitting="s1"),
            InvalidInput,
            "a sitting gives",
        ),
        (
            c.ComputeAllotment(
                "union", "a1", "dhondt", "registered", sizes=(("reds", 1),), sitting="s1"
            ),
            InvalidInput,
            "not both",
        ),
        (c.ComputeAllotment("union", "a1", "dhondt", sizes=(("blues", 3),)), NotFound, "blues"),
        (c.ComputeAllotment("union", "a1", "dhondt", "everyone"), InvalidInput, "allotment base"),
        (c.ComputeAllotment("union", "a1", "lot", sizes=(("reds", 3),)), InvalidInput, "unknown"),
        (
            c.ComputeAllotment("union", "a1", "dhondt", sizes=(("reds", 3), ("reds", 1))),
            InvalidInput,
            "size twice",
        ),
        (c.AgreeAllotment("union", "a1", (("reds", 2),), "why"), InvalidInput, "sum to 2, not"),
        (c.AgreeAllotment("union", "a1", (("x", 3),), "why"), NotFound, "no faction 'x'"),
        (c.AgreeAllotment("union", "a1", (("reds", 3),), " "), InvalidInput, "must not be empty"),
        (c.AcceptSeat("union", "a1", "reds", "1"), InvalidTransition, "no seats allotted"),
        (c.CompareAllotment("union", "a1"), InvalidInput, "no recorded base"),
    ],
)
def test_refusals_write_nothing(
    bus: Bus, operator: Actor, command: object, error: type[Exception], match: str
) -> None:
    sitting(bus, operator)
    bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 3))
    before = scenarios.ops(bus, "union")
    with pytest.raises(error, match=match):
        bus.execute(operator, command)
    assert scenarios.ops(bus, "union") == before


def test_create_refusals(bus: Bus, operator: Actor) -> None:
    with pytest.raises(NotFound, match="no body 'moon'"):
        bus.execute(operator, c.CreateAllotment("union", "a1", "moon", 2))
    bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 2))
    with pytest.raises(AlreadyExists, match="already has an allotment 'a1'"):
        bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 2))
    with pytest.raises(NotFound, match="no allotment 'a9'"):
        bus.execute(operator, c.DeclineSeats("union", "a9", "reds"))


def test_offers_accept_defer_reserve_claim(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 3))
    shares = (("reds", 2), ("greens", 1))
    bus.execute(operator, c.AgreeAllotment("union", "a1", shares, "as the factions agreed"))
    with pytest.raises(NotFound, match="no member '99'"):
        bus.execute(operator, c.AcceptSeat("union", "a1", "reds", "99"))
    assert bus.execute(operator, c.AcceptSeat("union", "a1", "reds", "1")).mandate == "a1-1"
    with pytest.raises(AlreadyExists, match="1 already holds seat 1"):
        bus.execute(operator, c.AcceptSeat("union", "a1", "reds", "1"))
    deadline = datetime(2024, 6, 1, tzinfo=UTC)
    assert bus.execute(operator, c.DeferSeats("union", "a1", "greens", deadline)) == (3,)
    assert bus.execute(operator, c.ReserveSeats("union", "a1", "greens")) == (3,)
    with pytest.raises(SeatNotAvailable, match="greens has 0"):
        bus.execute(operator, c.AcceptSeat("union", "a1", "greens", "2"))
    assert bus.execute(operator, c.ClaimSeat("union", "a1", "greens", "2")) == Elected(
        "a1-3", "2", "greens"
    )
    held = scenarios.mandates(bus, "union")
    assert held["a1-1"] == ("1", "reds", "elected") and held["a1-3"] == ("2", "greens", "elected")
    assert scenarios.ops(bus, "union")[-2:] == ["allotment.claim", "mandate.record"]
    with pytest.raises(NotFound, match="no faction 'blues'"):
        bus.execute(operator, c.ReassignSeat("union", "a1", 2, "blues"))
    scenarios.assert_replays(bus, "union")
