"""Checks of an election's opening, giving the event that opens it (M03, M04)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from sovet.count import Seats, get_method
from sovet.count.apportionment import APPORTIONMENT
from sovet.domain.election_events import ElectionOpened
from sovet.domain.errors import InvalidInput
from sovet.domain.exact import choice, fraction_text, time_text
from sovet.domain.keys import check_key
from sovet.domain.members import check_member_number


class ElectionMethod(StrEnum):
    PLURALITY = "plurality"
    BLOCK_PLURALITY = "block-plurality"
    APPROVAL = "approval"
    STV_SCOTTISH = "stv-scottish"
    STV_MEEK = "stv-meek"
    IRV = "irv"
    PARTY_LIST = "party-list"


def opening_event(
    key: str,
    body: str,
    constituency: str | None,
    seats: int,
    method: str,
    *,
    candidates: Sequence[str],
    factions: Mapping[str, str] | None,
    lists: Mapping[str, Sequence[str]] | None,
    apportionment: str,
    threshold: Fraction,
    term_ends: datetime | None,
    vacancy: str | None,
) -> ElectionOpened:
    """The opening event, once every rule of :meth:`Election.open` is checked."""
    _check_where(key, body, constituency, seats, vacancy)
    kind = choice(ElectionMethod, method, "election method")
    if kind is ElectionMethod.PARTY_LIST:
        event = _list_opening(key, body, constituency, seats, candidates, factions, lists)
        event = _with_list_rule(event, apportionment, threshold)
    else:
        event = _candidate_opening(key, body, constituency, seats, kind, candidates, factions)
        if lists:
            raise InvalidInput(f"election {key}: only a party-list election takes lists")
    return _with_term(event, term_ends, vacancy)


def _check_where(
    key: str, body: str, constituency: str | None, seats: int, vacancy: str | None
) -> None:
    check_key(key, "election")
    check_key(body, "body")
    if constituency is not None:
        check_key(constituency, "constituency")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InvalidInput(f"election {key}: seats must be a whole number >= 1, not {seats!r}")
    check_key(f"{key}-{seats}", "derived mandate")
    if vacancy is not None:
        check_key(vacancy, "vacated mandate")


def _members(key: str, names: Iterable[str], what: str) -> tuple[str, ...]:
    out = tuple(check_member_number(n) for n in names)
    if len(set(out)) != len(out):
        twice = sorted({n for n in out if out.count(n) > 1})
        raise InvalidInput(f"election {key}: {', '.join(twice)} appear twice among the {what}")
    return out


def _candidate_opening(
    key: str,
    body: str,
    constituency: str | None,
    seats: int,
    method: ElectionMethod,
    candidates: Sequence[str],
    factions: Mapping[str, str] | None,
) -> ElectionOpened:
    names = _members(key, candidates, "candidates")
    if get_method(method).seats is Seats.ONE and seats != 1:
        raise InvalidInput(f"election {key}: {method} fills one seat, not {seats}")
    if len(names) < seats:
        raise InvalidInput(f"election {key}: {seats} seats need at least {seats} candidates")
    pairs = sorted((factions or {}).items())
    for candidate, faction in pairs:
        if candidate not in names:
            raise InvalidInput(f"election {key}: {candidate} has a faction but is no candidate")
        check_key(faction, "faction")
    return ElectionOpened(key, body, constituency, seats, str(method), names, tuple(pairs))


def _list_opening(
    key: str,
    body: str,
    constituency: str | None,
    seats: int,
    candidates: Sequence[str],
    factions: Mapping[str, str] | None,
    lists: Mapping[str, Sequence[str]] | None,
) -> ElectionOpened:
    if candidates or factions:
        raise InvalidInput(f"election {key}: a party-list election takes lists, not candidates")
    if not lists:
        raise InvalidInput(f"election {key}: a party-list election needs at least one list")
    rows = []
    for faction, names in lists.items():
        check_key(faction, "faction")
        if not names:
            raise InvalidInput(f"election {key}: the list of {faction} is empty")
        rows.append((faction, tuple(names)))
    _members(key, [n for _, names in rows for n in names], "list candidates")
    return ElectionOpened(key, body, constituency, seats, "party-list", lists=tuple(rows))


def _with_list_rule(event: ElectionOpened, method: str, threshold: Fraction) -> ElectionOpened:
    if method not in APPORTIONMENT:
        known = ", ".join(APPORTIONMENT)
        raise InvalidInput(f"election {event.key}: unknown apportionment {method!r}; {known}")
    share = Fraction(threshold)
    if not 0 <= share < 1:
        raise InvalidInput(f"election {event.key}: threshold must be in [0, 1), not {share}")
    return replace(event, apportionment=method, threshold=fraction_text(share))


def _with_term(
    event: ElectionOpened, term_ends: datetime | None, vacancy: str | None
) -> ElectionOpened:
    ends = None if term_ends is None else time_text(term_ends, f"election {event.key}: term_ends")
    return replace(event, term_ends=ends, vacancy=vacancy)
