"""Sovet's counting library: profiles, methods, results, ties and ballot-file formats.

Pure: imports only the standard library and numpy. Importing this package registers
every method in :data:`sovet.count.registry.METHODS`.
"""

from sovet.count import methods as _methods  # noqa: F401  (registers the methods)
from sovet.count.errors import (
    CountError,
    EmptyProfile,
    FormatError,
    InvalidBallot,
    InvalidCount,
    TieUnresolved,
)
from sovet.count.profiles import ApprovalProfile, PartyVotes, RankedProfile, Tally
from sovet.count.registry import METHODS, BallotKind, MethodInfo, Seats, get_method
from sovet.count.result import Result, Round, TieResolution
from sovet.count.ties import TieBreaker, TiePolicy

__all__ = [
    "METHODS",
    "ApprovalProfile",
    "BallotKind",
    "CountError",
    "EmptyProfile",
    "FormatError",
    "InvalidBallot",
    "InvalidCount",
    "MethodInfo",
    "PartyVotes",
    "RankedProfile",
    "Result",
    "Round",
    "Seats",
    "Tally",
    "TieBreaker",
    "TiePolicy",
    "TieResolution",
    "TieUnresolved",
    "get_method",
]
