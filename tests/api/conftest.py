"""The API under test: the app over a bus and accounts on real storage, with a cheap
Argon2 profile (the production parameters cost 64 MiB and tens of milliseconds a
hash, which a test suite creating many accounts need not pay)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import Connection

from sovet.accounts import Accounts
from sovet.accounts.passwords import Passwords
from sovet.bootstrap import App, bootstrap
from sovet.services.bus import Bus
from sovet.storage.accounts_store import SqlAccountStore
from sovet.storage.uow import SqlUnitOfWork

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client says it prefers httpx2
    from fastapi.testclient import TestClient

from sovet.api import create_app

CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sovet_file(tmp_path: Path, clock: Clock) -> Iterator[App]:
    """An installation on a fresh SQLite file (its own engine, as ``sovet serve`` has)."""
    app = bootstrap(f"sqlite:///{tmp_path / 'sovet.db'}")
    app.bus = Bus(app.uow, clock)
    app.accounts = Accounts(SqlAccountStore(app.engine), clock, passwords=CHEAP)
    yield app
    app.engine.dispose()


@pytest.fixture
def sovet_in(connection: Connection, clock: Clock) -> App:
    """An installation inside the rolled-back test transaction, on SQLite and PostgreSQL."""
    uow = SqlUnitOfWork(connection)
    accounts = Accounts(SqlAccountStore(connection), clock, passwords=CHEAP)
    return App(connection.engine, Bus(uow, clock), uow, accounts)


def client(api: FastAPI) -> TestClient:
    # The session cookie is Secure: the test client must speak https to get it back.
    return TestClient(api, base_url="https://testserver")


@pytest.fixture
def api(sovet_file: App) -> FastAPI:
    return create_app(sovet_file)


@pytest.fixture
def http(api: FastAPI) -> TestClient:
    return client(api)
