"""The SQL unit of work: one transaction writes state and its ledger entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine

from sovet.domain.organisation import Organisation
from sovet.ledger import Entry
from sovet.services.ports import Clock
from sovet.storage.accounts_store import SqlMemberAccounts
from sovet.storage.decrees_store import SqlDecrees
from sovet.storage.ledger_store import SqlLedger
from sovet.storage.polls_store import SqlBallots, SqlStreams
from sovet.storage.projection import project_all
from sovet.storage.repositories import SqlMandates, SqlMembers, SqlOrganisations


class SqlUnitOfWork:
    """A transaction on its own connection, or a savepoint inside a given connection
    (the test fixtures' rolled-back outer transaction)."""

    orgs: SqlOrganisations
    members: SqlMembers
    mandates: SqlMandates
    ledger: SqlLedger
    streams: SqlStreams
    ballots: SqlBallots
    decrees: SqlDecrees
    accounts: SqlMemberAccounts
    conn: Connection

    def __init__(self, bind: Engine | Connection) -> None:
        self.bind = bind
        self.seen: dict[str, Organisation] = {}
        self.bare: dict[str, Organisation] = {}  # locked, structure not loaded

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.bind)

    def __enter__(self) -> SqlUnitOfWork:
        if isinstance(self.bind, Connection):
            self.conn = self.bind
            self.tx: Any = self.conn.begin_nested()
            self._owns = False
        else:
            self.conn = self.bind.connect()
            self.tx = self.conn.begin()
            self._owns = True
        self.seen = {}
        self.bare = {}
        self.orgs = SqlOrganisations(self)
        self.members = SqlMembers(self.conn)
        self.mandates = SqlMandates(self.conn)
        self.ledger = SqlLedger(self.conn)
        self.streams = SqlStreams(self.conn)
        self.ballots = SqlBallots(self.conn)
        self.decrees = SqlDecrees(self.conn)
        self.accounts = SqlMemberAccounts(self.conn)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.tx.is_active:
                self.tx.rollback()
        finally:
            if self._owns:
                self.conn.close()

    def commit(self, actor: str, clock: Clock) -> list[Entry]:
        written: list[Entry] = []
        for key, org in (self.bare | self.seen).items():
            if not org.pending:
                continue
            project_all(self.conn, key, org.pending, self.members.loaded)
            written += self.ledger.append(key, actor, clock, org.pending)
            org.pending.clear()
        self.tx.commit()
        return written

    def rollback(self) -> None:
        if self.tx.is_active:
            self.tx.rollback()
