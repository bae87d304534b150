"""Commissions with seats allotted to organisations (M15) and conferences of unit
committees (M18)."""

from __future__ import annotations

import pytest

from sovet.domain.commissions import Commission, SeatState
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotCompetent,
    NotFound,
)
from sovet.domain.events import EVENT_TYPES, event_from_entry
from sovet.domain.garrison import Conference, Stance
from sovet.domain.organisation import Organisation
from sovet.domain.powers import Power


def organisation() -> Organisation:
    org = Organisation("p", "Petrograd")
    for key, kind in (
        ("soviet", "council"),
        ("cec", "executive"),
        ("mrc", "commission"),
        ("presidium", "presidium"),
        ("soldiers", "section"),
        ("fleet", "council"),
        ("garrison", "conference"),
        ("grenadiers", "unit"),
        ("cavalry", "unit"),
        ("peter-paul", "unit"),
    ):
        org.create_body(key, key, kind)
    return org


ORG = organisation()


def mrc(**changes: object) -> Commission:
    args: dict[str, object] = dict(
        mandate="Revolutionary defence",
        powers=("issue-orders", "countersign"),
        reporting="reports to the Soviet",
        seats=(("presidium", 2), ("soldiers", 1), ("fleet", 1)),
    )
    args.update(changes)
    return Commission.create(ORG, ORG.bodies["mrc"], ORG.bodies["soviet"], **args)  # type: ignore[arg-type]


