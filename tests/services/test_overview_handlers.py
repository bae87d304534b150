"""The reads behind a member's pages, on the fake unit of work."""

from __future__ import annotations

import pytest

from sovet.domain.errors import AlreadyExists, InvalidInput, NotEntitled, NotFound
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.handlers.overview import Delegate, FactionSeats
from sovet.services.permissions import Actor, Role
from tests.factories import small_union
from tests.services.permission_samples_orders import issued

U = "union"


def member(number: str, **roles: str) -> Actor:
    held = {(U, body): frozenset({Role(role)}) for body, role in roles.items()}
    return Actor(f"m{number}", member=number, member_of=frozenset({U}), roles=held)


@pytest.fixture
def bus(operator: Actor) -> Bus:
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    for key, body, holder, via, faction in (
        ("d1", "district", "1", "north-d", "reds"),
        ("d2", "district", "2", "north-d", "greens"),
        ("d3", "district", "4", "south-d", None),
        ("d4", "district", "3", "north-d", "reds"),
        ("c1", "congress", "1", "district-c", "reds"),
    ):
        bus.execute(operator, c.RecordMandate(U, key, body, holder, via, faction))
    bus.execute(operator, c.SetMandateStatus(U, "d4", "recalled"))
    return bus


def test_a_member_sees_the_delegates_of_every_tier_above_their_council(bus: Bus) -> None:
    view = bus.execute(member("3"), c.ShowCouncils(U))
    assert (view.member, view.name, view.council, view.council_name) == (
        "3",
        "Cy",
        "north",
        "North local",
    )
    tiers = [(r.source, r.constituency, r.body) for r in view.representation]
    assert tiers == [("north", "north-d", "district"), ("district", "district-c", "congress")]
    # the recalled d4 represents nobody; d3 is the south's
    assert view.representation[0].delegates == (
        Delegate("d1", "1", "Ada", "reds", "elected"),
        Delegate("d2", "2", "Ben", "greens", "elected"),
    )
    assert [d.mandate for d in view.representation[1].delegates] == ["c1"]
    # a member's own mandates include those ended
    assert [m.key for m in view.mandates] == ["d4"]
    assert [m.key for m in bus.execute(member("3"), c.ShowCouncils(U, "1")).mandates] == [
        "c1",
        "d1",
    ]


def test_councils_need_a_member(bus: Bus, operator: Actor) -> None:
    with pytest.raises(InvalidInput, match="operator is not a member"):
        bus.execute(operator, c.ShowCouncils(U))
    with pytest.raises(NotFound, match="'77'"):
        bus.execute(operator, c.ShowCouncils(U, "77"))


def test_composition_counts_active_seats_by_faction_and_the_vacant(
    bus: Bus, operator: Actor
) -> None:
    seats = bus.execute(member("1"), c.ShowBody(U, "district")).seats.seats
    assert seats == 2
    full = bus.execute(member("1"), c.ShowComposition(U, "district"))
    # more holders than seats (recorded so): every holder is shown, none vacant
    assert full.factions == (
        FactionSeats("reds", "Reds", 1),
        FactionSeats("greens", "Greens", 1),
        FactionSeats(None, "no faction", 1),
    )
    assert full.vacant == 0
    bus.execute(operator, c.SetMandateStatus(U, "d2", "resigned"))
    bus.execute(operator, c.SetMandateStatus(U, "d3", "suspended"))
    bus.execute(operator, c.SetMandateStatus(U, "d1", "expired"))
    made = bus.execute(member("1"), c.ShowComposition(U, "district"))
    assert made.factions == (FactionSeats(None, "no faction", 1),)
    assert (made.seats, made.vacant) == (2, 1)
    with pytest.raises(NotFound, match="atlantis"):
        bus.execute(member("1"), c.ShowComposition(U, "atlantis"))


def test_a_petition_shows_its_count_and_whether_the_actor_signed(bus: Bus) -> None:
    bus.execute(member("3"), c.OpenRecall(U, "r1", "d2"))
    bus.execute(member("1"), c.SignRecall(U, "r1"))
    seen = bus.execute(member("1"), c.ShowRecall(U, "r1"))
    assert (seen.mandate, seen.holder, seen.constituency, seen.status) == (
        "d2",
        "2",
        "north-d",
        "open",
    )
    assert seen.signed is True and seen.signatures == 1
    assert bus.execute(member("3"), c.ShowRecall(U, "r1")).signed is False
    listed = bus.execute(member("3"), c.ListRecalls(U))
    assert [(r.key, r.signatures, r.needed) for r in listed.items] == [("r1", 1, seen.needed)]
    with pytest.raises(NotFound, match="'r9'"):
        bus.execute(member("1"), c.ShowRecall(U, "r9"))


