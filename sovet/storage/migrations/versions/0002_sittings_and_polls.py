"""sittings and polls: event streams, polls, voters, ballots, the secret register

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

K = 80


def _key(name: str, length: int = K, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "aggregate_events",
        _key("org"),
        _key("stream", 2 * K),
        sa.Column("seq", sa.Integer(), nullable=False),
        _key("op"),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("org", "stream", "seq"),
    )
    op.create_table(
        "polls",
        _key("org"),
        _key("key"),
        _key("sitting"),
        _key("body"),
        _key("mode", 16),
        _key("status", 16),
        sa.PrimaryKeyConstraint("org", "key"),
    )
    op.create_table(
        "poll_voters",
        _key("org"),
        _key("poll"),
        _key("voter", 40),
        _key("mandate"),
        sa.Column("weight", sa.Integer(), nullable=False),
        _key("delegation", nullable=True),
        sa.Column("curia", sa.Text(), nullable=True),
        _key("constituency", nullable=True),
        sa.PrimaryKeyConstraint("org", "poll", "voter"),
    )
    op.create_table(
        "ballots",
        _key("org"),
        _key("poll"),
        _key("voter", 40),
        _key("choice", 16),
        sa.Column("contrary", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("org", "poll", "voter"),
    )
    op.create_table(
        "poll_register",
        _key("org"),
        _key("poll"),
        _key("voter", 40),
        sa.PrimaryKeyConstraint("org", "poll", "voter"),
    )
    for name in ("secret_ballots_open", "secret_ballots"):
        op.create_table(
            name,
            _key("org"),
            _key("poll"),
            _key("receipt", 64),
            _key("choice", 16),
            sa.PrimaryKeyConstraint("org", "poll", "receipt"),
        )
    _insert_only(("ballots", "poll_register", "secret_ballots", "aggregate_events"))


def _insert_only(tables: tuple[str, ...]) -> None:
    """Cast ballots, the register and event streams are never changed or removed."""
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(
            "CREATE FUNCTION refuse_change() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION '% is insert-only: % refused', TG_TABLE_NAME, TG_OP; "
            "END $$ LANGUAGE plpgsql"
        )
    for table in tables:
        if postgres:
            op.execute(
                f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
            )
        else:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is insert-only: {action} refused'); END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS refuse_change() CASCADE")
    for name in (
        "secret_ballots",
        "secret_ballots_open",
        "poll_register",
        "ballots",
        "poll_voters",
        "polls",
        "aggregate_events",
    ):
        op.drop_table(name)
