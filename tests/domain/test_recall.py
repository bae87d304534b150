"""Recall by petition and vote, and the filling of the vacancy (M03)."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import RankedProfile, Tally
from sovet.count.majority import ABSOLUTE_MEMBERS, TWO_THIRDS
from sovet.domain import events as ev
from sovet.domain import recall_events as rev
from sovet.domain.elections import Elected, Election
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    MandateRevoked,
    NotFound,
    PetitionNotReached,
)
from sovet.domain.events import Event, event_from_entry
from sovet.domain.members import Mandate, MandateStatus, Member
from sovet.domain.organisation import Organisation
from sovet.domain.recall import (
    DEFAULT_THRESHOLD,
    RecallPetition,
    RecallStatus,
    VacancyPolicy,
    signatures_needed,
)


def round_trips(events: list[Event]) -> None:
    for event in events:
        wire = json.loads(json.dumps(event.payload()))
        assert event_from_entry(event.op, wire) == event


def refused(
    p: RecallPetition, action: Callable[[], object], error: type[Exception], match: str
) -> None:
    before = list(p.pending)
    with pytest.raises(error, match=match):
        action()
    assert p.pending == before, "a refused action records no event"


def mandate(status: MandateStatus = MandateStatus.CONFIRMED) -> Mandate:
    return Mandate("soviet-7", "soviet", "works", "ivanov", "srs", status=status)


def petition(electors: int = 20, **kw: object) -> RecallPetition:
    return RecallPetition.open("recall-1", mandate(), electors, **kw)  # type: ignore[arg-type]


def signed(electors: int = 20, n: int = 5) -> RecallPetition:
    p = petition(electors)
    for i in range(n):
        p.sign(f"e{i}")
    return p


# -- the threshold -------------------------------------------------------------
@pytest.mark.parametrize(
    ("electors", "threshold", "needed"),
    [
        (100, Fraction(1, 4), 25),
        (101, Fraction(1, 4), 26),  # 25.25 rounds up
        (10, Fraction(1, 3), 4),
        (3, Fraction(1, 4), 1),
        (1, Fraction(1, 100), 1),
        (7, Fraction(1), 7),
    ],
)
def test_signatures_needed_is_the_smallest_integer_at_least_the_share(
    electors: int, threshold: Fraction, needed: int
) -> None:
    assert signatures_needed(electors, threshold) == needed
    p = RecallPetition.open("r", mandate(), electors, threshold=threshold)
    assert p.needed == needed


def test_opening_records_electors_threshold_and_policy() -> None:
    p = petition(20)
    opened = p.pending[0]
    assert isinstance(opened, rev.RecallOpened)
    assert (opened.electors, opened.threshold, opened.needed) == (20, "1/4", 5)
    assert (opened.constituency, opened.holder, opened.vacancy) == (
        "works",
        "ivanov",
        "by-election",
    )
    assert p.threshold == DEFAULT_THRESHOLD and p.vacancy is VacancyPolicy.BY_ELECTION
    assert opened.subjects() == ("recall:recall-1", "mandate:soviet-7", "constituency:works")


@pytest.mark.parametrize("status", [MandateStatus.RECALLED, MandateStatus.RESIGNED])
def test_a_petition_against_an_ended_mandate_is_refused(status: MandateStatus) -> None:
    with pytest.raises(MandateRevoked, match=f"mandate soviet-7 has ended \\({status}\\)"):
        RecallPetition.open("r", mandate(status), 20)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"electors": 0}, "electors must be >= 1"),
        ({"threshold": Fraction(0)}, r"threshold must be in \(0, 1\]"),
        ({"threshold": Fraction(5, 4)}, r"threshold must be in \(0, 1\]"),
        ({"vacancy": "co-option"}, "unknown vacancy policy 'co-option'"),
        ({"constituency": "Works"}, "constituency key"),
    ],
)
def test_opening_rules(kwargs: dict[str, object], match: str) -> None:
    args: dict[str, object] = {"electors": 20, **kwargs}
    with pytest.raises(InvalidInput, match=match):
        RecallPetition.open("r", mandate(), **args)  # type: ignore[arg-type]


def test_a_mandate_without_constituency_needs_one_named() -> None:
    seat = Mandate("presidium-2-3", "presidium", None, "kamenev")
    with pytest.raises(InvalidInput, match="has no constituency; name one"):
        RecallPetition.open("r", seat, 600)
    p = RecallPetition.open("r", seat, 600, constituency="congress-2")
    assert p.constituency == "congress-2"


# -- signatures ----------------------------------------------------------------
def test_one_signature_per_elector_and_withdrawal_while_open() -> None:
    p = signed(20, 4)
    refused(p, lambda: p.sign("e1"), AlreadyExists, "e1 has already signed")
    refused(p, lambda: p.withdraw("e9"), NotFound, "e9 has not signed")
    refused(p, lambda: p.sign("with space"), InvalidInput, "member number")
    p.withdraw("e1")
    assert not p.reached and len(p.signatures) == 3
    p.sign("e1")
    p.sign("e4")
    assert p.reached
    round_trips(p.pending)
    assert RecallPetition.replay(p.pending).signatures == p.signatures


def test_no_more_signatures_than_electors() -> None:
    p = signed(2, 2)
    refused(p, lambda: p.sign("e3"), InvalidInput, "all 2 electors")


def test_a_closed_or_voting_petition_takes_no_signatures() -> None:
    p = signed(20, 5)
    p.open_vote()
    refused(p, lambda: p.sign("e9"), InvalidTransition, "is voting; it cannot be signed")
    refused(p, lambda: p.withdraw("e1"), InvalidTransition, "is voting")
    q = signed(20, 1)
    q.close("the initiators withdrew it")
    assert q.status is RecallStatus.CLOSED
    refused(q, lambda: q.sign("e9"), InvalidTransition, "is closed; it cannot be signed")
    refused(q, lambda: q.close("again"), InvalidTransition, "is closed")
    refused(q, lambda: q.open_vote(), InvalidTransition, "is closed")
    with pytest.raises(InvalidInput, match="reason must not be empty"):
        signed(20, 1).close(" ")
    round_trips(q.pending)


def test_the_vote_opens_only_once_the_threshold_is_reached() -> None:
    p = signed(20, 4)
    refused(
        p,
        p.open_vote,
        PetitionNotReached,
        "has 4 of the 5 signatures it needs \\(1/4 of 20 electors\\)",
    )
    p.sign("e4")
    opened = p.open_vote()
    assert isinstance(opened, rev.RecallVoteOpened) and opened.signatures == 5
    assert p.status is RecallStatus.VOTING


# -- the vote ------------------------------------------------------------------
def test_simple_majority_of_votes_cast_abstentions_not_counted() -> None:
    p = signed(20, 5)
    p.open_vote()
    decision = p.decide_vote(Tally(6, 5, 8))
    assert decision.adopted and p.status is RecallStatus.CARRIED
    decided = p.pending[-1]
    assert isinstance(decided, rev.RecallDecided)
    assert (decided.base, decided.base_size, decided.needed) == ("cast", 11, 6)
    assert decided.vacancy == "by-election"
    assert p.recall_reason.startswith("recalled by petition recall-1: adopted: 6 for")
    refused(p, lambda: p.decide_vote(Tally(1, 0)), InvalidTransition, "is carried")
    round_trips(p.pending)


def test_a_tie_keeps_the_mandate() -> None:
    p = signed(20, 5)
    p.open_vote()
    assert not p.decide_vote(Tally(5, 5, 2)).adopted
    assert p.status is RecallStatus.REJECTED
    with pytest.raises(InvalidTransition, match="has not carried"):
        _ = p.recall_reason


def test_other_rules_use_the_electors_as_the_members_base() -> None:
    p = signed(20, 5)
    p.open_vote()
    assert not p.decide_vote(Tally(10, 0, 5), ABSOLUTE_MEMBERS).adopted  # needs 11 of 20
    q = signed(20, 5)
    q.open_vote()
    assert q.decide_vote(Tally(8, 4), TWO_THIRDS).adopted


def test_vote_refusals() -> None:
    p = signed(20, 5)
    refused(p, lambda: p.decide_vote(Tally(9, 1)), InvalidTransition, "is open; it cannot be")
    p.open_vote()
    refused(
        p,
        lambda: p.decide_vote(Tally(15, 10)),
        InvalidInput,
        "25 took part in the vote, but the constituency had 20 electors",
    )
    ended = mandate(MandateStatus.RESIGNED)
    refused(p, lambda: p.decide_vote(Tally(9, 1), mandate=ended), MandateRevoked, "has ended")


def test_an_estimated_tally_is_recorded_as_such() -> None:
    p = signed(20, 5)
    p.open_vote()
    p.decide_vote(Tally(15, 2, estimated=True))
    decided = p.pending[-1]
    assert isinstance(decided, rev.RecallDecided)
    assert decided.estimated and "estimate" in decided.explanation


# -- worked scenarios ----------------------------------------------------------
def soviet() -> Organisation:
    org = Organisation.create("petrograd", "Petrograd")
    org.create_body("soviet", "Petrograd Soviet", "council")
    org.create_body("works", "A works' general meeting", "unit")
    org.create_constituency("works", "soviet", "works")
    return org


def test_recall_followed_by_a_by_election() -> None:
    # Illustrative figures (the seeds give none for a recall): 400 electors.
    org = soviet()
    deputy = Mandate("soviet-7", "soviet", "works", "ivanov", None)
    org.record_mandate(deputy, Member("ivanov", "Ivanov", "works"))
    p = RecallPetition.open("recall-ivanov", deputy, 400)
    assert p.needed == 100
    for i in range(100):
        p.sign(f"worker-{i}")
    p.open_vote()
    assert p.decide_vote(Tally(230, 120, 50)).adopted
    # The services record the recall with the existing mandate.set-status operation.
    recalled = org.change_mandate(deputy, "recalled", p.recall_reason)
    assert isinstance(recalled, ev.MandateStatusChanged) and recalled.new == "recalled"
    assert p.vacancy is VacancyPolicy.BY_ELECTION
    by = Election.by_election(
        "works-by-1", "soviet", "works", deputy.key, candidates=["petrov", "sidorov"]
    )
    ballots = RankedProfile.from_rankings(["petrov", "sidorov"], [(("petrov",), 210), ("sidorov",)])
    (winner,) = by.declare(ballots)
    assert winner == Elected("works-by-1-1", "petrov", None)
    org.record_mandate(
        Mandate(winner.mandate, "soviet", "works", winner.holder),
        Member("petrov", "Petrov", "works"),
    )
    # The ended mandate cannot be recalled again.
    with pytest.raises(MandateRevoked):
        RecallPetition.open("recall-again", deputy.moved_to(MandateStatus.RECALLED), 400)
    round_trips(p.pending + by.pending + org.pending)


def test_recall_followed_by_next_on_the_list() -> None:
    # Illustrative lists and votes; the list rule is M04's "seats filled down each list".
    e = Election.open(
        "district-1",
        "soviet",
        "works",
        3,
        "party-list",
        lists={"bolsheviks": ["b1", "b2", "b3", "b4"], "srs": ["s1", "s2", "s3"]},
    )
    seated = {s.holder: s for s in e.declare({"bolsheviks": 120, "srs": 90})}
    assert set(seated) == {"b1", "b2", "s1"}
    target = Mandate(seated["s1"].mandate, "soviet", "works", "s1", "srs")
    p = RecallPetition.open("recall-s1", target, 210, vacancy="next-on-list")
    for i in range(53):
        p.sign(f"elector-{i}")
    p.open_vote()
    p.decide_vote(Tally(110, 60))
    decided = p.pending[-1]
    assert isinstance(decided, rev.RecallDecided) and decided.vacancy == "next-on-list"
    successor = e.fill_from_list("s1", ineligible={"s2"})  # s2 has left the organisation
    assert successor == Elected("district-1-4", "s3", "srs")
    assert sorted(s.holder for s in e.current()) == ["b1", "b2", "s3"]
    round_trips(p.pending + e.pending)


# -- properties ----------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(
    electors=st.integers(1, 60),
    threshold=st.fractions(min_value=Fraction(1, 100), max_value=1),
    moves=st.lists(st.tuples(st.booleans(), st.integers(0, 59)), max_size=80),
)
def test_reached_is_monotone_in_signatures(
    electors: int, threshold: Fraction, moves: list[tuple[bool, int]]
) -> None:
    p = RecallPetition.open("r", mandate(), electors, threshold=threshold)
    assert p.needed == signatures_needed(electors, threshold)
    assert p.needed >= threshold * electors > p.needed - 1 or p.needed == 1
    for add, who in moves:
        before = (len(p.signatures), p.reached)
        events = len(p.pending)
        try:
            p.sign(f"e{who}") if add else p.withdraw(f"e{who}")
        except (AlreadyExists, NotFound, InvalidInput):
            assert len(p.pending) == events
        count, reached = len(p.signatures), p.reached
        assert reached == (count >= p.needed)
        if count >= before[0]:
            assert reached or not before[1], "more signatures never un-reach"
        if count <= before[0]:
            assert before[1] or not reached, "fewer signatures never reach"
    round_trips(p.pending)
