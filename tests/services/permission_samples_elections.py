"""Permission samples of the election operations (merged into test_bus.SAMPLES).

Each prepares, on the small union of test_bus, what its operation needs and returns
the command to run.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


def open_plurality(bus: Bus, actor: Actor) -> c.OpenElection:
    return c.OpenElection("union", "e1", "district", "north-d", "plurality", candidates=("1", "3"))


def declare(bus: Bus, actor: Actor) -> c.DeclareElection:
    bus.execute(actor, open_plurality(bus, actor))
    return c.DeclareElection("union", "e1", ballots=((("1",), 2), (("3",), 1)))


def fill_from_list(bus: Bus, actor: Actor) -> c.FillFromList:
    lists = (("reds", ("1", "3")), ("greens", ("2",)))
    bus.execute(
        actor, c.OpenElection("union", "e2", "district", "north-d", "party-list", 1, lists=lists)
    )
    bus.execute(actor, c.DeclareElection("union", "e2", votes=(("reds", 10), ("greens", 1))))
    bus.execute(actor, c.SetMandateStatus("union", "e2-1", "resigned"))
    return c.FillFromList("union", "e2", "e2-1")


def due(bus: Bus, actor: Actor) -> c.DueElections:
    return c.DueElections("union")


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "election.due": due,
    "election.open": open_plurality,
    "election.declare": declare,
    "election.fill-from-list": fill_from_list,
}
