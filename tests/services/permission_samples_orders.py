"""Permission samples of orders, countersign policies and allegiance (merged into
test_bus.SAMPLES).

Each prepares, on the small union of test_bus, commission ``mrc`` with its commissar
``c1`` (member 1) at unit ``reg-a`` (see permission_samples_executive) and, where
needed, order ``o1`` of ``mrc`` to ``reg-a`` and ``reg-b``; it returns the command to
run. The entitled actor is an administrator without a member number: for the
signatures it records what the commissar signed on paper.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.services.permission_samples_executive import ORG, commissar


def issue_command() -> c.IssueOrder:
    return c.IssueOrder(ORG, "o1", "movement", ("reg-a", "reg-b"), "Stay", body="mrc")


def issued(bus: Bus, actor: Actor) -> None:
    commissar(bus, actor)
    bus.execute(actor, issue_command())


def issue(bus: Bus, actor: Actor) -> c.IssueOrder:
    commissar(bus, actor)
    return issue_command()


def countersign(bus: Bus, actor: Actor) -> c.CountersignOrder:
    issued(bus, actor)
    return c.CountersignOrder(ORG, "o1", "c1")


def refuse(bus: Bus, actor: Actor) -> c.RefuseCountersign:
    issued(bus, actor)
    return c.RefuseCountersign(ORG, "o1", "c1", "not the Soviet's order")


def sign_off(bus: Bus, actor: Actor) -> c.SignOffOrder:
    issued(bus, actor)
    return c.SignOffOrder(ORG, "o1", "district")


def show(bus: Bus, actor: Actor) -> c.ShowOrder:
    issued(bus, actor)
    return c.ShowOrder(ORG, "o1")


def set_policy(bus: Bus, actor: Actor) -> c.SetPolicy:
    commissar(bus, actor)
    return c.SetPolicy(ORG, "mrc", "p1", signatories=("c1",))


def revoke_policy(bus: Bus, actor: Actor) -> c.RevokePolicy:
    bus.execute(actor, set_policy(bus, actor))
    return c.RevokePolicy(ORG, "mrc", "p1", "superseded")


def declare(bus: Bus, actor: Actor) -> c.DeclareAllegiance:
    commissar(bus, actor)
    return c.DeclareAllegiance(ORG, "reg-a", "mrc")


def withdraw(bus: Bus, actor: Actor) -> c.WithdrawAllegiance:
    bus.execute(actor, declare(bus, actor))
    return c.WithdrawAllegiance(ORG, "reg-a", "mrc")


def show_allegiance(bus: Bus, actor: Actor) -> c.ShowAllegiance:
    bus.execute(actor, declare(bus, actor))
    return c.ShowAllegiance(ORG, "reg-a")


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "order.issue": issue,
    "order.countersign": countersign,
    "order.refuse": refuse,
    "order.sign-off": sign_off,
    "order.show": show,
    "policy.set": set_policy,
    "policy.revoke": revoke_policy,
    "allegiance.declare": declare,
    "allegiance.withdraw": withdraw,
    "allegiance.show": show_allegiance,
}
