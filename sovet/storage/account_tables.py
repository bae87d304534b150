"""The accounts' tables: logins, invitations, sessions, API tokens, failed logins.

None of this is an organisation's record: nothing here enters a ledger. Secrets
(invitation links, session cookies, API tokens) are kept only as their SHA-256
digests, passwords only as Argon2 hashes. Times are the ledger's fixed-width UTC
text (``YYYY-MM-DDTHH:MM:SS.ffffffZ``), so that they compare as text.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from sovet.storage.tables import K, metadata

T = 32  # a time's text
D = 64  # a SHA-256 digest in hex

accounts = Table(
    "accounts",
    metadata,
    Column("login", String(40), primary_key=True),
    Column("org", String(K)),  # with member: the member of an organisation it belongs to
    Column("member", String(40)),
    Column("site_admin", Integer, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created", String(T), nullable=False),
    UniqueConstraint("org", "member", name="uq_accounts_member"),
)

invitations = Table(
    "invitations",
    metadata,
    Column("digest", String(D), primary_key=True),
    Column("org", String(K), nullable=False),
    Column("member", String(40), nullable=False),
    Column("created", String(T), nullable=False),
    Column("expires", String(T), nullable=False),
    Column("used", String(T)),
)

sessions = Table(
    "sessions",
    metadata,
    Column("digest", String(D), primary_key=True),
    Column("login", String(40), ForeignKey("accounts.login", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(D), nullable=False),
    Column("created", String(T), nullable=False),
    Column("expires", String(T), nullable=False),
    Index("ix_sessions_login", "login"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("digest", String(D), primary_key=True),
    Column("id", String(16), nullable=False),
    Column("login", String(40), ForeignKey("accounts.login", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("operations", Text, nullable=False),  # JSON list of patterns
    Column("orgs", Text),  # JSON list of organisation keys; NULL: every one the account has
    Column("created", String(T), nullable=False),
    Column("expires", String(T)),
    Column("revoked", String(T)),
    UniqueConstraint("id", name="uq_api_tokens_id"),
    Index("ix_api_tokens_login", "login"),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(40), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", String(T), nullable=False),
    Index("ix_login_failures", "login", "address", "at"),
)
