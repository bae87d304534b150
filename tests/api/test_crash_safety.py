"""A crash of ``sovet serve`` in the middle of a vote loses no answered ballot.

DESIGN.md (Security): "one person, one ballot per poll, enforced by the database under
concurrency; a recorded ballot is never lost, including across a crash of the server
mid-vote"; docs/adr/0006-ballots-sealed-at-close.md: the answer to a cast is given
only after its commit. The server runs as a separate process on PostgreSQL; voters
cast over HTTP from a thread pool, each with their own API token, and once a third of
them have been answered the whole process group is killed with SIGKILL while casts
are still in flight. After a restart on the same database, every ballot that was
answered with success is stored exactly once (for a secret poll: every receipt handed
out, and its voter on the register), a retry of an answered voter is refused as
already voted, and once the rest have voted and the poll is closed over HTTP, the
ledger seals each of those ballots exactly once and verifies.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text

from sovet.bootstrap import bootstrap
from sovet.ledger import FORMAT_VERSION, entry_from_dict, verify
from sovet.services import commands as c
from sovet.services.permissions import Actor
from sovet.storage.engine import make_engine
from tests.api.served import Server, admin_token, voter_tokens
from tests.polls_setup import sitting_with_delegates

VOTERS = 300
THREADS = 16
KILL_AFTER = VOTERS // 3
ORG = "crash"
PG_ADMIN_URL = os.environ.get(
    "SOVET_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture
def database() -> Iterator[str]:
    """A database of its own (the server commits for real, outside any test transaction)."""
    name = f"sovet_crash_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def choice_of(number: str) -> str:
    return "against" if int(number[1:]) % 3 == 0 else "for"


@dataclass
class Cast:
    """One cast request and what became of it: ``status`` None when no answer came."""

    voter: str
    started: float
    status: int | None = None
    answer: Any = None


class Casting:
    """Voters casting at once over keep-alive connections (one client per thread),
    each as themselves; ``enough`` is set once ``KILL_AFTER`` casts were answered 200."""

    def __init__(self, base: str, tokens: dict[str, str]) -> None:
        self.base = base
        self.tokens = tokens
        self.local = threading.local()
        self.lock = threading.Lock()
        self.answered = 0
        self.enough = threading.Event()
        self.clients: list[httpx.Client] = []

    def cast(self, number: str) -> Cast:
        client = getattr(self.local, "client", None)
        if client is None:
            client = self.local.client = httpx.Client(timeout=60)
            with self.lock:
                self.clients.append(client)
        done = Cast(number, time.monotonic())
        try:
            answer = client.post(
                f"{self.base}/ops/ballot.cast",
                json={"org": ORG, "poll": "p1", "choice": choice_of(number)},
                headers={"Authorization": f"Bearer {self.tokens[number]}"},
            )
        except httpx.TransportError:
            return done
        done.status, done.answer = answer.status_code, answer.json()
        if answer.status_code == 200:
            with self.lock:
                self.answered += 1
                if self.answered >= KILL_AFTER:
                    self.enough.set()
        return done


def stored(engine: Engine, mode: str) -> tuple[Counter[str], dict[str, str], Counter[str]]:
    """What the database holds for the poll: how many ballots per voter (named) or per
    receipt (secret), each one's choice, and how many register rows per voter."""
    with engine.connect() as conn:
        if mode == "secret":
            box = conn.execute(
                text(
                    "SELECT receipt, choice FROM secret_ballots_open WHERE org = :o AND poll = 'p1'"
                ),
                {"o": ORG},
            ).all()
            register = conn.execute(
                text("SELECT voter FROM poll_register WHERE org = :o AND poll = 'p1'"), {"o": ORG}
            ).scalars()
            return Counter(r for r, _ in box), dict(box), Counter(register)
        named = conn.execute(
            text("SELECT voter, choice FROM ballots WHERE org = :o AND poll = 'p1'"), {"o": ORG}
        ).all()
        return Counter(v for v, _ in named), dict(named), Counter(v for v, _ in named)


def post(http: httpx.Client, token: str, op: str, body: dict[str, Any]) -> httpx.Response:
    return http.post(f"/ops/{op}", json=body, headers={"Authorization": f"Bearer {token}"})


def cast(http: httpx.Client, token: str, number: str) -> httpx.Response:
    return post(http, token, "ballot.cast", {"org": ORG, "poll": "p1", "choice": choice_of(number)})


@dataclass
class Crash:
    """What the voters saw: who was answered (and with what), who got no answer, and
    which of those had sent their cast before the kill."""

    answered: dict[str, Any]
    unanswered: list[str]
    in_flight: list[str]


def crash_mid_vote(server: Server, numbers: list[str], tokens: dict[str, str]) -> Crash:
    """Cast every voter's ballot at once; SIGKILL the server once ``KILL_AFTER`` casts
    were answered, while the others are still going."""
    casting = Casting(server.base, tokens)
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            futures = [pool.submit(casting.cast, n) for n in numbers]
            assert casting.enough.wait(timeout=300), server.log.read_text()
            killed_at = time.monotonic()
            server.kill()
            casts = [f.result() for f in futures]
    finally:
        server.stop()
        for client in casting.clients:
            client.close()
    refused = [(x.voter, x.status, x.answer) for x in casts if x.status not in (None, 200)]
    assert not refused, refused
    return Crash(
        {x.voter: x.answer for x in casts if x.status is not None},
        [x.voter for x in casts if x.status is None],
        [x.voter for x in casts if x.status is None and x.started < killed_at],
    )


