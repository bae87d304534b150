"""Orders, countersign policies and allegiance on the fake unit of work: the named
cases of countersignature, who may issue and sign, delegated powers, and the reasons
order.show gives (M17, M19, M27)."""

from __future__ import annotations

from collections.abc import Callable

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
from tests import executive_scenarios as scenarios
from tests.executive_scenarios import OPERATOR, ORG, member, validity
from tests.mandates_scenarios import assert_replays
from tests.services.permission_samples_orders import SAMPLES
from tests.services.sample_runner import check_sample


@pytest.fixture
def bus() -> Bus:
    """Petrograd: the MRC, its three commissars at district headquarters and its policy
    on headquarters' orders; grenadiers obey the MRC, Oranienbaum headquarters, the
    Peter and Paul garrison both."""
    bus = Bus(FakeUnitOfWork())
    scenarios.petrograd(bus)
    return bus


def secretary_of(body: str, number: str | None = None) -> Actor:
    roles = {(ORG, body): frozenset({Role.SECRETARY})}
    return Actor(f"secretary-{body}", member=number, member_of=frozenset({ORG}), roles=roles)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_permission_samples(name: str, operator: Actor) -> None:
    sample: Callable[[Bus, Actor], object] = SAMPLES[name]
    check_sample(name, sample, operator)


# -- the named cases, on the fake unit of work --------------------------------------------
def test_an_order_valid_for_one_unit_and_not_for_another_while_authority_is_contested() -> None:
    scenarios.valid_for_one_unit_not_another(Bus(FakeUnitOfWork()))


def test_an_order_becomes_valid_when_the_second_of_two_countersignatures_arrives() -> None:
    scenarios.valid_at_the_second_countersignature(Bus(FakeUnitOfWork()))


def test_a_recalled_commissars_countersignature_no_longer_counts() -> None:
    scenarios.recalled_countersignature_no_longer_counts(Bus(FakeUnitOfWork()))


def test_mrc_district_hq_commissars_any_one_of_three_countersigns() -> None:
    scenarios.mrc_any_one_of_three(Bus(FakeUnitOfWork()))


# -- who issues and who signs ------------------------------------------------------------------
def test_a_body_issues_through_its_chair_or_secretary(bus: Bus) -> None:
    order = c.IssueOrder(ORG, "o1", "movement", ("grenadiers",), "Stay", body="mrc")
    with pytest.raises(NotEntitled, match="s1 may not act for body mrc: it needs body-secretary"):
        bus.execute(member("s1"), order)
    with pytest.raises(NotEntitled, match="secretary-district-hq may not act for body mrc"):
        bus.execute(secretary_of("district-hq"), order)
    assert bus.execute(secretary_of("mrc"), order) == "o1"
    with pytest.raises(AlreadyExists, match="already has an order 'o1'"):
        bus.execute(secretary_of("mrc"), order)
    with pytest.raises(InvalidInput, match="name the issuing body or the office, one of the two"):
        bus.execute(OPERATOR, c.IssueOrder(ORG, "o2", "movement", ("grenadiers",), "Stay"))


def test_an_office_holder_issues_in_the_name_of_the_appointing_body(bus: Bus) -> None:
    bus.execute(OPERATOR, c.CreateBody(ORG, "arsenal", "Arsenal", "unit"))
    bus.execute(
        OPERATOR,
        c.AppointOffice(
            ORG,
            "arsenal-c",
            "mrc",
            "s1",
            unit="arsenal",
            credential="No. 9",
            powers=("authorise-issues", "issue-orders"),
        ),
    )
    arms = c.IssueOrder(ORG, "o1", "issue-arms", ("arsenal",), "5,000 rifles", office="arsenal-c")
    with pytest.raises(NotEntitled, match="it is held by member s1"):
        bus.execute(member("s2"), arms)
    assert bus.execute(member("s1"), arms) == "o1"
    view = bus.execute(OPERATOR, c.ShowOrder(ORG, "o1"))
    assert (view.issuer, view.office) == ("mrc", "arsenal-c")
    no_power = c.IssueOrder(ORG, "o2", "movement", ("grenadiers",), "Stay", office="sadovsky")
    with pytest.raises(InvalidInput, match="office sadovsky holds no power to issue orders"):
        bus.execute(member("s1"), no_power)


