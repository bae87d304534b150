"""Sittings and polls: credentials, attendance, walkouts, bases, counting units."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain.errors import InvalidInput, InvalidTransition, NotEntitled
from sovet.domain.events import event_from_entry
from sovet.domain.polls import Ballot, Poll
from sovet.domain.sitting import Sitting

AT = datetime(1917, 11, 7, 22, 40, tzinfo=UTC)


def congress(bolsheviks: int = 6, right: int = 4, seats: int = 10) -> Sitting:
    s = Sitting.open("s1", "congress", seats=seats)
    for i in range(bolsheviks):
        s.register(
            f"b{i}",
            f"B{i}",
            "bolsheviks",
            "voting",
            delegation="petrograd",
            curia="workers",
            represents=100,
        )
    for i in range(right):
        s.register(
            f"r{i}",
            f"R{i}",
            "right",
            "voting",
            delegation="front",
            curia="soldiers",
            represents=1000,
        )
    s.attend(list(s.delegates), "present", AT)
    return s


def test_quorum_is_a_share_of_registered_voting_delegates() -> None:
    s = congress()
    b = s.bases()
    assert (b.registered_voting, b.present_voting, b.quorum_needed, b.quorate) == (10, 10, 5, True)
    s.attend([f"b{i}" for i in range(6)], "withdrawn", AT)
    assert not s.bases().quorate


def test_walkout_changes_quorum_and_majority() -> None:
    # The Second Congress: the Right walked out and the majority was recomputed on
    # those who remained (M10, fact congress2-walkout).
    s = congress(bolsheviks=6, right=4)
    before = Poll.open("p1", s, "Peace", mode="roll-call", rule="absolute-present")
    s.walkout("right", "We leave this congress", AT)
    after = Poll.open("p2", s, "Peace", mode="roll-call", rule="absolute-present")
    assert len(before.voters) == 10 and len(after.voters) == 6
    with pytest.raises(NotEntitled, match="R0 may not vote in poll p2"):
        after.check_ballot("R0", "for")
    ballots = [Ballot(f"B{i}", "for") for i in range(4)] + [Ballot("B4", "against")]
    assert not before.close_counted(ballots).adopted  # 4 of 10 present is no majority
    assert after.close_counted(ballots).adopted  # 4 of the 6 remaining is


def test_part_of_a_faction_may_leave_and_return() -> None:
    s = congress()
    s.walkout("right", "Two of us leave", AT, mandates=["r0", "r1"])
    assert s.bases().present_voting == 8
    s.attend(["r0"], "present", AT)
    assert s.bases().present_voting == 9


def test_challenge_and_decision() -> None:
    s = congress()
    s.challenge("r0", "b0", "the army committee was not re-elected")
    assert s.bases().registered_voting == 9  # a challenged credential does not vote
    with pytest.raises(InvalidTransition):
        s.challenge("r0", "b1", "again")
    s.decide_challenge("r0", upheld=True, resolution="resolution 3")
    assert s.delegate("r0").credential == "guest"
    s.set_standing("r0", "voting", "resolution 4: admitted with a vote")
    assert s.bases().registered_voting == 10


def test_advisory_delegates_do_not_vote() -> None:
    s = Sitting.open("s", "b", seats=3)
    s.register("m1", "1", None, "voting")
    s.register("m2", "2", None, "advisory")
    s.attend(["m1", "m2"], "present", AT)
    poll = Poll.open("p", s, "Q", mode="roll-call")
    assert set(poll.voters) == {"1"}


def test_card_vote_weights_by_represented_membership() -> None:
    s = congress(bolsheviks=6, right=4)
    poll = Poll.open("p", s, "Q", mode="roll-call", unit="card")
    ballots = [Ballot(f"B{i}", "for") for i in range(6)] + [
        Ballot(f"R{i}", "against") for i in range(4)
    ]
    closed = poll.close_counted(ballots)
    assert (closed.for_, closed.against) == (600, 4000)
    assert not closed.adopted


def test_count_per_delegation() -> None:
    s = congress(bolsheviks=6, right=4)
    poll = Poll.open("p", s, "Q", mode="roll-call", unit="delegation")
    ballots = [Ballot(f"B{i}", "for") for i in range(6)] + [
        Ballot("R0", "for"),
        Ballot("R1", "against"),
        Ballot("R2", "against"),
    ]
    closed = poll.close_counted(ballots)
    assert (closed.for_, closed.against, closed.abstain) == (1, 1, 0)
    assert not closed.adopted  # one delegation each way: no majority


def test_per_curia_tallies() -> None:
    s = congress()
    poll = Poll.open("p", s, "Q", mode="roll-call")
    closed = poll.close_counted([Ballot("B0", "for"), Ballot("R0", "against")])
    assert closed.by_curia == (("soldiers", 0, 1, 0), ("workers", 1, 0, 0))


def test_secret_polls_give_no_curia_breakdown() -> None:
    s = congress()
    poll = Poll.open("p", s, "Q", mode="secret")
    closed = poll.close_counted([Ballot(None, "for", "r1"), Ballot(None, "against", "r2")])
    assert closed.by_curia == ()


def test_show_of_hands_count_and_estimate() -> None:
    s = congress()
    poll = Poll.open("p", s, "Q")
    with pytest.raises(InvalidInput, match="11 hands counted but only 10"):
        poll.close_show(11, 0)
    closed = poll.close_show(7, 2, 1)
    assert closed.adopted and not closed.estimated
    est = Poll.open("q", s, "Q")
    with pytest.raises(InvalidInput, match="needs the chair's words"):
        est.close_show(9, 0, estimated=True)
    closed = est.close_show(9, 0, estimated=True, note="an overwhelming majority")
    assert closed.estimated
    assert "estimate" in closed.explanation


def test_ballot_rules() -> None:
    s = congress()
    poll = Poll.open("p", s, "Q", mode="roll-call")
    with pytest.raises(InvalidInput, match="choice must be one of"):
        poll.check_ballot("B0", "maybe")
    show = Poll.open("q", s, "Q")
    with pytest.raises(InvalidInput, match="show of hands"):
        show.check_ballot("B0", "for")
    poll.close_counted([])
    with pytest.raises(InvalidTransition, match="p is closed"):
        poll.check_ballot("B0", "for")


def test_poll_options_are_checked() -> None:
    s = congress()
    with pytest.raises(InvalidInput, match="unknown poll mode"):
        Poll.open("p", s, "Q", mode="acclamation")
    with pytest.raises(InvalidInput, match="unknown majority rule"):
        Poll.open("p", s, "Q", rule="most")
    with pytest.raises(InvalidInput, match="counts delegates"):
        Poll.open("p", s, "Q", unit="card")


def test_events_round_trip() -> None:
    s = congress()
    s.challenge("r0", "b0", "why")
    s.decide_challenge("r0", upheld=False)
    s.walkout("right", "leave", AT)
    poll = Poll.open("p", s, "Q", mode="roll-call")
    poll.close_counted([Ballot("B0", "for")])
    for event in [*s.pending, *poll.pending]:
        assert event_from_entry(event.op, event.payload()) == event
    assert Sitting.rebuild(s.pending).bases() == s.bases()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["for", "against", "abstain"]), min_size=0, max_size=10))
def test_one_more_vote_for_never_turns_adopted_into_rejected(choices: list[str]) -> None:
    s = congress()
    ballots = [Ballot(f"B{i}", c) for i, c in enumerate(choices[:6])]
    first = Poll.open("p", s, "Q", mode="roll-call").close_counted(ballots)
    switched = [Ballot(b.voter, "for") if i == 0 else b for i, b in enumerate(ballots)]
    second = Poll.open("q", s, "Q", mode="roll-call").close_counted(switched)
    assert not first.adopted or second.adopted
    assert Fraction(second.for_) >= Fraction(first.for_)
