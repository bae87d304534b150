"""accounts: logins, invitations, sessions, API tokens, failed logins

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

K = 80
T = 32
D = 64


def _text(name: str, length: int, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _login() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "login",
        sa.String(length=40),
        sa.ForeignKey("accounts.login", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "accounts",
        _text("login", 40),
        _text("org", K, nullable=True),
        _text("member", 40, nullable=True),
        sa.Column("site_admin", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        _text("created", T),
        sa.PrimaryKeyConstraint("login"),
        sa.UniqueConstraint("org", "member", name="uq_accounts_member"),
    )
    op.create_table(
        "invitations",
        _text("digest", D),
        _text("org", K),
        _text("member", 40),
        _text("created", T),
        _text("expires", T),
        _text("used", T, nullable=True),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_table(
        "sessions",
        _text("digest", D),
        _login(),
        _text("csrf", D),
        _text("created", T),
        _text("expires", T),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index("ix_sessions_login", "sessions", ["login"])
    op.create_table(
        "api_tokens",
        _text("digest", D),
        _text("id", 16),
        _login(),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("operations", sa.Text(), nullable=False),
        sa.Column("orgs", sa.Text(), nullable=True),
        _text("created", T),
        _text("expires", T, nullable=True),
        _text("revoked", T, nullable=True),
        sa.PrimaryKeyConstraint("digest"),
        sa.UniqueConstraint("id", name="uq_api_tokens_id"),
    )
    op.create_index("ix_api_tokens_login", "api_tokens", ["login"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _text("login", 40),
        _text("address", 64),
        _text("at", T),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failures", "login_failures", ["login", "address", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_api_tokens_login", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index("ix_sessions_login", table_name="sessions")
    op.drop_table("sessions")
    op.drop_table("invitations")
    op.drop_table("accounts")
