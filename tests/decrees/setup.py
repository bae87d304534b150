"""A federation of three tiers below its congress, built through the bus, with a
decree adopted by the congress: the setting of the decree tests.

    congress
    ├── north (regional)        ├── south (regional)
    │   ├── n-city (district)   │   └── s-city (district)
    │   │   ├── n-1, n-2 (local)│       ├── s-1, s-2, s-3 (local)
    │   └── n-town (district)
    │       └── n-3 (local)
"""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor, Role

OPERATOR = Actor.operator()
ORG = "fed"
TREE: dict[str, list[str]] = {
    "congress": ["north", "south"],
    "north": ["n-city", "n-town"],
    "south": ["s-city"],
    "n-city": ["n-1", "n-2"],
    "n-town": ["n-3"],
    "s-city": ["s-1", "s-2", "s-3"],
}
LEVELS = {"congress": "national", "north": "regional", "south": "regional"}
LOCALS = ["n-1", "n-2", "n-3", "s-1", "s-2", "s-3"]


def secretary_of(body: str) -> Actor:
    return Actor(
        f"secretary-{body}",
        member_of=frozenset({ORG}),
        roles={(ORG, body): frozenset({Role.SECRETARY})},
    )


def federation(bus: Bus) -> None:
    bodies = [{"key": "congress", "name": "Congress", "kind": "congress", "level": "national"}]
    constituencies = []
    for parent, children in TREE.items():
        for child in children:
            level = LEVELS.get(child, "district" if "city" in child or "town" in child else "base")
            bodies.append({"key": child, "name": child.title(), "kind": "council", "level": level})
            constituencies.append(
                {"key": f"{child}-to-{parent}", "body": parent, "source": child, "norm": "one"}
            )
    document = {
        "organisation": {"key": ORG, "name": "Federation"},
        "norms": [{"key": "one", "kind": "fixed", "seats": 1}],
        "bodies": bodies,
        "constituencies": constituencies,
        "members": [{"number": str(i), "name": f"M{i}", "council": "n-1"} for i in (1, 2, 3)],
        "mandates": [
            {
                "key": "d-north",
                "body": "congress",
                "holder": "1",
                "constituency": "north-to-congress",
            },
            {
                "key": "d-south",
                "body": "congress",
                "holder": "2",
                "constituency": "south-to-congress",
            },
        ],
    }
    bus.execute(OPERATOR, c.ImportOrganisation(document))


def adopted_decree_motion(bus: Bus, motion: str = "land", kind: str = "decree") -> None:
    """Sitting s1 of the congress adopts ``motion`` (of ``kind``) by 2 votes to 0."""
    for command in (
        c.OpenSitting(ORG, "s1", "congress"),
        c.RegisterDelegate(ORG, "s1", ("d-north", "d-south")),
        c.ChangeAttendance(ORG, "s1", ("d-north", "d-south"), "present"),
    ):
        bus.execute(OPERATOR, command)
    moved = c.MoveMotion(
        ORG, "s1", motion, kind, "The land passes to the local soviets.", member="1"
    )
    bus.execute(OPERATOR, moved)
    bus.execute(OPERATOR, c.OpenPoll(ORG, f"p-{motion}", "s1", "Adopt?", motion=motion))
    bus.execute(OPERATOR, c.ClosePoll(ORG, f"p-{motion}", 2, 0, 0))
    bus.execute(OPERATOR, c.DecideMotion(ORG, "s1", motion, f"p-{motion}"))


def issued_decree(bus: Bus, **scope: object) -> None:
    federation(bus)
    adopted_decree_motion(bus)
    bus.execute(
        OPERATOR,
        c.IssueDecree(
            ORG,
            "land",
            "s1",
            "land",
            "2",
            "Decree on Land",
            "1917-10-26",
            annexes=(c.AnnexSpec("instructions", "Peasant instructions", "242 instructions."),),
            until="until the Constituent Assembly",
            **scope,  # type: ignore[arg-type]
        ),
    )
