"""Engines for SQLite (embedded default) and PostgreSQL, and running the migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_URL = "sqlite:///sovet.db"


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``SOVET_DATABASE_URL``, else ``sovet.db`` here."""
    return url or os.environ.get("SOVET_DATABASE_URL") or DEFAULT_URL


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = database_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)
        _sqlite_transactions(engine)
        return engine
    # The API serves many requests at once from threads. Connections beyond the pool's
    # size are closed when handed back and opened again on the next burst, each costing
    # PostgreSQL a new backend (several milliseconds): the pool keeps twenty.
    return create_engine(url, pool_size=20, max_overflow=30, **kwargs)


def _sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, begin transactions, and begin them IMMEDIATE so that
    writers serialise at the start (SQLAlchemy's documented pysqlite recipe)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Build or upgrade the schema by running the Alembic migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
