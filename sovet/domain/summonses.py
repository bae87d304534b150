"""Questions asked across convocations: rival summonses of one body (M07), and which
member bodies a summons binds (M19). Pure functions over :class:`Convocation` values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations

from sovet.domain.convocation import Convocation
from sovet.domain.convocation_rules import when


@dataclass(frozen=True)
class Rivalry:
    """Two summonses of the same body for overlapping dates."""

    first: str
    second: str
    body: str
    why: str


def _span(c: Convocation, duration: timedelta) -> tuple[str, datetime, datetime] | None:
    if c.summons is None:
        return None
    end = c.summons.ends_at or c.summons.opens_at + duration
    return c.summons.by, c.summons.opens_at, end


def rival_summonses(
    convocations: Iterable[Convocation], *, duration: timedelta = timedelta(days=1)
) -> list[Rivalry]:
    """Flag every pair of summonses that convene the same body for overlapping dates
    (M07: "two rival summonses"), whoever summoned them.

    A sitting runs from its opening to the end its summons names or, when it names
    none, for ``duration`` (default one day: sittings on the same day are rivals).
    Convocations not yet summoned are left out. Pairs come in the order given.
    """
    summoned = [(c, span) for c in convocations if (span := _span(c, duration)) is not None]
    out: list[Rivalry] = []
    for (a, (a_by, a_open, a_end)), (b, (b_by, b_open, b_end)) in combinations(summoned, 2):
        if a.body != b.body or not (a_open < b_end and b_open < a_end):
            continue
        why = (
            f"both convene {a.body}: {a.key} summoned by {a_by} for {when(a_open)}, "
            f"{b.key} summoned by {b_by} for {when(b_open)}"
        )
        out.append(Rivalry(a.key, b.key, a.body, why))
    return out


@dataclass(frozen=True)
class Standing:
    """Member bodies bound by a summons, and those for which it is only advisory."""

    summoner: str
    bound: tuple[str, ...]
    advisory: tuple[str, ...]


def summons_standing(
    convocation: Convocation,
    recognition: Mapping[str, Iterable[str]],
    *,
    by: str | None = None,
    unstated_bound: bool = True,
) -> Standing:
    """Which member bodies a summons binds (M19, conditional allegiance).

    ``recognition`` maps a member body to the authorities whose summons it obeys
    (the grenadier regiment only the Congress of Soviets', the Oranienbaum school only
    the CEC's); a summons from any other authority is advisory for that body. The
    summoner is ``by``, else whoever summoned, else the convener, so the expected
    response can be computed before the summons is issued. A body whose recognition
    is not recorded counts as bound when ``unstated_bound`` (the default), else as
    advisory: the seeds do not say what an unstated allegiance means.
    """
    summons = convocation.summons
    summoner = by or (summons.by if summons is not None else convocation.convener)
    bound: list[str] = []
    advisory: list[str] = []
    for body in convocation.members:
        known = recognition.get(body)
        obeys = unstated_bound if known is None else summoner in set(known)
        (bound if obeys else advisory).append(body)
    return Standing(summoner, tuple(bound), tuple(advisory))
