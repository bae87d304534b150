"""Minutes derived from the events of a sitting, append-only (M28)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sovet.count import Tally
from sovet.count.majority import SIMPLE, decide
from sovet.domain.business import Agenda, SpeakersList
from sovet.domain.convocation import Convocation
from sovet.domain.events import EVENT_TYPES, Event, event_from_entry
from sovet.domain.minutes import Minutes, minutes_from
from sovet.domain.motions import MotionBook
from sovet.domain.proceedings import Proceedings
from sovet.domain.sitting import SittingOpened

T0 = datetime(1917, 11, 7, 22, 40, tzinfo=UTC)


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def sitting_events() -> list[Event]:
    """A short second Congress: opening, agenda, a speech, a motion with an amendment,
    votes, a declaration, a recess, a dissent and a correction."""
    opened = SittingOpened("congress2", "congress", 650, "1/2", "cast", "congress2-call")
    agenda = Agenda.create("congress2", t(0), [("peace", "War and peace")])
    agenda.adopt(t(1))
    agenda.take_up(t(2))
    speakers = SpeakersList.open("congress2", "peace", t(2), time_limit=timedelta(minutes=10))
    speakers.request("lenin", t(3))
    speakers.next(t(4))
    speakers.log_speech("lenin", t(4), t(20))
    book = MotionBook("congress2")
    book.move(
        "peace",
        "decree",
        "lenin",
        "A just, democratic peace.",
        t(21),
        faction="bolsheviks",
        item="peace",
    )
    book.amend("a1", "peace", "x", t(22), find="just, ", replace="")
    book.record_vote("a1", adopted=False, at=t(23), tally=Tally(10, 500, 5, estimated=True))
    book.record_decision("peace", decide(Tally(600, 0, 5), SIMPLE), t(24))
    floor = Proceedings("congress2")
    floor.declare("d1", "We will not take part.", t(25), faction="mensheviks")
    floor.call_recess("r1", "the presidium declares a recess", t(26))
    floor.end_recess("r1", t(40))
    book.dissent("peace", "mensheviks", t(41), "against the undertaking as a whole")
    floor.correct_minutes(2, "the order of the day was announced by Kamenev", "secretary", t(42))
    return [
        opened,
        *agenda.pending,
        *speakers.pending,
        *book.pending[:4],  # moved, amended, two votes
        *floor.pending[:4],  # declaration, recess asked, granted, ended
        book.pending[4],  # dissent
        floor.pending[4],  # correction
    ]


def test_minutes_from_the_events_of_a_sitting() -> None:
    entries = minutes_from(sitting_events())
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    assert [e.kind for e in entries] == [
        "opened",
        "agenda",
        "agenda",
        "item",
        "speech",
        "speech",
        "motion",
        "amendment",
        "vote",
        "vote",
        "declaration",
        "recess",
        "recess",
        "recess",
        "dissent",
        "correction",
    ]
    text = {e.kind: e.text for e in entries}
    assert "sitting congress2 of congress opened, convened by convocation congress2-call" in (
        entries[0].text
    )
    assert entries[0].at is None  # the opening event carries no time of its own
    assert entries[1].text == "order of the day proposed: 1. War and peace"
    assert entries[5].text == (
        "lenin spoke from 1917-11-07T22:44:00.000000Z to 1917-11-07T23:00:00.000000Z, "
        "over the time limit"
    )
    assert entries[5].at == t(4)  # a speech is entered at its start
    assert "bolsheviks moves decree peace: A just, democratic peace." in text["motion"]
    assert "replace 'just, ' by ''" in text["amendment"]
    assert "10 for, 500 against, 5 abstaining (estimated by the chair, not counted)" in (
        entries[8].text
    )
    assert "motion peace adopted: 600 for, 0 against, 5 abstaining; simple majority" in (
        entries[9].text
    )
    assert "Text put: A just, democratic peace." in entries[9].text
    assert text["declaration"] == "declaration by faction mensheviks: We will not take part."
    assert "against the undertaking as a whole" in text["dissent"]
    assert text["correction"].startswith("correction of entry 2 by secretary")
    assert entries[4].at == t(4)


def test_requests_to_speak_are_not_minuted() -> None:
    speakers = SpeakersList.open("s", "i", t(0))
    speakers.request("a", t(1))
    speakers.withdraw("a", t(2))
    assert minutes_from(speakers.pending) == []


def test_minutes_of_one_sitting_leave_out_the_others() -> None:
    here, there = MotionBook("here"), MotionBook("there")
    here.move("m", "resolution", "x", "Here.", t(0))
    there.move("m", "resolution", "x", "There.", t(0))
    entries = minutes_from([*here.pending, *there.pending], sitting="here")
    assert [e.text for e in entries] == ["x moves resolution m: Here."]


def test_other_acts_are_entered_in_a_generic_form() -> None:
    c = Convocation.create("c", "congress", "cec", ["a"])
    c.contest("peasant-ec", "dangerous and undesirable", t(0))
    entry = minutes_from(c.pending[1:])[0]
    assert entry.kind == "act" and entry.op == "convocation.contest"
    assert (
        entry.text
        == "convocation.contest: convocation c; by peasant-ec; reason dangerous and undesirable"
    )
    assert entry.at == t(0)


def test_minutes_only_grow() -> None:
    events = sitting_events()
    first = Minutes("congress2").extend(events[:5])
    more = first.extend(events[5:])
    assert more.entries[: len(first.entries)] == first.entries
    assert [e.number for e in more.entries] == list(range(1, len(events) - 1))  # 2 left out
    assert more.entries == tuple(minutes_from(events))
    assert first.entries != more.entries  # the first minutes are unchanged


BUSINESS_MODULES = (
    "sovet.domain.business_events",
    "sovet.domain.motion_events",
    "sovet.domain.proceedings",
)


def every_business_act() -> list[Event]:
    a = Agenda.create("s", t(0), [("one", "One"), ("two", "Two")])
    a.add_item("three", "Three", t(1))
    a.remove_item("two", t(2))
    a.reorder(["three", "one"], t(3))
    a.adopt(t(4))
    a.take_up(t(5))
    a.close_item(t(6))
    s = SpeakersList.open("s", "three", t(5))
    s.request("x", t(5))
    s.request("y", t(5))
    s.withdraw("y", t(5))
    s.next(t(6))
    s.log_speech("x", t(6), t(7))
    s.close(t(8), by_vote=True)
    b = MotionBook("s")
    for key in ("m", "n", "o", "p"):
        b.move(key, "resolution", "x", f"Text {key}.", t(9), faction="f")
    b.amend("a", "m", "y", t(10), text="Other.")
    b.withdraw("a", "y", t(11))
    b.defer("n", "f", t(12))
    b.resume("n", "x", t(13))
    b.not_put("n", "moot", t(14))
    b.declare_rivals("g", ["o", "p"], t(15))
    b.record_vote("o", adopted=True, at=t(16))
    b.dissent("o", "z", t(17))
    p = Proceedings("s")
    p.declare("d", "A statement.", t(18), delegate="x")
    p.request_recess("r1", "f", "caucus", t(19))
    p.refuse_recess("r1", t(19), by="vote")
    p.call_recess("r2", "break", t(20))
    p.end_recess("r2", t(30))
    p.correct_minutes(1, "Corrected.", "secretary", t(31))
    return [*a.pending, *s.pending, *b.pending, *p.pending]


def test_every_act_of_the_business_round_trips_and_has_its_own_minute() -> None:
    events = every_business_act()
    ops = {op for op, cls in EVENT_TYPES.items() if cls.__module__ in BUSINESS_MODULES}
    assert {e.op for e in events} == ops
    for e in events:
        assert event_from_entry(e.op, e.payload()) == e
        assert all(s.startswith("sitting:s") for s in e.subjects()[:1])
    json.dumps([e.payload() for e in events])  # payloads are plain JSON
    entries = minutes_from(events, sitting="s")
    assert not any(entry.kind == "act" for entry in entries)
    assert len(entries) == len(events) - 4  # the list opened, two requests, a withdrawal
