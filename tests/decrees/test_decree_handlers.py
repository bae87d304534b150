"""Decrees through the bus: issue, dissemination, responses and compliance at every
tier, local acts and conflicts; on the fake store and on SQLite and PostgreSQL."""

from __future__ import annotations

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
from tests.decrees.setup import (
    LOCALS,
    OPERATOR,
    ORG,
    adopted_decree_motion,
    federation,
    issued_decree,
    secretary_of,
)


def respond(bus: Bus, body: str, state: str, reason: str = "") -> str:
    return bus.execute(secretary_of(body), c.RespondToDecree(ORG, "land", body, state, reason))  # type: ignore[no-any-return]


def counts(bus: Bus, under: str | None = None) -> dict[str, int]:
    compliance = bus.execute(OPERATOR, c.ShowCompliance(ORG, "land", under))
    out = dict(compliance.whole.counts)
    out["silent"] = compliance.whole.silent
    return out


def test_a_congress_decree_reaches_three_tiers_and_compliance_is_counted_at_each(bus: Bus) -> None:
    issued_decree(bus)
    sent = bus.execute(secretary_of("congress"), c.DisseminateDecree(ORG, "land", "telegraph"))
    assert (sent.bodies, sent.tiers) == (11, 3)

    respond(bus, "north", "acknowledged")
    respond(bus, "n-city", "received")
    respond(bus, "n-city", "adopted")
    respond(bus, "n-1", "implemented")
    respond(bus, "n-2", "refused", "The land committee is not yet elected.")
    respond(bus, "s-1", "acknowledged")
    # n-3, n-town, south, s-city, s-2, s-3 stay silent: no reply is not a refusal

    whole = bus.execute(OPERATOR, c.ShowCompliance(ORG, "land"))
    assert whole.whole.total == 11
    assert whole.whole["refused"] == 1
    assert whole.whole.silent == 6
    assert whole.whole.replied == 5
    tiers = {tier: (t["acknowledged"], t["adopted"], t["implemented"], t["refused"], t.silent)
             for tier, t in whole.by_tier}  # fmt: skip
    assert tiers == {1: (1, 0, 0, 0, 1), 2: (0, 1, 0, 0, 2), 3: (1, 0, 1, 1, 3)}
    branches = {b: (t.total, t.replied) for b, t in whole.branches}
    assert branches == {"north": (6, 4), "south": (5, 1)}

    north = bus.execute(OPERATOR, c.ShowCompliance(ORG, "land", "north"))
    assert north.whole.total == 6  # north itself and its five below
    assert {b: (t.total, t["refused"]) for b, t in north.branches} == {
        "n-city": (3, 1),
        "n-town": (2, 0),
    }
    city = counts(bus, "n-city")
    assert (city["adopted"], city["implemented"], city["refused"], city["silent"]) == (1, 1, 1, 0)
    assert counts(bus, "s-city")["silent"] == 3
    assert bus.execute(OPERATOR, c.ReplayLedger(ORG)).ok


def test_a_refusal_needs_reasons_and_responses_never_go_back(bus: Bus) -> None:
    issued_decree(bus)
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    with pytest.raises(InvalidInput, match="reasons"):
        respond(bus, "n-1", "refused")
    respond(bus, "n-1", "adopted")
    with pytest.raises(InvalidTransition, match="already adopted"):
        respond(bus, "n-1", "acknowledged")
    with pytest.raises(InvalidInput, match="set by dissemination"):
        respond(bus, "n-1", "sent")
    respond(bus, "n-2", "refused", "No committee.")
    respond(bus, "n-2", "implemented")  # reconsidered
    with pytest.raises(InvalidTransition, match="cannot refuse"):
        respond(bus, "n-2", "refused", "Again.")


def test_only_the_body_itself_reports_and_only_bodies_in_scope(bus: Bus) -> None:
    issued_decree(bus, roots=("south",))
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    with pytest.raises(NotEntitled, match="body s-1"):
        bus.execute(secretary_of("s-2"), c.RespondToDecree(ORG, "land", "s-1", "received"))
    with pytest.raises(NotFound, match="not in scope"):
        respond(bus, "n-1", "received")
    assert counts(bus)["sent"] == 5  # south, s-city, s-1..s-3


def test_scope_depth_and_roots() -> None:
    bus = Bus(FakeUnitOfWork())
    issued_decree(bus, depth=2)
    assert bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land")).bodies == 5
    with pytest.raises(InvalidTransition, match="sent down already"):
        bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))


