"""Importing this package registers every operation's handler with the bus."""

from sovet.services.handlers import (
    mandates,
    members,
    orgfile,
    polls,
    reads,
    sittings,
    structure,
)

__all__ = ["mandates", "members", "orgfile", "polls", "reads", "sittings", "structure"]
