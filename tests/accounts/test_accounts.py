"""The accounts service on SQLite and PostgreSQL: accounts, sessions, the login rate
limit, invitations and API tokens; and the actor an account stands for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Connection, select

from sovet.accounts import (
    Account,
    Accounts,
    CsrfRefused,
    InvitationUnusable,
    LoginFailed,
    NotAuthenticated,
    TooManyAttempts,
)
from sovet.accounts.actors import actor_for
from sovet.accounts.passwords import Passwords
from sovet.accounts.ratelimit import LoginPolicy
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.role_events import RoleGranted, RoleRevoked
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor, Permission, Role, is_allowed, require
from sovet.storage.account_tables import accounts as accounts_table
from sovet.storage.account_tables import sessions
from sovet.storage.accounts_store import SqlAccountStore
from sovet.storage.uow import SqlUnitOfWork
from tests.factories import small_union

CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def bus(connection: Connection, clock: Clock, operator: Actor) -> Bus:
    bus = Bus(SqlUnitOfWork(connection), clock)
    small_union(bus, operator)
    return bus


@pytest.fixture
def accounts(connection: Connection, clock: Clock, bus: Bus) -> Accounts:
    return Accounts(SqlAccountStore(connection), clock, passwords=CHEAP)


def test_an_account_is_a_members_or_a_site_administrators(
    accounts: Accounts, connection: Connection
) -> None:
    ada = accounts.create("ada", "ada's password", org="union", member="1")
    assert ada == Account("ada", "union", "1")
    with pytest.raises(AlreadyExists, match="the login ada is taken"):
        accounts.create("ada", "another password", site_admin=True)
    with pytest.raises(AlreadyExists, match="member 1 of union already has an account"):
        accounts.create("ada2", "another password", org="union", member="1")
    with pytest.raises(NotFound, match="organisation union has no member '42'"):
        accounts.create("who", "another password", org="union", member="42")
    with pytest.raises(InvalidInput, match="login 'Ada Lovelace' is invalid"):
        accounts.create("Ada Lovelace", "another password", site_admin=True)
    with pytest.raises(InvalidInput, match="10 to 1024 characters"):
        accounts.create("shorty", "short", site_admin=True)
    with pytest.raises(InvalidInput, match="login 'operator' is reserved"):
        accounts.create("operator", "another password", site_admin=True)
    with pytest.raises(InvalidInput, match="not both"):
        accounts.create("both", "a long password", org="union", member="2", site_admin=True)
    stored = connection.execute(select(accounts_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "ada's password" not in stored


def test_a_session_lasts_twelve_hours_and_ends_at_logout(
    accounts: Accounts, clock: Clock, connection: Connection
) -> None:
    accounts.create("ada", "ada's password", org="union", member="1")
    opened = accounts.login("ADA ", "ada's password", "10.0.0.1")
    assert opened.account.login == "ada"
    assert opened.secret not in str(connection.execute(select(sessions)).all())
    account, session = accounts.session(opened.secret)
    assert account.login == "ada" and session.expires == T0 + timedelta(hours=12)
    accounts.check_csrf(session, opened.csrf)
    with pytest.raises(CsrfRefused):
        accounts.check_csrf(session, None)
    clock.now += timedelta(hours=12)
    with pytest.raises(NotAuthenticated, match="the session has ended"):
        accounts.session(opened.secret)
    clock.now = T0
    accounts.logout(opened.secret)
    with pytest.raises(NotAuthenticated):
        accounts.session(opened.secret)


def test_failed_logins_are_counted_per_login_and_address(accounts: Accounts, clock: Clock) -> None:
    accounts.create("ada", "ada's password", org="union", member="1")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.login("ada", "wrong password", "10.0.0.1")
        clock.now += timedelta(minutes=1)
    with pytest.raises(TooManyAttempts) as closed:
        accounts.login("ada", "ada's password", "10.0.0.1")
    assert closed.value.retry_after == 10 * 60  # the first failure frees in 10 minutes
    accounts.login("ada", "ada's password", "10.0.0.2")  # another address
    clock.now += timedelta(minutes=10)
    accounts.login("ada", "ada's password", "10.0.0.1")
    # a success clears the count
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login("ada", "wrong password", "10.0.0.1")
    accounts.login("ada", "ada's password", "10.0.0.1")
    with pytest.raises(LoginFailed):
        accounts.login("ada", "wrong password", "10.0.0.1")


def test_the_policy_frees_an_attempt_when_the_oldest_failure_leaves_the_window() -> None:
    policy = LoginPolicy()
    failures = [T0 + timedelta(minutes=m) for m in (0, 1, 2, 3)]
    assert policy.retry_after(failures, T0 + timedelta(minutes=4)) is None
    failures.append(T0 + timedelta(minutes=4))
    assert policy.retry_after(failures, T0 + timedelta(minutes=5)) == 10 * 60
    assert policy.retry_after(failures, T0 + timedelta(minutes=15)) is None


def test_an_invitation_is_used_once_before_it_expires(
    accounts: Accounts, bus: Bus, operator: Actor, clock: Clock
) -> None:
    [one, two] = bus.execute(operator, c.InviteMembers("union", ("2", "3"), valid_days=1))
    opened = accounts.accept_invitation(one.secret, "ben", "ben's password")
    assert opened.account == Account("ben", "union", "2")
    with pytest.raises(InvitationUnusable, match="used already"):
        accounts.accept_invitation(one.secret, "ben2", "ben's password")
    clock.now += timedelta(days=1)
    with pytest.raises(InvitationUnusable, match="expired"):
        accounts.accept_invitation(two.secret, "cyrus", "cy's password!")
    with pytest.raises(NotFound, match="no such invitation"):
        accounts.accept_invitation("forged", "cyrus", "cy's password!")


def test_an_invitation_cannot_be_used_twice_at_once(
    accounts: Accounts, bus: Bus, operator: Actor, connection: Connection
) -> None:
    from sovet.services.tokens import digest

    [made] = bus.execute(operator, c.InviteMembers("union", ("2",)))
    store = SqlAccountStore(connection)
    with store as s:
        assert s.use_invitation(digest(made.secret), T0)
        assert not s.use_invitation(digest(made.secret), T0)  # the second use loses


def test_the_actor_of_an_account_carries_its_roles(
    accounts: Accounts, bus: Bus, operator: Actor
) -> None:
    ada = accounts.create("ada", "ada's password", org="union", member="1")
    assert accounts.actor(ada) == Actor("ada", member="1", member_of=frozenset({"union"}))
    bus.execute(operator, c.GrantRole("union", "1", "chair", "district"))
    bus.execute(operator, c.GrantRole("union", "1", "auditor"))
    actor = accounts.actor(ada)
    assert actor.roles == {("union", "district"): frozenset({Role.CHAIR})}
    assert actor.auditor_of == frozenset({"union"}) and actor.admin_of == frozenset()
    assert is_allowed(actor, Permission.BODY_CHAIR, "union", "district")
    assert not is_allowed(actor, Permission.BODY_CHAIR, "union", "north")
    root = accounts.create("root", "root's password", site_admin=True)
    assert accounts.actor(root).site_admin


def test_actor_for_replays_grants_and_revocations() -> None:
    ada = Account("ada", "union", "1")
    events = [
        RoleGranted("1", "administrator"),
        RoleGranted("1", "secretary", "north"),
        RoleRevoked("1", "administrator"),
    ]
    actor = actor_for(ada, events)
    assert actor.admin_of == frozenset()
    assert actor.roles == {("union", "north"): frozenset({Role.SECRETARY})}


def test_a_token_acts_within_its_scope_until_it_expires_or_is_revoked(
    accounts: Accounts, bus: Bus, operator: Actor, clock: Clock
) -> None:
    accounts.create("ada", "ada's password", org="union", member="1")
    bus.execute(operator, c.GrantRole("union", "1", "administrator"))
    made = accounts.create_token("ada", "polls", ["poll.*", "org.tree"], days=30)
    actor = accounts.actor_for_token(made.secret)
    assert actor.operations == frozenset({"poll.*", "org.tree"})
    require(actor, Permission.ORG_ADMIN, "poll.open", "union", None)
    with pytest.raises(Exception, match="outside the scope of its token"):
        require(actor, Permission.ORG_ADMIN, "body.create", "union", None)
    assert [t.name for t in accounts.tokens("ada")] == ["polls"]
    clock.now += timedelta(days=30)
    with pytest.raises(NotAuthenticated, match="has expired"):
        accounts.actor_for_token(made.secret)
    clock.now = T0
    accounts.revoke_token("ada", made.info.id)
    with pytest.raises(NotAuthenticated, match="revoked"):
        accounts.actor_for_token(made.secret)
    with pytest.raises(NotFound):
        accounts.revoke_token("ada", made.info.id)
    for bad in ([], ["no.such-op"]):
        with pytest.raises(InvalidInput):
            accounts.create_token("ada", "bad", bad)


def test_a_decoy_hash_answers_for_an_unknown_login() -> None:
    hashed = CHEAP.hash("a good password")
    assert CHEAP.verify(hashed, "a good password")
    assert not CHEAP.verify(hashed, "another password")
    assert not CHEAP.verify(None, "a password nobody has")
    assert not CHEAP.verify("not a hash", "a good password")
