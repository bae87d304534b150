"""Worked scenarios of the executive side, end to end through the bus: the MRC, its
commissars at district headquarters, countersigned orders and units of divided
allegiance (M15-M19, M27).

Each runs on whatever bus it is given (the fake unit of work, SQLite, PostgreSQL) and
checks the ledger it leaves with a clean replay. Names and the 1-of-3 rule are those
of fact ``mrc-district-hq-commissars`` (002_9a3e1fc102cad50d.txt, l. 883); which unit
obeys whom is illustrative, after l. 811 (the Oranienbaum school "would submit only to
the commands of the Central Executive Committee") and l. 895 (headquarters awaiting "a
solution of the conflict between the Central Executive Committee and the Petrograd
Soviet").
"""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.mandates_scenarios import assert_replays

OPERATOR = Actor.operator()
ORG = "petrograd"
COMMISSARS = (("sadovsky", "s1"), ("mekhonoshin", "s2"), ("lazimir", "s3"))


def member(number: str) -> Actor:
    """A member acting as themself (a commissar countersigning in person)."""
    return Actor(number, member=number, member_of=frozenset({ORG}))


def petrograd(bus: Bus) -> None:
    """The Soviet, its MRC with three commissars at district headquarters, the MRC's
    policy that headquarters' orders need one of their countersignatures, and units of
    divided allegiance."""
    bodies = (
        ("petrograd-soviet", "Petrograd Soviet", "council"),
        ("soldiers-section", "Soldiers' section", "section"),
        ("soviet-presidium", "Presidium of the Soviet", "presidium"),
        ("mrc", "Military Revolutionary Committee", "commission"),
        ("district-hq", "Headquarters of the Petrograd military district", "executive"),
        ("grenadiers", "Grenadier regiment", "unit"),
        ("oranienbaum", "Military school in Oranienbaum", "unit"),
        ("peter-paul", "Garrison of the Peter and Paul fortress", "unit"),
    )
    bus.execute(OPERATOR, c.CreateOrganisation(ORG, "Petrograd 1917", "julian"))
    for key, name, kind in bodies:
        bus.execute(OPERATOR, c.CreateBody(ORG, key, name, kind))
    for number, name in (("s1", "Sadovsky"), ("s2", "Mekhonoshin"), ("s3", "Lazimir")):
        bus.execute(OPERATOR, c.AddMember(ORG, number, name, "petrograd-soviet"))
    bus.execute(
        OPERATOR,
        c.CreateCommission(
            ORG,
            "mrc",
            "petrograd-soviet",
            mandate="Defence of the capital; the organ of the Soviet for the garrison",
            powers=("issue-orders", "appoint-commissars", "countersign", "convoke"),
            reporting="reports to the plenary Soviet",
            seats=(("soviet-presidium", 2), ("soldiers-section", 2)),
            resolution="regulations adopted by the plenary Soviet on the 16th",
        ),
    )
    for office, number in COMMISSARS:
        bus.execute(
            OPERATOR,
            c.AppointOffice(
                ORG, office, "mrc", number, unit="district-hq", credential=f"MRC No. {number}"
            ),
        )
    bus.execute(
        OPERATOR,
        c.SetPolicy(
            ORG,
            "mrc",
            "hq-orders",
            signatories=tuple(o for o, _ in COMMISSARS),
            needed=1,
            issuers=("district-hq",),
            note="orders of the commander effective only when countersigned by one of three",
        ),
    )
    for unit, authority in (
        ("grenadiers", "mrc"),
        ("oranienbaum", "district-hq"),
        ("peter-paul", "district-hq"),
        ("peter-paul", "mrc"),
    ):
        bus.execute(OPERATOR, c.DeclareAllegiance(ORG, unit, authority))


def hq_order(bus: Bus, key: str, kind: str = "movement") -> None:
    bus.execute(
        OPERATOR,
        c.IssueOrder(
            ORG,
            key,
            kind,
            ("grenadiers", "oranienbaum", "peter-paul"),
            "Remain in barracks",
            body="district-hq",
        ),
    )


def validity(bus: Bus, order: str) -> dict[str, str]:
    view = bus.execute(OPERATOR, c.ShowOrder(ORG, order))
    return {v.unit: str(v.status) for v in view.validity}


def reasons(bus: Bus, order: str) -> dict[str, str]:
    view = bus.execute(OPERATOR, c.ShowOrder(ORG, order))
    return {v.unit: v.reason for v in view.validity}


