"""Counting an election's ballots through :mod:`sovet.count` and filling its seats
(M03, M04). Used by :meth:`sovet.domain.elections.Election.declare`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from sovet.count import (
    ApprovalProfile,
    BallotKind,
    CountError,
    RankedProfile,
    Result,
    TieBreaker,
    get_method,
)
from sovet.count.apportionment import apportion
from sovet.domain.election_events import ElectionDeclared, SeatRow
from sovet.domain.errors import InvalidInput
from sovet.domain.exact import fraction_text, result_text

if TYPE_CHECKING:
    from sovet.domain.elections import Election


def declare_candidates(
    election: Election,
    profile: RankedProfile | ApprovalProfile,
    ineligible: set[str],
    ties: TieBreaker | None,
) -> ElectionDeclared:
    """Count a ranked or approval profile with the election's registered method."""
    key = election.key
    info = get_method(election.method)
    wanted = RankedProfile if info.ballot is BallotKind.RANKED else ApprovalProfile
    if not isinstance(profile, wanted):
        raise InvalidInput(
            f"election {key}: {election.method} counts {info.ballot} ballots, "
            f"not a {type(profile).__name__}"
        )
    unknown = [c for c in profile.candidates if c not in election.candidates]
    if unknown:
        raise InvalidInput(f"election {key}: the ballots name non-candidates {', '.join(unknown)}")
    barred = [c for c in profile.candidates if c in ineligible]
    if barred:
        raise InvalidInput(
            f"election {key}: {', '.join(barred)} no longer eligible; "
            "count the ballots without them"
        )
    result = _counted(key, lambda: info.func(profile, election.seats, ties=ties))
    seated = tuple(
        (f"{key}-{n}", winner, election.factions.get(winner))
        for n, winner in enumerate(result.elected, start=1)
    )
    return ElectionDeclared(
        key,
        str(election.method),
        seated,
        profile.total_weight,
        summary(result, seated),
        result_text(result),
    )


def declare_lists(
    election: Election,
    votes: Mapping[str, int],
    ineligible: set[str],
    ties: TieBreaker | None,
) -> ElectionDeclared:
    """Apportion the seats among the lists, then fill them down each list in order."""
    key = election.key
    full = _list_votes(election, votes)
    method = election.apportionment or ""
    result = _counted(
        key,
        lambda: apportion(method, full, election.seats, threshold=election.threshold, ties=ties),
    )
    allocation = dict(result.allocation or {})
    names = list(election.lists)
    order = sorted(names, key=lambda f: (-full[f], names.index(f)))
    seated: list[SeatRow] = []
    skipped: list[tuple[str, str]] = []
    unfilled: list[tuple[str, int]] = []
    for faction in order:
        want = allocation.get(faction, 0)
        got = 0
        for candidate in election.lists[faction]:
            if got == want:
                break
            if candidate in ineligible:
                skipped.append((faction, candidate))
                continue
            seated.append((f"{key}-{len(seated) + 1}", candidate, faction))
            got += 1
        if got < want:
            unfilled.append((faction, want - got))
    return ElectionDeclared(
        key,
        "party-list",
        tuple(seated),
        sum(full.values()),
        summary(result, tuple(seated), unfilled),
        result_text(result),
        allocation=tuple((f, allocation.get(f, 0)) for f in names),
        skipped=tuple(skipped),
        unfilled=tuple(unfilled),
    )


def _list_votes(election: Election, votes: Mapping[str, int]) -> dict[str, int]:
    unknown = [f for f in votes if f not in election.lists]
    if unknown:
        raise InvalidInput(f"election {election.key}: no list for {', '.join(map(str, unknown))}")
    full: dict[str, int] = {}
    for faction in election.lists:
        value = votes.get(faction, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(
                f"election {election.key}: votes for {faction} must be a whole number >= 0, "
                f"not {value!r}"
            )
        full[faction] = value
    return full


def _counted(key: str, run: Callable[[], Result]) -> Result:
    try:
        return run()
    except CountError as exc:
        raise InvalidInput(f"election {key}: the count failed: {exc}") from exc


def summary(
    result: Result, seated: tuple[SeatRow, ...], unfilled: list[tuple[str, int]] | None = None
) -> str:
    """One line: method, seats, winners in order, and what the count decided."""
    parts = [f"{result.method}, {result.seats} seat(s)"]
    if result.allocation is not None:
        shares = ", ".join(f"{f} {n}" for f, n in result.allocation.items())
        parts.append(f"seats per list: {shares}")
    if result.quota is not None:
        parts.append(f"quota {fraction_text(result.quota)}")
    parts.append("elected in order: " + (", ".join(row[1] for row in seated) or "nobody"))
    if unfilled:
        parts.append("unfilled: " + ", ".join(f"{f} {n}" for f, n in unfilled))
    ties = result.all_ties()
    if ties:
        parts.append(f"{len(ties)} tie(s) settled ({', '.join(t.rule for t in ties)})")
    return "; ".join(parts)
