"""The one place that wires a concrete store into the services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

import sovet.services.handlers  # noqa: F401  (registers the operations)
from sovet.accounts import Accounts
from sovet.services.bus import Bus
from sovet.storage.accounts_store import SqlAccountStore
from sovet.storage.engine import make_engine, migrate
from sovet.storage.uow import SqlUnitOfWork


@dataclass
class App:
    engine: Engine
    bus: Bus
    uow: SqlUnitOfWork
    accounts: Accounts


def bootstrap(url: str | None = None, *, migrate_schema: bool = True) -> App:
    """Open the database at ``url`` (SQLite by default), build its schema, and return
    the bus with a unit-of-work factory over it."""
    engine = make_engine(url)
    if migrate_schema:
        migrate(engine)
    uow = SqlUnitOfWork(engine)
    return App(engine, Bus(uow), uow, Accounts(SqlAccountStore(engine)))
