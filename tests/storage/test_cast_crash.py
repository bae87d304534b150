"""A ballot whose cast was answered survives the casting process being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.engine import make_engine, migrate
from sovet.storage.uow import SqlUnitOfWork
from tests.polls_setup import sitting_with_delegates

ROOT = Path(__file__).resolve().parents[2]

CASTER = """
import sys
from sovet.bootstrap import bootstrap
from sovet.services import commands as c
from tests.polls_setup import voter
app = bootstrap(sys.argv[1])
org = sys.argv[2]
for i in range(int(sys.argv[3])):
    number = f"d{i}"
    app.bus.execute(voter(number, org), c.CastBallot(org, "p1", "for"))
    print("ok", number, flush=True)
"""


def test_answered_ballots_survive_sigkill(postgresql_url: str) -> None:
    engine = make_engine(postgresql_url)
    migrate(engine)
    bus = Bus(SqlUnitOfWork(engine))
    org = f"crash-{uuid.uuid4().hex[:8]}"
    sitting_with_delegates(bus, org, 400)
    bus.execute(Actor.operator(), c.OpenPoll(org, "p1", "s1", "Q", mode="roll-call"))
    proc = subprocess.Popen(
        [sys.executable, "-c", CASTER, postgresql_url, org, "400"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    answered: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while len(answered) < 50 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("ok "):
            answered.append(line.split()[1])
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    answered += [line.split()[1] for line in rest.splitlines() if line.startswith("ok ")]
    assert len(answered) >= 50, "the caster did not get going"
    with engine.connect() as conn:
        stored = (
            conn.execute(
                text("SELECT voter FROM ballots WHERE org = :o AND poll = 'p1'"), {"o": org}
            )
            .scalars()
            .all()
        )
    assert len(stored) == len(set(stored))
    assert set(answered) <= set(stored)
    closed = bus.execute(Actor.operator(), c.ClosePoll(org, "p1"))
    assert closed.for_ == len(stored) < 400
    assert bus.execute(Actor.operator(), c.ReplayLedger(org)).ok
    engine.dispose()
