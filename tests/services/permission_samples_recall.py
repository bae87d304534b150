"""Permission samples of the recall operations (merged into test_bus.SAMPLES).

Each prepares, on the small union of test_bus, a petition against mandate m8 (of
constituency north-d, whose electors are north's members 1, 2 and 3) and returns
the command to run. The entitled actor there is an administrator without a member
number, so the samples name the elector.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


def open_petition(bus: Bus, actor: Actor) -> c.OpenRecall:
    return c.OpenRecall("union", "r1", "m8", elector="1")


def opened(bus: Bus, actor: Actor) -> None:
    bus.execute(actor, open_petition(bus, actor))


def sign(bus: Bus, actor: Actor) -> c.SignRecall:
    opened(bus, actor)
    return c.SignRecall("union", "r1", elector="2")


def withdraw(bus: Bus, actor: Actor) -> c.WithdrawSignature:
    opened(bus, actor)
    bus.execute(actor, c.SignRecall("union", "r1", elector="2"))
    return c.WithdrawSignature("union", "r1", elector="2")


def open_vote(bus: Bus, actor: Actor) -> c.OpenRecallVote:
    opened(bus, actor)
    bus.execute(actor, c.SignRecall("union", "r1", elector="2"))
    return c.OpenRecallVote("union", "r1")


def decide(bus: Bus, actor: Actor) -> c.DecideRecall:
    bus.execute(actor, open_vote(bus, actor))
    return c.DecideRecall("union", "r1", 2, 1)


def close(bus: Bus, actor: Actor) -> c.CloseRecall:
    opened(bus, actor)
    return c.CloseRecall("union", "r1", "withdrawn by its initiators")


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "recall.open": open_petition,
    "recall.sign": sign,
    "recall.withdraw": withdraw,
    "recall.open-vote": open_vote,
    "recall.decide": decide,
    "recall.close": close,
}
