"""Permission samples of the decree operations (merged into test_bus.SAMPLES).

On the small union of test_bus, sitting ``s1`` of ``district`` adopts decree motion
``dm``; the district's decree reaches the ``north`` and ``south`` locals.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

U = "union"
ISSUE = c.IssueDecree(U, "rent", "s1", "dm", "1", "Decree on Rent", "2026-01-01")


def _run(bus: Bus, op: Actor, *commands: object) -> None:
    for command in commands:
        bus.execute(op, command)


def _adopted(bus: Bus, op: Actor) -> None:
    _run(
        bus,
        op,
        c.MoveMotion(U, "s1", "dm", "decree", "Rents are frozen.", member="2"),
        c.OpenPoll(U, "pd", "s1", "Adopt?", motion="dm"),
        c.ClosePoll(U, "pd", 1, 0, 0),
        c.DecideMotion(U, "s1", "dm", "pd"),
    )


def _issued(bus: Bus, op: Actor) -> None:
    _adopted(bus, op)
    _run(bus, op, ISSUE)


def _sent(bus: Bus, op: Actor) -> None:
    _issued(bus, op)
    _run(bus, op, c.DisseminateDecree(U, "rent"))


def _act(bus: Bus, op: Actor) -> None:
    _sent(bus, op)
    _run(bus, op, c.AdoptLocalAct(U, "north", "evictions", "Evictions", "Evictions go on."))


def _prepared(prepare: Callable[[Bus, Actor], None], command: object) -> Callable[..., object]:
    def sample(bus: Bus, op: Actor) -> object:
        prepare(bus, op)
        return command

    return sample


SAMPLES: dict[str, object] = {
    "decree.issue": _prepared(_adopted, ISSUE),
    "decree.disseminate": _prepared(_issued, c.DisseminateDecree(U, "rent")),
    "decree.respond": _prepared(_sent, c.RespondToDecree(U, "rent", "north", "acknowledged")),
    "decree.end": _prepared(_sent, c.EndDecree(U, "rent", "district", "Repealed.")),
    "decree.show": _prepared(_issued, c.ShowDecree(U, "rent")),
    "decree.list": _prepared(_issued, c.ListDecrees(U)),
    "decree.compliance": _prepared(_sent, c.ShowCompliance(U, "rent")),
    "act.adopt": c.AdoptLocalAct(U, "north", "hiring", "Hiring", "Committees consent."),
    "act.declare-conflict": _prepared(
        _act, c.DeclareConflict(U, "north", "evictions", "rent", "district", "Rents are frozen.")
    ),
    "act.list": _prepared(_act, c.ShowActs(U, "north")),
}
