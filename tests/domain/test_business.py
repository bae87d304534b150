"""The order of business of a sitting: agenda, speakers' lists, declarations, recesses
and corrections of the minutes (M11, M28)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain.business import Agenda, SpeakersList
from sovet.domain.errors import (
    AlreadyExists,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotFound,
    VoteRequired,
)
from sovet.domain.events import Event, event_from_entry
from sovet.domain.proceedings import Proceedings, RecessState

T0 = datetime(1917, 11, 7, 22, 40, tzinfo=UTC)
MIN = timedelta(minutes=1)


def t(minutes: float) -> datetime:
    return T0 + minutes * MIN


def refused(agg: Any, error: type[DomainError], match: str, act: Callable[[], Any]) -> None:
    """The act raises ``error`` and records nothing."""
    before = list(agg.pending)
    with pytest.raises(error, match=match):
        act()
    assert agg.pending == before


def state(agg: Any) -> dict[str, Any]:
    return {f.name: getattr(agg, f.name) for f in fields(agg) if f.name != "pending"}


def round_trip(events: list[Event]) -> list[Event]:
    out = [event_from_entry(e.op, e.payload()) for e in events]
    assert out == events
    return out


# -- the agenda --------------------------------------------------------------------------

# Kamenev: "There are three questions [...] on the order of the day: organisation of a
# government; war and peace; convocation of the Constituent Assembly." (002 l. 2350)
ITEMS = [
    ("government", "Organisation of a government"),
    ("peace", "War and peace"),
    ("ca", "Convocation of the Constituent Assembly"),
]


def agenda() -> Agenda:
    return Agenda.create("congress2", t(0), ITEMS)


def check_agenda(a: Agenda) -> None:
    assert state(Agenda.rebuild(a.sitting, round_trip(a.pending))) == state(a)


def test_the_order_of_the_day() -> None:
    a = agenda()
    assert a.order == ("government", "peace", "ca")
    assert a.item("peace").title == "War and peace"
    assert a.next_item == "government" and a.current is None
    check_agenda(a)


def test_before_adoption_the_chair_changes_the_agenda_freely() -> None:
    a = agenda()
    a.add_item("land", "The land", t(1), position=2)
    a.remove_item("ca", t(2))
    a.reorder(["peace", "government", "land"], t(3))
    assert a.order == ("peace", "government", "land")
    check_agenda(a)


def test_after_adoption_a_change_needs_a_vote() -> None:
    a = agenda()
    a.adopt(t(1))
    refused(a, VoteRequired, "adding item land needs a vote", lambda: a.add_item("land", "L", t(2)))
    refused(a, VoteRequired, "removing item ca", lambda: a.remove_item("ca", t(2)))
    reorder = lambda: a.reorder(["peace", "government", "ca"], t(2))  # noqa: E731
    refused(a, VoteRequired, "reordering", reorder)
    a.add_item("land", "The land", t(3), position=2, adopted_by_vote=True)
    a.reorder(["peace", "government", "land", "ca"], t(4), adopted_by_vote=True)
    a.remove_item("ca", t(5), adopted_by_vote=True)
    assert a.order == ("peace", "government", "land")
    assert a.pending[-1].payload()["by_vote"] is True
    check_agenda(a)


def test_items_are_taken_up_in_turn_and_done() -> None:
    a = agenda()
    a.adopt(t(0))
    a.take_up(t(1))
    assert a.current == "government"
    refused(a, InvalidTransition, "government is under way", lambda: a.take_up(t(2)))
    refused(
        a,
        InvalidTransition,
        "taken up; it cannot be removed",
        lambda: a.remove_item("government", t(2), adopted_by_vote=True),
    )
    a.close_item(t(2))
    assert a.done == ["government"] and a.next_item == "peace"
    refused(a, InvalidTransition, "already done", lambda: a.take_up(t(3), "government"))
    refused(a, VoteRequired, "taking up item ca out of turn", lambda: a.take_up(t(3), "ca"))
    a.take_up(t(3), "ca", adopted_by_vote=True)
    a.close_item(t(4), done=False)  # set aside
    assert a.to_do == ("peace", "ca")
    a.take_up(t(5))
    a.close_item(t(6))
    a.take_up(t(7))
    a.close_item(t(8))
    assert a.done == ["government", "peace", "ca"]
    refused(a, InvalidTransition, "every agenda item is done", lambda: a.take_up(t(9)))
    refused(a, InvalidTransition, "no agenda item is under way", lambda: a.close_item(t(9)))
    check_agenda(a)


def test_agenda_errors() -> None:
    with pytest.raises(AlreadyExists, match="given twice"):
        Agenda.create("s", t(0), [("a", "A"), ("a", "B")])
    a = agenda()
    refused(a, AlreadyExists, "already has item 'peace'", lambda: a.add_item("peace", "P", t(1)))
    refused(a, InvalidInput, "no position 9", lambda: a.add_item("x", "X", t(1), position=9))
    refused(a, InvalidInput, "name must not be empty", lambda: a.add_item("x", " ", t(1)))
    refused(a, NotFound, "no item 'zz'", lambda: a.remove_item("zz", t(1)))
    refused(a, InvalidInput, "each item once", lambda: a.reorder(["peace"], t(1)))
    refused(a, NotFound, "no item 'zz'", lambda: a.take_up(t(1), "zz"))
    a.adopt(t(1))
    refused(a, InvalidTransition, "already adopted", lambda: a.adopt(t(2)))


# -- the speakers' list ----------------------------------------------------------------


def speakers(limit: timedelta | None = None) -> SpeakersList:
    return SpeakersList.open("congress2", "government", t(0), time_limit=limit)


def check_speakers(s: SpeakersList) -> None:
    rebuilt = SpeakersList.rebuild(s.sitting, s.item, round_trip(s.pending))
    assert state(rebuilt) == state(s)


def test_speakers_are_called_in_the_order_they_asked() -> None:
    s = speakers()
    for n, who in enumerate(["martov", "trotsky", "abramovich"]):
        s.request(who, t(n))
    assert s.next(t(5)).payload()["speaker"] == "martov"
    assert s.speaking == "martov"
    assert [r.speaker for r in s.upcoming] == ["trotsky", "abramovich"]
    check_speakers(s)


def test_a_point_of_order_goes_before_everyone() -> None:
    s = speakers()
    s.request("martov", t(0))
    s.request("trotsky", t(1))
    s.request("kuchin", t(2), point_of_order=True)
    s.request("lunacharsky", t(3), point_of_order=True)
    assert [r.speaker for r in s.upcoming] == ["kuchin", "lunacharsky", "martov", "trotsky"]
    called = s.next(t(4)).payload()
    assert called["speaker"] == "kuchin" and called["point_of_order"] is True
    check_speakers(s)


def test_one_entry_per_speaker_at_a_time() -> None:
    s = speakers()
    s.request("martov", t(0))
    refused(s, AlreadyExists, "martov is already on the list", lambda: s.request("martov", t(1)))
    point = lambda: s.request("martov", t(1), point_of_order=True)  # noqa: E731
    refused(s, AlreadyExists, "already on the list", point)
    s.next(t(2))
    s.request("martov", t(3))  # after speaking, one may ask again
    s.withdraw("martov", t(4))
    refused(s, NotFound, "martov is not on the list", lambda: s.withdraw("martov", t(5)))
    refused(s, InvalidTransition, "no one is waiting", lambda: s.next(t(6)))
    check_speakers(s)


def test_speeches_over_the_time_limit_are_recorded_as_such() -> None:
    s = speakers(limit=10 * MIN)
    s.request("martov", t(0))
    s.request("trotsky", t(0))
    refused(
        s,
        InvalidTransition,
        "martov does not have the floor",
        lambda: s.log_speech("martov", t(1), t(2)),
    )
    s.next(t(1))
    refused(s, InvalidInput, "cannot end before", lambda: s.log_speech("martov", t(5), t(1)))
    s.log_speech("martov", t(1), t(11))
    s.next(t(12))
    s.log_speech("trotsky", t(12), t(30))
    assert [(sp.speaker, sp.over_limit) for sp in s.speeches] == [
        ("martov", False),
        ("trotsky", True),
    ]
    assert s.speaking is None
    check_speakers(s)


def test_the_list_is_closed_by_vote_and_then_takes_only_points_of_order() -> None:
    s = speakers()
    s.request("martov", t(0))
    refused(s, VoteRequired, "closing the list needs a vote", lambda: s.close(t(1), by_vote=False))
    s.close(t(1), by_vote=True)
    refused(s, InvalidTransition, "is already closed", lambda: s.close(t(2), by_vote=True))
    refused(s, InvalidTransition, "is closed", lambda: s.request("trotsky", t(2)))
    s.request("kuchin", t(3), point_of_order=True)
    assert [r.speaker for r in s.upcoming] == ["kuchin", "martov"]
    check_speakers(s)


def test_a_time_limit_must_be_positive() -> None:
    with pytest.raises(InvalidInput, match="must be positive"):
        speakers(limit=timedelta(0))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["request", "point", "withdraw", "next"]),
            st.sampled_from(["a", "b", "c", "d"]),
        ),
        max_size=40,
    )
)
def test_the_list_never_holds_a_speaker_twice(actions: list[tuple[str, str]]) -> None:
    s = speakers()
    for n, (action, who) in enumerate(actions):
        try:
            if action == "request":
                s.request(who, t(n))
            elif action == "point":
                s.request(who, t(n), point_of_order=True)
            elif action == "withdraw":
                s.withdraw(who, t(n))
            else:
                s.next(t(n))
        except DomainError:
            pass
        queued = [r.speaker for r in s.queue]
        assert len(queued) == len(set(queued))
        ups = s.upcoming
        assert sorted(r.speaker for r in ups) == sorted(queued)
        first_ordinary = next((i for i, r in enumerate(ups) if not r.point_of_order), len(ups))
        assert all(not r.point_of_order for r in ups[first_ordinary:])
    check_speakers(s)


# -- declarations, recesses, corrections --------------------------------------------------


def check_proceedings(p: Proceedings) -> None:
    assert state(Proceedings.rebuild(p.sitting, round_trip(p.pending))) == state(p)


def test_a_declaration_is_entered_without_a_vote() -> None:
    p = Proceedings("congress2")
    p.declare(
        "d1",
        "We declare the Congress without authority.",
        t(1),
        delegate="khinchuk",
        faction="mensheviks",
        item="government",
    )
    p.declare("d2", "The Left SRs stay.", t(2), faction="left-srs")
    assert p.declarations["d1"].faction == "mensheviks"
    refused(
        p,
        AlreadyExists,
        "already has a declaration 'd1'",
        lambda: p.declare("d1", "x", t(3), delegate="x"),
    )
    refused(p, InvalidInput, "name the delegate or the faction", lambda: p.declare("d3", "x", t(3)))
    refused(
        p, InvalidInput, "text must not be empty", lambda: p.declare("d3", " ", t(3), delegate="x")
    )
    check_proceedings(p)


def test_a_caucus_break_requested_granted_and_ended() -> None:
    p = Proceedings("congress2")
    p.request_recess("r1", "left-srs", "caucus before the vote on the government", t(0))
    assert p.recess("r1").state is RecessState.REQUESTED and p.in_recess is None
    p.grant_recess("r1", t(1), by="vote", until=t(31))
    assert p.in_recess == "r1" and p.recess("r1").until == t(31)
    p.request_recess("r2", "mensheviks", "caucus", t(2))
    refused(
        p, InvalidTransition, "already in recess r1", lambda: p.grant_recess("r2", t(3), by="chair")
    )
    refused(p, InvalidInput, "before it started", lambda: p.end_recess("r1", t(0)))
    p.end_recess("r1", t(25))
    assert p.recess("r1").state is RecessState.ENDED and p.recess("r1").end == t(25)
    refused(p, InvalidTransition, "r1 is ended, not running", lambda: p.end_recess("r1", t(26)))
    p.refuse_recess("r2", t(26), by="chair")
    assert p.recess("r2").state is RecessState.REFUSED
    refused(
        p,
        InvalidTransition,
        "r2 is already refused",
        lambda: p.grant_recess("r2", t(27), by="vote"),
    )
    check_proceedings(p)


def test_recess_errors() -> None:
    p = Proceedings("congress2")
    refused(p, InvalidInput, "needs a reason", lambda: p.request_recess("r1", "left-srs", "", t(0)))
    p.request_recess("r1", "left-srs", "caucus", t(0))
    refused(
        p,
        AlreadyExists,
        "already has a recess 'r1'",
        lambda: p.request_recess("r1", "x", "y", t(0)),
    )
    refused(p, InvalidInput, "'chair' or 'vote'", lambda: p.grant_recess("r1", t(1), by="trotsky"))
    refused(
        p,
        InvalidInput,
        "end after it starts",
        lambda: p.grant_recess("r1", t(1), by="chair", until=t(1)),
    )
    refused(p, NotFound, "no recess 'zz'", lambda: p.grant_recess("zz", t(1), by="chair"))


def test_the_presidium_declares_a_recess() -> None:
    p = Proceedings("congress2")
    events = p.call_recess("r1", "the presidium declares a recess", t(0))
    assert [e.op for e in events] == ["recess.request", "recess.grant"]
    assert p.recess("r1").granted_by == "chair" and p.in_recess == "r1"
    check_proceedings(p)


def test_minutes_are_corrected_by_a_new_entry() -> None:
    p = Proceedings("congress2")
    p.correct_minutes(3, "the vote was 19-2-4 in the other record", "secretary", t(0))
    assert p.corrections[0].entry == 3
    refused(p, InvalidInput, "no minute entry 0", lambda: p.correct_minutes(0, "x", "s", t(1)))
    refused(p, InvalidInput, "needs its text", lambda: p.correct_minutes(1, " ", "s", t(1)))
    check_proceedings(p)
