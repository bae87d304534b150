"""Adapters that run other Python counting libraries on a raw (n, candidates) array.

Each adapter builds the library's documented ballot input from the array and returns
the winners' names. Which method each library is asked for:

- pref_voting: ``instant_runoff``; ``stv_scottish`` (SSI 2007/42, as Sovet's
  ``stv-scottish``); ``beat_path`` (Schulze).
- pyrankvote: ``instant_runoff_voting``; ``single_transferable_vote`` (Droop quota).
- votekit: ``FastSTV`` (its numpy STV; one seat for IRV, Droop quota, fractional
  transfer); ``Schulze``.
- pyrcv: ``run_rcv`` (Droop quota floor(n/(seats+1)) + 1, fractional surplus).
- votelib: ``TransferableVoteSelector`` (IRV; with the Droop quota for STV);
  ``Schulze`` on ``RankedToCondorcetVotes``.
- interregnum: ``InstantRunOffAllocator``; ``SingleTransferableVoteAllocator``
  (Droop quota, weighted inclusive Gregory, no rounding).
- python-vote-core: cannot run on Python 3 (see ``unavailable``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

Runner = Callable[[str, int, np.ndarray, list[str]], list[str]]


@dataclass(frozen=True)
class Peer:
    name: str
    module: str
    distribution: str
    methods: frozenset[str]
    runner: Runner
    missing: dict[str, str]

    @property
    def version(self) -> str:
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    @property
    def unavailable(self) -> str:
        try:
            importlib.import_module(self.module)
        except Exception as exc:
            return f"import {self.module} fails: {type(exc).__name__}: {exc}"
        return ""

    def available(self) -> bool:
        return not self.unavailable

    def run(self, method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
        return self.runner(method, seats, raw, names)

    def methods_note(self, method: str) -> str:
        return self.missing.get(method, f"{self.name} has no {method}")


def _pref_voting(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    from pref_voting.iterative_methods import instant_runoff
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.profiles import Profile
    from pref_voting.proportional_methods import stv_scottish

    profile = Profile(raw.tolist())
    if method == "irv":
        winners = instant_runoff(profile)
    elif method == "stv":
        winners = stv_scottish(profile, num_seats=seats)
    else:
        winners = beat_path(profile)
    return [names[int(c)] for c in winners]


def _pyrankvote(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    import pyrankvote
    from pyrankvote import Ballot, Candidate

    cands = [Candidate(n) for n in names]
    ballots = [Ballot(ranked_candidates=[cands[c] for c in row]) for row in raw.tolist()]
    if method == "irv":
        result = pyrankvote.instant_runoff_voting(cands, ballots)
    else:
        result = pyrankvote.single_transferable_vote(cands, ballots, number_of_seats=seats)
    return [c.name for c in result.get_winners()]


def _votekit(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    from votekit.ballot import RankBallot
    from votekit.elections import FastSTV, Schulze
    from votekit.pref_profile import RankProfile

    sets = [frozenset({n}) for n in names]
    ballots = [RankBallot(ranking=tuple(sets[c] for c in row), weight=1) for row in raw.tolist()]
    profile = RankProfile(ballots=ballots, candidates=names)
    if method == "schulze":
        elected = Schulze(profile).get_elected()
    else:
        elected = FastSTV(profile, n_seats=seats, tiebreak="random", rng_seed=0).get_elected()
    return [c for group in elected for c in group]


def _pyrcv(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    from pyrcv.pyrcv import run_rcv
    from pyrcv.types import RaceData, RaceMetadata

    data = RaceData(RaceMetadata("bench", seats, names), (raw + 1).tolist(), [1] * len(raw))
    result = run_rcv(data)
    return [names[int(c) - 1] for r in result.rounds for c in r.elected]


def _votelib(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    import votelib.convert
    import votelib.evaluate.condorcet
    import votelib.evaluate.sequential

    votes: Any = Counter(map(tuple, raw.tolist()))
    if method == "schulze":
        pairs = votelib.convert.RankedToCondorcetVotes().convert(votes)
        winners = votelib.evaluate.condorcet.Schulze().evaluate(pairs, 1)
    elif method == "irv":
        winners = votelib.evaluate.sequential.TransferableVoteSelector().evaluate(votes, 1)
    else:
        selector = votelib.evaluate.sequential.TransferableVoteSelector(quota_function="droop")
        winners = selector.evaluate(votes, seats)
    return [names[int(c)] for c in winners]


def _interregnum(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    from interregnum.methods.preferential.transferable_vote import (
        InstantRunOffAllocator,
        SingleTransferableVoteAllocator,
    )

    prefs = [[1, row] for row in raw.tolist()]
    if method == "irv":
        result = InstantRunOffAllocator().calc(prefs, random_seed=1)
    else:
        allocator = SingleTransferableVoteAllocator("droop", "weighted_inclusive_gregory", "noop")
        result = allocator.calc(prefs, seats, random_seed=1)
    return [names[int(c.name)] for c in result.allocation if c.seats]


def _python_vote_core(method: str, seats: int, raw: np.ndarray, names: list[str]) -> list[str]:
    raise RuntimeError("python-vote-core does not run on Python 3")


NO_SCHULZE = "no Schulze method"
PEERS = [
    Peer(
        "pref_voting",
        "pref_voting",
        "pref_voting",
        frozenset({"irv", "stv", "schulze"}),
        _pref_voting,
        {},
    ),
    Peer(
        "pyrankvote",
        "pyrankvote",
        "pyrankvote",
        frozenset({"irv", "stv"}),
        _pyrankvote,
        {"schulze": NO_SCHULZE},
    ),
    Peer("votekit", "votekit", "votekit", frozenset({"irv", "stv", "schulze"}), _votekit, {}),
    Peer("pyrcv", "pyrcv", "pyrcv", frozenset({"irv", "stv"}), _pyrcv, {"schulze": NO_SCHULZE}),
    Peer("votelib", "votelib", "votelib", frozenset({"irv", "stv", "schulze"}), _votelib, {}),
    Peer(
        "interregnum",
        "interregnum",
        "interregnum",
        frozenset({"irv", "stv"}),
        _interregnum,
        {"schulze": "no Schulze (its Condorcet methods: Copeland, minimax, ranked pairs)"},
    ),
    # Python 2 code: implicit relative imports ('from abstract_classes import ...'),
    # print statements and types.ListType; importing pyvotecore.irv fails on Python 3.
    Peer(
        "python-vote-core", "pyvotecore.irv", "python-vote-core", frozenset(), _python_vote_core, {}
    ),
]
