"""Immutable ballot profiles: unique ballots with integer weights.

Every counting method takes one of these. Ballots are deduplicated on construction
(a profile of ten million ballots usually has far fewer distinct ones), and the
arrays are made read-only so that a method cannot alter what it counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from sovet.count._fast_profile import unique_rankings, validate_reference
from sovet.count._pairwise import pairwise_from_rankings as pairwise_from_rankings
from sovet.count.errors import EmptyProfile, InvalidBallot, InvalidCount

IntArray = npt.NDArray[np.int64]
NO_CANDIDATE = -1  # padding after the last preference of a ranked ballot


def _readonly(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    arr.flags.writeable = False
    return arr


def _check_candidates(candidates: Sequence[str]) -> tuple[str, ...]:
    names = tuple(candidates)
    if not names:
        raise InvalidCount("a profile needs at least one candidate")
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InvalidCount(f"candidate names must be unique; repeated: {', '.join(dup)}")
    return names


def _dedupe(rows: npt.NDArray[Any], weights: IntArray) -> tuple[npt.NDArray[Any], IntArray]:
    if rows.shape[0] == 0:
        return rows, weights
    unique, inverse = _unique_rows(rows)
    if int(weights.sum()) < 2**53:  # float64 sums of whole numbers are exact below 2**53
        summed = np.bincount(inverse.reshape(-1), weights=weights, minlength=unique.shape[0])
        summed = np.rint(summed).astype(np.int64)
    else:
        summed = np.zeros(unique.shape[0], dtype=np.int64)
        np.add.at(summed, inverse.reshape(-1), weights)
    keep = summed > 0
    return np.ascontiguousarray(unique[keep]), summed[keep]


def _unique_rows(rows: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
    """``np.unique(rows, axis=0, return_inverse=True)``, several times faster for ballots.

    Rows of small integers (-1 padding, candidate indices) are packed into byte
    strings whose byte order is the rows' numeric order (value + 1 as big-endian
    uint16), so one sort of opaque keys gives the same unique rows, in the same order.
    """
    if rows.dtype.kind not in "iu" or rows.size == 0 or rows.min() < -1 or rows.max() >= 65535:
        unique, inverse = np.unique(rows, axis=0, return_inverse=True)
        return unique, inverse
    key = np.ascontiguousarray((rows.astype(np.int32) + 1).astype(">u2"))
    packed = key.view(np.dtype((np.void, key.itemsize * key.shape[1]))).ravel()
    _, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    return rows[first], inverse


@dataclass(frozen=True, eq=False)
class RankedProfile:
    """Strict, possibly truncated rankings.

    ``ballots[i]`` lists candidate indices from first preference down, padded with
    ``NO_CANDIDATE`` (-1); ``weights[i]`` is how many voters cast that ranking.
    Equal rankings (overvotes) are resolved by the file readers under a declared rule
    before a profile is built, so every stored ranking is strict.
    """

    candidates: tuple[str, ...]
    ballots: npt.NDArray[np.int16]
    weights: IntArray
    _index: Mapping[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", _check_candidates(self.candidates))
        object.__setattr__(self, "_index", {c: i for i, c in enumerate(self.candidates)})

    @classmethod
    def from_array(
        cls,
        candidates: Sequence[str],
        ballots: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
        *,
        validate: bool = True,
    ) -> RankedProfile:
        """Build from an (n, L) array of candidate indices padded with -1; deduplicates."""
        names = _check_candidates(candidates)
        arr = np.asarray(ballots)
        if arr.ndim != 2:
            raise InvalidBallot("ranked ballots must be a two-dimensional array")
        arr = arr.astype(np.int16, copy=False)
        given = None if weights is None else np.asarray(weights, dtype=np.int64)
        if given is not None and given.shape != (arr.shape[0],):
            raise InvalidBallot("there must be one weight per ballot")
        if arr.size:
            arr, w = unique_rankings(arr, given, len(names), validate=validate)
        else:
            w = np.ones(arr.shape[0], dtype=np.int64) if given is None else given
            if validate:
                validate_reference(arr, len(names), w)
            arr, w = _dedupe(arr, w)
        return cls(names, _readonly(arr), _readonly(w))

    @classmethod
    def from_rankings(
        cls,
        candidates: Sequence[str],
        rankings: Iterable[tuple[Sequence[str], int] | Sequence[str]],
    ) -> RankedProfile:
        """Build from rankings of candidate names, each optionally paired with a weight.

        ``[("A", "B"), (("B",), 3)]`` is one ballot A>B and three ballots B.
        """
        names = _check_candidates(candidates)
        index = {c: i for i, c in enumerate(names)}
        rows: list[list[int]] = []
        weights: list[int] = []
        for number, item in enumerate(rankings, start=1):
            if (
                isinstance(item, tuple)
                and len(item) == 2
                and isinstance(item[1], int)
                and not isinstance(item[0], str)
            ):
                ranking, weight = item[0], item[1]
            else:
                ranking, weight = item, 1  # type: ignore[assignment]
            row = []
            for name in ranking:
                if name not in index:
                    raise InvalidBallot(f"ballot {number}: unknown candidate {name!r}")
                row.append(index[name])
            rows.append(row)
            weights.append(weight)
        width = max((len(r) for r in rows), default=0) or 1
        arr = np.full((len(rows), width), NO_CANDIDATE, dtype=np.int16)
        for i, row in enumerate(rows):
            arr[i, : len(row)] = row
        return cls.from_array(names, arr, np.asarray(weights, dtype=np.int64))

    @property
    def n_candidates(self) -> int:
        return len(self.candidates)

    @property
    def total_weight(self) -> int:
        return int(self.weights.sum())

    def index(self, candidate: str) -> int:
        try:
            return self._index[candidate]
        except KeyError:
            raise InvalidBallot(f"unknown candidate {candidate!r}") from None

    def rankings(self) -> list[tuple[tuple[str, ...], int]]:
        """The unique ballots as names with their weights (for small profiles and tests)."""
        out = []
        for row, w in zip(self.ballots, self.weights, strict=True):
            out.append((tuple(self.candidates[int(c)] for c in row if c >= 0), int(w)))
        return out

    def require_ballots(self) -> None:
        if self.total_weight == 0:
            raise EmptyProfile("the profile has no ballots to count")

    def pairwise_matrix(self) -> IntArray:
        """``m[a, b]`` = weight of ballots ranking a above b (unranked below all ranked)."""
        return pairwise_from_rankings(self.ballots, self.weights, self.n_candidates)


@dataclass(frozen=True, eq=False)
class ApprovalProfile:
    """Approval ballots: ``approvals[i, c]`` is True when ballot i approves candidate c."""

    candidates: tuple[str, ...]
    approvals: npt.NDArray[np.bool_]
    weights: IntArray

    @classmethod
    def from_sets(
        cls,
        candidates: Sequence[str],
        ballots: Iterable[tuple[Iterable[str], int] | Iterable[str]],
    ) -> ApprovalProfile:
        names = _check_candidates(candidates)
        index = {c: i for i, c in enumerate(names)}
        rows: list[npt.NDArray[np.bool_]] = []
        weights: list[int] = []
        for number, item in enumerate(ballots, start=1):
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], int):
                approved, weight = item[0], item[1]
            else:
                approved, weight = item, 1
            row = np.zeros(len(names), dtype=bool)
            for name in approved:
                if name not in index:
                    raise InvalidBallot(f"ballot {number}: unknown candidate {name!r}")
                row[index[name]] = True
            rows.append(row)
            weights.append(weight)
        return cls.from_array(names, np.array(rows).reshape(len(rows), len(names)), weights)

    @classmethod
    def from_array(
        cls, candidates: Sequence[str], approvals: npt.ArrayLike, weights: npt.ArrayLike | None
    ) -> ApprovalProfile:
        names = _check_candidates(candidates)
        arr = np.asarray(approvals, dtype=bool)
        if arr.ndim != 2 or arr.shape[1] != len(names):
            raise InvalidBallot("approval ballots must be an (n, candidates) array")
        w = (
            np.ones(arr.shape[0], dtype=np.int64)
            if weights is None
            else np.asarray(weights, dtype=np.int64)
        )
        if (w < 0).any():
            raise InvalidBallot("negative ballot weight")
        arr, w = _dedupe(arr, w)
        return cls(names, _readonly(arr), _readonly(w))

    @property
    def total_weight(self) -> int:
        return int(self.weights.sum())

    def require_ballots(self) -> None:
        if self.total_weight == 0:
            raise EmptyProfile("the profile has no ballots to count")

    def approval_totals(self) -> IntArray:
        return np.asarray(self.weights @ self.approvals.astype(np.int64), dtype=np.int64)


@dataclass(frozen=True)
class Tally:
    """A for/against/abstain count, each side a (possibly weighted) total.

    Used for shows of hands, roll calls, secret yes/no ballots and card votes, where a
    card counts the membership its holder represents. ``estimated`` marks an analog
    outcome recorded by the chair ("an overwhelming majority") rather than counted.
    """

    for_: int
    against: int
    abstain: int = 0
    estimated: bool = False

    def __post_init__(self) -> None:
        for name, value in (
            ("for", self.for_),
            ("against", self.against),
            ("abstain", self.abstain),
        ):
            if value < 0:
                raise InvalidBallot(f"a tally cannot be negative ({name} = {value})")

    @property
    def cast(self) -> int:
        """Votes cast for or against; abstentions are not votes cast."""
        return self.for_ + self.against

    @property
    def participating(self) -> int:
        return self.for_ + self.against + self.abstain


@dataclass(frozen=True)
class PartyVotes:
    """Votes (or sizes) per party or faction, the input of seat apportionment."""

    votes: Mapping[str, Fraction]

    def __post_init__(self) -> None:
        clean: dict[str, Fraction] = {}
        for party, v in self.votes.items():
            value = Fraction(v)
            if value < 0:
                raise InvalidBallot(f"party {party!r} has negative votes ({v})")
            clean[party] = value
        if not clean:
            raise EmptyProfile("no parties to apportion seats among")
        object.__setattr__(self, "votes", clean)

    @classmethod
    def of(cls, votes: Mapping[str, int | Fraction | str]) -> PartyVotes:
        return cls({p: Fraction(v) for p, v in votes.items()})

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(self.votes)

    @property
    def total(self) -> Fraction:
        return sum(self.votes.values(), Fraction(0))
