"""The accounts' store on SQLAlchemy: the accounts service's port, and the part of it
the unit of work offers to operations (invitations, who has an account)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from sovet.accounts.model import Account, InvitationState, Session, TokenInfo
from sovet.domain.errors import AlreadyExists, NotFound
from sovet.domain.events import Event, event_from_entry
from sovet.ledger.canonical import format_time, parse_time
from sovet.storage import tables as t
from sovet.storage.account_tables import (
    accounts,
    api_tokens,
    invitations,
    login_failures,
    sessions,
)
from sovet.storage.polls_store import SqlStreams


def _time(value: str | None) -> datetime | None:
    return None if value is None else parse_time(value)


class SqlMemberAccounts:
    """What operations of an organisation see of its members' accounts."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def login_of(self, org: str, member: str) -> str | None:
        q = select(accounts.c.login).where(accounts.c.org == org, accounts.c.member == member)
        return self.conn.execute(q).scalar()

    def add_invitation(
        self, org: str, member: str, digest: str, created: datetime, expires: datetime
    ) -> None:
        self.conn.execute(
            insert(invitations).values(
                digest=digest,
                org=org,
                member=member,
                created=format_time(created),
                expires=format_time(expires),
            )
        )


def _account(r: Any) -> Account:
    return Account(r.login, r.org, r.member, bool(r.site_admin))


def _token(r: Any) -> TokenInfo:
    return TokenInfo(
        r.id,
        r.login,
        r.name,
        tuple(json.loads(r.operations)),
        None if r.orgs is None else tuple(json.loads(r.orgs)),
        parse_time(r.created),
        _time(r.expires),
        _time(r.revoked),
    )


_ROLES = t.aggregate_events
# A token, its account, and the account's role events (stream "roles:<member>").
_TOKEN_HOLDER = (
    select(
        api_tokens,
        accounts.c.org,
        accounts.c.member,
        accounts.c.site_admin,
        _ROLES.c.op,
        _ROLES.c.payload,
    )
    .join(accounts, accounts.c.login == api_tokens.c.login)
    .outerjoin(
        _ROLES,
        (_ROLES.c.org == accounts.c.org)
        & (_ROLES.c.stream == literal("roles:") + accounts.c.member),
    )
    .where(api_tokens.c.digest == bindparam("digest"))
    .order_by(_ROLES.c.seq)
)


