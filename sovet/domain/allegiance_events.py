"""Events of a unit's allegiance (M19, M27): which authorities it obeys. Each belongs
to the stream ``allegiance:<unit>``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class AllegianceDeclared(Event):
    """Unit ``unit`` recognises ``authority``: it ``obeys`` its orders (and accepts its
    countersign policies), or only ``accepts-countersign``; for orders of ``types``
    (empty: every type). Replaces what the unit said of that authority before."""

    op: ClassVar[str] = "allegiance.declare"

    unit: str
    authority: str
    kind: str
    types: tuple[str, ...] = ()
    note: str = ""

    def stream(self) -> str:
        return f"allegiance:{self.unit}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allegiance:{self.unit}", f"body:{self.unit}", f"body:{self.authority}")


@dataclass(frozen=True)
class AllegianceWithdrawn(Event):
    """Unit ``unit`` no longer recognises ``authority``."""

    op: ClassVar[str] = "allegiance.withdraw"

    unit: str
    authority: str
    note: str = ""

    def stream(self) -> str:
        return f"allegiance:{self.unit}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allegiance:{self.unit}", f"body:{self.unit}", f"body:{self.authority}")
