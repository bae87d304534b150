"""Runs an area's permission samples as test_bus does once it merges them: refused
for an actor without the permission, allowed for the organisation's administrator."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sovet.domain.errors import NotEntitled
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor, Permission
from tests.factories import small_union

NOBODY = Actor("nobody", member_of=frozenset({"union"}))
OUTSIDER = Actor("outsider")
ENTITLED = Actor("entitled", admin_of=frozenset({"union"}))


def union_in_sitting(operator: Actor) -> Bus:
    """test_bus's setup: the small union, three mandates, sitting s1 and poll p0."""
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    for key, holder, faction in (("m0", "2", "greens"), ("m8", "3", "reds"), ("m9", "4", None)):
        bus.execute(operator, c.RecordMandate("union", key, "district", holder, "north-d", faction))
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s1", ("m0", "m8")))
    bus.execute(operator, c.ChangeAttendance("union", "s1", ("m0", "m8"), "present"))
    bus.execute(operator, c.ChallengeCredential("union", "s1", "m8", "lost papers"))
    bus.execute(operator, c.OpenPoll("union", "p0", "s1", "Agree?", mode="roll-call"))
    return bus


def check_sample(name: str, sample: Callable[[Bus, Actor], object], operator: Actor) -> None:
    bus = union_in_sitting(operator)
    command = sample(bus, operator)
    permission = OPERATIONS[name].permission
    refused = OUTSIDER if permission is Permission.MEMBER else NOBODY
    with pytest.raises(NotEntitled, match=f"{refused.id} may not {name}"):
        bus.execute(refused, command)
    bus.execute(ENTITLED, command)