class SqlAccountStore:
    """One transaction per ``with`` block, on its own connection, or in a savepoint of
    a given connection (as :class:`~sovet.storage.uow.SqlUnitOfWork`)."""

    conn: Connection

    def __init__(self, bind: Engine | Connection) -> None:
        self.bind = bind

    def __call__(self) -> SqlAccountStore:
        return SqlAccountStore(self.bind)

    def __enter__(self) -> SqlAccountStore:
        if isinstance(self.bind, Connection):
            self.conn, self._owns = self.bind, False
            self.tx: Any = self.conn.begin_nested()
        else:
            self.conn, self._owns = self.bind.connect(), True
            self.tx = self.conn.begin()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.tx.is_active:
                self.tx.rollback()
        finally:
            if self._owns:
                self.conn.close()

    def commit(self) -> None:
        self.tx.commit()

    # -- accounts ---------------------------------------------------------------
    def account(self, login: str) -> Account | None:
        row = self.conn.execute(select(accounts).where(accounts.c.login == login)).first()
        return None if row is None else _account(row)

    def account_of(self, org: str, member: str) -> Account | None:
        q = select(accounts).where(accounts.c.org == org, accounts.c.member == member)
        row = self.conn.execute(q).first()
        return None if row is None else _account(row)

    def password_hash(self, login: str) -> str | None:
        q = select(accounts.c.password_hash).where(accounts.c.login == login)
        return self.conn.execute(q).scalar()

    def add_account(self, account: Account, password_hash: str, at: datetime) -> None:
        if self.account(account.login) is not None:
            raise AlreadyExists(f"the login {account.login} is taken")
        if account.org is not None and account.member is not None:
            other = self.account_of(account.org, account.member)
            if other is not None:
                raise AlreadyExists(
                    f"member {account.member} of {account.org} already has an account"
                )
        try:
            with self.conn.begin_nested():
                self.conn.execute(
                    insert(accounts).values(
                        login=account.login,
                        org=account.org,
                        member=account.member,
                        site_admin=int(account.site_admin),
                        password_hash=password_hash,
                        created=format_time(at),
                    )
                )
        except IntegrityError:
            # another request took the login or the member between the check and here
            raise AlreadyExists(f"the login {account.login} is taken") from None

    def set_password_hash(self, login: str, password_hash: str) -> None:
        self.conn.execute(
            update(accounts).where(accounts.c.login == login).values(password_hash=password_hash)
        )

    def member_exists(self, org: str, member: str) -> bool:
        q = select(t.members.c.number).where(t.members.c.org == org, t.members.c.number == member)
        return self.conn.execute(q).first() is not None

    def role_events(self, org: str, member: str) -> list[Event]:
        try:
            return SqlStreams(self.conn).load(org, f"roles:{member}")
        except NotFound:
            return []

    # -- invitations ------------------------------------------------------------
    def invitation(self, digest: str) -> InvitationState | None:
        row = self.conn.execute(select(invitations).where(invitations.c.digest == digest)).first()
        if row is None:
            return None
        return InvitationState(row.org, row.member, parse_time(row.expires), _time(row.used))

    def use_invitation(self, digest: str, at: datetime) -> bool:
        when = format_time(at)
        done = self.conn.execute(
            update(invitations)
            .where(
                invitations.c.digest == digest,
                invitations.c.used.is_(None),
                invitations.c.expires > when,
            )
            .values(used=when)
        )
        return done.rowcount == 1

    # -- sessions ---------------------------------------------------------------
    def add_session(self, digest: str, session: Session, at: datetime) -> None:
        self.conn.execute(
            insert(sessions).values(
                digest=digest,
                login=session.login,
                csrf=session.csrf,
                created=format_time(at),
                expires=format_time(session.expires),
            )
        )

    def session(self, digest: str) -> Session | None:
        row = self.conn.execute(select(sessions).where(sessions.c.digest == digest)).first()
        return None if row is None else Session(row.login, row.csrf, parse_time(row.expires))

    def delete_session(self, digest: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.digest == digest))

    # -- API tokens -------------------------------------------------------------
    def add_token(self, digest: str, info: TokenInfo) -> None:
        self.conn.execute(
            insert(api_tokens).values(
                digest=digest,
                id=info.id,
                login=info.login,
                name=info.name,
                operations=json.dumps(list(info.operations)),
                orgs=None if info.orgs is None else json.dumps(list(info.orgs)),
                created=format_time(info.created),
                expires=None if info.expires is None else format_time(info.expires),
            )
        )

    def token(self, digest: str) -> TokenInfo | None:
        row = self.conn.execute(select(api_tokens).where(api_tokens.c.digest == digest)).first()
        return None if row is None else _token(row)

    def token_holder(self, digest: str) -> tuple[TokenInfo, Account, list[Event]] | None:
        # One statement, and on PostgreSQL no transaction around it: a BEGIN and a
        # ROLLBACK would each cost a round trip more on every API request.
        if isinstance(self.bind, Connection):
            rows = self.bind.execute(_TOKEN_HOLDER, {"digest": digest}).all()
        else:
            postgres = self.bind.dialect.name == "postgresql"
            options = {"isolation_level": "AUTOCOMMIT"} if postgres else {}
            with self.bind.connect().execution_options(**options) as conn:
                rows = conn.execute(_TOKEN_HOLDER, {"digest": digest}).all()
        if not rows:
            return None
        first = rows[0]
        account = Account(first.login, first.org, first.member, bool(first.site_admin))
        events = [event_from_entry(r.op, json.loads(r.payload)) for r in rows if r.op is not None]
        return _token(first), account, events

    def tokens(self, login: str) -> list[TokenInfo]:
        q = select(api_tokens).where(api_tokens.c.login == login).order_by(api_tokens.c.created)
        return [_token(r) for r in self.conn.execute(q)]

    def revoke_token(self, login: str, token_id: str, at: datetime) -> bool:
        done = self.conn.execute(
            update(api_tokens)
            .where(
                api_tokens.c.login == login,
                api_tokens.c.id == token_id,
                api_tokens.c.revoked.is_(None),
            )
            .values(revoked=format_time(at))
        )
        return done.rowcount == 1

    # -- failed logins ----------------------------------------------------------
    def failures(self, login: str, address: str, since: datetime) -> list[datetime]:
        f = login_failures.c
        q = select(f.at).where(f.login == login, f.address == address, f.at > format_time(since))
        return [parse_time(at) for at in self.conn.execute(q).scalars()]

    def add_failure(self, login: str, address: str, at: datetime) -> None:
        self.conn.execute(
            insert(login_failures).values(login=login, address=address, at=format_time(at))
        )

    def clear_failures(self, login: str, address: str) -> None:
        f = login_failures.c
        self.conn.execute(delete(login_failures).where(f.login == login, f.address == address))

    def purge(self, now: datetime, failures_before: datetime) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.expires <= format_time(now)))
        self.conn.execute(
            delete(login_failures).where(login_failures.c.at <= format_time(failures_before))
        )
