"""Permission samples of the seat allotment operations (merged into test_bus.SAMPLES).

Each prepares, on the small union of test_bus, an allotment of two congress seats
and returns the command to run.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

SHARES = (("reds", 1), ("greens", 1))


def create(bus: Bus, actor: Actor) -> c.CreateAllotment:
    return c.CreateAllotment("union", "a1", "congress", 2)


def created(bus: Bus, actor: Actor) -> None:
    bus.execute(actor, create(bus, actor))


def agreed(bus: Bus, actor: Actor) -> None:
    created(bus, actor)
    sizes = (("reds", 3), ("greens", 1))
    bus.execute(actor, c.AgreeAllotment("union", "a1", SHARES, "by agreement", sizes=sizes))


def compute(bus: Bus, actor: Actor) -> c.ComputeAllotment:
    created(bus, actor)
    return c.ComputeAllotment("union", "a1", "dhondt", sizes=(("reds", 3), ("greens", 1)))


def agree(bus: Bus, actor: Actor) -> c.AgreeAllotment:
    created(bus, actor)
    return c.AgreeAllotment("union", "a1", SHARES, "by agreement of the factions")


def compare(bus: Bus, actor: Actor) -> c.CompareAllotment:
    agreed(bus, actor)
    return c.CompareAllotment("union", "a1")


def accept(bus: Bus, actor: Actor) -> c.AcceptSeat:
    agreed(bus, actor)
    return c.AcceptSeat("union", "a1", "reds", "1")


def decline(bus: Bus, actor: Actor) -> c.DeclineSeats:
    agreed(bus, actor)
    return c.DeclineSeats("union", "a1", "greens", reason="we stay out")


def defer(bus: Bus, actor: Actor) -> c.DeferSeats:
    agreed(bus, actor)
    return c.DeferSeats("union", "a1", "greens")


def reassign(bus: Bus, actor: Actor) -> c.ReassignSeat:
    agreed(bus, actor)
    bus.execute(actor, c.DeclineSeats("union", "a1", "greens"))
    return c.ReassignSeat("union", "a1", 2, "reds")


def reserve(bus: Bus, actor: Actor) -> c.ReserveSeats:
    agreed(bus, actor)
    return c.ReserveSeats("union", "a1", "greens")


def claim(bus: Bus, actor: Actor) -> c.ClaimSeat:
    agreed(bus, actor)
    bus.execute(actor, c.ReserveSeats("union", "a1", "greens"))
    return c.ClaimSeat("union", "a1", "greens", "2")


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "allotment.create": create,
    "allotment.compute": compute,
    "allotment.agree": agree,
    "allotment.compare": compare,
    "allotment.accept": accept,
    "allotment.decline": decline,
    "allotment.defer": defer,
    "allotment.reassign": reassign,
    "allotment.reserve": reserve,
    "allotment.claim": claim,
}
