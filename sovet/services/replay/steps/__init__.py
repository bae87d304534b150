"""The steps an act is made of, one module per area; importing registers them."""

from sovet.services.replay.steps import (
    allot,
    convocation,
    decrees,
    executive,
    people,
    sittings,
    soviets,
)

__all__ = ["allot", "convocation", "decrees", "executive", "people", "sittings", "soviets"]
