"""Permission samples of roles and invitations (merged into test_bus.SAMPLES)."""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


def grant(bus: Bus, actor: Actor) -> c.GrantRole:
    return c.GrantRole("union", "2", "chair", "district")


def revoke(bus: Bus, actor: Actor) -> c.RevokeRole:
    bus.execute(actor, grant(bus, actor))
    return c.RevokeRole("union", "2", "chair", "district", "term ended")


def listed(bus: Bus, actor: Actor) -> c.ListRoles:
    bus.execute(actor, grant(bus, actor))
    return c.ListRoles("union")


def invite(bus: Bus, actor: Actor) -> c.InviteMembers:
    return c.InviteMembers("union", ("1", "4"))


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "role.grant": grant,
    "role.revoke": revoke,
    "role.list": listed,
    "account.invite": invite,
}
