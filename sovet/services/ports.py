"""The ports: what the services need from storage, as protocols.

``storage`` implements them on SQLAlchemy; ``services.fake`` in memory for handler
tests. A unit of work is one transaction: state and ledger entries commit together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Protocol

from sovet.domain.dissemination import ReceiptState, Sent
from sovet.domain.events import Event
from sovet.domain.instructions import Instruction
from sovet.domain.members import Mandate, Member
from sovet.domain.organisation import Organisation
from sovet.domain.polls import Ballot, PollHeader, Voter
from sovet.ledger import Entry

Clock = Callable[[], datetime]


class OrganisationRepository(Protocol):
    def get(self, key: str) -> Organisation:
        """Load to change: takes the organisation's write lock for this transaction."""
        ...

    def read(self, key: str) -> Organisation:
        """Load to read, without a lock."""
        ...

    def lock(self, key: str) -> Organisation:
        """Take the organisation's write lock to record events, without loading its
        structure where storage can avoid it (the returned organisation may then have
        no bodies): for operations whose checks run against the stores, such as a
        decree's dissemination to a hundred thousand bodies."""
        ...

    def add(self, org: Organisation) -> None: ...
    def exists(self, key: str) -> bool: ...
    def keys(self) -> list[str]: ...


class RollLoad(Protocol):
    def wait(self) -> set[str]:
        """Join the load; return the member numbers that were already on the roll (the
        load then wrote nothing), or raise InvalidInput if the store refused the text."""
        ...


class MemberRepository(Protocol):
    def begin_roll_load(self, org: str, key: str, text: str) -> RollLoad | None:
        """Start loading a roll's canonical text while the caller checks it, inside this
        unit of work; None where the store loads at commit instead. ``key`` names the
        import (its digest) so that the commit does not load it again."""
        ...

    def get(self, org: str, number: str) -> Member: ...
    def taken(self, org: str, numbers: Sequence[str]) -> set[str]: ...
    def direct_membership(self, org: str) -> dict[str, int]: ...
    def all(self, org: str) -> Iterator[Member]: ...
    def page(
        self, org: str, after: str | None, limit: int, council: str | None = None
    ) -> list[Member]:
        """Up to ``limit`` members in order of number, after the number ``after``."""
        ...

    def in_faction(self, org: str, faction: str) -> list[Member]: ...


class MandateRepository(Protocol):
    def get(self, org: str, key: str) -> Mandate: ...
    def all(self, org: str) -> Iterator[Mandate]: ...
    def page(
        self, org: str, after: str | None, limit: int, body: str | None = None
    ) -> list[Mandate]:
        """Up to ``limit`` mandates in order of key, after the key ``after``."""
        ...


class StreamRepository(Protocol):
    """Aggregates kept as streams of their events (sittings, polls)."""

    def load(self, org: str, stream: str) -> list[Event]: ...
    def all(self, org: str) -> list[tuple[str, int, str, str]]: ...
    def keys(
        self, org: str, kind: str, after: str | None = None, limit: int | None = None
    ) -> list[str]:
        """The keys of the streams ``<kind>:<key>`` in order, after the key ``after``."""
        ...


class BallotRepository(Protocol):
    """Ballots, one per voter per poll (the store enforces it under concurrency)."""

    def header(self, org: str, poll: str, *, lock: str = "") -> PollHeader: ...
    def voter(self, org: str, poll: str, voter: str) -> Voter | None: ...
    def cast_context(self, org: str, poll: str, voter: str) -> tuple[PollHeader, Voter | None]:
        """The header under a share lock (a close waits for casts under way) and the
        voter's entry, read together."""
        ...

    def instruction(self, org: str, motion: str, constituency: str) -> Instruction | None: ...
    def add_named(self, org: str, poll: str, voter: str, choice: str, contrary: bool) -> None: ...
    def add_secret(self, org: str, poll: str, voter: str, receipt: str, choice: str) -> None: ...
    def named(self, org: str, poll: str) -> list[tuple[str, str, bool]]: ...
    def register(self, org: str, poll: str) -> list[str]: ...
    def cast_count(self, org: str, poll: str) -> int:
        """How many ballots the poll holds so far (named, or secret by its register)."""
        ...

    def has_voted(self, org: str, poll: str, voter: str) -> bool: ...
    def seal_secret(self, org: str, poll: str) -> list[Ballot]: ...
    def sealed_secret(self, org: str) -> list[tuple[str, str, str]]: ...
    def closed_named(self, org: str) -> list[tuple[str, str, str, bool]]: ...
    def closed_register(self, org: str) -> list[tuple[str, str]]: ...


class DecreeRepository(Protocol):
    """Decrees and their dissemination log (one row per decree and body in scope)."""

    def numbered(self, org: str, body: str, number: str) -> str | None:
        """The decree of ``body`` that holds ``number``, if any."""
        ...

    def send(
        self, org: str, decree: str, issuing: str, roots: Sequence[str], depth: int | None
    ) -> Sent:
        """Write the log's rows for the scope (all ``sent``), placed as
        :func:`sovet.domain.dissemination.reach_scope` places them, each with its
        branch (the body of tier 1 it hangs below)."""
        ...

    def receipt(self, org: str, decree: str, body: str) -> ReceiptState | None: ...
    def counts(self, org: str, decree: str) -> list[tuple[int, str | None, str, int]]:
        """``(tier, branch, state, bodies)`` over the whole scope."""
        ...

    def log(self, org: str, decree: str) -> list[tuple[str, int, str, str]]:
        """The dissemination log: ``(body, tier, parent, state)`` per body in scope."""
        ...

    def conflicts(self, org: str, decree: str) -> list[tuple[str, str]]: ...
    def receipts(self, org: str) -> list[tuple[str, str, int, str, str, str, str, str]]: ...
    def listing(self, org: str) -> list[tuple[str, str, str, str, str, str]]: ...


class LedgerRepository(Protocol):
    def entries(self, org: str) -> Iterator[Entry]: ...
    def head(self, org: str) -> Entry | None: ...
    def page(self, org: str, after: int, limit: int) -> list[Entry]:
        """Up to ``limit`` entries of the chain in order, after the sequence number ``after``."""
        ...


class AccountRepository(Protocol):
    """What operations of an organisation need of its members' accounts; passwords,
    sessions and tokens stay with ``sovet.accounts``."""

    def login_of(self, org: str, member: str) -> str | None:
        """The login of the member's account, None while the member has none."""
        ...

    def add_invitation(
        self, org: str, member: str, digest: str, created: datetime, expires: datetime
    ) -> None:
        """Keep an invitation by the digest of its secret (never the secret itself)."""
        ...


class UnitOfWork(Protocol):
    @property
    def orgs(self) -> OrganisationRepository: ...
    @property
    def members(self) -> MemberRepository: ...
    @property
    def mandates(self) -> MandateRepository: ...
    @property
    def ledger(self) -> LedgerRepository: ...
    @property
    def streams(self) -> StreamRepository: ...
    @property
    def ballots(self) -> BallotRepository: ...
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def decrees(self) -> DecreeRepository: ...

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self, actor: str, clock: Clock) -> list[Entry]:
        """Write the pending events of every organisation touched, as state and as
        ledger entries chained to each organisation's head, in one transaction."""
        ...

    def rollback(self) -> None: ...
