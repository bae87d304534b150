"""Executives, their posts and offices, and delegated powers (M14, M16)."""

from __future__ import annotations

import json

import pytest

from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotCompetent,
    NotFound,
)
from sovet.domain.events import EVENT_TYPES, event_from_entry
from sovet.domain.executive import Executive
from sovet.domain.offices import Office, OfficePower, rival_appointments
from sovet.domain.powers import Delegation, Power, parse_powers
from sovet.domain.structure import Body, BodyKind


def body(key: str, kind: str) -> Body:
    return Body(key, key.title(), BodyKind(kind))


CONGRESS = body("congress", "congress")
CEC = body("cec", "executive")
SOVNARKOM = body("sovnarkom", "executive")
MRC = body("mrc", "commission")
HQ = body("district-hq", "executive")
REGIMENT = body("regiment", "unit")


def cec(*powers: str) -> Executive:
    return Executive.constitute(CEC, CONGRESS, powers or ("issue-orders", "appoint-commissars"))


def sovnarkom() -> Executive:
    council = Executive.constitute(SOVNARKOM, CONGRESS, ("issue-orders",), answers_to=cec())
    council.add_post("interior", "Interior")
    council.add_post("communications", "Communications", "open for the railway workers")
    return council


# -- delegated powers ----------------------------------------------------------------
def test_powers_are_listed_once_each_and_known() -> None:
    assert parse_powers(["convoke", "issue-orders"], "x") == (Power.ISSUE_ORDERS, Power.CONVOKE)
    with pytest.raises(InvalidInput, match="x: list at least one delegated power"):
        parse_powers([], "x")
    with pytest.raises(InvalidInput, match="unknown x: power 'rule'"):
        parse_powers(["rule"], "x")
    with pytest.raises(InvalidInput, match="a power is listed twice"):
        parse_powers(["convoke", "convoke"], "x")


def test_an_act_outside_the_delegated_powers_is_refused_naming_the_power() -> None:
    delegation = Delegation("cec", "executive committee", "congress", frozenset({Power.CONVOKE}))
    delegation.require(Power.CONVOKE)
    with pytest.raises(
        NotCompetent,
        match=r"executive committee cec lacks the delegated power 'issue-orders' "
        r"\(powers delegated by congress: convoke\)",
    ):
        delegation.require(Power.ISSUE_ORDERS)


# -- executives ------------------------------------------------------------------------
def test_an_executive_committee_answers_to_its_congress() -> None:
    committee = cec()
    assert (committee.accountable_to, committee.collegium) == ("congress", False)
    assert committee.delegation.what == "executive committee"
    assert committee.answerable_to == {"congress"}
    assert [e.op for e in committee.pending] == ["executive.constitute"]


def test_only_an_executive_is_constituted_and_only_by_a_sitting_body() -> None:
    with pytest.raises(InvalidInput, match="body mrc is a commission; only an executive"):
        Executive.constitute(MRC, CONGRESS, ("convoke",))
    with pytest.raises(InvalidInput, match="district-hq is a executive; an executive is"):
        Executive.constitute(CEC, HQ, ("convoke",))
    with pytest.raises(InvalidInput, match="list at least one delegated power"):
        Executive.constitute(CEC, CONGRESS, ())


def test_a_council_of_commissars_answers_to_the_executive_committee() -> None:
    council = sovnarkom()
    assert (council.accountable_to, council.collegium) == ("cec", True)
    assert council.answerable_to == {"congress", "cec"}
    assert council.delegation.what == "council of commissars"
    other = Executive.constitute(CEC, body("other-congress", "congress"), ("convoke",))
    with pytest.raises(InvalidInput, match="a collegium answers to an executive committee"):
        Executive.constitute(SOVNARKOM, CONGRESS, ("convoke",), answers_to=other)
    with pytest.raises(InvalidInput, match="sovnarkom is not one"):
        Executive.constitute(body("x", "executive"), CONGRESS, ("convoke",), answers_to=council)


def test_an_executive_committee_acts_between_the_sittings_of_its_congress() -> None:
    committee = cec()
    committee.check_act(Power.ISSUE_ORDERS, None)
    with pytest.raises(NotCompetent, match="sitting s1 of congress is in session"):
        committee.check_act(Power.ISSUE_ORDERS, "s1")
    with pytest.raises(NotCompetent, match="lacks the delegated power 'convoke'"):
        committee.check_act(Power.CONVOKE, None)
    # The council of commissars governs while the congress sits.
    sovnarkom().check_act(Power.ISSUE_ORDERS, "s1")


def test_posts_are_unique_and_may_be_held_open_for_negotiation() -> None:
    council = sovnarkom()
    assert council.post("communications").open_for == "open for the railway workers"
    assert council.post("interior").open_for == ""
    with pytest.raises(AlreadyExists, match="already has a post 'interior'"):
        council.add_post("interior", "Interior")
    with pytest.raises(NotFound, match="has no post 'war'"):
        council.post("war")
    with pytest.raises(InvalidInput, match="post key 'Bad Key' is invalid"):
        council.add_post("Bad Key", "x")


def test_an_executive_replays_from_its_events() -> None:
    council = sovnarkom()
    again = Executive.replay(
        event_from_entry(e.op, json.loads(json.dumps(e.payload()))) for e in council.pending
    )
    assert again.posts == council.posts
    assert (again.accountable_to, again.powers) == (council.accountable_to, council.powers)
    with pytest.raises(InvalidInput, match=r"first event must be executive\.constitute"):
        Executive.replay(council.pending[1:])


