"""Accounts: opening one from an invitation, logging in and out, sessions with their
CSRF token, scoped API tokens, and the actor each of them stands for.

DESIGN.md (Security): members authenticate with passwords hashed with Argon2, or
one-time links; API clients use scoped tokens. None of it enters a ledger: the store
keeps secrets only as digests, passwords only as hashes, and hands no hash out.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from fnmatch import fnmatchcase

import sovet.services.handlers  # noqa: F401  (registers the operations a scope names)
from sovet.accounts.actors import actor_for
from sovet.accounts.errors import (
    CsrfRefused,
    InvitationUnusable,
    LoginFailed,
    NotAuthenticated,
    TooManyAttempts,
)
from sovet.accounts.model import Account, NewSession, NewToken, Session, TokenInfo
from sovet.accounts.passwords import Passwords, check_login
from sovet.accounts.ports import AccountStore
from sovet.accounts.ratelimit import LoginPolicy
from sovet.domain.errors import InvalidInput, NotFound
from sovet.domain.events import Event
from sovet.domain.keys import check_key
from sovet.domain.members import check_member_number
from sovet.services.bus import OPERATIONS, utc_now
from sovet.services.permissions import Actor
from sovet.services.ports import Clock
from sovet.services.tokens import digest, new_secret

SESSION_LIFETIME = timedelta(hours=12)
TOKEN_PREFIX = "sovet_"  # noqa: S105  (a marker for secret scanners, not a secret)
MAX_TOKEN_DAYS = 366
_PATTERN = re.compile(r"^(\*|[a-z0-9*][a-z0-9.*-]{0,79})$")


class Accounts:
    def __init__(
        self,
        store: Callable[[], AccountStore],
        clock: Clock = utc_now,
        *,
        passwords: Passwords | None = None,
        policy: LoginPolicy | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.passwords = passwords or Passwords()
        self.policy = policy or LoginPolicy()

    # -- accounts ---------------------------------------------------------------
    def create(
        self,
        login: str,
        password: str,
        *,
        org: str | None = None,
        member: str | None = None,
        site_admin: bool = False,
    ) -> Account:
        """An account for a member of an organisation, or a site administrator (who
        belongs to none); for the operator of an installation, not for the public."""
        if site_admin == (org is not None):
            raise InvalidInput("an account is a site administrator's or a member's, not both")
        account = Account(check_login(login), org, member, site_admin)
        hashed = self.passwords.hash(password)
        with self.store() as s:
            if org is not None and (
                member is None or not s.member_exists(org, check_member_number(member))
            ):
                raise NotFound(f"organisation {org} has no member {member!r}")
            s.add_account(account, hashed, self.clock())
            s.commit()
        return account

    def accept_invitation(self, secret: str, login: str, password: str) -> NewSession:
        """Open the invited member's account with a login and password, using up the
        link (once, and before it expires), and log in."""
        check_login(login)
        hashed = self.passwords.hash(password)
        key, now = digest(secret), self.clock()
        with self.store() as s:
            invitation = s.invitation(key)
            if invitation is None:
                raise NotFound("no such invitation: check the link")
            if invitation.used is not None:
                raise InvitationUnusable("this invitation has been used already")
            if invitation.expires <= now:
                raise InvitationUnusable("this invitation has expired: ask for a new one")
            if not s.use_invitation(key, now):
                raise InvitationUnusable("this invitation has been used already")
            account = Account(login, invitation.org, invitation.member)
            s.add_account(account, hashed, now)
            opened = self._open_session(s, account, now)
            s.commit()
        return opened

    # -- logging in -------------------------------------------------------------
    def login(self, login: str, password: str, address: str) -> NewSession:
        """Log in, unless this login has failed too often from this address lately
        (:class:`LoginPolicy`); a failure is counted, a success clears the count."""
        name = login.strip().lower() if isinstance(login, str) else ""
        key = name if re.fullmatch(r"[a-z0-9._-]{1,40}", name) else "(invalid)"
        where = address[:64]
        now = self.clock()
        with self.store() as s:
            wait = self.policy.retry_after(s.failures(key, where, now - self.policy.window), now)
            stored = s.password_hash(key)
        if wait is not None:
            raise TooManyAttempts(
                f"too many failed logins for {key} from this address: try again in {wait} seconds",
                wait,
            )
        ok = self.passwords.verify(stored, password if isinstance(password, str) else "")
        with self.store() as s:
            account = s.account(key) if ok else None
            if account is None:
                s.add_failure(key, where, now)
                s.commit()
                raise LoginFailed("wrong login or password")
            s.clear_failures(key, where)
            if stored is not None and self.passwords.needs_rehash(stored):
                s.set_password_hash(key, self.passwords.hash(password))
            s.purge(now, now - self.policy.window)
            opened = self._open_session(s, account, now)
            s.commit()
        return opened

    def _open_session(self, s: AccountStore, account: Account, now: datetime) -> NewSession:
        secret, csrf = new_secret(), secrets.token_urlsafe(32)
        expires = now + SESSION_LIFETIME
        s.add_session(digest(secret), Session(account.login, csrf, expires), now)
        return NewSession(secret, csrf, expires, account)

    def logout(self, secret: str) -> None:
        with self.store() as s:
            s.delete_session(digest(secret))
            s.commit()

    def session(self, secret: str) -> tuple[Account, Session]:
        """The account and session of a session cookie, while the session lasts."""
        with self.store() as s:
            session = s.session(digest(secret))
            if session is None or session.expires <= self.clock():
                raise NotAuthenticated("the session has ended: log in again")
            account = s.account(session.login)
        if account is None:
            raise NotAuthenticated("the session's account no longer exists")
        return account, session

    @staticmethod
    def check_csrf(session: Session, given: str | None) -> None:
        """A request that changes something with a session cookie must carry the
        session's CSRF token (the synchronizer token pattern, OWASP)."""
        given_bytes = (given or "").encode("utf-8", "surrogatepass")
        if not given or not hmac.compare_digest(session.csrf.encode(), given_bytes):
            raise CsrfRefused(
                "the request lacks this session's CSRF token "
                "(send it as the X-CSRF-Token header or the csrf_token form field)"
            )

    # -- actors -----------------------------------------------------------------
    def actor(self, account: Account, token: TokenInfo | None = None) -> Actor:
        """The actor the bus checks for ``account`` (narrowed by ``token``'s scope)."""
        events = []
        if account.org is not None and account.member is not None:
            with self.store() as s:
                events = s.role_events(account.org, account.member)
        return _actor(account, events, token)

    def actor_for_token(self, secret: str) -> Actor:
        """The actor of a Bearer token, while it is neither expired nor revoked."""
        return self.token_holder(secret)[1]

    def token_holder(self, secret: str) -> tuple[Account, Actor]:
        """The account holding a Bearer token, and the actor it stands for (narrowed by
        the token's scope), while the token is neither expired nor revoked. It runs on
        every API request, so the store reads all of it in one statement."""
        found = self.store().token_holder(digest(secret))
        if found is None or found[0].revoked is not None:
            raise NotAuthenticated("the API token is unknown or revoked")
        info, account, events = found
        if info.expires is not None and info.expires <= self.clock():
            raise NotAuthenticated(f"the API token {info.id} has expired")
        return account, _actor(account, events, info)

    # -- API tokens -------------------------------------------------------------
    def create_token(
        self,
        login: str,
        name: str,
        operations: Sequence[str] = ("*",),
        orgs: Sequence[str] | None = None,
        days: int | None = None,
    ) -> NewToken:
        """A Bearer token for ``login``: it may run the operations matching one of
        ``operations`` (names, or patterns such as ``poll.*``) in the organisations
        ``orgs`` (all the account's when None), for ``days`` days (or until revoked)."""
        if not isinstance(name, str) or not 1 <= len(name.strip()) <= 100:
            raise InvalidInput("a token's name must be 1 to 100 characters")
        patterns = tuple(dict.fromkeys(operations))
        if not patterns:
            raise InvalidInput("a token needs at least one operation or pattern")
        for pattern in patterns:
            if not _PATTERN.match(pattern) or not any(
                fnmatchcase(op, pattern) for op in OPERATIONS
            ):
                raise InvalidInput(f"{pattern!r} names no operation")
        scope = None if orgs is None else tuple(check_key(o, "organisation") for o in orgs)
        if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
            raise InvalidInput(f"a token lasts 1 to {MAX_TOKEN_DAYS} days, not {days}")
        now = self.clock()
        secret = TOKEN_PREFIX + new_secret()
        info = TokenInfo(
            secrets.token_hex(6),
            login,
            name.strip(),
            patterns,
            scope,
            now,
            None if days is None else now + timedelta(days=days),
        )
        with self.store() as s:
            s.add_token(digest(secret), info)
            s.commit()
        return NewToken(secret, info)

    def tokens(self, login: str) -> list[TokenInfo]:
        with self.store() as s:
            return s.tokens(login)

    def revoke_token(self, login: str, token_id: str) -> None:
        with self.store() as s:
            if not s.revoke_token(login, token_id, self.clock()):
                raise NotFound(f"{login} has no live token {token_id!r}")
            s.commit()


def _actor(account: Account, events: Sequence[Event], token: TokenInfo | None) -> Actor:
    if token is None:
        return actor_for(account, events)
    orgs = None if token.orgs is None else frozenset(token.orgs)
    return actor_for(account, events, operations=frozenset(token.operations), orgs=orgs)
