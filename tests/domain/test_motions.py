"""Motions, amendments, the voting order, rival texts, deferral, ratification and
dissent (M11, M28)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import Tally
from sovet.count.majority import SIMPLE, decide
from sovet.domain.errors import (
    AlreadyExists,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotEntitled,
    NotFound,
    OutOfOrder,
)
from sovet.domain.events import event_from_entry
from sovet.domain.motion_values import MotionKind, MotionState
from sovet.domain.motions import MotionBook

T0 = datetime(1917, 10, 1, 12, tzinfo=UTC)


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def refused(b: MotionBook, error: type[DomainError], match: str, act: Callable[[], Any]) -> None:
    """The act raises ``error`` and records nothing."""
    before = list(b.pending)
    with pytest.raises(error, match=match):
        act()
    assert b.pending == before


def check_replay(b: MotionBook) -> None:
    events = [event_from_entry(e.op, e.payload()) for e in b.pending]
    assert events == b.pending
    rebuilt = MotionBook.rebuild(b.sitting, events)
    for f in fields(b):
        if f.name != "pending":
            assert getattr(rebuilt, f.name) == getattr(b, f.name), f.name


def book() -> MotionBook:
    b = MotionBook("conf")
    b.move(
        "m",
        "resolution",
        "tsereteli",
        "A coalition government with the Kadets.",
        t(0),
        faction="mensheviks",
        item="power",
    )
    return b


def states(b: MotionBook) -> dict[str, str]:
    return {k: str(m.state) for k, m in b.motions.items()}


# -- moving and amending ---------------------------------------------------------------


def test_a_motion_is_moved_with_its_mover_and_faction() -> None:
    b = book()
    m = b.motion("m")
    assert (m.kind, m.mover, m.faction, m.item, m.state) == (
        MotionKind.RESOLUTION,
        "tsereteli",
        "mensheviks",
        "power",
        MotionState.MOVED,
    )
    assert b.voting_order("m")[0].motion == "m"
    check_replay(b)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("m", "resolution", "x", "text"), AlreadyExists, "already has a motion 'm'"),
        (("n", "amendment", "x", "text"), InvalidInput, "move an amendment with amend"),
        (("n", "wish", "x", "text"), InvalidInput, "unknown kind 'wish'"),
        (("n", "decree", "x", "  "), InvalidInput, "text must not be empty"),
        (("n", "decree", "Bad Mover", "t"), InvalidInput, "mover key"),
        (("N!", "decree", "x", "t"), InvalidInput, "motion key"),
    ],
)
def test_move_errors(args: tuple[str, str, str, str], error: type[DomainError], match: str) -> None:
    b = book()
    refused(b, error, match, lambda: b.move(*args, t(1)))


def test_every_kind_but_amendment_can_be_moved() -> None:
    b = MotionBook("s")
    for kind in ("resolution", "decree", "declaration", "procedural"):
        b.move(kind, kind, "x", f"A {kind}.", t(0))
    assert {m.kind for m in b.motions.values()} == set(MotionKind) - {MotionKind.AMENDMENT}


def test_amendments_replace_the_whole_text_or_one_passage() -> None:
    b = book()
    b.amend("a1", "m", "x", t(1), find=" with the Kadets", replace=" without the Kadets")
    b.amend("a2", "m", "y", t(2), text="A government of the soviets.")
    assert b.motion("a1").find == " with the Kadets" and b.motion("a1").depth == 1
    assert b.motion("a1").item == "power"
    check_replay(b)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, InvalidInput, "either text, or find and replace"),
        ({"text": "T", "find": "A"}, InvalidInput, "either text"),
        ({"find": "A"}, InvalidInput, "either text"),
        ({"text": " "}, InvalidInput, "text must not be empty"),
        ({"find": "Bolsheviks", "replace": "x"}, InvalidInput, "'Bolsheviks' is not in"),
        ({"find": "e", "replace": "x"}, InvalidInput, "'e' occurs 4 times"),
    ],
)
def test_amendment_errors(kwargs: dict[str, str], error: type[DomainError], match: str) -> None:
    b = book()
    refused(b, error, match, lambda: b.amend("a", "m", "x", t(1), **kwargs))


def test_an_amendment_of_the_third_degree_is_out_of_order() -> None:
    b = book()
    b.amend("a", "m", "x", t(1), text="First.")
    b.amend("aa", "a", "x", t(2), text="Second.")
    assert b.motion("aa").depth == 2
    refused(b, OutOfOrder, "third degree", lambda: b.amend("aaa", "aa", "x", t(3), text="Third."))
    refused(b, NotFound, "no motion 'zz'", lambda: b.amend("z", "zz", "x", t(3), text="T"))


def test_a_decided_motion_cannot_be_amended() -> None:
    b = book()
    b.record_vote("m", adopted=False, at=t(1))
    refused(
        b, InvalidTransition, "motion m is rejected", lambda: b.amend("a", "m", "x", t(2), text="T")
    )


# -- the voting order ----------------------------------------------------------------


def test_the_voting_order_puts_amendments_of_amendments_first() -> None:
    # Robert's Rules of Order Newly Revised (12th ed.), §12: a secondary amendment is
    # voted before the primary amendment it amends, the primary (as amended) before the
    # main motion, and the main motion, as amended, last.
    b = book()
    b.amend("a1", "m", "x", t(1), find="with the Kadets", replace="without the Kadets")
    b.amend("a2", "m", "y", t(2), find="coalition", replace="homogeneous")
    b.amend("a1x", "a1", "z", t(3), find="without", replace="excluding")
    b.amend("a1y", "a1", "w", t(4), text="without the bourgeoisie")
    order = [q.motion for q in b.voting_order("m")]
    assert order == ["a1x", "a1y", "a1", "a2", "m"]
    assert [q.depth for q in b.voting_order("m")] == [2, 2, 1, 1, 0]
    assert [q.motion for q in b.voting_order("a1")] == ["a1x", "a1y", "a1"]


def test_questions_must_be_put_in_the_voting_order() -> None:
    b = book()
    b.amend("a1", "m", "x", t(1), find="with the Kadets", replace="without the Kadets")
    b.amend("a1x", "a1", "z", t(3), find="without", replace="excluding")
    refused(
        b,
        OutOfOrder,
        "m is not the next question: a1x is put first",
        lambda: b.record_vote("m", adopted=True, at=t(4)),
    )
    refused(
        b,
        OutOfOrder,
        "a1 is not the next question",
        lambda: b.record_vote("a1", adopted=True, at=t(4)),
    )
    b.record_vote("a1x", adopted=True, at=t(4))
    assert b.text_as_amended("a1") == "excluding the Kadets"
    b.record_vote("a1", adopted=True, at=t(5))
    assert b.text_as_amended("m") == "A coalition government excluding the Kadets."
    b.record_vote("m", adopted=True, at=t(6))
    assert b.outcomes["m"].text == "A coalition government excluding the Kadets."
    assert b.pending[-1].payload()["text"] == "A coalition government excluding the Kadets."
    refused(
        b,
        InvalidTransition,
        "m is adopted; it cannot be put",
        lambda: b.record_vote("m", adopted=True, at=t(7)),
    )
    assert b.voting_order("m") == ()
    check_replay(b)


def test_the_democratic_conference_sequence() -> None:
    # Fact democratic-conference-motion-sequence (001 l. 58): "first for the principle of
    # coalition, then an amendment against including members of the Kadet Party, and then
    # rejecting the whole resolution." The amendment adopted while the amended whole is
    # rejected is a legitimate outcome. The seeds give no tallies.
    b = MotionBook("democratic-conference")
    b.move("principle", "procedural", "tsereteli", "The principle of coalition.", t(0))
    b.record_vote("principle", adopted=True, at=t(1), rule="no tally recorded")
    b.move("coalition", "resolution", "tsereteli", "A coalition government with the Kadets.", t(2))
    b.amend(
        "no-kadets",
        "coalition",
        "x",
        t(3),
        find="with the Kadets",
        replace="without the Kadet Party",
    )
    b.record_vote("no-kadets", adopted=True, at=t(4))
    b.record_vote("coalition", adopted=False, at=t(5))
    assert states(b) == {"principle": "adopted", "coalition": "rejected", "no-kadets": "adopted"}
    assert b.outcomes["coalition"].text == "A coalition government without the Kadet Party."
    check_replay(b)


def test_an_amendment_that_no_longer_applies_cannot_be_adopted() -> None:
    b = book()
    b.amend("whole", "m", "x", t(1), text="A government of the soviets.")
    b.amend("part", "m", "y", t(2), find="the Kadets", replace="the Kadet Party")
    b.record_vote("whole", adopted=True, at=t(3))
    refused(
        b,
        InvalidInput,
        "'the Kadets' is not in",
        lambda: b.record_vote("part", adopted=True, at=t(4)),
    )
    b.record_vote("part", adopted=False, at=t(4))  # it may still be rejected
    b.record_vote("m", adopted=True, at=t(5))
    assert b.outcomes["m"].text == "A government of the soviets."


def test_an_amendment_of_a_passage_amends_its_replacement_text() -> None:
    b = book()
    b.amend("a", "m", "x", t(1), find="with the Kadets", replace="with the Kadets and others")
    b.amend("aa", "a", "y", t(2), find=" and others", replace="")
    b.record_vote("aa", adopted=True, at=t(3))
    b.record_vote("a", adopted=True, at=t(4))
    assert b.text_as_amended("m") == "A coalition government with the Kadets."


# -- holding back, withdrawing, not putting ------------------------------------------------


def test_a_faction_holds_back_its_own_motion() -> None:
    # "The Bolsheviks did not insist upon an immediate vote on Trotsky's resolution."
    # (002 l. 2408)
    b = MotionBook("congress2")
    b.move(
        "condemn",
        "resolution",
        "trotsky",
        "The Congress condemns the withdrawal.",
        t(0),
        faction="bolsheviks",
    )
    refused(
        b,
        NotEntitled,
        "only its mover trotsky or faction",
        lambda: b.defer("condemn", "martov", t(1)),
    )
    b.defer("condemn", "bolsheviks", t(1), "to keep negotiations open")
    assert b.motion("condemn").state is MotionState.DEFERRED
    assert b.voting_order("condemn") == ()
    refused(
        b,
        InvalidTransition,
        "deferred; it cannot be put",
        lambda: b.record_vote("condemn", adopted=True, at=t(2)),
    )
    refused(
        b, InvalidTransition, "only a moved motion", lambda: b.defer("condemn", "trotsky", t(2))
    )
    b.resume("condemn", "trotsky", t(3))
    refused(b, InvalidTransition, "not deferred", lambda: b.resume("condemn", "trotsky", t(4)))
    b.record_vote("condemn", adopted=True, at=t(5))
    check_replay(b)


def test_a_held_back_amendment_blocks_its_motion() -> None:
    b = book()
    b.amend("a", "m", "x", t(1), text="Other.")
    b.defer("a", "x", t(2))
    refused(
        b, OutOfOrder, "amendment a is held back", lambda: b.record_vote("m", adopted=True, at=t(3))
    )
    b.withdraw("a", "x", t(3))
    b.record_vote("m", adopted=True, at=t(4))


def test_withdrawal_by_the_mover_drops_the_open_amendments() -> None:
    b = book()
    b.amend("a", "m", "x", t(1), text="Other.")
    b.amend("aa", "a", "y", t(2), text="Another.")
    refused(b, NotEntitled, "only its mover tsereteli", lambda: b.withdraw("m", "x", t(3)))
    b.withdraw("m", "tsereteli", t(3))
    assert states(b) == {"m": "withdrawn", "a": "not-put", "aa": "not-put"}
    assert [e.op for e in b.pending[-3:]] == ["motion.withdraw", "motion.not-put", "motion.not-put"]
    refused(b, InvalidTransition, "already withdrawn", lambda: b.withdraw("m", "tsereteli", t(4)))
    check_replay(b)


def test_the_chair_may_leave_a_motion_not_put() -> None:
    b = book()
    b.amend("a", "m", "x", t(1), text="Other.")
    refused(b, InvalidInput, "say why", lambda: b.not_put("m", " ", t(2)))
    b.not_put("m", "the Congress moved to the next question", t(2))
    assert states(b) == {"m": "not-put", "a": "not-put"}
    check_replay(b)


# -- rival texts -----------------------------------------------------------------------


def test_the_pre_parliament_found_no_majority_for_either_formula() -> None:
    # Facts preparl-sr-formula-vote and preparl-right-formula-vote (002 l. 567): "The
    # formula of the Social Revolutionaries got 95 votes against 127, with 50 abstaining.
    # The formula of the Right got 135 Votes against 139. [...] There was no majority."
    b = MotionBook("preparl")
    b.move("sr", "resolution", "sr-speaker", "The formula of the Social Revolutionaries.", t(0))
    b.move("right", "resolution", "kadet-speaker", "The formula of the Right.", t(1))
    b.declare_rivals("army", ["sr", "right"], t(2))
    refused(
        b,
        OutOfOrder,
        "sr is put before right",
        lambda: b.record_vote("right", adopted=False, at=t(3)),
    )
    sr = decide(Tally(95, 127, 50), SIMPLE)
    b.record_decision("sr", sr, t(3))
    right = decide(Tally(135, 139), SIMPLE)
    b.record_decision("right", right, t(4))
    assert not sr.adopted and not right.adopted
    outcome = b.rival_outcome("army")
    assert outcome.settled and outcome.winner is None and outcome.no_majority
    assert b.outcomes["sr"].tally == Tally(95, 127, 50)
    assert "simple majority" in b.outcomes["sr"].rule and "base 222" in b.outcomes["sr"].rule
    check_replay(b)


def test_the_first_rival_adopted_wins_and_the_rest_are_not_put() -> None:
    b = MotionBook("congress2")
    for key in ("avilov", "government", "third"):
        b.move(key, "resolution", key, f"The {key} text.", t(0))
    b.amend("third-a", "third", "x", t(0), text="Amended third.")
    b.declare_rivals("power", ["avilov", "government", "third"], t(1))
    b.record_vote("avilov", adopted=False, at=t(2), tally=Tally(150, 250, 50))
    b.record_vote("government", adopted=True, at=t(3))
    assert states(b) == {
        "avilov": "rejected",
        "government": "adopted",
        "third": "not-put",
        "third-a": "not-put",
    }
    assert b.rival_outcome("power").winner == "government"
    refused(
        b,
        InvalidTransition,
        "third is not-put",
        lambda: b.record_vote("third", adopted=True, at=t(4)),
    )
    check_replay(b)


def test_rival_texts_errors() -> None:
    b = book()
    b.move("n", "resolution", "x", "N.", t(0))
    b.amend("a", "m", "x", t(0), text="A.")
    refused(b, InvalidInput, "two or more different", lambda: b.declare_rivals("g", ["m"], t(1)))
    refused(
        b, InvalidInput, "two or more different", lambda: b.declare_rivals("g", ["m", "m"], t(1))
    )
    refused(
        b, InvalidInput, "a must be a main motion", lambda: b.declare_rivals("g", ["m", "a"], t(1))
    )
    refused(b, NotFound, "no motion 'zz'", lambda: b.declare_rivals("g", ["m", "zz"], t(1)))
    b.declare_rivals("g", ["m", "n"], t(1))
    refused(
        b,
        AlreadyExists,
        "already has rival texts 'g'",
        lambda: b.declare_rivals("g", ["m", "n"], t(1)),
    )
    b.move("o", "resolution", "x", "O.", t(0))
    refused(b, InvalidInput, "in no other group", lambda: b.declare_rivals("h", ["n", "o"], t(1)))
    with pytest.raises(NotFound, match="no rival texts 'zz'"):
        b.rival_outcome("zz")


def test_a_held_back_rival_is_passed_over() -> None:
    b = MotionBook("s")
    b.move("one", "resolution", "x", "One.", t(0))
    b.move("two", "resolution", "y", "Two.", t(0))
    b.declare_rivals("g", ["one", "two"], t(1))
    b.defer("one", "x", t(2))
    b.record_vote("two", adopted=False, at=t(3))
    assert not b.rival_outcome("g").settled
    b.resume("one", "x", t(4))
    b.record_vote("one", adopted=False, at=t(5))
    assert b.rival_outcome("g").no_majority


# -- ratification and dissent ------------------------------------------------------------


def test_ratification_of_acts_done_between_sittings() -> None:
    # M11: the presidium reported what it had done and the Congress "approved and
    # ratified these measures".
    b = MotionBook("congress2")
    b.ratify("ratify", ["order:mrc-1", "order:mrc-2"], "kamenev", t(0))
    m = b.motion("ratify")
    assert m.is_ratification and m.acts == ("order:mrc-1", "order:mrc-2")
    assert m.kind is MotionKind.RESOLUTION and "order:mrc-2" in m.text
    refused(b, InvalidInput, "names the acts", lambda: b.ratify("r2", [], "kamenev", t(1)))
    refused(b, InvalidInput, "named twice", lambda: b.ratify("r2", ["a", "a"], "kamenev", t(1)))
    refused(
        b,
        InvalidInput,
        "reference 'an act' is invalid",
        lambda: b.ratify("r2", ["an act"], "k", t(1)),
    )
    check_replay(b)


def test_dissent_is_entered_against_a_decision() -> None:
    # "The Mensheviks demanded that it be placed in the record that they were against the
    # undertaking as a whole. This platonic request was granted." (002 l. 759)
    b = book()
    refused(
        b,
        InvalidTransition,
        "dissent is from a decision",
        lambda: b.dissent("m", "mensheviks", t(1)),
    )
    b.record_vote("m", adopted=True, at=t(1))
    b.dissent("m", "mensheviks", t(2), "against the undertaking as a whole", faction="mensheviks")
    refused(b, AlreadyExists, "already entered", lambda: b.dissent("m", "mensheviks", t(3)))
    assert b.dissents[0].text == "against the undertaking as a whole"
    check_replay(b)


# -- properties ------------------------------------------------------------------------


@st.composite
def amendment_trees(draw: st.DrawFn) -> list[int]:
    """Parents of amendments 1..n (0 is the main motion), never deeper than two."""
    depth = [0]
    parents: list[int] = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        parent = draw(st.sampled_from([i for i, d in enumerate(depth) if d < 2]))
        parents.append(parent)
        depth.append(depth[parent] + 1)
    return parents


def tree_book(parents: list[int]) -> MotionBook:
    b = MotionBook("s")
    b.move("n0", "resolution", "x", "Text.", t(0))
    for i, parent in enumerate(parents, start=1):
        b.amend(f"n{i}", f"n{parent}", "x", t(i), text=f"Text {i}.")
    return b


@settings(max_examples=200, deadline=None)
@given(amendment_trees(), st.data())
def test_every_amendment_is_put_before_the_motion_it_amends(
    parents: list[int], data: st.DataObject
) -> None:
    b = tree_book(parents)
    order = [q.motion for q in b.voting_order("n0")]
    assert sorted(order) == sorted(b.motions)
    for i, parent in enumerate(parents, start=1):
        assert order.index(f"n{i}") < order.index(f"n{parent}")
    # Putting the questions in that order, whatever the outcomes, is always in order.
    for n, key in enumerate(order):
        assert b.voting_order("n0")[0].motion == key
        b.record_vote(key, adopted=data.draw(st.booleans()), at=t(100 + n))
    assert b.voting_order("n0") == ()
    b.text_as_amended("n0")
    check_replay(b)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["adopt", "reject", "defer", "withdraw"]), min_size=2, max_size=8))
def test_a_rival_sequence_adopts_at_most_one_text(moves: list[str]) -> None:
    b = MotionBook("s")
    keys = [f"r{i}" for i in range(len(moves))]
    for key in keys:
        b.move(key, "resolution", key, f"Text {key}.", t(0))
    b.declare_rivals("g", keys, t(1))
    for n, (key, move) in enumerate(zip(keys, moves, strict=True)):
        try:
            if move in ("adopt", "reject"):
                b.record_vote(key, adopted=move == "adopt", at=t(2 + n))
            elif move == "defer":
                b.defer(key, key, t(2 + n))
            else:
                b.withdraw(key, key, t(2 + n))
        except (InvalidTransition, OutOfOrder):
            assert b.rival_outcome("g").winner is not None  # only once a rival has won
    adopted = [k for k in keys if b.motions[k].state is MotionState.ADOPTED]
    assert len(adopted) <= 1
    outcome = b.rival_outcome("g")
    assert outcome.winner == (adopted[0] if adopted else None)
    if adopted:
        after = keys[keys.index(adopted[0]) + 1 :]
        assert all(b.motions[k].state is MotionState.NOT_PUT for k in after)
    check_replay(b)
