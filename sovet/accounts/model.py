"""What the accounts service hands out. No password hash appears here: it stays in
the store, read only to verify a password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Account:
    """A login: a member of one organisation (``org``, ``member``) or a site administrator."""

    login: str
    org: str | None = None
    member: str | None = None
    site_admin: bool = False


@dataclass(frozen=True)
class Session:
    """A live login session as stored: whose, its CSRF token, and when it ends."""

    login: str
    csrf: str
    expires: datetime


@dataclass(frozen=True)
class NewSession:
    """A session just opened: ``secret`` is the cookie's value, shown this once."""

    secret: str
    csrf: str
    expires: datetime
    account: Account


@dataclass(frozen=True)
class TokenInfo:
    """An API token, without its secret: its public id, its holder and its scope."""

    id: str
    login: str
    name: str
    operations: tuple[str, ...]
    orgs: tuple[str, ...] | None
    created: datetime
    expires: datetime | None = None
    revoked: datetime | None = None


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` is the Bearer token, shown this once."""

    secret: str
    info: TokenInfo


@dataclass(frozen=True)
class InvitationState:
    org: str
    member: str
    expires: datetime
    used: datetime | None = None
