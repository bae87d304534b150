"""Counting ballots from a file: the one service the CLI, the API and the web call.

A count of a ballot file changes no state, so it is a plain function rather than a
command on the bus. It reads the file (:mod:`sovet.count.formats`), builds the tie
breaker the caller declared, and runs a registered method.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sovet.count import (
    METHODS,
    ApprovalProfile,
    BallotKind,
    InvalidCount,
    MethodInfo,
    RankedProfile,
    Result,
    Seats,
    TieBreaker,
    TiePolicy,
    get_method,
)
from sovet.count.formats import CsvRules, Progress, Source, read_ballots

__all__ = [
    "TIE_POLICIES",
    "BallotFile",
    "CsvRules",
    "count_file",
    "count_profile",
    "list_methods",
    "method",
    "read_file",
    "tie_breaker",
]

TIE_POLICIES = tuple(p.value for p in TiePolicy)


@dataclass(frozen=True)
class BallotFile:
    """What a ballot file held: the profile, the seats it states, and what was read."""

    profile: RankedProfile
    seats: int | None
    meta: dict[str, Any] = field(default_factory=dict)


def list_methods() -> list[MethodInfo]:
    """Every registered counting method, in registry order."""
    return list(METHODS.values())


def method(method_id: str) -> MethodInfo:
    """The registered method ``method_id`` (``InvalidCount`` naming the known ones if none)."""
    return get_method(method_id)


def read_file(
    path: Source,
    *,
    format: str | None = None,
    csv_rules: CsvRules | None = None,
    csv_options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> BallotFile:
    """Read a ballot file (BLT, PrefLib or CSV; see :func:`read_ballots`)."""
    profile, seats, meta = read_ballots(
        path,
        format,
        csv_rules=csv_rules,
        csv_options=dict(csv_options or {}),
        progress=progress,
    )
    return BallotFile(profile, seats, meta)


def tie_breaker(
    policy: str | None, seed: int | None = None, chair_order: Sequence[str] = ()
) -> TieBreaker | None:
    """The declared tie breaker, or ``None`` to keep the method's own default.

    A seed or a casting order only means something under a declared policy.
    """
    if policy is None:
        if seed is not None or chair_order:
            raise InvalidCount(
                "a seed or casting order needs a declared tie policy "
                f"({', '.join(TIE_POLICIES)}); without one each method uses its own default"
            )
        return None
    if policy not in TIE_POLICIES:
        raise InvalidCount(f"unknown tie policy {policy!r}; known: {', '.join(TIE_POLICIES)}")
    return TieBreaker(TiePolicy(policy), seed=seed or 0, chair_order=tuple(chair_order))


def count_profile(
    profile: RankedProfile,
    method_id: str,
    seats: int | None = None,
    *,
    file_seats: int | None = None,
    ties: TieBreaker | None = None,
    options: Mapping[str, Any] | None = None,
) -> Result:
    """Count a ranked profile with a registered method.

    Seats: ``seats`` if given, else (for a many-seat method) the seats the file
    states, else 1. Approval methods count each ballot as approving every candidate
    it ranks, and say so in the result's notes. ``options`` are passed to the method
    as keyword arguments (e.g. ``batch_elimination=True`` for ``irv``).
    """
    info = get_method(method_id)
    if seats is None:
        seats = file_seats if (info.seats is Seats.MANY and file_seats) else 1
    kwargs = _options(info, options or {})
    if info.ballot is BallotKind.RANKED:
        result: Result = info.func(profile, seats, ties=ties, **kwargs)
        return result
    if info.ballot is BallotKind.APPROVAL:
        result = info.func(_as_approvals(profile), seats, ties=ties, **kwargs)
        note = "each ballot approves every candidate it ranks"
        return dataclasses.replace(result, notes=(*result.notes, note))
    raise InvalidCount(
        f"{info.id} counts {info.ballot} votes, which a ballot file does not hold; "
        "choose a method for ranked or approval ballots"
    )


def count_file(
    path: Source,
    method_id: str,
    seats: int | None = None,
    *,
    seed: int | None = None,
    tie_policy: str | None = None,
    chair_order: Sequence[str] = (),
    format: str | None = None,
    csv_rules: CsvRules | None = None,
    csv_options: Mapping[str, Any] | None = None,
    options: Mapping[str, Any] | None = None,
) -> Result:
    """Read a ballot file and count it: the whole service in one call."""
    ties = tie_breaker(tie_policy, seed, chair_order)
    method(method_id)  # an unknown method fails before a long read
    ballots = read_file(path, format=format, csv_rules=csv_rules, csv_options=csv_options)
    return count_profile(
        ballots.profile,
        method_id,
        seats,
        file_seats=ballots.seats,
        ties=ties,
        options=options,
    )


def _options(info: MethodInfo, options: Mapping[str, Any]) -> dict[str, Any]:
    params = inspect.signature(info.func).parameters
    allowed = [
        name
        for name, p in params.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and name != "ties"
    ]
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) or "no options"
        raise InvalidCount(f"{info.id} has no option {', '.join(unknown)} (it takes: {takes})")
    return dict(options)


def _as_approvals(profile: RankedProfile) -> ApprovalProfile:
    n = profile.n_candidates
    marks = np.zeros((profile.ballots.shape[0], n), dtype=bool)
    rows, cols = np.nonzero(profile.ballots >= 0)
    marks[rows, profile.ballots[rows, cols]] = True
    return ApprovalProfile.from_array(profile.candidates, marks, profile.weights)
