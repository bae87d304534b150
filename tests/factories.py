"""Building small organisations through the bus, the way users do."""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


def small_union(bus: Bus, actor: Actor, key: str = "union") -> str:
    """A union: two locals electing to a district council, which sends to a congress."""
    for command in (
        c.CreateOrganisation(key, "Tenants' Union"),
        c.CreateFaction(key, "reds", "Reds"),
        c.CreateFaction(key, "greens", "Greens"),
        c.SetNorm(key, "one-per-2", "per-members", per=2, minimum=1),
        c.SetNorm(key, "two-fixed", "fixed", seats=2),
        c.CreateBody(key, "north", "North local", "council", level="base"),
        c.CreateBody(key, "south", "South local", "council", level="base"),
        c.CreateBody(key, "district", "District council", "council", level="district"),
        c.CreateBody(key, "congress", "Congress", "congress", level="national"),
        c.CreateConstituency(key, "north-d", "district", "north", norm="one-per-2"),
        c.CreateConstituency(key, "south-d", "district", "south", norm="one-per-2"),
        c.CreateConstituency(key, "district-c", "congress", "district", norm="two-fixed"),
        c.AddMember(key, "1", "Ada", "north", "reds"),
        c.AddMember(key, "2", "Ben", "north", "greens"),
        c.AddMember(key, "3", "Cy", "north", "reds"),
        c.AddMember(key, "4", "Di", "south"),
        c.AddMember(key, "5", "Ed", "south", "reds", "ed@example.org"),
    ):
        bus.execute(actor, command)
    return key
