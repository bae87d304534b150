"""Simultaneous recalls and seat acceptances: of two that race, exactly one wins."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from sqlalchemy import Engine

from sovet.domain.errors import AlreadyExists, InvalidTransition, SeatNotAvailable
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.uow import SqlUnitOfWork
from tests.factories import small_union

OPERATOR = Actor.operator()


def race(actions: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Run the actions at once, one thread each; their results and errors."""
    start = threading.Barrier(len(actions))
    done: list[object] = []
    failed: list[BaseException] = []

    def run(action: Callable[[], object]) -> None:
        start.wait()
        try:
            done.append(action())
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return done, failed


def union(engine: Engine) -> tuple[Bus, str]:
    bus = Bus(SqlUnitOfWork(engine))
    org = small_union(bus, OPERATOR, f"rc-{uuid.uuid4().hex[:8]}")
    bus.execute(OPERATOR, c.RecordMandate(org, "m1", "district", "1", "north-d", "reds"))
    return bus, org


def test_two_petitions_against_one_mandate_cannot_both_open(engine: Engine) -> None:
    bus, org = union(engine)
    done, failed = race(
        [
            lambda: bus.execute(OPERATOR, c.OpenRecall(org, "r1", "m1", elector="2")),
            lambda: bus.execute(OPERATOR, c.OpenRecall(org, "r2", "m1", elector="3")),
        ]
    )
    assert len(done) == 1 and len(failed) == 1
    assert isinstance(failed[0], AlreadyExists)
    assert bus.execute(OPERATOR, c.ReplayLedger(org)).ok


def test_two_decisions_of_one_recall_cannot_both_count(engine: Engine) -> None:
    bus, org = union(engine)
    bus.execute(OPERATOR, c.OpenRecall(org, "r1", "m1", elector="2"))
    bus.execute(OPERATOR, c.SignRecall(org, "r1", elector="2"))
    bus.execute(OPERATOR, c.OpenRecallVote(org, "r1"))
    done, failed = race(
        [
            lambda: bus.execute(OPERATOR, c.DecideRecall(org, "r1", 2, 1)),
            lambda: bus.execute(OPERATOR, c.DecideRecall(org, "r1", 3, 0)),
        ]
    )
    assert len(done) == 1 and len(failed) == 1
    assert isinstance(failed[0], InvalidTransition)
    ops = [e.op for e in bus.execute(OPERATOR, c.ExportLedger(org))]
    assert ops.count("recall.decide") == 1 and ops.count("mandate.set-status") == 1
    assert bus.execute(OPERATOR, c.ReplayLedger(org)).ok


def test_the_last_seat_of_a_faction_is_taken_once(engine: Engine) -> None:
    bus, org = union(engine)
    bus.execute(OPERATOR, c.CreateAllotment(org, "a1", "congress", 2))
    shares = (("reds", 1), ("greens", 1))
    bus.execute(OPERATOR, c.AgreeAllotment(org, "a1", shares, "by agreement"))
    done, failed = race(
        [
            lambda: bus.execute(OPERATOR, c.AcceptSeat(org, "a1", "reds", "1")),
            lambda: bus.execute(OPERATOR, c.AcceptSeat(org, "a1", "reds", "3")),
        ]
    )
    assert len(done) == 1 and len(failed) == 1
    assert isinstance(failed[0], SeatNotAvailable)
    assert bus.execute(OPERATOR, c.ReplayLedger(org)).ok
