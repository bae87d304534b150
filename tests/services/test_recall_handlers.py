"""Recall operations on the fake unit of work: petition, signatures, vote, vacancy (M03)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    MandateRevoked,
    NotEntitled,
    NotFound,
    PetitionNotReached,
)
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from tests import mandates_scenarios as scenarios
from tests.factories import small_union
from tests.mandates_scenarios import elector
from tests.services.permission_samples_recall import SAMPLES
from tests.services.sample_runner import check_sample


@pytest.fixture
def bus(operator: Actor) -> Bus:
    """The small union with mandate m1 of north-d, held by 1; north's electors are 1-3."""
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    bus.execute(operator, c.RecordMandate("union", "m1", "district", "1", "north-d", "reds"))
    return bus


def member(number: str) -> Actor:
    return elector(number, "union")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_permission_samples(name: str, operator: Actor) -> None:
    sample: Callable[[Bus, Actor], object] = SAMPLES[name]
    check_sample(name, sample, operator)


def test_recall_followed_by_a_by_election() -> None:
    scenarios.recall_then_by_election(Bus(FakeUnitOfWork()))


def test_recall_followed_by_next_on_the_list() -> None:
    scenarios.recall_then_next_on_list(Bus(FakeUnitOfWork()))


def test_only_electors_of_the_constituency_open_and_sign(bus: Bus, operator: Actor) -> None:
    with pytest.raises(NotEntitled, match="member 4 is no elector of constituency north-d"):
        bus.execute(member("4"), c.OpenRecall("union", "r1", "m1"))
    with pytest.raises(NotEntitled, match="operator is not a member"):
        bus.execute(
            Actor("operator", admin_of=frozenset({"union"})), c.OpenRecall("union", "r1", "m1")
        )
    assert bus.execute(member("2"), c.OpenRecall("union", "r1", "m1")) == "r1"
    with pytest.raises(NotEntitled, match="4 may not act for elector 2"):
        bus.execute(member("4"), c.SignRecall("union", "r1", elector="2"))
    with pytest.raises(NotEntitled, match="member 5 is no elector"):
        bus.execute(member("5"), c.SignRecall("union", "r1"))
    assert bus.execute(member("2"), c.SignRecall("union", "r1")) == 1
    with pytest.raises(AlreadyExists, match="2 has already signed"):
        bus.execute(member("2"), c.SignRecall("union", "r1"))
    with pytest.raises(NotFound, match="3 has not signed"):
        bus.execute(member("3"), c.WithdrawSignature("union", "r1"))
    # An administrator records a signature collected on paper.
    assert bus.execute(operator, c.SignRecall("union", "r1", elector="3")) == 2
    assert bus.execute(member("2"), c.WithdrawSignature("union", "r1")) == 1


def test_electors_and_threshold_are_recorded_at_opening(bus: Bus, operator: Actor) -> None:
    bus.execute(member("2"), c.OpenRecall("union", "r1", "m1", threshold="2/3"))
    (opened,) = [e for e in bus.execute(operator, c.ExportLedger("union")) if e.op == "recall.open"]
    assert opened.payload["electors"] == 3 and opened.payload["needed"] == 2
    assert opened.payload["constituency"] == "north-d"
    bus.execute(member("2"), c.SignRecall("union", "r1"))
    with pytest.raises(PetitionNotReached, match="1 of the 2 signatures"):
        bus.execute(operator, c.OpenRecallVote("union", "r1"))


def test_one_open_petition_per_mandate(bus: Bus, operator: Actor) -> None:
    bus.execute(member("2"), c.OpenRecall("union", "r1", "m1"))
    with pytest.raises(AlreadyExists, match="recall petition r1 against mandate m1 is still open"):
        bus.execute(member("3"), c.OpenRecall("union", "r2", "m1"))
    with pytest.raises(AlreadyExists, match="already has a recall petition 'r1'"):
        bus.execute(member("3"), c.OpenRecall("union", "r1", "m1"))
    bus.execute(operator, c.CloseRecall("union", "r1", "withdrawn by its initiators"))
    with pytest.raises(InvalidTransition, match="r1 is closed"):
        bus.execute(member("3"), c.SignRecall("union", "r1"))
    assert bus.execute(member("3"), c.OpenRecall("union", "r2", "m1")) == "r2"


