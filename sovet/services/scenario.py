"""Running a built-in scenario through the same operations any user would call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sovet import scenarios
from sovet.domain.errors import InvalidInput
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor


@dataclass(frozen=True)
class Figure:
    what: str
    value: int
    fact: str
    note: str = ""


@dataclass(frozen=True)
class Assumption:
    what: str
    why: str
    key: str = ""


@dataclass(frozen=True)
class Scenario:
    name: str
    structure: dict[str, Any]
    figures: tuple[Figure, ...]
    assumptions: tuple[Assumption, ...]

    @property
    def org(self) -> str:
        return str(self.structure["organisation"]["key"])


def load_scenario(name: str = "petrograd1917") -> Scenario:
    data = scenarios.load(name)
    try:
        return Scenario(
            name=str(data["name"]),
            structure=data["structure"],
            figures=tuple(Figure(**f) for f in data.get("figures", [])),
            assumptions=tuple(Assumption(**a) for a in data.get("assumptions", [])),
        )
    except (KeyError, TypeError) as exc:
        raise InvalidInput(f"scenario {name} is malformed: {exc}") from None


def build_structure(bus: Bus, actor: Actor, scenario: Scenario) -> str:
    """Create the scenario's organisation through ``org.import``."""
    return str(bus.execute(actor, c.ImportOrganisation(scenario.structure, scenario.name)))
