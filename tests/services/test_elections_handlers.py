"""Election operations on the fake unit of work: open, declare, fill from the list."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sovet.domain.elections import Elected
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    ListExhausted,
    NotFound,
)
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from tests import mandates_scenarios as scenarios
from tests.factories import small_union
from tests.services.permission_samples_elections import SAMPLES
from tests.services.sample_runner import check_sample


@pytest.fixture
def bus(operator: Actor) -> Bus:
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    return bus


def ops(bus: Bus) -> list[str]:
    return scenarios.ops(bus, "union")


def open_list(bus: Bus, operator: Actor, seats: int = 1) -> None:
    lists = (("reds", ("1", "3")), ("greens", ("2",)))
    bus.execute(
        operator,
        c.OpenElection("union", "e2", "district", "north-d", "party-list", seats, lists=lists),
    )


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_permission_samples(name: str, operator: Actor) -> None:
    sample: Callable[[Bus, Actor], object] = SAMPLES[name]
    check_sample(name, sample, operator)


def test_declare_records_each_winner_as_a_mandate(bus: Bus, operator: Actor) -> None:
    bus.execute(
        operator,
        c.OpenElection(
            "union", "e1", "district", "north-d", "stv-scottish", 2, candidates=("1", "2", "3")
        ),
    )
    ballots = ((("1", "3"), 4), (("2",), 3), (("3", "1"), 2))
    won = bus.execute(operator, c.DeclareElection("union", "e1", ballots=ballots))
    assert [s.holder for s in won] == ["1", "2"]
    assert ops(bus)[-3:] == ["election.declare", "mandate.record", "mandate.record"]
    held = scenarios.mandates(bus, "union")
    # Factions come from the roll unless the opening named others.
    assert held["e1-1"] == ("1", "reds", "elected") and held["e1-2"] == ("2", "greens", "elected")
    with pytest.raises(InvalidTransition, match="e1 is declared"):
        bus.execute(operator, c.DeclareElection("union", "e1", ballots=ballots))


def test_approval_ballots_and_named_factions(bus: Bus, operator: Actor) -> None:
    bus.execute(
        operator,
        c.OpenElection(
            "union",
            "e1",
            "district",
            "north-d",
            "approval",
            2,
            candidates=("1", "2", "4"),
            factions=(("4", "greens"),),
        ),
    )
    ballots = ((("1", "4"), 3), (("4",), 2), (("2",), 1))
    won = bus.execute(operator, c.DeclareElection("union", "e1", ballots=ballots))
    assert won == [Elected("e1-1", "4", "greens"), Elected("e1-2", "1", "reds")]


def test_an_ineligible_candidate_is_passed_over_on_the_ballots(bus: Bus, operator: Actor) -> None:
    bus.execute(
        operator,
        c.OpenElection("union", "e1", "district", "north-d", "irv", candidates=("1", "2", "3")),
    )
    ballots = ((("1", "2"), 3), (("2",), 2), (("3",), 2))
    won = bus.execute(
        operator, c.DeclareElection("union", "e1", ballots=ballots, ineligible=("1",))
    )
    assert [s.holder for s in won] == ["2"]


@pytest.mark.parametrize(
    ("command", "error", "match"),
    [
        (
            c.OpenElection(
                "union", "e1", "district", "north-d", "plurality", candidates=("1", "99")
            ),
            NotFound,
            "99 not on the roll",
        ),
        (
            c.OpenElection("union", "e1", "district", "nowhere", "plurality", candidates=("1",)),
            NotFound,
            "no constituency 'nowhere'",
        ),
        (
            c.OpenElection("union", "e1", "district", "district-c", "plurality", candidates=("1",)),
            InvalidInput,
            "district-c fills seats of congress, not district",
        ),
        (
            c.OpenElection("union", "e1", "moon", None, "plurality", candidates=("1",)),
            NotFound,
            "no body 'moon'",
        ),
        (
            c.OpenElection(
                "union", "e1", "district", None, "party-list", 1, lists=(("blues", ("1",)),)
            ),
            NotFound,
            "no faction 'blues'",
        ),
        (
            c.OpenElection(
                "union",
                "e1",
                "district",
                None,
                "plurality",
                candidates=("1",),
                factions=(("1", "x"),),
            ),
            NotFound,
            "no faction 'x'",
        ),
        (
            c.OpenElection("union", "e1", "district", None, "plurality", 2, candidates=("1", "2")),
            InvalidInput,
            "plurality fills one seat",
        ),
        (
            c.OpenElection(
                "union",
                "e1",
                "district",
                None,
                "plurality",
                candidates=("1",),
                factions=(("2", "reds"),),
            ),
            InvalidInput,
            "2 has a faction but is no candidate",
        ),
        (
            c.OpenElection(
                "union",
                "e1",
                "district",
                None,
                "party-list",
                lists=(("reds", ("1",)), ("reds", ("3",))),
            ),
            InvalidInput,
            "a faction is given two lists",
        ),
    ],
)
def test_opening_refusals(
    bus: Bus, operator: Actor, command: c.OpenElection, error: type[Exception], match: str
) -> None:
    before = ops(bus)
    with pytest.raises(error, match=match):
        bus.execute(operator, command)
    assert ops(bus) == before


def test_an_election_key_is_used_once(bus: Bus, operator: Actor) -> None:
    command = c.OpenElection("union", "e1", "district", None, "plurality", candidates=("1",))
    bus.execute(operator, command)
    with pytest.raises(AlreadyExists, match="already has an election 'e1'"):
        bus.execute(operator, command)


def test_declare_refusals_write_nothing(bus: Bus, operator: Actor) -> None:
    bus.execute(
        operator,
        c.OpenElection("union", "e1", "district", None, "plurality", candidates=("1", "2")),
    )
    open_list(bus, operator)
    before = ops(bus)
    for command, match in (
        (c.DeclareElection("union", "e1", votes=(("reds", 3),)), "counts ballots"),
        (c.DeclareElection("union", "e1", ballots=((("9",), 1),)), "unknown candidate '9'"),
        (c.DeclareElection("union", "e1", ballots=((("1",), 1),), ties="dice"), "tie policy"),
        (c.DeclareElection("union", "e2", ballots=((("1",), 1),)), "held on lists"),
        (c.DeclareElection("union", "e2", votes=(("blues", 3),)), "no list for blues"),
        (c.DeclareElection("union", "e2", votes=(("reds", 3), ("reds", 4))), "votes twice"),
    ):
        with pytest.raises(InvalidInput, match=match):
            bus.execute(operator, command)
    assert ops(bus) == before
    with pytest.raises(NotFound, match="no election 'e9'"):
        bus.execute(operator, c.DeclareElection("union", "e9"))


def test_by_election_fills_a_vacated_seat_only(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.RecordMandate("union", "m1", "district", "1", "north-d", "reds"))
    by = c.OpenElection(
        "union", "by1", "district", "north-d", "plurality", candidates=("2", "3"), vacancy="m1"
    )
    with pytest.raises(InvalidInput, match="m1 is still elected"):
        bus.execute(operator, by)
    bus.execute(operator, c.SetMandateStatus("union", "m1", "resigned", "moved away"))
    with pytest.raises(InvalidInput, match="not of district from south-d"):
        bus.execute(
            operator,
            c.OpenElection(
                "union", "by1", "district", "south-d", "plurality", candidates=("4",), vacancy="m1"
            ),
        )
    with pytest.raises(InvalidInput, match="one seat"):
        bus.execute(
            operator,
            c.OpenElection(
                "union", "by1", "district", "north-d", "approval", 2, ("2", "3"), vacancy="m1"
            ),
        )
    bus.execute(operator, by)
    won = bus.execute(operator, c.DeclareElection("union", "by1", ballots=((("3",), 2),)))
    assert won == [Elected("by1-1", "3", "reds")]


def test_fill_from_list_after_a_vacancy(bus: Bus, operator: Actor) -> None:
    open_list(bus, operator)
    bus.execute(operator, c.DeclareElection("union", "e2", votes=(("reds", 10), ("greens", 1))))
    with pytest.raises(InvalidInput, match="e2-1 is still elected"):
        bus.execute(operator, c.FillFromList("union", "e2", "e2-1"))
    bus.execute(operator, c.SetMandateStatus("union", "e2-1", "resigned"))
    successor = bus.execute(operator, c.FillFromList("union", "e2", "e2-1"))
    assert successor == Elected("e2-2", "3", "reds")
    assert ops(bus)[-2:] == ["election.fill-from-list", "mandate.record"]
    with pytest.raises(NotFound, match="e2-1 is none of its current seats"):
        bus.execute(operator, c.FillFromList("union", "e2", "e2-1"))
    bus.execute(operator, c.SetMandateStatus("union", "e2-2", "resigned"))
    with pytest.raises(ListExhausted, match="the list of reds has no candidate left"):
        bus.execute(operator, c.FillFromList("union", "e2", "e2-2"))


def test_fill_from_list_skips_the_named_ineligible(bus: Bus, operator: Actor) -> None:
    lists = (("reds", ("1", "3", "5")),)
    bus.execute(
        operator, c.OpenElection("union", "e3", "district", None, "party-list", 1, lists=lists)
    )
    bus.execute(operator, c.DeclareElection("union", "e3", votes=(("reds", 4),)))
    bus.execute(operator, c.SetMandateStatus("union", "e3-1", "recalled"))
    successor = bus.execute(operator, c.FillFromList("union", "e3", "e3-1", ineligible=("3",)))
    assert successor == Elected("e3-2", "5", "reds")


def test_a_re_election_is_due_when_the_term_has_ended() -> None:
    from datetime import UTC, datetime

    from sovet.services.bus import Bus
    from sovet.services.fake import FakeUnitOfWork
    from sovet.services.permissions import Actor
    from tests.factories import small_union

    operator = Actor.operator()
    clock_at = [datetime(2026, 1, 1, tzinfo=UTC)]
    bus = Bus(FakeUnitOfWork(), clock=lambda: clock_at[0])
    small_union(bus, operator)
    bus.execute(
        operator,
        c.OpenElection(
            "union",
            "e1",
            "district",
            "north-d",
            "plurality",
            candidates=("1", "3"),
            term_ends=datetime(2026, 6, 30, tzinfo=UTC),
        ),
    )
    bus.execute(operator, c.DeclareElection("union", "e1", ballots=((("1",), 2),)))
    assert bus.execute(operator, c.DueElections("union")) == []
    clock_at[0] = datetime(2026, 7, 1, tzinfo=UTC)
    assert bus.execute(operator, c.DueElections("union")) == ["e1"]
