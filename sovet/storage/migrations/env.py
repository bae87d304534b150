"""Alembic environment: run by ``sovet.storage.engine.migrate`` on a live connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sovet.storage.tables import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///sovet.db"
    with create_engine(url).begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
