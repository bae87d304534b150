"""An in-memory unit of work for handler tests: the same ports, no database.

State is kept by replaying each committed event into a :class:`Replica`, and the
ledger by an in-memory chain per organisation, so a handler test sees exactly what
a replay of its ledger would give.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Sequence
from datetime import datetime

from sovet.domain.dissemination import ReceiptState, Sent, count_below, reach_scope
from sovet.domain.errors import AlreadyExists, NotFound
from sovet.domain.events import Event, event_from_entry
from sovet.domain.instructions import Instruction
from sovet.domain.members import Mandate, Member
from sovet.domain.organisation import Organisation
from sovet.domain.polls import Ballot, PollHeader, Voter
from sovet.domain.replica import Replica
from sovet.ledger import Entry, make_entry
from sovet.services.ports import Clock


class _Store:
    def __init__(self) -> None:
        self.replicas: dict[str, Replica] = {}
        self.chains: dict[str, list[Entry]] = {}
        self.named: dict[tuple[str, str, str], tuple[str, bool]] = {}
        self.register: set[tuple[str, str, str]] = set()
        self.box: dict[tuple[str, str, str], str] = {}
        self.logins: dict[tuple[str, str], str] = {}
        self.invitations: dict[str, tuple[str, str, datetime]] = {}


class FakeOrganisations:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def get(self, key: str) -> Organisation:
        if key in self.uow.seen:
            return self.uow.seen[key]
        replica = self.uow.store.replicas.get(key)
        if replica is None or replica.org is None:
            raise NotFound(f"no organisation {key!r}")
        org = copy.deepcopy(replica.org)
        org.pending.clear()
        self.uow.seen[key] = org
        return org

    def lock(self, key: str) -> Organisation:
        return self.get(key)

    def read(self, key: str) -> Organisation:
        replica = self.uow.store.replicas.get(key)
        if replica is None or replica.org is None:
            raise NotFound(f"no organisation {key!r}")
        return copy.deepcopy(replica.org)

    def add(self, org: Organisation) -> None:
        self.uow.seen[org.key] = org

    def exists(self, key: str) -> bool:
        return key in self.uow.store.replicas or key in self.uow.seen

    def keys(self) -> list[str]:
        return sorted(self.uow.store.replicas)


class FakeMembers:
    def __init__(self, store: _Store) -> None:
        self.store = store

    def _members(self, org: str) -> dict[str, Member]:
        replica = self.store.replicas.get(org)
        return {} if replica is None else replica.members

    def begin_roll_load(self, org: str, key: str, text: str) -> None:
        return None  # the roll is loaded when the unit of work commits

    def get(self, org: str, number: str) -> Member:
        try:
            return self._members(org)[number]
        except KeyError:
            raise NotFound(f"organisation {org} has no member {number!r}") from None

    def taken(self, org: str, numbers: Sequence[str]) -> set[str]:
        members = self._members(org)
        return {n for n in numbers if n in members}

    def direct_membership(self, org: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self._members(org).values():
            out[m.council] = out.get(m.council, 0) + 1
        return out

    def all(self, org: str) -> Iterator[Member]:
        return iter(sorted(self._members(org).values(), key=lambda m: m.number))

    def page(
        self, org: str, after: str | None, limit: int, council: str | None = None
    ) -> list[Member]:
        rows = (m for m in self.all(org) if council is None or m.council == council)
        return [m for m in rows if after is None or m.number > after][:limit]

    def in_faction(self, org: str, faction: str) -> list[Member]:
        return [m for m in self.all(org) if m.faction == faction]


class FakeMandates:
    def __init__(self, store: _Store) -> None:
        self.store = store

    def get(self, org: str, key: str) -> Mandate:
        replica = self.store.replicas.get(org)
        if replica is None or key not in replica.mandates:
            raise NotFound(f"organisation {org} has no mandate {key!r}")
        return replica.mandates[key]

    def all(self, org: str) -> Iterator[Mandate]:
        replica = self.store.replicas.get(org)
        return iter(
            [] if replica is None else sorted(replica.mandates.values(), key=lambda m: m.key)
        )

    def page(
        self, org: str, after: str | None, limit: int, body: str | None = None
    ) -> list[Mandate]:
        rows = (m for m in self.all(org) if body is None or m.body == body)
        return [m for m in rows if after is None or m.key > after][:limit]


class FakeAccounts:
    def __init__(self, store: _Store) -> None:
        self.store = store

    def login_of(self, org: str, member: str) -> str | None:
        return self.store.logins.get((org, member))

    def add_invitation(
        self, org: str, member: str, digest: str, created: datetime, expires: datetime
    ) -> None:
        self.store.invitations[digest] = (org, member, expires)


class FakeDecrees:
    """Decrees and the dissemination log, read from the replica; ``send`` computes
    the scope and the log's rows appear when the unit of work commits."""

    def __init__(self, store: _Store) -> None:
        self.store = store

    def _replica(self, org: str) -> Replica:
        replica = self.store.replicas.get(org)
        if replica is None:
            raise NotFound(f"no organisation {org!r}")
        return replica

    def numbered(self, org: str, body: str, number: str) -> str | None:
        rows = self._replica(org).decrees.values()
        return next((r[0] for r in rows if r[1] == body and r[2] == number), None)

    def send(
        self, org: str, decree: str, issuing: str, roots: Sequence[str], depth: int | None
    ) -> Sent:
        structure = self._replica(org).org
        if structure is None:
            raise NotFound(f"no organisation {org!r}")
        return Sent.of(reach_scope(structure, issuing, roots, depth))

    def receipt(self, org: str, decree: str, body: str) -> ReceiptState | None:
        row = self._replica(org).receipts.get((decree, body))
        return None if row is None else ReceiptState(row[3])

    def counts(self, org: str, decree: str) -> list[tuple[int, str | None, str, int]]:
        issuing = self._replica(org).decree_scopes[decree][0]
        return count_below(issuing, self.log(org, decree))

    def log(self, org: str, decree: str) -> list[tuple[str, int, str, str]]:
        rows = self._replica(org).receipts.items()
        return [(b, r[0], r[1], r[3]) for (d, b), r in rows if d == decree]

    def conflicts(self, org: str, decree: str) -> list[tuple[str, str]]:
        rows = self._replica(org).receipts.items()
        return [(b, r[5]) for (d, b), r in rows if d == decree and r[5]]

    def receipts(self, org: str) -> list[tuple[str, str, int, str, str, str, str, str]]:
        return [(d, b, *r) for (d, b), r in self._replica(org).receipts.items()]  # type: ignore[misc]

    def listing(self, org: str) -> list[tuple[str, str, str, str, str, str]]:
        return [tuple(r) for r in self._replica(org).decrees.values()]  # type: ignore[misc]


