"""Executives, offices, commissions and conferences on the fake unit of work (M14, M15,
M16, M18): who acts for which body, the checks against the stores, and the reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

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
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor, Role
from tests import government_scenarios as government
from tests.business_setup import Clock
from tests.executive_scenarios import OPERATOR, ORG, petrograd
from tests.mandates_scenarios import assert_replays
from tests.services.permission_samples_executive import SAMPLES
from tests.services.sample_runner import check_sample


def secretary_of(body: str, org: str = ORG) -> Actor:
    roles = {(org, body): frozenset({Role.SECRETARY})}
    return Actor(f"secretary-{body}", member_of=frozenset({org}), roles=roles)


@pytest.fixture
def bus() -> Bus:
    bus = Bus(FakeUnitOfWork())
    petrograd(bus)
    return bus


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_permission_samples(name: str, operator: Actor) -> None:
    sample: Callable[[Bus, Actor], object] = SAMPLES[name]
    check_sample(name, sample, operator)


def test_council_of_commissars_with_a_post_left_open() -> None:
    government.sovnarkom_formed(Bus(FakeUnitOfWork()))


def test_commission_seats_bureau_and_garrison_conference() -> None:
    government.mrc_regulations_and_garrison_conference(Bus(FakeUnitOfWork()))


# -- executives ------------------------------------------------------------------------------
def test_an_executive_is_constituted_once_by_its_congress() -> None:
    bus = Bus(FakeUnitOfWork())
    government.congress(bus, "o")
    constitute = c.ConstituteExecutive("o", "cec", "congress", ("convoke",))
    with pytest.raises(NotEntitled, match=r"secretary-cec may not executive\.constitute"):
        bus.execute(secretary_of("cec", "o"), constitute)
    assert bus.execute(secretary_of("congress", "o"), constitute) == "congress"
    with pytest.raises(AlreadyExists, match="executive cec is already constituted"):
        bus.execute(OPERATOR, constitute)
    with pytest.raises(NotFound, match="body vikzhel has not been constituted as an executive"):
        bus.execute(
            OPERATOR,
            c.ConstituteExecutive("o", "sovnarkom", "congress", ("convoke",), "vikzhel"),
        )
    with pytest.raises(NotFound, match="body sovnarkom has not been constituted"):
        bus.execute(OPERATOR, c.ShowExecutive("o", "sovnarkom"))
    view = bus.execute(OPERATOR, c.ShowExecutive("o", "cec"))
    assert (view.kind, view.powers, view.posts, view.congress_sitting) == (
        "executive committee",
        ("convoke",),
        (),
        None,
    )


def test_a_constituted_executive_summons_its_congress_only_with_the_power_to_convoke() -> None:
    at = datetime(1917, 11, 1, tzinfo=UTC)
    bus = Bus(FakeUnitOfWork(), clock=Clock(at))
    government.congress(bus, "o")
    bus.execute(OPERATOR, c.ConstituteExecutive("o", "cec", "congress", ("issue-orders",)))
    bus.execute(OPERATOR, c.CreateConvocation("o", "cv", "congress", "cec", members=("vikzhel",)))
    summon = c.SummonConvocation("o", "cv", "cec", "1917-12-01T12:00:00+03:00", "Smolny")
    with pytest.raises(NotCompetent, match="cec lacks the delegated power 'convoke'"):
        bus.execute(OPERATOR, summon)
    # The railwaymen's executive was never constituted here: it acts on its own authority.
    bus.execute(OPERATOR, c.CreateConvocation("o", "cv2", "congress", "vikzhel", members=("cec",)))
    assert bus.execute(OPERATOR, c.SummonConvocation("o", "cv2", "vikzhel", summon.opens_at, "X"))


# -- offices ------------------------------------------------------------------------------------
def test_an_office_is_appointed_for_a_known_member_to_a_unit_or_a_post(bus: Bus) -> None:
    appoint = c.AppointOffice(ORG, "c9", "mrc", "s1", unit="grenadiers", credential="No. 9")
    with pytest.raises(NotEntitled, match=r"secretary-petrograd-soviet may not office\.appoint"):
        bus.execute(secretary_of("petrograd-soviet"), appoint)
    assert bus.execute(secretary_of("mrc"), appoint) == "c9"
    with pytest.raises(AlreadyExists, match="already has an office 'c9'"):
        bus.execute(OPERATOR, appoint)
    with pytest.raises(NotFound, match="has no member 'x9'"):
        bus.execute(OPERATOR, c.AppointOffice(ORG, "c10", "mrc", "x9", unit="grenadiers"))
    with pytest.raises(InvalidInput, match="attach it to a unit or to a post, one of the two"):
        bus.execute(OPERATOR, c.AppointOffice(ORG, "c10", "mrc", "s1"))
    with pytest.raises(InvalidInput, match="name the executive whose post it fills"):
        bus.execute(OPERATOR, c.AppointOffice(ORG, "c10", "mrc", "s1", post="interior"))
    with pytest.raises(InvalidInput, match="office c10: credential must not be empty"):
        bus.execute(OPERATOR, c.AppointOffice(ORG, "c10", "mrc", "s1", unit="grenadiers"))


def test_a_post_held_is_not_filled_twice() -> None:
    bus = Bus(FakeUnitOfWork())
    government.congress(bus, "o")
    bus.execute(OPERATOR, c.ConstituteExecutive("o", "sovnarkom", "congress", ("issue-orders",)))
    bus.execute(OPERATOR, c.AddPost("o", "sovnarkom", "war", "Military and Naval Affairs"))
    first = c.AppointOffice("o", "pc1", "congress", "trotsky", executive="sovnarkom", post="war")
    bus.execute(OPERATOR, first)
    second = c.AppointOffice("o", "pc2", "congress", "rykov", executive="sovnarkom", post="war")
    with pytest.raises(AlreadyExists, match="post war of sovnarkom is held by office pc1"):
        bus.execute(OPERATOR, second)
    with pytest.raises(NotCompetent, match="posts of sovnarkom are filled by congress, not by"):
        bus.execute(
            OPERATOR,
            c.AppointOffice("o", "pc3", "vikzhel", "rykov", executive="sovnarkom", post="war"),
        )
    view = bus.execute(OPERATOR, c.ShowExecutive("o", "sovnarkom"))
    assert [(p.post, p.office, p.holder, p.vacant) for p in view.posts] == [
        ("war", "pc1", "trotsky", False)
    ]


def test_removal_by_the_appointing_body_and_a_rivals_order_contested(bus: Bus) -> None:
    rival = c.RecallOffice(ORG, "lazimir", "district-hq", "all commissars removed")
    with pytest.raises(NotEntitled, match=r"secretary-mrc may not office\.recall"):
        bus.execute(secretary_of("mrc"), rival)
    outcome = bus.execute(secretary_of("district-hq"), rival)
    assert not outcome.effective
    assert outcome.ground == (
        "office lazimir answers to mrc, not to district-hq; "
        "the removal is recorded as contested and not applied"
    )
    assert bus.execute(secretary_of("mrc"), c.RecallOffice(ORG, "lazimir", "mrc", "x")).effective
    with pytest.raises(InvalidTransition, match="office lazimir was ended by mrc"):
        bus.execute(OPERATOR, c.RecallOffice(ORG, "lazimir", "mrc", "again"))
    assert_replays(bus, ORG)


def test_the_unit_recognises_or_refuses_through_its_own_secretary(bus: Bus) -> None:
    bus.execute(
        OPERATOR,
        c.AppointOffice(ORG, "fortress-c", "mrc", "s1", unit="peter-paul", credential="No. 4"),
    )
    refuse = c.RecogniseOffice(ORG, "fortress-c", False, "the commandant does not recognise him")
    with pytest.raises(NotEntitled, match=r"secretary-mrc may not office\.recognise"):
        bus.execute(secretary_of("mrc"), refuse)
    bus.execute(secretary_of("peter-paul"), refuse)
    bus.execute(
        secretary_of("peter-paul"),
        c.RecogniseOffice(ORG, "fortress-c", True, "the garrison voted to obey the MRC"),
    )
    (view,) = bus.execute(OPERATOR, c.ListOffices(ORG, unit="peter-paul")).offices
    assert (view.recognised, view.recognition_reason) == (
        True,
        "the garrison voted to obey the MRC",
    )


def test_offices_are_listed_with_rival_appointments(bus: Bus) -> None:
    bus.execute(
        OPERATOR,
        c.AppointOffice(ORG, "hq-chief", "district-hq", "s2", unit="grenadiers", credential="1"),
    )
    bus.execute(
        OPERATOR,
        c.AppointOffice(ORG, "mrc-c", "mrc", "s3", unit="grenadiers", credential="2"),
    )
    listed = bus.execute(OPERATOR, c.ListOffices(ORG))
    assert [o.key for o in listed.offices] == [
        "hq-chief",
        "lazimir",
        "mekhonoshin",
        "mrc-c",
        "sadovsky",
    ]
    assert listed.rival_appointments == (("grenadiers", ("district-hq", "mrc")),)
    only = bus.execute(OPERATOR, c.ListOffices(ORG, appointed_by="district-hq"))
    assert [(o.key, o.unit, o.powers) for o in only.offices] == [
        ("hq-chief", "grenadiers", ("countersign", "observe"))
    ]
    assert bus.execute(OPERATOR, c.ListOffices(ORG, unit="district-hq")).rival_appointments == ()


# -- commissions ------------------------------------------------------------------------------
def test_each_organisation_fills_its_own_seats(bus: Bus) -> None:
    fill = c.FillCommissionSeat(ORG, "mrc", "soldiers-section", "s1")
    with pytest.raises(NotEntitled, match=r"secretary-soviet-presidium may not commission\.fill"):
        bus.execute(secretary_of("soviet-presidium"), fill)
    bus.execute(secretary_of("soldiers-section"), fill)
    with pytest.raises(NotFound, match="has no member 'x'"):
        bus.execute(OPERATOR, c.FillCommissionSeat(ORG, "mrc", "soldiers-section", "x"))
    with pytest.raises(NotFound, match="commission mrc allots no seats to 'grenadiers'"):
        bus.execute(OPERATOR, c.FillCommissionSeat(ORG, "mrc", "grenadiers", "s2"))
    with pytest.raises(NotFound, match="body oranienbaum has not been created as a commission"):
        bus.execute(OPERATOR, c.ShowCommission(ORG, "oranienbaum"))
    with pytest.raises(AlreadyExists, match="commission mrc has already been created"):
        bus.execute(
            OPERATOR,
            c.CreateCommission(
                ORG, "mrc", "petrograd-soviet", "m", ("convoke",), "r", (("soldiers-section", 1),)
            ),
        )
    with pytest.raises(NotFound, match="has no member 'x'"):
        bus.execute(OPERATOR, c.AddDepartment(ORG, "mrc", "supplies", "Supplies", head="x"))
    dept = c.AddDepartment(ORG, "mrc", "supplies", "Supplies", head="s1")
    with pytest.raises(NotEntitled, match=r"secretary-petrograd-soviet may not commission\.add"):
        bus.execute(secretary_of("petrograd-soviet"), dept)
    bus.execute(secretary_of("mrc"), dept)
    view = bus.execute(OPERATOR, c.ShowCommission(ORG, "mrc"))
    assert [(d.key, d.head) for d in view.departments] == [("supplies", "s1")]
    assert view.powers == ("issue-orders", "appoint-commissars", "countersign", "convoke")


# -- conferences ------------------------------------------------------------------------------
def test_a_conference_is_constituted_by_its_director_and_the_roll_called_by_the_convener(
    bus: Bus,
) -> None:
    bus.execute(OPERATOR, c.CreateBody(ORG, "garrison", "Garrison Conference", "conference"))
    constitute = c.ConstituteConference(ORG, "garrison", "mrc", ("grenadiers", "oranienbaum"))
    with pytest.raises(NotEntitled, match=r"secretary-district-hq may not conference\.constitute"):
        bus.execute(secretary_of("district-hq"), constitute)
    bus.execute(secretary_of("mrc"), constitute)
    with pytest.raises(AlreadyExists, match="conference garrison is already constituted"):
        bus.execute(OPERATOR, constitute)
    add = c.AddConferenceMember(ORG, "garrison", "peter-paul")
    with pytest.raises(NotEntitled, match=r"secretary-district-hq may not conference\.add-member"):
        bus.execute(secretary_of("district-hq"), add)
    bus.execute(secretary_of("mrc"), add)
    assert bus.execute(secretary_of("mrc"), c.ConveneConference(ORG, "garrison", "mrc")) == 1
    rival = c.ConveneConference(ORG, "garrison", "district-hq", note="the lawful assembly")
    assert bus.execute(secretary_of("district-hq"), rival) == 2
    roll = c.RecordStance(ORG, "garrison", 2, "peter-paul", "oppose")
    with pytest.raises(NotEntitled, match=r"secretary-mrc may not conference\.roll-call"):
        bus.execute(secretary_of("mrc"), roll)
    bus.execute(secretary_of("district-hq"), roll)
    with pytest.raises(NotFound, match="has no body 'congress'"):
        bus.execute(
            OPERATOR,
            c.RecordStance(ORG, "garrison", 1, "grenadiers", "conditional", "congress"),
        )
    bus.execute(
        OPERATOR,
        c.RecordStance(ORG, "garrison", 1, "grenadiers", "conditional", "petrograd-soviet"),
    )
    view = bus.execute(OPERATOR, c.ShowConference(ORG, "garrison"))
    assert [(s.session, s.convener, s.rival, s.note) for s in view.sessions] == [
        (1, "mrc", False, ""),
        (2, "district-hq", True, "the lawful assembly"),
    ]
    assert view.members == ("grenadiers", "oranienbaum", "peter-paul")
    assert_replays(bus, ORG)
