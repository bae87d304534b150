"""Setups for the tests of convocations and of a sitting's business, built through the
bus: a settable clock, the small union sitting, a congress of many delegates, and an
organisation of many soviets convened to a congress."""

from __future__ import annotations

from datetime import datetime, timedelta

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor, Role
from tests.factories import small_union

OPERATOR = Actor.operator()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **span: float) -> datetime:
        self.now += timedelta(**span)
        return self.now


def iso(at: datetime) -> str:
    return at.isoformat()


def member(number: str, org: str = "union") -> Actor:
    return Actor(f"member-{number}", member=number, member_of=frozenset({org}))


def chair_of(body: str, org: str = "union", *, number: str | None = None) -> Actor:
    roles = {(org, body): frozenset({Role.CHAIR})}
    return Actor(f"chair-{body}", member=number, member_of=frozenset({org}), roles=roles)


def union_sitting(bus: Bus) -> None:
    """The small union; sitting s1 of the district council with m0 (member 2, greens),
    m8 (member 3, reds) and m9 (member 4, no faction) registered and present."""
    small_union(bus, OPERATOR)
    for key, holder, faction in (("m0", "2", "greens"), ("m8", "3", "reds"), ("m9", "4", None)):
        bus.execute(OPERATOR, c.RecordMandate("union", key, "district", holder, "north-d", faction))
    bus.execute(OPERATOR, c.OpenSitting("union", "s1", "district"))
    bus.execute(OPERATOR, c.RegisterDelegate("union", "s1", ("m0", "m8", "m9")))
    bus.execute(OPERATOR, c.ChangeAttendance("union", "s1", ("m0", "m8", "m9"), "present"))


def assembly(bus: Bus, org: str, factions: dict[str, int]) -> list[str]:
    """An organisation whose assembly sits in sitting ``s1`` with the delegates of each
    faction present (``factions``: key -> count); returns their member numbers."""
    numbers: list[tuple[str, str]] = []
    for faction, count in factions.items():
        numbers += [(f"{faction}-{i}", faction) for i in range(count)]
    document = {
        "organisation": {"key": org, "name": org},
        "factions": [{"key": f, "name": f} for f in factions],
        "norms": [{"key": "all", "kind": "fixed", "seats": len(numbers)}],
        "bodies": [
            {"key": "base", "name": "Electors", "kind": "council"},
            {"key": "assembly", "name": "Assembly", "kind": "congress"},
        ],
        "constituencies": [{"key": "ba", "body": "assembly", "source": "base", "norm": "all"}],
        "members": [{"number": n, "name": n, "council": "base", "faction": f} for n, f in numbers],
        "mandates": [
            {"key": f"m-{n}", "body": "assembly", "holder": n, "constituency": "ba", "faction": f}
            for n, f in numbers
        ],
    }
    bus.execute(OPERATOR, c.ImportOrganisation(document))
    bus.execute(OPERATOR, c.OpenSitting(org, "s1", "assembly"))
    mandates = tuple(f"m-{n}" for n, _ in numbers)
    bus.execute(OPERATOR, c.RegisterDelegate(org, "s1", mandates))
    bus.execute(OPERATOR, c.ChangeAttendance(org, "s1", mandates, "present"))
    return [n for n, _ in numbers]


def soviets(bus: Bus, org: str, count: int, named: tuple[str, ...]) -> list[str]:
    """An organisation of ``count`` soviets (the ``named`` ones first, then generated
    ones) each sending delegates to the congress, and the CEC that convenes it;
    returns the soviets' keys."""
    keys = [*named, *(f"soviet-{i:03d}" for i in range(1, count - len(named) + 1))]
    document = {
        "organisation": {"key": org, "name": org, "calendar": "julian"},
        "norms": [{"key": "one", "kind": "fixed", "seats": 1}],
        "bodies": [
            {"key": "cec", "name": "Central Executive Committee", "kind": "executive"},
            {"key": "congress", "name": "Congress of Soviets", "kind": "congress"},
            *({"key": k, "name": k, "kind": "council", "membership": 1000} for k in keys),
        ],
        "constituencies": [
            {"key": f"{k}-c", "body": "congress", "source": k, "norm": "one"} for k in keys
        ],
    }
    bus.execute(OPERATOR, c.ImportOrganisation(document))
    return keys
