"""Polls on SQLite and PostgreSQL: casting, secrecy, sealing, replay."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, inspect, text

from sovet.domain.errors import AlreadyExists, InvalidTransition, NotEntitled
from sovet.domain.instructions import ImperativeMandateBreached
from sovet.ledger import verify
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.polls_setup import sitting_with_delegates, voter


def test_roll_call_cast_close_seal_and_replay(sql_bus: Bus, operator: Actor) -> None:
    voters = sitting_with_delegates(sql_bus, "c", 5)
    sql_bus.execute(operator, c.OpenPoll("c", "p1", "s1", "Peace?", mode="roll-call"))
    for number, choice in zip(voters, ["for", "for", "for", "against", "abstain"], strict=True):
        sql_bus.execute(voter(number, "c"), c.CastBallot("c", "p1", choice))
    with pytest.raises(AlreadyExists, match="d0 has already voted in poll p1"):
        sql_bus.execute(voter("d0", "c"), c.CastBallot("c", "p1", "against"))
    closed = sql_bus.execute(operator, c.ClosePoll("c", "p1"))
    assert (closed.for_, closed.against, closed.abstain, closed.adopted) == (3, 1, 1, True)
    with pytest.raises(InvalidTransition, match="p1 is closed"):
        sql_bus.execute(voter("d4", "c"), c.CastBallot("c", "p1", "for"))
    entries = sql_bus.execute(operator, c.ExportLedger("c"))
    sealed = [e for e in entries if e.op == "ballot.cast"]
    assert [(e.payload["voter"], e.payload["choice"]) for e in sealed][:2] == [
        ("d0", "for"),
        ("d1", "for"),
    ]
    assert entries[-1].op == "poll.close"
    assert verify(entries).ok
    report = sql_bus.execute(operator, c.ReplayLedger("c"))
    assert report.ok, report.differences


def test_only_voters_present_at_opening_may_vote(sql_bus: Bus, operator: Actor) -> None:
    sitting_with_delegates(sql_bus, "c", 3)
    sql_bus.execute(operator, c.ChangeAttendance("c", "s1", ("m2",), "withdrawn"))
    sql_bus.execute(operator, c.OpenPoll("c", "p1", "s1", "Q", mode="roll-call"))
    with pytest.raises(NotEntitled, match="member d2 may not vote in poll p1"):
        sql_bus.execute(voter("d2", "c"), c.CastBallot("c", "p1", "for"))
    with pytest.raises(NotEntitled, match="may not cast a ballot for member d0"):
        sql_bus.execute(voter("d1", "c"), c.CastBallot("c", "p1", "for", voter="d0"))


def test_walkout_recomputes_the_majority_base(sql_bus: Bus, operator: Actor) -> None:
    # A walkout changes quorum and majority (M10; fact congress2-walkout).
    voters = sitting_with_delegates(sql_bus, "c", 10, right=4)
    sql_bus.execute(operator, c.DeclareWalkout("c", "s1", "right", "We leave the congress"))
    sitting = sql_bus.execute(operator, c.ShowSitting("c", "s1"))
    assert sitting.bases().present_voting == 6
    sql_bus.execute(
        operator, c.OpenPoll("c", "p1", "s1", "Q", mode="roll-call", rule="absolute-present")
    )
    for number in voters[4:8]:
        sql_bus.execute(voter(number, "c"), c.CastBallot("c", "p1", "for"))
    closed = sql_bus.execute(operator, c.ClosePoll("c", "p1"))
    assert closed.adopted and closed.base_size == 6 and closed.needed == 4


def test_show_of_hands_estimate_is_flagged(sql_bus: Bus, operator: Actor) -> None:
    sitting_with_delegates(sql_bus, "c", 3)
    sql_bus.execute(operator, c.OpenPoll("c", "p1", "s1", "Q"))
    closed = sql_bus.execute(
        operator, c.ClosePoll("c", "p1", 3, 0, 0, estimated=True, note="unanimous, by acclamation")
    )
    assert closed.estimated and "estimate" in closed.explanation


def test_secret_poll_leaves_nothing_linking_a_member_to_a_ballot(
    sql_bus: Bus, operator: Actor, connection: Connection
) -> None:
    voters = sitting_with_delegates(sql_bus, "c", 6)
    sql_bus.execute(operator, c.OpenPoll("c", "p1", "s1", "Q", mode="secret"))
    receipts = {}
    for i, number in enumerate(voters):
        r = sql_bus.execute(
            voter(number, "c"), c.CastBallot("c", "p1", "for" if i % 2 else "against")
        )
        receipts[number] = r.receipt
    closed = sql_bus.execute(operator, c.ClosePoll("c", "p1"))
    assert (closed.for_, closed.against) == (3, 3)
    # Every receipt appears in the published list of counted ballots.
    entries = sql_bus.execute(operator, c.ExportLedger("c"))
    published = {e.payload["receipt"] for e in entries if e.op == "ballot.cast"}
    assert set(receipts.values()) == published
    # Scanning every table and the ledger: no row or entry holds both a member number
    # and a receipt, and the ballot box is in receipt order.
    numbers, codes = set(voters), set(receipts.values())
    for table in inspect(connection).get_table_names():
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):
            values = {str(v) for v in row}
            assert not (values & numbers and values & codes), (table, row)
    for entry in entries:
        blob = entry.payload.__repr__() + " ".join(entry.subjects)
        assert not (
            any(n in blob.split("'") for n in numbers) and any(code in blob for code in codes)
        ), entry
    box = (
        connection.execute(
            text("SELECT receipt FROM secret_ballots WHERE org = 'c' AND poll = 'p1'")
        )
        .scalars()
        .all()
    )
    assert sorted(box) == sorted(codes)
    assert connection.execute(text("SELECT count(*) FROM secret_ballots_open")).scalar() == 0
    assert sql_bus.execute(operator, c.ReplayLedger("c")).ok


def test_ballot_tables_are_insert_only(
    sql_bus: Bus, operator: Actor, connection: Connection
) -> None:
    voters = sitting_with_delegates(sql_bus, "c", 2)
    sql_bus.execute(operator, c.OpenPoll("c", "p1", "s1", "Q", mode="roll-call"))
    sql_bus.execute(voter(voters[0], "c"), c.CastBallot("c", "p1", "for"))
    savepoint = connection.begin_nested()
    with pytest.raises(Exception, match="insert-only"):
        connection.execute(text("UPDATE ballots SET choice = 'against'"))
    savepoint.rollback()


def _instructed(sql_bus: Bus, operator: Actor, binding: bool) -> list[str]:
    voters = sitting_with_delegates(sql_bus, "c", 3)
    sql_bus.execute(
        operator,
        c.AdoptInstruction(
            "c", "i1", "bc", "peace", "for", binding=binding, text="Vote for the decree on peace"
        ),
    )
    sql_bus.execute(
        operator, c.OpenPoll("c", "p1", "s1", "Peace?", motion="peace", mode="roll-call")
    )
    return voters


def test_a_binding_instruction_refuses_a_contrary_ballot(sql_bus: Bus, operator: Actor) -> None:
    voters = _instructed(sql_bus, operator, binding=True)
    with pytest.raises(ImperativeMandateBreached, match=r"bound by instruction i1 .* not against"):
        sql_bus.execute(voter(voters[0], "c"), c.CastBallot("c", "p1", "against"))
    sql_bus.execute(voter(voters[0], "c"), c.CastBallot("c", "p1", "for"))
    assert sql_bus.execute(operator, c.ReplayLedger("c")).ok


def test_an_advisory_instruction_flags_and_reports(sql_bus: Bus, operator: Actor) -> None:
    voters = _instructed(sql_bus, operator, binding=False)
    sql_bus.execute(voter(voters[0], "c"), c.CastBallot("c", "p1", "against"))
    sql_bus.execute(voter(voters[1], "c"), c.CastBallot("c", "p1", "for"))
    sql_bus.execute(operator, c.ClosePoll("c", "p1"))
    entries = sql_bus.execute(operator, c.ExportLedger("c"))
    flagged = [
        e.payload["voter"] for e in entries if e.op == "ballot.cast" and e.payload["contrary"]
    ]
    assert flagged == [voters[0]]
    (report,) = [e for e in entries if e.op == "instruction.report"]
    assert dict(report.payload) | {"voters": list(report.payload["voters"])} == {
        "poll": "p1",
        "constituency": "bc",
        "instruction": "i1",
        "voters": [voters[0]],
    }
    assert sql_bus.execute(operator, c.ReplayLedger("c")).ok