def check_stored(engine: Engine, mode: str, crash: Crash) -> Counter[str]:
    """Every answered ballot is in the database once, with its choice; nothing else is
    but casts that were under way. The register (who voted), voter -> rows."""
    ballots, choices, register = stored(engine, mode)
    if mode == "secret":
        receipts = {v: a["receipt"] for v, a in crash.answered.items()}
        assert all(ballots[r] == 1 for r in receipts.values()), "an answered receipt is missing"
        assert all(choices[receipts[v]] == choice_of(v) for v in receipts)
        assert sum(ballots.values()) == sum(register.values())
    else:
        assert all(ballots[v] == 1 for v in crash.answered), "an answered ballot is missing"
        assert all(choices[v] == choice_of(v) for v in crash.answered)
    assert all(register[v] == 1 for v in crash.answered)
    assert max(register.values()) == 1
    assert set(register) <= set(crash.answered) | set(crash.in_flight), "a ballot no one sent"
    return register


def finish_vote(
    http: httpx.Client, tokens: dict[str, str], crash: Crash, register: Counter[str]
) -> dict[str, str]:
    """Retry every answered voter (refused as already voted) and cast for the others (a
    cast in flight at the kill either committed, and is refused now, or left nothing
    behind, and is taken now). The receipts handed out now, voter -> receipt."""
    for number in crash.answered:
        retry = cast(http, tokens[number], number)
        assert retry.status_code == 409, (number, retry.text)
        assert retry.json()["error"] == "already-exists"
    receipts = {}
    for number in crash.unanswered:
        late = cast(http, tokens[number], number)
        assert late.status_code == (409 if number in register else 200), (number, late.text)
        if late.status_code == 200:
            receipts[number] = late.json()["receipt"]
    return receipts


def check_sealed(
    mode: str, numbers: list[str], export: list[dict[str, Any]], receipts: dict[str, str]
) -> None:
    """The exported chain verifies, and seals each voter's ballot exactly once: by
    voter for a roll call; for a secret poll by receipt (every receipt handed out, with
    its choice), the register listing every voter once."""
    entries = [entry_from_dict({"v": FORMAT_VERSION, **e}) for e in export]
    assert verify(entries, org=ORG).ok
    sealed = [e.payload for e in entries if e.op == "ballot.cast" and e.payload["poll"] == "p1"]
    assert len(sealed) == VOTERS
    if mode == "secret":
        assert max(Counter(p["receipt"] for p in sealed).values()) == 1
        sealed_choice = {p["receipt"]: p["choice"] for p in sealed}
        assert all(sealed_choice[r] == choice_of(v) for v, r in receipts.items())
        (roll,) = [e.payload for e in entries if e.op == "poll.register"]
        assert list(roll["voters"]) == sorted(numbers)
    else:
        assert Counter(p["voter"] for p in sealed) == Counter(numbers)
        assert all(p["choice"] == choice_of(p["voter"]) for p in sealed)


@pytest.mark.parametrize(
    ("mode", "workers"),
    [("roll-call", 1), ("secret", 2)],
    ids=["roll-call-one-process", "secret-two-workers"],
)
def test_answered_ballots_survive_sigkill_of_the_server(
    database: str, tmp_path: Path, mode: str, workers: int
) -> None:
    app = bootstrap(database)
    numbers = sitting_with_delegates(app.bus, ORG, VOTERS)
    app.bus.execute(Actor.operator(), c.OpenPoll(ORG, "p1", "s1", "Crash?", mode=mode))
    tokens = voter_tokens(app, ORG, numbers)
    admin = admin_token(app)
    app.engine.dispose()
    log = tmp_path / "serve.log"

    crash = crash_mid_vote(Server(database, log, workers=workers).start(), numbers, tokens)
    assert len(crash.answered) >= KILL_AFTER
    assert crash.in_flight, "no cast was under way when the server was killed"

    engine = make_engine(database)
    try:
        register = check_stored(engine, mode, crash)
    finally:
        engine.dispose()
    with (
        Server(database, log, workers=workers) as again,
        httpx.Client(base_url=again.base, timeout=120) as http,
    ):
        late = finish_vote(http, tokens, crash, register)
        closed = post(http, admin, "poll.close", {"org": ORG, "poll": "p1"})
        export = post(http, admin, "ledger.export", {"org": ORG})
        replay = post(http, admin, "ledger.replay", {"org": ORG})

    assert closed.status_code == 200, closed.text
    expected = Counter(choice_of(n) for n in numbers)
    assert (closed.json()["for_"], closed.json()["against"]) == (
        expected["for"],
        expected["against"],
    )
    assert replay.status_code == 200, replay.text
    assert replay.json()["chain_ok"], replay.json()
    assert replay.json()["matches"], replay.json()["differences"]
    receipts = {v: a["receipt"] for v, a in crash.answered.items()} | late
    check_sealed(mode, numbers, export.json(), receipts)
