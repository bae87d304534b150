"""Seat allotment among factions and seat offers (M05), with the Second Congress's
presidium as the worked scenario."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain import allotment_events as ae
from sovet.domain.allotment import BaseKind, SeatAllotment, SeatState
from sovet.domain.elections import Elected
from sovet.domain.errors import (
    AlreadyExists,
    DomainError,
    InvalidInput,
    InvalidTransition,
    SeatNotAvailable,
)
from sovet.domain.events import Event, event_from_entry

# 25 October 1917 (Old Style), 10.40 p.m. at Petrograd = 7 November, 19.40 UTC.
OPENING = datetime(1917, 11, 7, 19, 40, tzinfo=UTC)

# Fact congress2-presidium-proposal (002, l. 2342): "14 Bolsheviks, 7 Social
# Revolutionaries, 3 Mensheviks and 1 Internationalist".
AGREED = {"bolsheviks": 14, "srs": 7, "mensheviks": 3, "internationalists": 1}

# Fact congress2-opening-composition (002, l. 2326): 650 delegates with votes, 390
# Bolsheviks. The split of the other 260 is ASSUMED here, not sourced: 159 SRs and 80
# Mensheviks are figures of congress2-opposition-composition (which the author calls
# incomplete, and whose 80 Mensheviks include the national group and the Lefts), and
# the 21 Internationalists are only what is left of the 650.
OPENING_BASE = {"bolsheviks": 390, "srs": 159, "mensheviks": 80, "internationalists": 21}


def round_trips(events: list[Event]) -> None:
    for event in events:
        wire = json.loads(json.dumps(event.payload()))
        assert event_from_entry(event.op, wire) == event


def refused(
    obj: SeatAllotment, action: Callable[[], object], error: type[Exception], match: str
) -> None:
    before = list(obj.pending)
    seats = dict(obj.seat_list)
    with pytest.raises(error, match=match):
        action()
    assert obj.pending == before and obj.seat_list == seats, "nothing recorded"


def presidium() -> SeatAllotment:
    p = SeatAllotment.create("presidium-2", "presidium", 25)
    p.by_agreement(
        AGREED,
        "Avanesov's motion for the Bolsheviks: a presidium 'upon a proportional basis'",
        sizes=OPENING_BASE,
        at=OPENING,
    )
    return p


def small(seats: int = 5) -> SeatAllotment:
    a = SeatAllotment.create("exec", "executive", seats)
    a.by_method("dhondt", "faction-sizes", {"reds": 55, "greens": 35, "blues": 10}, OPENING)
    return a


def counts(a: SeatAllotment) -> dict[str, int]:
    return {str(k): v for k, v in a.tally().items() if v}


# -- the Second Congress presidium ---------------------------------------------
def test_second_congress_presidium_by_recorded_agreement() -> None:
    p = presidium()
    assert p.allocation == AGREED and p.method is None
    agreed = p.pending[-1]
    assert isinstance(agreed, ae.AllotmentAgreed)
    assert agreed.sizes == tuple(OPENING_BASE.items())
    assert agreed.at == "1917-11-07T19:40:00.000000Z"
    assert counts(p) == {"offered": 25}


def test_second_congress_presidium_compared_with_the_standard_methods() -> None:
    # On the assumed base (see OPENING_BASE), each method gives the Bolsheviks 15 or
    # 16 seats, not 14: the 14/7/3/1 is a stated allocation, as the seeds note.
    p = presidium()
    got = {c.method: c for c in p.compare(["dhondt", "sainte-lague", "hare"])}
    assert got["dhondt"].allocation == {
        "bolsheviks": 16,
        "srs": 6,
        "mensheviks": 3,
        "internationalists": 0,
    }
    assert got["sainte-lague"].allocation == {
        "bolsheviks": 15,
        "srs": 6,
        "mensheviks": 3,
        "internationalists": 1,
    }
    assert got["hare"].allocation == got["sainte-lague"].allocation
    assert got["hare"].result.quota == 26  # 650 / 25
    assert got["dhondt"].difference == {
        "bolsheviks": 2,
        "srs": -1,
        "mensheviks": 0,
        "internationalists": -1,
    }
    for c in got.values():
        assert sum(c.allocation.values()) == 25 and c.result.rounds


def test_second_congress_presidium_offers_declined_pending_and_reassigned() -> None:
    # Fact congress2-presidium-outcome (002, l. 2342): "The Right immediately declines
    # to enter the præsidium. Martov's group sits tight for the time being; it has not
    # decided. Seven votes go over to the Left Social Revolutionaries."
    p = presidium()
    assert p.decline("mensheviks") == (22, 23, 24)
    declined_srs = p.decline("srs")
    assert len(declined_srs) == 7
    p.defer("internationalists")
    assert counts(p) == {"offered": 14, "declined": 10, "pending": 1}
    for seat in declined_srs:
        p.reassign(seat, "left-srs")
    assert counts(p) == {"offered": 14, "declined": 3, "pending": 1, "reassigned": 7}
    # The Bolshevik members named in congress2-presidium-outcome take their seats.
    names = ["lenin", "trotsky", "zinoviev", "kamenev", "rykov", "nogin", "skliansky"]
    names += ["krylenko", "antonov-ovseenko", "riazanov", "muranov", "lunacharsky"]
    names += ["kollontai", "stuchka"]
    for name in names:
        p.accept("bolsheviks", name)
    for n in range(7):
        p.accept("left-srs", f"left-sr-{n + 1}")  # ASSUMED member numbers
    assert counts(p) == {"accepted": 21, "declined": 3, "pending": 1}
    assert p.seat_list[15].origin == "srs" and p.seat_list[15].faction == "left-srs"
    refused(p, lambda: p.accept("bolsheviks", "extra"), SeatNotAvailable, "bolsheviks has 0")
    refused(p, lambda: p.reassign(15, "srs"), SeatNotAvailable, "only a declined seat")
    # A Menshevik seat declined by the Right, reassigned and taken up.
    p.reassign(22, "menshevik-internationalists")
    assert p.accept("menshevik-internationalists", "martynov") == Elected(
        "presidium-2-22", "martynov", "menshevik-internationalists"
    )
    assert len(p.holders()) == 22
    round_trips(p.pending)
    assert SeatAllotment.replay(p.pending).seat_list == p.seat_list


def test_a_reserved_seat_is_claimed_later_by_its_faction() -> None:
    # Illustrative, after 002, l. 2655: factions that left keep the right to send
    # members proportionally. Martov's undecided group walks out; its seat is held.
    p = presidium()
    p.defer("internationalists")
    assert p.reserve("internationalists") == (25,)
    refused(p, lambda: p.claim("bolsheviks", "lenin"), SeatNotAvailable, "bolsheviks has 0")
    refused(p, lambda: p.accept("internationalists", "martov"), SeatNotAvailable, "has 0")
    assert p.claim("internationalists", "martov") == Elected(
        "presidium-2-25", "martov", "internationalists"
    )
    assert p.seat_list[25].state is SeatState.CLAIMED
    refused(p, lambda: p.claim("internationalists", "x"), SeatNotAvailable, "has 0 reserved")
    round_trips(p.pending)


# -- allotting by method -------------------------------------------------------
def test_by_method_records_base_moment_and_rounds() -> None:
    a = small()
    assert a.allocation == {"reds": 3, "greens": 2, "blues": 0}
    event = a.pending[-1]
    assert isinstance(event, ae.AllotmentComputed)
    assert event.sizes == (("reds", 55), ("greens", 35), ("blues", 10))
    assert event.base_kind == "faction-sizes" and a.base_kind is BaseKind.FACTION_SIZES
    assert event.at == "1917-11-07T19:40:00.000000Z" and a.at == OPENING
    assert len(json.loads(event.result)["rounds"]) == 5
    assert [s.faction for s in a.seat_list.values()] == ["reds"] * 3 + ["greens"] * 2
    round_trips(a.pending)


def test_by_method_with_a_threshold_and_compare_on_it() -> None:
    a = SeatAllotment.create("exec", "executive", 4)
    base = {"reds": 50, "greens": 45, "blues": 5}
    a.by_method("sainte-lague", "present-voting", base, OPENING, threshold=Fraction(1, 10))
    assert a.allocation["blues"] == 0 and a.threshold == Fraction(1, 10)
    (same,) = a.compare(["sainte-lague"])
    assert same.allocation == a.allocation and set(same.difference.values()) == {0}


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("jefferson", "registered", {"a": 1}), InvalidInput, "unknown method 'jefferson'"),
        (("dhondt", "everyone", {"a": 1}), InvalidInput, "unknown allotment base 'everyone'"),
        (("dhondt", "registered", {}), InvalidInput, "no factions given"),
        (("dhondt", "registered", {"a": -1}), InvalidInput, "size of a must be a whole"),
        (("dhondt", "registered", {"a": 1.5}), InvalidInput, "size of a must be a whole"),
        (("dhondt", "registered", {"A": 1}), InvalidInput, "faction key"),
        (("dhondt", "registered", {"a": 0}), InvalidInput, "the count failed"),
    ],
)
def test_by_method_refusals(args: tuple[Any, ...], error: type[Exception], match: str) -> None:
    a = SeatAllotment.create("exec", "executive", 5)
    method, base_kind, sizes = args
    refused(a, lambda: a.by_method(method, base_kind, sizes, OPENING), error, match)


def test_by_method_needs_an_aware_time() -> None:
    a = SeatAllotment.create("exec", "executive", 5)
    naive = datetime(1917, 11, 7)  # noqa: DTZ001
    refused(a, lambda: a.by_method("dhondt", "registered", {"a": 1}, naive), InvalidInput, "aware")


def test_an_allotment_is_made_once() -> None:
    a = small()
    refused(a, lambda: a.by_agreement({"reds": 5}, "again"), InvalidTransition, "already")


@pytest.mark.parametrize("seats", [0, -1, True])
def test_create_needs_seats(seats: int) -> None:
    with pytest.raises(InvalidInput, match="seats must be a whole number >= 1"):
        SeatAllotment.create("exec", "executive", seats)


# -- allotting by agreement ----------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"allocation": {"bolsheviks": 14, "srs": 7}}, "sum to 21, not to the 25 seats"),
        ({"justification": "  "}, "justification must not be empty"),
        ({"sizes": {"bolsheviks": 390}}, "srs, mensheviks, internationalists not in the base"),
        ({"sizes": OPENING_BASE, "at": None}, r"a base needs the moment it holds \(at\)"),
        ({"sizes": OPENING_BASE, "base_kind": "x"}, "unknown allotment base 'x'"),
        ({"allocation": {**AGREED, "srs": 8, "bolsheviks": -1}}, "share of bolsheviks"),
    ],
)
def test_agreement_rules(kwargs: dict[str, Any], match: str) -> None:
    a = SeatAllotment.create("presidium-2", "presidium", 25)
    args: dict[str, Any] = {"allocation": AGREED, "justification": "motion", "at": OPENING}
    args.update(kwargs)
    refused(a, lambda: a.by_agreement(**args), InvalidInput, match)


def test_an_agreement_without_a_base_cannot_be_compared() -> None:
    a = SeatAllotment.create("presidium-2", "presidium", 25)
    a.by_agreement(AGREED, "motion")
    with pytest.raises(InvalidInput, match="no recorded base to compare on"):
        a.compare(["dhondt"])
    with pytest.raises(InvalidInput, match="unknown method 'x'"):
        presidium().compare(["x"])
    round_trips(a.pending)


# -- offers --------------------------------------------------------------------
def test_offer_refusals() -> None:
    a = SeatAllotment.create("exec", "executive", 5)
    refused(a, lambda: a.accept("reds", "r1"), InvalidTransition, "no seats allotted yet")
    a = small()
    a.accept("reds", "r1")
    refused(a, lambda: a.accept("greens", "r1"), AlreadyExists, "r1 already holds seat 1")
    refused(a, lambda: a.decline("reds", 3), SeatNotAvailable, "reds has 2 .* not 3")
    refused(a, lambda: a.decline("reds", 0), InvalidInput, "a number of seats >= 1")
    refused(a, lambda: a.decline("blues"), SeatNotAvailable, "blues has 0 .* not any")
    refused(a, lambda: a.reassign(1, "greens"), SeatNotAvailable, "seat 1 is accepted")
    refused(a, lambda: a.reassign(9, "greens"), InvalidInput, "has no seat 9")
    refused(a, lambda: a.claim("reds", "r2"), SeatNotAvailable, "reds has 0 reserved")
    refused(a, lambda: a.accept("reds", "two words"), InvalidInput, "member number")


def test_pending_offer_lapses_at_its_deadline() -> None:
    a = small()
    deadline = OPENING + timedelta(hours=2)
    assert a.defer("greens", deadline=deadline) == (4, 5)
    assert a.seat_list[4].deadline == deadline
    assert a.lapse(OPENING) == []
    refused(a, lambda: a.defer("greens"), SeatNotAvailable, "greens has 0")
    (lapsed,) = a.lapse(deadline)
    assert isinstance(lapsed, ae.SeatsDeclined) and lapsed.seats == (4, 5)
    assert "lapsed at its deadline" in lapsed.reason
    assert counts(a) == {"offered": 3, "declined": 2}
    round_trips(a.pending)


def test_a_pending_faction_may_still_accept() -> None:
    a = small()
    a.defer("greens")
    a.accept("greens", "g1")
    assert a.lapse(OPENING + timedelta(days=365)) == [], "no deadline, no lapse"
    assert counts(a) == {"offered": 3, "accepted": 1, "pending": 1}


# -- properties ----------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 1000), min_size=1, max_size=6).filter(lambda s: sum(s) > 0),
    seats=st.integers(1, 40),
    method=st.sampled_from(["dhondt", "sainte-lague", "sainte-lague-modified", "hare", "droop"]),
)
def test_allotted_seats_sum_to_the_body_seats(sizes: list[int], seats: int, method: str) -> None:
    a = SeatAllotment.create("exec", "executive", seats)
    base = {f"f{i}": n for i, n in enumerate(sizes)}
    allocation = a.by_method(method, "registered", base, OPENING)
    assert sum(allocation.values()) == seats == len(a.seat_list)
    assert sum(a.tally().values()) == seats


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["accept", "decline", "defer", "reassign", "reserve", "claim", "lapse"]),
        st.sampled_from(["reds", "greens", "blues", "left"]),
        st.integers(1, 6),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(actions=ACTIONS)
def test_every_seat_is_accounted_for_at_every_step(actions: list[tuple[str, str, int]]) -> None:
    a = small(6)
    for step, (kind, faction, n) in enumerate(actions):
        before = list(a.pending)
        try:
            _act(a, kind, faction, n, step)
        except DomainError:
            assert a.pending == before
        tally = a.tally()
        assert sum(tally.values()) == 6
        accounted = sum(tally[s] for s in SeatState)
        assert accounted == len(a.seat_list) == 6
        assert sorted(s.holder for s in a.seat_list.values() if s.holder) == sorted(
            e.holder for e in a.holders()
        )
    round_trips(a.pending)
    assert SeatAllotment.replay(a.pending).seat_list == a.seat_list


def _act(a: SeatAllotment, kind: str, faction: str, n: int, step: int) -> None:
    deadline = OPENING + timedelta(hours=n)
    match kind:
        case "accept":
            a.accept(faction, f"m{step}")
        case "decline":
            a.decline(faction, n % 3 or None)
        case "defer":
            a.defer(faction, deadline=deadline, n=1)
        case "reassign":
            a.reassign(n, faction)
        case "reserve":
            a.reserve(faction, 1)
        case "claim":
            a.claim(faction, f"m{step}")
        case _:
            a.lapse(deadline)