def test_a_rejected_recall_keeps_the_mandate(bus: Bus, operator: Actor) -> None:
    bus.execute(member("2"), c.OpenRecall("union", "r1", "m1"))
    bus.execute(member("2"), c.SignRecall("union", "r1"))
    bus.execute(operator, c.OpenRecallVote("union", "r1"))
    with pytest.raises(InvalidInput, match="unknown majority rule 'most'"):
        bus.execute(operator, c.DecideRecall("union", "r1", 2, 1, rule="most"))
    with pytest.raises(InvalidInput, match="4 took part in the vote"):
        bus.execute(operator, c.DecideRecall("union", "r1", 2, 1, 1))
    outcome = bus.execute(operator, c.DecideRecall("union", "r1", 1, 1))
    assert not outcome.recalled and "rejected" in outcome.decision.explain()
    assert scenarios.mandates(bus, "union")["m1"][2] == "elected"
    assert scenarios.ops(bus, "union")[-1] == "recall.decide"


def test_a_mandate_ended_meanwhile_cannot_be_recalled(bus: Bus, operator: Actor) -> None:
    bus.execute(member("2"), c.OpenRecall("union", "r1", "m1"))
    bus.execute(member("2"), c.SignRecall("union", "r1"))
    bus.execute(operator, c.OpenRecallVote("union", "r1"))
    bus.execute(operator, c.SetMandateStatus("union", "m1", "resigned"))
    with pytest.raises(MandateRevoked, match="m1 has ended"):
        bus.execute(operator, c.DecideRecall("union", "r1", 3, 0))
    with pytest.raises(MandateRevoked, match="m1 has ended"):
        bus.execute(member("3"), c.OpenRecall("union", "r2", "m1"))


def test_electors_of_a_delegation_are_the_holders_of_its_mandates(
    bus: Bus, operator: Actor
) -> None:
    # district-c sends the district council's delegates to the congress: its electors
    # are the district's deputies (here 1 and 3), not the members of the locals.
    bus.execute(operator, c.RecordMandate("union", "m3", "district", "3", "south-d", "reds"))
    bus.execute(operator, c.RecordMandate("union", "c1", "congress", "5", "district-c", "reds"))
    with pytest.raises(NotEntitled, match="member 2 is no elector of constituency district-c"):
        bus.execute(member("2"), c.OpenRecall("union", "r1", "c1"))
    bus.execute(member("3"), c.OpenRecall("union", "r1", "c1", threshold="1/2"))
    (opened,) = [e for e in bus.execute(operator, c.ExportLedger("union")) if e.op == "recall.open"]
    assert opened.payload["electors"] == 2 and opened.payload["needed"] == 1


def test_next_on_list_needs_a_list_election(bus: Bus, operator: Actor) -> None:
    with pytest.raises(InvalidInput, match="m1 was not won in a list election"):
        bus.execute(member("2"), c.OpenRecall("union", "r1", "m1", vacancy="next-on-list"))
    with pytest.raises(InvalidInput, match="unknown vacancy policy 'lot'"):
        bus.execute(member("2"), c.OpenRecall("union", "r1", "m1", vacancy="lot"))


def test_an_exhausted_list_leaves_the_seat_vacant(bus: Bus, operator: Actor) -> None:
    lists = (("reds", ("3",)),)
    bus.execute(
        operator, c.OpenElection("union", "e1", "district", "north-d", "party-list", 1, lists=lists)
    )
    bus.execute(operator, c.DeclareElection("union", "e1", votes=(("reds", 5),)))
    bus.execute(member("2"), c.OpenRecall("union", "r1", "e1-1", vacancy="next-on-list"))
    bus.execute(member("2"), c.SignRecall("union", "r1"))
    bus.execute(operator, c.OpenRecallVote("union", "r1"))
    outcome = bus.execute(operator, c.DecideRecall("union", "r1", 2, 0))
    assert outcome.recalled and outcome.successor is None
    assert "no candidate left" in outcome.note and "stays vacant" in outcome.note
    assert scenarios.mandates(bus, "union")["e1-1"][2] == "recalled"
    scenarios.assert_replays(bus, "union")


def test_a_mandate_without_constituency_names_who_may_recall_it(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 1))
    bus.execute(operator, c.AgreeAllotment("union", "a1", (("reds", 1),), "by agreement"))
    bus.execute(operator, c.AcceptSeat("union", "a1", "reds", "5"))
    with pytest.raises(InvalidInput, match="a1-1 has no constituency; name the one"):
        bus.execute(member("2"), c.OpenRecall("union", "r1", "a1-1"))
    with pytest.raises(InvalidInput, match="recalled by its own constituency north-d, not"):
        bus.execute(member("2"), c.OpenRecall("union", "r1", "m1", constituency="south-d"))
    bus.execute(member("2"), c.OpenRecall("union", "r1", "a1-1", constituency="north-d"))
