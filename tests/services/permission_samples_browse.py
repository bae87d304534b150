"""Permission samples of the browsing reads (merged into test_bus.SAMPLES)."""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.services.permission_samples_elections import declare


def election(bus: Bus, actor: Actor) -> c.ShowElection:
    bus.execute(actor, declare(bus, actor))
    return c.ShowElection("union", "e1")


def _fixed(command: object) -> Callable[[Bus, Actor], object]:
    return lambda bus, actor: command


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "body.list": _fixed(c.ListBodies("union")),
    "body.show": _fixed(c.ShowBody("union", "district")),
    "member.list": _fixed(c.ListMembers("union", limit=2)),
    "mandate.list": _fixed(c.ListMandates("union", body="district")),
    "sitting.list": _fixed(c.ListSittings("union")),
    "poll.list": _fixed(c.ListPolls("union")),
    "election.list": _fixed(c.ListElections("union")),
    "election.show": election,
    "ledger.page": _fixed(c.ListLedger("union", limit=5, after="3")),
}
