"""Importing this package registers every operation's handler with the bus."""

from sovet.services.handlers import (
    agenda,
    allotment,
    convocation,
    elections,
    mandates,
    members,
    motions,
    orgfile,
    polls,
    proceedings,
    reads,
    recall,
    sittings,
    structure,
)

__all__ = [
    "agenda",
    "allotment",
    "convocation",
    "elections",
    "mandates",
    "members",
    "motions",
    "orgfile",
    "polls",
    "proceedings",
    "reads",
    "recall",
    "sittings",
    "structure",
]