def test_a_commissar_countersigns_as_themself_or_an_administrator_records_paper(
    bus: Bus,
) -> None:
    scenarios.hq_order(bus, "o1")
    with pytest.raises(NotEntitled, match="s2 may not act for office sadovsky"):
        bus.execute(member("s2"), c.CountersignOrder(ORG, "o1", "sadovsky"))
    with pytest.raises(NotEntitled, match="secretary-mrc may not act for office sadovsky"):
        bus.execute(secretary_of("mrc"), c.CountersignOrder(ORG, "o1", "sadovsky"))
    bus.execute(member("s1"), c.CountersignOrder(ORG, "o1", "sadovsky"))
    bus.execute(OPERATOR, c.RefuseCountersign(ORG, "o1", "lazimir", "signed on paper: no"))
    with pytest.raises(AlreadyExists, match="office sadovsky has already countersigned it"):
        bus.execute(member("s1"), c.RefuseCountersign(ORG, "o1", "sadovsky", "changed"))
    view = bus.execute(OPERATOR, c.ShowOrder(ORG, "o1"))
    assert [(s.office, s.holder, s.countersigned, s.on_paper) for s in view.signatures] == [
        ("sadovsky", "s1", True, False),
        ("lazimir", "s3", False, True),
    ]
    with pytest.raises(NotFound, match="has no office 'nobody'"):
        bus.execute(OPERATOR, c.CountersignOrder(ORG, "o1", "nobody"))
    with pytest.raises(NotFound, match="has no order 'o9'"):
        bus.execute(OPERATOR, c.CountersignOrder(ORG, "o9", "sadovsky"))


def test_a_recalled_commissar_signs_no_more(bus: Bus) -> None:
    scenarios.hq_order(bus, "o1")
    bus.execute(OPERATOR, c.RecallOffice(ORG, "sadovsky", "mrc", "recalled"))
    with pytest.raises(InvalidTransition, match="office sadovsky was ended by mrc"):
        bus.execute(member("s1"), c.CountersignOrder(ORG, "o1", "sadovsky"))


def test_a_policy_may_require_a_bodys_sign_off(bus: Bus) -> None:
    # The Soviet's telephonogram: headquarters' orders only when countersigned by the
    # Soldiers' Section (002_9a3e1fc102cad50d.txt, l. 809).
    bus.execute(
        OPERATOR,
        c.SetPolicy(
            ORG,
            "petrograd-soviet",
            "sections",
            sign_off="soldiers-section",
            issuers=("district-hq",),
        ),
    )
    bus.execute(
        OPERATOR, c.DeclareAllegiance(ORG, "oranienbaum", "petrograd-soviet", "accepts-countersign")
    )
    scenarios.hq_order(bus, "o1")
    assert validity(bus, "o1")["oranienbaum"] == "pending"
    sign_off = c.SignOffOrder(ORG, "o1", "soldiers-section", False, "against the Soviet")
    with pytest.raises(NotEntitled, match=r"nobody may not order\.sign-off"):
        bus.execute(Actor("nobody", member_of=frozenset({ORG})), sign_off)
    bus.execute(secretary_of("soldiers-section"), sign_off)
    assert validity(bus, "o1")["oranienbaum"] == "refused"
    assert scenarios.reasons(bus, "o1")["oranienbaum"] == (
        "petrograd-soviet/sections soldiers-section refused its sign-off: against the Soviet"
    )
    with pytest.raises(AlreadyExists, match="soldiers-section has already refused it"):
        bus.execute(OPERATOR, c.SignOffOrder(ORG, "o1", "soldiers-section"))


# -- delegated powers -------------------------------------------------------------------------
def test_a_commission_acts_only_within_its_delegated_powers(operator: Actor) -> None:
    bus = Bus(FakeUnitOfWork())
    bus.execute(operator, c.CreateOrganisation("o", "O"))
    for key, kind in (("soviet", "council"), ("mrc", "commission"), ("unit", "unit")):
        bus.execute(operator, c.CreateBody("o", key, key, kind))
    bus.execute(operator, c.AddMember("o", "1", "Ada", "soviet"))
    bus.execute(
        operator,
        c.CreateCommission(
            "o", "mrc", "soviet", "Defence", ("countersign",), "reports", (("soviet", 1),)
        ),
    )
    with pytest.raises(
        NotCompetent, match="commission mrc lacks the delegated power 'issue-orders'"
    ):
        bus.execute(operator, c.IssueOrder("o", "o1", "movement", ("unit",), "Stay", body="mrc"))
    with pytest.raises(NotCompetent, match="lacks the delegated power 'appoint-commissars'"):
        bus.execute(operator, c.AppointOffice("o", "c1", "mrc", "1", unit="unit", credential="1"))
    bus.execute(operator, c.CreateBody("o", "garrison", "Garrison Conference", "conference"))
    bus.execute(operator, c.ConstituteConference("o", "garrison", "mrc", ("unit",)))
    with pytest.raises(NotCompetent, match="commission mrc lacks the delegated power 'convoke'"):
        bus.execute(operator, c.ConveneConference("o", "garrison", "mrc"))
    # The parent, acting on its own authority, is not checked.
    assert bus.execute(operator, c.IssueOrder("o", "o1", "m", ("unit",), "Stay", body="soviet"))


