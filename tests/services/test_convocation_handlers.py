"""Convocation operations on the fake unit of work: defaults from the structure, the
user's dates, who may summon, answers, and a sitting opened from its summons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotCompetent,
    NotEntitled,
    NotFound,
)
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.handlers.given import parse_duration
from tests.business_setup import OPERATOR, Clock, chair_of, iso
from tests.factories import small_union

T0 = datetime(2024, 3, 1, 12, tzinfo=UTC)
U = "union"


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def bus(clock: Clock) -> Bus:
    bus = Bus(FakeUnitOfWork(), clock=clock)
    small_union(bus, OPERATOR)
    return bus


def days(n: int) -> str:
    return iso(T0 + timedelta(days=n))


def create(bus: Bus, **kwargs: object) -> None:
    bus.execute(OPERATOR, c.CreateConvocation(U, "cv", "district", "congress", **kwargs))  # type: ignore[arg-type]


def test_member_bodies_default_to_the_bodies_sending_delegates(bus: Bus) -> None:
    create(bus)
    view = bus.execute(OPERATOR, c.ShowConvocation(U, "cv"))
    cv = view.convocation
    assert (cv.body, cv.convener, cv.members) == ("district", "congress", ("north", "south"))
    assert cv.membership == {"north": 3, "south": 2}  # represented membership
    assert view.summary.counts == (0, 0, 2)
    bus.execute(OPERATOR, c.CreateConvocation(U, "cc", "congress", "district"))
    assert bus.execute(OPERATOR, c.ShowConvocation(U, "cc")).convocation.membership == {
        "district": 5
    }


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"convener": "nowhere"}, NotFound, "no body 'nowhere'"),
        ({"members": ("north", "atlantis")}, NotFound, "no body 'atlantis'"),
        ({"min_notice": "14 days"}, InvalidInput, "minimum notice '14 days' is not an ISO"),
        ({"summon_within": "PT"}, InvalidInput, "time to summon 'PT' is not an ISO"),
        ({"demand_threshold": "a third"}, InvalidInput, "demand threshold: 'a third'"),
        ({"demand_basis": "votes"}, InvalidInput, "unknown demand basis 'votes'"),
        ({"fallback": "congress"}, InvalidInput, "fall-back convener must not be congress"),
    ],
)
def test_creation_errors(
    bus: Bus, kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    fields: dict[str, object] = {"convener": "congress"} | kwargs
    with pytest.raises(error, match=match):
        bus.execute(OPERATOR, c.CreateConvocation(U, "cv", "district", **fields))  # type: ignore[arg-type]


def test_a_body_nobody_sends_delegates_to_needs_its_members_named(bus: Bus) -> None:
    with pytest.raises(InvalidInput, match="body north has no bodies sending it delegates"):
        bus.execute(OPERATOR, c.CreateConvocation(U, "cv", "north", "district"))
    bus.execute(OPERATOR, c.CreateConvocation(U, "cv", "north", "district", members=("south",)))
    with pytest.raises(AlreadyExists, match="already has a convocation 'cv'"):
        create(bus)


def test_iso_durations() -> None:
    assert parse_duration("P2W", "x").days == 14
    assert parse_duration("P1DT12H30M5S", "x").total_seconds() == 86400 + 45005
    for bad in ("P", "P1DT", "14D", "P1.5D", "-P1D"):
        with pytest.raises(InvalidInput, match="not an ISO duration"):
            parse_duration(bad, "x")


@pytest.mark.parametrize(
    ("opens_at", "match"),
    [
        ("2024-04-01T12:00:00", "opens_at '2024-04-01T12:00:00' has no time zone"),
        ("2024-04-01", "has no time zone"),
        ("next Tuesday", "opens_at 'next Tuesday' is not an ISO date and time"),
        ("2024-13-01T12:00:00Z", "is not an ISO date and time"),
    ],
)
def test_the_opening_date_must_be_an_aware_iso_time(bus: Bus, opens_at: str, match: str) -> None:
    create(bus)
    with pytest.raises(InvalidInput, match=match):
        bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "congress", opens_at, "Hall"))


def test_summons_notice_and_competence(bus: Bus) -> None:
    create(bus)
    with pytest.raises(NotCompetent, match="only congress may summon it"):
        bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "north", days(30), "Hall"))
    with pytest.raises(Exception, match="minimum is 14 days unless urgent"):
        bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "congress", days(3), "Hall"))
    competent = bus.execute(
        OPERATOR,
        c.SummonConvocation(
            U, "cv", "congress", days(3), "Hall", urgent=True, reason="rent strike"
        ),
    )
    assert competent is True
    summons = bus.execute(OPERATOR, c.ShowConvocation(U, "cv")).convocation.summons
    assert summons.urgent and summons.opens_at == T0.replace(day=4)


def test_the_fall_back_convener_summons_once_the_obligation_lapses(bus: Bus, clock: Clock) -> None:
    create(bus, fallback="south", demand_threshold="1/2")
    assert bus.execute(OPERATOR, c.DemandConvocation(U, "cv", "north")) is True
    with pytest.raises(NotCompetent, match=r"congress has until .* to summon"):
        bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "south", days(40), "Hall"))
    clock.advance(days=15)
    assert bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "south", days(40), "Hall"))
    cv = bus.execute(OPERATOR, c.ShowConvocation(U, "cv")).convocation
    assert cv.summons.by == "south" and "fall-back convener south" in cv.summons.why


def test_body_roles_are_checked_on_the_body_that_acts(bus: Bus) -> None:
    create(bus)
    bus.execute(chair_of("north"), c.DemandConvocation(U, "cv", "north"))
    with pytest.raises(NotEntitled, match=r"chair-north may not convocation\.demand"):
        bus.execute(chair_of("north"), c.DemandConvocation(U, "cv", "south"))
    bus.execute(chair_of("congress"), c.SummonConvocation(U, "cv", "congress", days(20), "Hall"))
    bus.execute(chair_of("south"), c.RespondToConvocation(U, "cv", "south", "refused"))
    with pytest.raises(NotEntitled, match=r"chair-south may not convocation\.respond"):
        bus.execute(chair_of("south"), c.RespondToConvocation(U, "cv", "north", "agreed"))


def test_answers_postponement_and_contest(bus: Bus, clock: Clock) -> None:
    create(bus)
    with pytest.raises(InvalidTransition, match="has not been summoned"):
        bus.execute(OPERATOR, c.RespondToConvocation(U, "cv", "north", "agreed"))
    bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "congress", days(20), "Hall"))
    bus.execute(OPERATOR, c.RespondToConvocation(U, "cv", "north", "agreed"))
    with pytest.raises(InvalidInput, match="'maybe' must be 'agreed' or 'refused'"):
        bus.execute(OPERATOR, c.RespondToConvocation(U, "cv", "south", "maybe"))
    with pytest.raises(NotFound, match="'congress' is not a member body"):
        bus.execute(OPERATOR, c.RespondToConvocation(U, "cv", "congress", "agreed"))
    clock.advance(days=17)
    with pytest.raises(NotCompetent, match="only congress, which summoned it"):
        bus.execute(OPERATOR, c.PostponeConvocation(U, "cv", "north", days(25), "late"))
    bus.execute(OPERATOR, c.PostponeConvocation(U, "cv", "congress", days(25), "delegates late"))
    bus.execute(OPERATOR, c.ContestConvocation(U, "cv", "south", "the statute says otherwise"))
    view = bus.execute(OPERATOR, c.ShowConvocation(U, "cv"))
    assert view.summary.counts == (1, 0, 1)
    assert view.convocation.opens_at == T0.replace(day=26)
    assert [(p.by, p.reason) for p in view.convocation.postponements] == [
        ("congress", "delegates late")
    ]
    assert view.convocation.contests[0].by == "south"
    ops = [e.op for e in bus.execute(OPERATOR, c.ExportLedger(U))][-5:]
    assert ops == [
        "convocation.create",
        "convocation.summon",
        "convocation.respond",
        "convocation.postpone",
        "convocation.contest",
    ]


# -- a sitting opened from its summons (M09) ------------------------------------------


def summoned(bus: Bus, **summons: object) -> None:
    create(bus, competent_convener="congress")
    bus.execute(
        OPERATOR,
        c.SummonConvocation(U, "cv", "congress", days(20), "Hall", **summons),  # type: ignore[arg-type]
    )


def test_a_sitting_takes_the_quorum_its_summons_fixed(bus: Bus, clock: Clock) -> None:
    summoned(bus, quorum="2/3")
    clock.advance(days=20)
    bus.execute(OPERATOR, c.OpenSitting(U, "s1", "district", convocation="cv"))
    sitting = bus.execute(OPERATOR, c.ShowSitting(U, "s1"))
    assert (sitting.quorum, sitting.convocation, sitting.consultative) == (
        Fraction(2, 3),
        "cv",
        False,
    )
    with pytest.raises(InvalidInput, match=r"fixes the quorum at 2/3; .* with 3/4"):
        bus.execute(OPERATOR, c.OpenSitting(U, "s2", "district", "3/4", convocation="cv"))


def test_a_summons_by_another_than_the_competent_convener_gives_a_consultative_sitting(
    bus: Bus, clock: Clock
) -> None:
    bus.execute(
        OPERATOR,
        c.CreateConvocation(U, "cv", "district", "congress", competent_convener="north"),
    )
    assert not bus.execute(OPERATOR, c.SummonConvocation(U, "cv", "congress", days(20), "Hall"))
    clock.advance(days=21)
    bus.execute(OPERATOR, c.OpenSitting(U, "s1", "district", convocation="cv"))
    assert bus.execute(OPERATOR, c.ShowSitting(U, "s1")).consultative is True


@pytest.mark.parametrize(
    ("body", "advance", "summons", "error", "match"),
    [
        ("congress", 21, {}, InvalidInput, "convocation cv convenes district, not congress"),
        ("district", 19, {}, InvalidTransition, "its sitting cannot open on"),
        ("district", 21, {"quorum_strict": True}, InvalidInput, "fixes a quorum of more than"),
        (
            "district",
            21,
            {"quorum_basis": "member-bodies"},
            InvalidInput,
            "at least 1/2 of the member bodies",
        ),
    ],
)
def test_a_sitting_opens_only_from_a_fitting_summons(
    bus: Bus,
    clock: Clock,
    body: str,
    advance: int,
    summons: dict[str, object],
    error: type[Exception],
    match: str,
) -> None:
    summoned(bus, **summons)
    clock.advance(days=advance)
    with pytest.raises(error, match=match):
        bus.execute(OPERATOR, c.OpenSitting(U, "s1", body, convocation="cv"))


def test_a_sitting_needs_a_summoned_convocation(bus: Bus) -> None:
    with pytest.raises(NotFound, match="no convocation 'cv'"):
        bus.execute(OPERATOR, c.OpenSitting(U, "s1", "district", convocation="cv"))
    create(bus)
    with pytest.raises(InvalidTransition, match="convocation cv has not been summoned"):
        bus.execute(OPERATOR, c.OpenSitting(U, "s1", "district", convocation="cv"))
    bus.execute(OPERATOR, c.OpenSitting(U, "s1", "district"))  # without one, as before


def test_convocation_operations_name_the_acting_body() -> None:
    for name in ("demand", "summon", "postpone", "respond", "contest"):
        fields = OPERATIONS[f"convocation.{name}"].command.__dataclass_fields__
        assert "body" in fields, name
