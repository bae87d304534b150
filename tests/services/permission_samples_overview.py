"""Permission samples of the reads behind a member's pages (merged into
test_bus.SAMPLES): on the small union of test_bus, with its poll ``p0`` and, for
``recall.show``, the petition of permission_samples_recall."""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.services.permission_samples_recall import opened


def recall(bus: Bus, actor: Actor) -> c.ShowRecall:
    opened(bus, actor)
    return c.ShowRecall("union", "r1")


SAMPLES: dict[str, object] = {
    "member.councils": c.ShowCouncils("union", "1"),
    "body.composition": c.ShowComposition("union", "district"),
    "recall.list": c.ListRecalls("union"),
    "recall.show": recall,
    "order.list": c.ListOrders("union"),
    "poll.tally": c.ShowTally("union", "p0"),
}