class FakeLedger:
    def __init__(self, store: _Store) -> None:
        self.store = store

    def entries(self, org: str) -> Iterator[Entry]:
        return iter(list(self.store.chains.get(org, [])))

    def head(self, org: str) -> Entry | None:
        chain = self.store.chains.get(org)
        return chain[-1] if chain else None

    def page(self, org: str, after: int, limit: int) -> list[Entry]:
        return self.store.chains.get(org, [])[after : after + limit]


class FakeUnitOfWork:
    """Commits by replaying events into the shared in-memory store."""

    def __init__(self, store: _Store | None = None) -> None:
        self.store = store or _Store()
        self.seen: dict[str, Organisation] = {}
        self.orgs = FakeOrganisations(self)
        self.members = FakeMembers(self.store)
        self.mandates = FakeMandates(self.store)
        self.ledger = FakeLedger(self.store)
        self.streams = FakeStreams(self.store)
        self.ballots = FakeBallots(self.store)
        self.accounts = FakeAccounts(self.store)
        self.decrees = FakeDecrees(self.store)
        self.committed = 0

    def __call__(self) -> FakeUnitOfWork:
        """Act as the bus's factory: a fresh unit of work over the same store."""
        return FakeUnitOfWork(self.store)

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self, actor: str, clock: Clock) -> list[Entry]:
        written: list[Entry] = []
        for key, org in self.seen.items():
            if not org.pending:
                continue
            replica = self.store.replicas.setdefault(key, Replica())
            chain = self.store.chains.setdefault(key, [])
            at = clock()
            for event in org.pending:
                replica.apply(event)
                prev = chain[-1] if chain else None
                if prev is not None and at < prev.at:
                    at = prev.at
                entry = make_entry(
                    prev,
                    org=key,
                    at=at,
                    actor=actor,
                    op=event.op,
                    subjects=event.subjects(),
                    payload=event.payload(),
                )
                chain.append(entry)
                written.append(entry)
            org.pending.clear()
        self.committed += 1
        self.seen.clear()
        return written

    def rollback(self) -> None:
        self.seen.clear()