def test_issue_refuses_what_is_not_an_adopted_decree(bus: Bus) -> None:
    federation(bus)
    adopted_decree_motion(bus, "peace", kind="resolution")
    issue = c.IssueDecree(ORG, "peace", "s1", "peace", "1", "Decree on Peace", "1917-10-26")
    with pytest.raises(InvalidInput, match="resolution, not a decree"):
        bus.execute(OPERATOR, issue)
    with pytest.raises(NotFound, match="motion 'war'"):
        bus.execute(OPERATOR, c.IssueDecree(ORG, "w", "s1", "war", "1", "W", "1917-10-26"))


def test_numbers_are_unique_per_issuing_body_and_dates_checked(bus: Bus) -> None:
    issued_decree(bus)
    again = c.IssueDecree(ORG, "land-2", "s1", "land", "2", "Again", "1917-10-26")
    with pytest.raises(AlreadyExists, match=r"No\. 2"):
        bus.execute(OPERATOR, again)
    bad = c.IssueDecree(ORG, "land-3", "s1", "land", "3", "Again", "26 Oct")
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        bus.execute(OPERATOR, bad)
    outside = c.IssueDecree(ORG, "land-4", "s1", "land", "4", "A", "1917-10-26", roots=("nowhere",))
    with pytest.raises(NotFound, match="nowhere"):
        bus.execute(OPERATOR, outside)


def test_a_provisional_decree_ends_by_the_body_it_names(bus: Bus) -> None:
    federation(bus)
    adopted_decree_motion(bus)
    bus.execute(
        OPERATOR,
        c.IssueDecree(ORG, "land", "s1", "land", "2", "Land", "1917-10-26",
                      until="until the southern council decides", until_body="south"),
    )  # fmt: skip
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    with pytest.raises(NotCompetent, match="only by congress or south"):
        bus.execute(OPERATOR, c.EndDecree(ORG, "land", "north", "We disagree."))
    bus.execute(secretary_of("south"), c.EndDecree(ORG, "land", "south", "Decided otherwise."))
    view = bus.execute(OPERATOR, c.ShowDecree(ORG, "land"))
    assert view.decree.status == "ended" and view.decree.ended_by == "south"
    with pytest.raises(InvalidTransition, match="has ended"):
        respond(bus, "n-1", "received")


def test_a_local_act_in_conflict_is_flagged_to_both_bodies(bus: Bus) -> None:
    issued_decree(bus)
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    first = bus.execute(
        secretary_of("n-1"),
        c.AdoptLocalAct(ORG, "n-1", "hiring", "Hiring", "Shop committees consent."),
    )
    second = bus.execute(
        secretary_of("n-1"), c.AdoptLocalAct(ORG, "n-1", "estates", "Estates", "Estates stay.")
    )
    assert (first, second) == (1, 2)  # the body's own numbering
    with pytest.raises(AlreadyExists, match=r"No\. 2"):
        bus.execute(OPERATOR, c.AdoptLocalAct(ORG, "n-1", "x", "X", "x", number=2))
    with pytest.raises(NotCompetent, match="not by south"):
        bus.execute(OPERATOR, c.DeclareConflict(ORG, "n-1", "estates", "land", "south", "No."))
    bus.execute(
        secretary_of("congress"),
        c.DeclareConflict(
            ORG, "n-1", "estates", "land", "congress", "The decree confiscates estates."
        ),
    )
    acts = bus.execute(OPERATOR, c.ShowActs(ORG, "n-1"))
    assert [(x.act, x.decree, x.by) for x in acts.conflicts] == [("estates", "land", "congress")]
    assert bus.execute(OPERATOR, c.ShowDecree(ORG, "land")).conflicts == (("n-1", "estates"),)
    assert bus.execute(OPERATOR, c.ShowCompliance(ORG, "land", "n-city")).conflicts == (
        ("n-1", "estates"),
    )
    assert bus.execute(OPERATOR, c.ShowCompliance(ORG, "land", "south")).conflicts == ()
    assert bus.execute(OPERATOR, c.ReplayLedger(ORG)).ok


def test_lists_decrees(bus: Bus) -> None:
    issued_decree(bus)
    rows = bus.execute(OPERATOR, c.ListDecrees(ORG))
    assert [(d.key, d.number, d.status) for d in rows] == [("land", "2", "issued")]
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    assert bus.execute(OPERATOR, c.ListDecrees(ORG, "congress"))[0].status == "in-force"
    assert bus.execute(OPERATOR, c.ListDecrees(ORG, "north")) == []


def test_every_local_soviet_is_reached(bus: Bus) -> None:
    issued_decree(bus)
    bus.execute(OPERATOR, c.DisseminateDecree(ORG, "land"))
    compliance = bus.execute(OPERATOR, c.ShowCompliance(ORG, "land"))
    assert dict(compliance.by_tier)[3].total == len(LOCALS)