# -- the three named cases ---------------------------------------------------------------
def valid_for_one_unit_not_another(bus: Bus) -> None:
    """While authority is contested, the same order of headquarters binds the unit that
    obeys headquarters, is refused for the unit that obeys the MRC once the three
    commissars refuse it, and is contested for the unit that obeys both."""
    petrograd(bus)
    hq_order(bus, "o1")
    assert validity(bus, "o1") == {
        "grenadiers": "pending",
        "oranienbaum": "valid",
        "peter-paul": "pending",
    }
    for office, number in COMMISSARS:
        bus.execute(member(number), c.RefuseCountersign(ORG, "o1", office, "against the Soviet"))
    assert validity(bus, "o1") == {
        "grenadiers": "refused",
        "oranienbaum": "valid",
        "peter-paul": "contested",
    }
    why = reasons(bus, "o1")
    assert "refused by sadovsky, mekhonoshin, lazimir" in why["grenadiers"]
    assert why["oranienbaum"] == (
        "binds oranienbaum: it obeys district-hq, which issued it; "
        "no countersign policy it accepts covers the order"
    )
    assert why["peter-paul"].startswith(
        "authority is contested for peter-paul: it obeys district-hq, which issued it; "
        "but it also obeys mrc, and mrc/hq-orders refused by sadovsky"
    )
    assert_replays(bus, ORG)


def valid_at_the_second_countersignature(bus: Bus) -> None:
    """A policy needing two of the three commissars for transfers: the order is pending
    after the first countersignature and valid at the second."""
    petrograd(bus)
    bus.execute(
        OPERATOR,
        c.SetPolicy(
            ORG,
            "mrc",
            "transfers",
            signatories=tuple(o for o, _ in COMMISSARS),
            needed=2,
            types=("transfer",),
        ),
    )
    hq_order(bus, "o2", "transfer")
    bus.execute(member("s1"), c.CountersignOrder(ORG, "o2", "sadovsky"))
    assert validity(bus, "o2")["grenadiers"] == "pending"
    assert "mrc/transfers has 1 of the 2 countersignatures" in reasons(bus, "o2")["grenadiers"]
    bus.execute(member("s3"), c.CountersignOrder(ORG, "o2", "lazimir"))
    assert validity(bus, "o2")["grenadiers"] == "valid"
    assert validity(bus, "o2")["oranienbaum"] == "valid"
    assert_replays(bus, ORG)


def recalled_countersignature_no_longer_counts(bus: Bus) -> None:
    """A commissar's countersignature makes the order valid; headquarters' order to
    remove him is contested and changes nothing; once the MRC recalls him, his
    countersignature no longer counts and the order is pending again."""
    petrograd(bus)
    hq_order(bus, "o3")
    bus.execute(member("s2"), c.CountersignOrder(ORG, "o3", "mekhonoshin"))
    assert validity(bus, "o3")["grenadiers"] == "valid"
    contested = bus.execute(
        OPERATOR, c.RecallOffice(ORG, "mekhonoshin", "district-hq", "all commissars removed")
    )
    assert not contested.effective
    assert validity(bus, "o3")["grenadiers"] == "valid"
    recalled = bus.execute(OPERATOR, c.RecallOffice(ORG, "mekhonoshin", "mrc", "recalled"))
    assert recalled.effective
    assert validity(bus, "o3")["grenadiers"] == "pending"
    why = reasons(bus, "o3")["grenadiers"]
    assert "not counted, no longer in office: mekhonoshin" in why
    view = bus.execute(OPERATOR, c.ShowOrder(ORG, "o3"))
    assert [(s.office, s.countersigned, s.in_post) for s in view.signatures] == [
        ("mekhonoshin", True, False)
    ]
    assert_replays(bus, ORG)


def mrc_any_one_of_three(bus: Bus) -> None:
    """Fact ``mrc-district-hq-commissars``: three commissars at district headquarters,
    any one of whom must countersign the commander's orders (k = 1 of n = 3)."""
    petrograd(bus)
    for office, number in COMMISSARS:
        key = f"order-{office}"
        hq_order(bus, key)
        assert validity(bus, key)["grenadiers"] == "pending"
        bus.execute(member(number), c.CountersignOrder(ORG, key, office))
        assert validity(bus, key)["grenadiers"] == "valid"
        assert f"countersigned by {office} (1 of the 1 needed)" in reasons(bus, key)["grenadiers"]
    assert_replays(bus, ORG)
