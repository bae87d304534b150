"""A sitting with delegates present, built through the bus."""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


def sitting_with_delegates(bus: Bus, org: str, n: int, *, right: int = 0) -> list[str]:
    """An organisation whose congress sits with ``n`` delegates present (``right`` of
    them in faction 'right'); returns the delegates' member numbers."""
    operator = Actor.operator()
    bus.execute(
        operator,
        c.ImportOrganisation(
            {
                "organisation": {"key": org, "name": "Congress test"},
                "factions": [{"key": "left", "name": "Left"}, {"key": "right", "name": "Right"}],
                "norms": [{"key": "n", "kind": "fixed", "seats": n}],
                "bodies": [
                    {"key": "base", "name": "Base council", "kind": "council", "membership": 5000},
                    {"key": "congress", "name": "Congress", "kind": "congress"},
                ],
                "constituencies": [
                    {"key": "bc", "body": "congress", "source": "base", "norm": "n"}
                ],
            }
        ),
    )
    rows = "".join(f"d{i},Delegate {i},base,{'right' if i < right else 'left'}\n" for i in range(n))
    bus.execute(
        operator, c.ImportRoll(org, "delegates.csv", "number,name,council,faction\n" + rows)
    )
    bus.execute(operator, c.OpenSitting(org, "s1", "congress"))
    for i in range(n):
        faction = "right" if i < right else "left"
        bus.execute(operator, c.RecordMandate(org, f"m{i}", "congress", f"d{i}", "bc", faction))
    bus.execute(operator, c.RegisterDelegate(org, "s1", tuple(f"m{i}" for i in range(n))))
    bus.execute(
        operator, c.ChangeAttendance(org, "s1", tuple(f"m{i}" for i in range(n)), "present")
    )
    return [f"d{i}" for i in range(n)]


def voter(number: str, org: str) -> Actor:
    return Actor(number, member=number, member_of=frozenset({org}))