# -- offices ----------------------------------------------------------------------------
def commissar(key: str = "c1", holder: str = "s1", by: Body = MRC) -> Office:
    return Office.attach(key, holder, by, REGIMENT, "MRC No. 1")


def test_a_commissar_is_attached_with_a_credential() -> None:
    office = commissar()
    assert (office.unit, office.credential, office.active) == ("regiment", "MRC No. 1", True)
    assert office.powers == {OfficePower.OBSERVE, OfficePower.COUNTERSIGN}
    with pytest.raises(InvalidInput, match="office c2: credential must not be empty"):
        Office.attach("c2", "s1", MRC, REGIMENT, " ")
    with pytest.raises(InvalidInput, match="regiment cannot attach a commissar to itself"):
        Office.attach("c2", "s1", REGIMENT, REGIMENT, "No. 2")
    with pytest.raises(InvalidInput, match="unknown office c2: power 'command'"):
        Office.attach("c2", "s1", MRC, REGIMENT, "No. 2", powers=("command",))
    with pytest.raises(InvalidInput, match="member number"):
        Office.attach("c2", "s 1", MRC, REGIMENT, "No. 2")


def test_a_post_is_filled_only_by_a_body_the_executive_answers_to_and_only_once() -> None:
    council = sovnarkom()
    office = Office.to_post("pc1", "rykov", CONGRESS, council, "interior")
    assert (office.title, office.powers) == ("Interior", {OfficePower.ISSUE_ORDERS})
    Office.to_post("pc2", "rykov", CEC, council, "communications")
    with pytest.raises(NotCompetent, match="filled by cec or congress, not by mrc"):
        Office.to_post("pc3", "rykov", MRC, council, "interior")
    with pytest.raises(AlreadyExists, match="post interior of sovnarkom is held by office pc1"):
        Office.to_post("pc3", "stalin", CONGRESS, council, "interior", held_by="pc1")
    with pytest.raises(NotFound, match="has no post 'war'"):
        Office.to_post("pc3", "stalin", CONGRESS, council, "war")


def test_only_a_body_the_office_answers_to_ends_it_others_are_contested() -> None:
    office = commissar()
    rival = office.order_removal("district-hq", "all commissars removed")
    assert not rival.effective
    assert "answers to mrc, not to district-hq; the removal is recorded as contested" in (
        rival.ground
    )
    assert office.active and office.contested[0].by == "district-hq"
    assert office.order_removal("mrc", "recalled").effective
    assert (office.active, office.ended_by) == (False, "mrc")
    with pytest.raises(InvalidTransition, match="office c1 was ended by mrc"):
        office.order_removal("mrc", "again")
    with pytest.raises(InvalidInput, match="reason for removal must not be empty"):
        commissar().order_removal("mrc", "")


def test_the_executive_committee_may_dismiss_a_member_of_the_council() -> None:
    council = sovnarkom()
    office = Office.to_post("pc1", "rykov", CONGRESS, council, "interior")
    assert office.answers_to(council) == {"congress", "cec"}
    assert office.answers_to() == {"congress"}
    assert office.order_removal("cec", "replaced", executive=council).effective


def test_the_unit_may_refuse_recognition_and_later_recognise() -> None:
    office = commissar()
    with pytest.raises(InvalidInput, match="reason for refusing recognition must not be empty"):
        office.recognise(False)
    office.recognise(False, "the commandant refuses him")
    assert office.recognition is not None and not office.recognition.recognised
    office.recognise(True, "the garrison voted to obey the MRC")
    assert office.recognition.recognised and office.active
    post = Office.to_post("pc1", "rykov", CONGRESS, sovnarkom(), "interior")
    with pytest.raises(InvalidInput, match="is a post, not attached to a unit"):
        post.recognise(True)
    office.order_removal("mrc", "recalled")
    with pytest.raises(InvalidTransition, match="cannot be recognised"):
        office.recognise(True)


def test_an_office_replays_from_its_events() -> None:
    office = commissar()
    office.recognise(False, "refused")
    office.order_removal("district-hq", "removed")
    office.order_removal("mrc", "recalled")
    again = Office.replay(event_from_entry(e.op, e.payload()) for e in office.pending)
    assert (again.active, again.recognition, again.contested, again.ended_by) == (
        office.active,
        office.recognition,
        office.contested,
        "mrc",
    )
    with pytest.raises(InvalidInput, match=r"first event must be office\.appoint"):
        Office.replay(office.pending[1:])


def test_rival_appointments_to_the_same_unit_are_shown() -> None:
    ours, theirs, ended = commissar("c1"), commissar("c2", by=CEC), commissar("c3", by=HQ)
    ended.order_removal("district-hq", "withdrawn")
    assert rival_appointments([ours, theirs, ended]) == {"regiment": ("cec", "mrc")}
    assert rival_appointments([ours, ended]) == {}


def test_every_executive_and_office_event_has_its_own_operation_and_stream() -> None:
    council = sovnarkom()
    office = commissar()
    office.recognise(True)
    office.order_removal("mrc", "recalled")
    events = [*council.pending, *office.pending]
    modules = ("sovet.domain.executive_events", "sovet.domain.office_events")
    ops = {op for op, cls in EVENT_TYPES.items() if cls.__module__ in modules}
    assert {e.op for e in events} == ops
    assert {e.stream() for e in events} == {"executive:sovnarkom", "office:c1"}
    assert all(e.subjects()[0] == e.stream() for e in events)