# -- commissions ------------------------------------------------------------------------------
def test_a_commission_has_regulations_and_delegated_powers() -> None:
    c = mrc()
    assert (c.parent, c.allotted) == ("soviet", {"presidium": 2, "soldiers": 1, "fleet": 1})
    assert c.delegation.what == "commission"
    c.delegation.require(Power.COUNTERSIGN)
    with pytest.raises(NotCompetent, match="commission mrc lacks the delegated power 'convoke'"):
        c.delegation.require(Power.CONVOKE)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mandate": ""}, "commission mrc: mandate must not be empty"),
        ({"reporting": " "}, "commission mrc: reporting duty must not be empty"),
        ({"powers": ()}, "commission mrc: list at least one delegated power"),
        ({"seats": ()}, "allot seats to at least one organisation"),
        ({"seats": (("fleet", 0),)}, "fleet must get >= 1 seat, not 0"),
        ({"seats": (("mrc", 1),)}, "commission mrc cannot allot seats to itself"),
        ({"seats": (("fleet", 1), ("fleet", 2))}, "an organisation is allotted seats twice"),
    ],
)
def test_regulations_rules(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        mrc(**changes)


def test_only_a_commission_is_created_and_seats_go_to_known_bodies() -> None:
    with pytest.raises(InvalidInput, match="body cec is a executive; only a commission"):
        Commission.create(
            ORG,
            ORG.bodies["cec"],
            ORG.bodies["soviet"],
            mandate="m",
            powers=("convoke",),
            reporting="r",
            seats=(("fleet", 1),),
        )
    with pytest.raises(NotFound, match="has no body 'railway'"):
        mrc(seats=(("railway", 1),))


def test_each_organisation_fills_its_own_seats_and_a_boycott_leaves_them_empty() -> None:
    c = mrc()
    c.fill_seat("presidium", "trotsky")
    c.fill_seat("soldiers", "lazimir")
    with pytest.raises(InvalidTransition, match="soldiers has filled all its 1 seats"):
        c.fill_seat("soldiers", "sverdlov")
    with pytest.raises(AlreadyExists, match="member trotsky already holds a seat"):
        c.fill_seat("presidium", "trotsky")
    with pytest.raises(NotFound, match="allots no seats to 'navy'"):
        c.fill_seat("navy", "x")
    c.boycott("fleet", "the Compromisers boycott")
    with pytest.raises(InvalidTransition, match="fleet boycotts commission mrc"):
        c.fill_seat("fleet", "x")
    with pytest.raises(InvalidTransition, match="fleet already boycotts"):
        c.boycott("fleet", "again")
    with pytest.raises(InvalidTransition, match="soldiers has filled all its seats"):
        c.boycott("soldiers", "too late")
    assert [(s.organisation, s.number, s.state, s.holder, s.note) for s in c.seats()] == [
        ("presidium", 1, SeatState.FILLED, "trotsky", ""),
        ("presidium", 2, SeatState.EMPTY, None, ""),
        ("soldiers", 1, SeatState.FILLED, "lazimir", ""),
        ("fleet", 1, SeatState.BOYCOTTED, None, "boycotted: the Compromisers boycott"),
    ]


def test_departments_and_a_bureau_of_seat_holders_under_a_president() -> None:
    c = mrc()
    c.fill_seat("presidium", "trotsky")
    c.fill_seat("soldiers", "lazimir")
    c.add_department("defence", "Defence", "trotsky")
    with pytest.raises(AlreadyExists, match="already has a department 'defence'"):
        c.add_department("defence", "Defence")
    with pytest.raises(InvalidInput, match="sverdlov hold no seat in it"):
        c.form_bureau(["trotsky", "sverdlov"], "trotsky")
    with pytest.raises(InvalidInput, match="the bureau's president lazimir is not among"):
        c.form_bureau(["trotsky"], "lazimir")
    with pytest.raises(InvalidInput, match="a bureau member is named twice"):
        c.form_bureau(["trotsky", "trotsky"], "trotsky")
    with pytest.raises(InvalidInput, match="a bureau needs members"):
        c.form_bureau([], "trotsky")
    c.form_bureau(["trotsky", "lazimir"], "lazimir")
    c.form_bureau(["lazimir"], "lazimir")
    assert (c.bureau, c.president) == (("lazimir",), "lazimir")
    again = Commission.replay(event_from_entry(e.op, e.payload()) for e in c.pending)
    assert again.seats() == c.seats() and again.departments == c.departments
    assert (again.bureau, again.president) == (c.bureau, c.president)
    with pytest.raises(InvalidInput, match=r"first event must be commission\.create"):
        Commission.replay(c.pending[1:])


# -- conferences of unit committees ------------------------------------------------------------
def garrison() -> Conference:
    return Conference.constitute(
        ORG.bodies["garrison"], ORG.bodies["mrc"], [ORG.bodies["grenadiers"], ORG.bodies["cavalry"]]
    )


def test_a_conferences_members_are_units() -> None:
    g = garrison()
    assert g.members == ["grenadiers", "cavalry"]
    with pytest.raises(InvalidInput, match="fleet is a council, not a unit"):
        g.add_member(ORG.bodies["fleet"])
    with pytest.raises(AlreadyExists, match="cavalry is already a member"):
        g.add_member(ORG.bodies["cavalry"])
    with pytest.raises(InvalidInput, match="body soviet is a council; only a conference"):
        Conference.constitute(ORG.bodies["soviet"], ORG.bodies["mrc"], [ORG.bodies["cavalry"]])
    with pytest.raises(InvalidInput, match="name at least one member unit"):
        Conference.constitute(ORG.bodies["garrison"], ORG.bodies["mrc"], [])
    with pytest.raises(InvalidInput, match="a unit is named twice"):
        Conference.constitute(
            ORG.bodies["garrison"], ORG.bodies["mrc"], [ORG.bodies["cavalry"]] * 2
        )


def test_sessions_are_numbered_and_a_rival_conveners_marked() -> None:
    g = garrison()
    g.convene("mrc")
    g.convene("cec", [ORG.bodies["peter-paul"]], "the CEC's lawful assembly")
    first, second = g.sessions
    assert (first.number, first.rival, second.number, second.rival) == (1, False, 2, True)
    assert second.called == ("grenadiers", "cavalry", "peter-paul")
    with pytest.raises(InvalidInput, match="cavalry are members, not invited guests"):
        g.convene("cec", [ORG.bodies["cavalry"]])
    with pytest.raises(NotFound, match="has no session 3"):
        g.session(3)


def test_the_roll_call_records_one_stance_per_unit_called() -> None:
    g = garrison()
    g.convene("mrc")
    g.convene("cec", [ORG.bodies["peter-paul"]])
    g.record_stance(1, "grenadiers", "conditional", "congress")
    g.record_stance(1, "cavalry", "oppose")
    g.record_stance(2, "peter-paul", "oppose", note="a majority of the committees")
    with pytest.raises(AlreadyExists, match="cavalry has already answered the roll of session 1"):
        g.record_stance(1, "cavalry", "support")
    with pytest.raises(NotFound, match="peter-paul was not called to session 1"):
        g.record_stance(1, "peter-paul", "support")
    with pytest.raises(InvalidInput, match="a conditional stance names the authority"):
        g.record_stance(2, "cavalry", "conditional")
    with pytest.raises(InvalidInput, match="and only a conditional one does"):
        g.record_stance(2, "cavalry", "support", "soviet")
    with pytest.raises(InvalidInput, match="unknown stance of cavalry 'maybe'"):
        g.record_stance(2, "cavalry", "maybe")
    roll = g.roll(1)
    assert dict(roll.counts) == {"support": 0, "oppose": 1, "neutral": 0, "conditional": 1}
    assert roll.stances[0].authority == "congress" and roll.not_answering == ()
    rival = g.roll(2)
    assert (rival.rival, rival.not_answering) == (True, ("grenadiers", "cavalry"))
    assert rival.stances[0].invited and rival.stances[0].stance is Stance.OPPOSE
    again = Conference.replay(event_from_entry(e.op, e.payload()) for e in g.pending)
    assert again.roll(1) == roll and again.roll(2) == rival
    with pytest.raises(InvalidInput, match=r"first event must be conference\.constitute"):
        Conference.replay(g.pending[1:])


def test_every_commission_and_conference_event_has_its_own_operation_and_stream() -> None:
    c = mrc()
    c.fill_seat("presidium", "trotsky")
    c.boycott("fleet", "boycott")
    c.add_department("defence", "Defence")
    c.form_bureau(["trotsky"], "trotsky")
    g = garrison()
    g.add_member(ORG.bodies["peter-paul"])
    g.convene("mrc")
    g.record_stance(1, "cavalry", "neutral")
    events = [*c.pending, *g.pending]
    modules = ("sovet.domain.commission_events", "sovet.domain.garrison_events")
    assert {e.op for e in events} == {
        op for op, cls in EVENT_TYPES.items() if cls.__module__ in modules
    }
    assert {e.stream() for e in events} == {"commission:mrc", "conference:garrison"}
    assert all(e.subjects()[0] == e.stream() for e in events)
