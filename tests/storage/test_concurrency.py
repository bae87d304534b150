"""Concurrent writers of one organisation: every command commits, the chain stays linear."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import Engine

from sovet.ledger import verify
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.uow import SqlUnitOfWork


def test_two_concurrent_writers_keep_the_chain_linear(engine: Engine) -> None:
    bus = Bus(SqlUnitOfWork(engine))
    operator = Actor.operator()
    org = f"conc-{uuid.uuid4().hex[:8]}"
    bus.execute(operator, c.CreateOrganisation(org, "Concurrent"))
    per_writer = 25
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            start.wait()
            for i in range(per_writer):
                bus.execute(operator, c.CreateBody(org, f"{name}-{i}", f"{name} {i}", "council"))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures, failures
    entries = bus.execute(operator, c.ExportLedger(org))
    assert len(entries) == 1 + 2 * per_writer
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert verify(entries).ok
    ops_by_writer = {e.subjects[0].split(":")[1][0] for e in entries[1:]}
    assert ops_by_writer == {"a", "b"}
    assert bus.execute(operator, c.ReplayLedger(org)).ok