def test_orders_are_listed_with_issuer_and_addressees(bus: Bus, operator: Actor) -> None:
    issued(bus, operator)
    page = bus.execute(member("1"), c.ListOrders(U, limit=1))
    assert [(o.key, o.issuer, o.addressees) for o in page.items] == [
        ("o1", "mrc", ("reg-a", "reg-b"))
    ]
    assert page.next is None


def test_a_poll_tally_tells_turnout_while_open_and_the_outcome_once_closed(
    bus: Bus, operator: Actor
) -> None:
    bus.execute(operator, c.OpenSitting(U, "s1", "district"))
    bus.execute(operator, c.RegisterDelegate(U, "s1", ("d1", "d2", "d3")))
    bus.execute(operator, c.ChangeAttendance(U, "s1", ("d1", "d2", "d3"), "present"))
    bus.execute(operator, c.OpenPoll(U, "p1", "s1", "Strike?", mode="secret"))
    bus.execute(member("2"), c.CastBallot(U, "p1", "for"))
    ben, cy = (
        bus.execute(member("2"), c.ShowTally(U, "p1")),
        bus.execute(member("3"), c.ShowTally(U, "p1")),
    )
    assert (ben.status, ben.voters, ben.cast, ben.voter, ben.voted) == ("open", 3, 1, True, True)
    assert (cy.voter, cy.voted, cy.outcome) == (False, False, None)
    bus.execute(member("1"), c.CastBallot(U, "p1", "against"))
    bus.execute(member("4"), c.CastBallot(U, "p1", "for"))
    chair = member("9", district="chair")
    bus.execute(chair, c.ClosePoll(U, "p1"))
    done = bus.execute(member("3"), c.ShowTally(U, "p1"))
    assert done.status == "closed" and done.cast == 3
    assert done.outcome is not None
    assert (done.outcome.for_, done.outcome.against, done.outcome.adopted) == (2, 1, True)


def test_a_show_of_hands_has_no_ballots_until_the_chair_counts(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.OpenSitting(U, "s1", "district"))
    bus.execute(operator, c.OpenPoll(U, "p2", "s1", "Adjourn?"))
    assert bus.execute(member("1"), c.ShowTally(U, "p2")).cast == 0
    bus.execute(
        operator, c.ClosePoll(U, "p2", 50, 20, 10, estimated=True, note="About eighty hands")
    )
    assert bus.execute(member("1"), c.ShowTally(U, "p2")).cast == 80
    with pytest.raises(NotEntitled, match=r"outsider may not poll\.tally"):
        bus.execute(Actor("outsider"), c.ShowTally(U, "p2"))


def test_sittings_are_listed_by_body_across_batches(bus: Bus, operator: Actor) -> None:
    for key, body in (("a1", "north"), ("a2", "district"), ("a3", "north"), ("a4", "north")):
        bus.execute(operator, c.OpenSitting(U, key, body))
    page = bus.execute(member("1"), c.ListSittings(U, limit=1, body="district"))
    assert [s.key for s in page.items] == ["a2"] and page.next is None
    north = bus.execute(member("1"), c.ListSittings(U, limit=2, body="north"))
    assert [s.key for s in north.items] == ["a1", "a3"] and north.next == "a3"
    rest = bus.execute(member("1"), c.ListSittings(U, limit=2, after="a3", body="north"))
    assert [s.key for s in rest.items] == ["a4"] and rest.next is None
    with pytest.raises(NotFound, match="atlantis"):
        bus.execute(member("1"), c.ListSittings(U, body="atlantis"))


def test_polls_are_listed_by_sitting(bus: Bus, operator: Actor) -> None:
    for key in ("s1", "s2"):
        bus.execute(operator, c.OpenSitting(U, key, "district"))
    for key, sitting in (("p1", "s1"), ("p2", "s2"), ("p3", "s1")):
        bus.execute(operator, c.OpenPoll(U, key, sitting, "Q"))
    polls = bus.execute(member("1"), c.ListPolls(U, limit=1, sitting="s1"))
    assert [p.key for p in polls.items] == ["p1"] and polls.next == "p1"
    rest = bus.execute(member("1"), c.ListPolls(U, after="p1", sitting="s1"))
    assert [p.key for p in rest.items] == ["p3"] and rest.next is None
    assert [p.key for p in bus.execute(member("1"), c.ListPolls(U)).items] == ["p1", "p2", "p3"]


def test_a_poll_key_is_taken_once(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.OpenSitting(U, "s1", "district"))
    bus.execute(operator, c.OpenPoll(U, "p1", "s1", "Q"))
    with pytest.raises(AlreadyExists, match="already has a poll 'p1'"):
        bus.execute(operator, c.OpenPoll(U, "p1", "s1", "Again?"))