class FakeStreams:
    def __init__(self, store: _Store) -> None:
        self.store = store

    def load(self, org: str, stream: str) -> list[Event]:
        replica = self.store.replicas.get(org)
        events = [] if replica is None else replica.streams.get(stream, [])
        if not events:
            kind, _, key = stream.partition(":")
            raise NotFound(f"organisation {org} has no {kind} {key!r}")
        return [event_from_entry(op, json.loads(payload)) for op, payload in events]

    def all(self, org: str) -> list[tuple[str, int, str, str]]:
        replica = self.store.replicas.get(org)
        if replica is None:
            return []
        return [
            (s, i, op, p)
            for s, evs in replica.streams.items()
            for i, (op, p) in enumerate(evs, start=1)
        ]

    def keys(
        self, org: str, kind: str, after: str | None = None, limit: int | None = None
    ) -> list[str]:
        replica = self.store.replicas.get(org)
        names = [] if replica is None else replica.streams
        prefix = f"{kind}:"
        keys = sorted(s[len(prefix) :] for s in names if s.startswith(prefix))
        keys = [k for k in keys if after is None or k > after]
        return keys if limit is None else keys[:limit]


class FakeBallots:
    """Ballot tables in memory, keyed as the database keys them."""

    def __init__(self, store: _Store) -> None:
        self.store = store

    def header(self, org: str, poll: str, *, lock: str = "") -> PollHeader:
        from sovet.domain.polls import Poll, PollOpened

        try:
            events = FakeStreams(self.store).load(org, f"poll:{poll}")
        except NotFound:
            raise NotFound(f"organisation {org} has no poll {poll!r}") from None
        opened = events[0]
        if not isinstance(opened, PollOpened):
            raise NotFound(f"poll {poll} has no opening")
        p = Poll.from_opened(opened)
        for event in events[1:]:
            p.apply(event)
        return PollHeader(p.key, p.mode, p.status, p.sitting, p.body, p.motion)

    def instruction(self, org: str, motion: str, constituency: str) -> Instruction | None:
        replica = self.store.replicas.get(org)
        return (
            None
            if replica is None or replica.org is None
            else (replica.org.instruction_for(motion, constituency))
        )

    def cast_context(self, org: str, poll: str, voter: str) -> tuple[PollHeader, Voter | None]:
        return self.header(org, poll), self.voter(org, poll, voter)

    def voter(self, org: str, poll: str, voter: str) -> Voter | None:
        from sovet.domain.polls import PollOpened

        opened = FakeStreams(self.store).load(org, f"poll:{poll}")[0]
        if not isinstance(opened, PollOpened):
            return None
        for h, m, w, d, c, co in opened.voters:
            if h == voter:
                return Voter(h, m, w, d, c, co)
        return None

    def add_named(self, org: str, poll: str, voter: str, choice: str, contrary: bool) -> None:
        if (org, poll, voter) in self.store.named:
            raise AlreadyExists(f"member {voter} has already voted in poll {poll}")
        self.store.named[(org, poll, voter)] = (choice, contrary)

    def add_secret(self, org: str, poll: str, voter: str, receipt: str, choice: str) -> None:
        if (org, poll, voter) in self.store.register:
            raise AlreadyExists(f"member {voter} has already voted in poll {poll}")
        self.store.register.add((org, poll, voter))
        self.store.box[(org, poll, receipt)] = choice

    def named(self, org: str, poll: str) -> list[tuple[str, str, bool]]:
        return sorted(
            (v, c, x) for (o, p, v), (c, x) in self.store.named.items() if (o, p) == (org, poll)
        )

    def register(self, org: str, poll: str) -> list[str]:
        return sorted(v for o, p, v in self.store.register if (o, p) == (org, poll))

    def cast_count(self, org: str, poll: str) -> int:
        return len(self.named(org, poll)) + len(self.register(org, poll))

    def has_voted(self, org: str, poll: str, voter: str) -> bool:
        key = (org, poll, voter)
        return key in self.store.named or key in self.store.register

    def seal_secret(self, org: str, poll: str) -> list[Ballot]:
        return [
            Ballot(None, c, r)
            for (o, p, r), c in sorted(self.store.box.items())
            if (o, p) == (org, poll)
        ]

    def _closed(self, org: str) -> set[str]:
        replica = self.store.replicas.get(org)
        if replica is None:
            return set()
        return {
            s.split(":", 1)[1]
            for s, evs in replica.streams.items()
            if s.startswith("poll:") and any(op == "poll.close" for op, _ in evs)
        }

    def sealed_secret(self, org: str) -> list[tuple[str, str, str]]:
        closed = self._closed(org)
        return sorted(
            (p, r, c) for (o, p, r), c in self.store.box.items() if o == org and p in closed
        )

    def closed_named(self, org: str) -> list[tuple[str, str, str, bool]]:
        closed = self._closed(org)
        return sorted(
            (p, v, c, x)
            for (o, p, v), (c, x) in self.store.named.items()
            if o == org and p in closed
        )

    def closed_register(self, org: str) -> list[tuple[str, str]]:
        closed = self._closed(org)
        return sorted((p, v) for o, p, v in self.store.register if o == org and p in closed)
