"""Casting under concurrency on PostgreSQL: one ballot per voter, none lost."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, text

from sovet.domain.errors import AlreadyExists
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.engine import make_engine, migrate
from sovet.storage.uow import SqlUnitOfWork
from tests.polls_setup import sitting_with_delegates, voter


@pytest.fixture(scope="module")
def pg_engine(postgresql_url: str) -> Iterator[Engine]:
    engine = make_engine(postgresql_url)
    migrate(engine)
    yield engine
    engine.dispose()


def test_200_concurrent_casts_by_one_voter_record_exactly_one(pg_engine: Engine) -> None:
    bus = Bus(SqlUnitOfWork(pg_engine))
    org = f"one-{uuid.uuid4().hex[:8]}"
    sitting_with_delegates(bus, org, 3)
    bus.execute(Actor.operator(), c.OpenPoll(org, "p1", "s1", "Q", mode="roll-call"))

    def attempt(i: int) -> str:
        try:
            bus.execute(voter("d0", org), c.CastBallot(org, "p1", "for" if i % 2 else "against"))
        except AlreadyExists:
            return "refused"
        return "recorded"

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(attempt, range(200)))
    assert outcomes.count("recorded") == 1
    assert outcomes.count("refused") == 199
    with pg_engine.connect() as conn:
        stored = conn.execute(
            text("SELECT count(*) FROM ballots WHERE org = :o AND poll = 'p1'"), {"o": org}
        ).scalar()
    assert stored == 1


def test_1000_distinct_voters_at_once_record_1000(pg_engine: Engine) -> None:
    bus = Bus(SqlUnitOfWork(pg_engine))
    org = f"many-{uuid.uuid4().hex[:8]}"
    voters = sitting_with_delegates(bus, org, 1000)
    bus.execute(Actor.operator(), c.OpenPoll(org, "p1", "s1", "Q", mode="secret"))

    def cast(number: str) -> str | None:
        return bus.execute(voter(number, org), c.CastBallot(org, "p1", "for")).receipt

    with ThreadPoolExecutor(max_workers=40) as pool:
        receipts = list(pool.map(cast, voters))
    assert len(set(receipts)) == 1000
    closed = bus.execute(Actor.operator(), c.ClosePoll(org, "p1"))
    assert closed.for_ == 1000
    assert bus.execute(Actor.operator(), c.ReplayLedger(org)).ok
