"""The organisation the page and browser tests use: the small union of the service
tests, with delegates, a sitting, an adopted decree sent down, a recall petition, an
STV election of the district's two delegates to the congress counted, and an account
for each of five members.

Who is who: Ada (member 1, login ``ada``) chairs the district council; Ben (2,
``ben``) and Di (4, ``dina``) are delegates in its sitting ``s1``; Cy (3, ``cyril``),
of the north local, is its secretary; Ed (5, ``eddie``) is the organisation's
administrator. Every account's password is ``PASSWORD``.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from sovet.accounts import Accounts
from sovet.accounts.passwords import Passwords
from sovet.bootstrap import App, bootstrap
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.accounts_store import SqlAccountStore
from tests.factories import small_union

U = "union"
PASSWORD = "correct horse battery"  # noqa: S105  (a test account's password)
CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))
LOGINS = {"ada": "1", "ben": "2", "cyril": "3", "dina": "4", "eddie": "5"}


@dataclass(frozen=True)
class World:
    sovet: App

    @property
    def bus(self) -> Bus:
        return self.sovet.bus


def installation(url: str) -> App:
    """An installation on ``url`` with a cheap Argon2 profile (the production one costs
    64 MiB a hash, which a suite opening many sessions need not pay)."""
    sovet = bootstrap(url)
    sovet.accounts = Accounts(SqlAccountStore(sovet.engine), passwords=CHEAP)
    return sovet


def build(sovet: App) -> World:
    op = Actor.operator()
    bus = sovet.bus
    small_union(bus, op)

    def run(*commands: object) -> None:
        for command in commands:
            bus.execute(op, command)

    run(
        # one deputy per member: the district council has five seats, three held
        c.SetNorm(U, "one-per-2", "per-members", per=1, minimum=1),
        c.RecordMandate(U, "d1", "district", "1", "north-d", "reds"),
        c.RecordMandate(U, "d2", "district", "2", "north-d", "greens"),
        c.RecordMandate(U, "d4", "district", "4", "south-d"),
        c.GrantRole(U, "1", "chair", "district"),
        c.GrantRole(U, "3", "secretary", "north"),
        c.GrantRole(U, "5", "administrator"),
        c.OpenSitting(U, "s1", "district"),
        c.RegisterDelegate(U, "s1", ("d1", "d2", "d4")),
        c.ChangeAttendance(U, "s1", ("d1", "d2", "d4"), "present"),
        c.CreateAgenda(U, "s1", (("rent", "Rents"), ("repairs", "Repairs"))),
        c.MoveMotion(U, "s1", "freeze", "decree", "Rents are frozen.\nNo eviction.", member="2"),
        c.OpenPoll(U, "pd", "s1", "Freeze the rents?", motion="freeze"),
        c.ClosePoll(U, "pd", 2, 1, 0),
        c.DecideMotion(U, "s1", "freeze", "pd"),
        c.IssueDecree(U, "rent", "s1", "freeze", "1", "Decree on Rent", "2026-03-01"),
        c.DisseminateDecree(U, "rent"),
        c.OpenRecall(U, "r1", "d2", elector="1"),
        c.OpenElection(U, "e1", "congress", "district-c", "stv-scottish", 2, ("1", "2", "3", "4")),
        # three rounds: 1 elected with a surplus, the surplus moves to 2, then 4 is
        # excluded and 3 reaches the quota
        c.DeclareElection(
            U,
            "e1",
            ballots=((("1", "2"), 7), (("2",), 1), (("3", "4"), 3), (("4", "3"), 2)),
        ),
    )
    for login, number in LOGINS.items():
        sovet.accounts.create(login, PASSWORD, org=U, member=number)
    return World(sovet)
