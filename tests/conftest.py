"""Shared fixtures: the bus on a fake unit of work, and storage on SQLite and
PostgreSQL through one parametrised fixture (schema built by the migrations, each
test inside a transaction that is rolled back)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Connection, Engine, create_engine, text

import sovet.services.handlers  # noqa: F401  (registers the operations)
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from sovet.storage.engine import make_engine, migrate
from sovet.storage.uow import SqlUnitOfWork

# CI explores the same examples on every run, so that a red run is reproducible;
# locally Hypothesis keeps searching afresh.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

PG_ADMIN_URL = os.environ.get(
    "SOVET_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture
def operator() -> Actor:
    return Actor.operator()


@pytest.fixture
def fake_bus() -> Bus:
    return Bus(FakeUnitOfWork())


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    name = f"sovet_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
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


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "sovet.db"
    return f"sqlite:///{path}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated engine on each database (the parametrised storage fixture)."""
    url = request.getfixturevalue(f"{request.param}_url")
    eng = make_engine(url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """One connection in an outer transaction that is rolled back after the test."""
    conn = engine.connect()
    outer = conn.begin()
    try:
        yield conn
    finally:
        outer.rollback()
        conn.close()


@pytest.fixture
def sql_bus(connection: Connection) -> Bus:
    return Bus(SqlUnitOfWork(connection))