def test_an_executive_committee_issues_no_orders_while_its_congress_sits(
    operator: Actor,
) -> None:
    bus = Bus(FakeUnitOfWork())
    bus.execute(operator, c.CreateOrganisation("o", "O"))
    for key, kind in (("congress", "congress"), ("cec", "executive"), ("unit", "unit")):
        bus.execute(operator, c.CreateBody("o", key, key, kind))
    bus.execute(operator, c.ConstituteExecutive("o", "cec", "congress", ("issue-orders",)))
    bus.execute(operator, c.OpenSitting("o", "s1", "congress"))
    order = c.IssueOrder("o", "o1", "movement", ("unit",), "Stay", body="cec")
    with pytest.raises(NotCompetent, match="sitting s1 of congress is in session"):
        bus.execute(operator, order)
    with pytest.raises(NotCompetent, match="lacks the delegated power 'countersign'"):
        bus.execute(operator, c.SetPolicy("o", "cec", "p", sign_off="congress"))
    bus.execute(operator, c.SetSittingStatus("o", "s1", "closed"))
    assert bus.execute(operator, order) == "o1"


# -- policies and allegiance --------------------------------------------------------------------
def test_a_policy_names_known_issuers_addressees_and_offices(bus: Bus) -> None:
    with pytest.raises(NotFound, match="issuer 'navy' is neither a body nor an office"):
        bus.execute(OPERATOR, c.SetPolicy(ORG, "mrc", "p", ("lazimir",), issuers=("navy",)))
    with pytest.raises(NotFound, match="has no body 'navy'"):
        bus.execute(OPERATOR, c.SetPolicy(ORG, "mrc", "p", ("lazimir",), addressees=("navy",)))
    with pytest.raises(NotFound, match="has no office 'nobody'"):
        bus.execute(OPERATOR, c.SetPolicy(ORG, "mrc", "p", ("nobody",)))
    bus.execute(OPERATOR, c.SetPolicy(ORG, "mrc", "p", ("lazimir",), issuers=("sadovsky",)))
    bus.execute(OPERATOR, c.RevokePolicy(ORG, "mrc", "hq-orders", "headquarters submitted"))
    scenarios.hq_order(bus, "o1")
    assert validity(bus, "o1")["grenadiers"] == "advisory"
    with pytest.raises(InvalidTransition, match="policy mrc/hq-orders is already revoked"):
        bus.execute(OPERATOR, c.RevokePolicy(ORG, "mrc", "hq-orders", "again"))


def test_recognition_changing_over_time_changes_validity(bus: Bus) -> None:
    scenarios.hq_order(bus, "o1")
    assert validity(bus, "o1")["oranienbaum"] == "valid"
    bus.execute(
        secretary_of("oranienbaum"), c.WithdrawAllegiance(ORG, "oranienbaum", "district-hq")
    )
    assert validity(bus, "o1")["oranienbaum"] == "advisory"
    with pytest.raises(NotEntitled, match=r"secretary-mrc may not allegiance\.declare"):
        bus.execute(secretary_of("mrc"), c.DeclareAllegiance(ORG, "oranienbaum", "mrc"))
    bus.execute(
        secretary_of("oranienbaum"),
        c.DeclareAllegiance(ORG, "oranienbaum", "mrc", types=("movement",)),
    )
    assert validity(bus, "o1")["oranienbaum"] == "pending"
    shown = bus.execute(member("s1"), c.ShowAllegiance(ORG, "oranienbaum"))
    assert shown.authorities == (("mrc", "obeys", ("movement",)),)
    assert shown.summary == "oranienbaum obeys mrc (orders of type movement)"
    with pytest.raises(NotFound, match="oranienbaum does not recognise 'cec'"):
        bus.execute(OPERATOR, c.WithdrawAllegiance(ORG, "oranienbaum", "cec"))
    with pytest.raises(NotFound, match="has no body 'cec'"):
        bus.execute(OPERATOR, c.DeclareAllegiance(ORG, "oranienbaum", "cec"))
    assert_replays(bus, ORG)
