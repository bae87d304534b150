"""Seat apportionment: D'Hondt, Sainte-Laguë (plain and modified), Hare and Droop
largest remainder. Worked examples from published sources, Sovet's 1917 figures,
properties, and cross-checks against votelib and poli-sci-kit."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import (
    METHODS,
    BallotKind,
    EmptyProfile,
    InvalidCount,
    PartyVotes,
    TieBreaker,
    TiePolicy,
)
from sovet.count.apportionment import APPORTIONMENT, apportion

ALL = tuple(APPORTIONMENT)
DIVISOR = ("dhondt", "sainte-lague", "sainte-lague-modified")
REMAINDER = ("hare", "droop")
STANDARD = ("dhondt", "sainte-lague", "hare")  # the methods the facts file speaks of

# Wikipedia, "D'Hondt method" and "Sainte-Laguë method", worked example: four
# parties, 8 seats. By hand, D'Hondt's eight highest quotients are 100000 (A),
# 80000 (B), 50000 (A), 40000 (B), 33333 (A), 30000 (C), 26667 (B), 25000 (A);
# Sainte-Laguë's are 100000 (A), 80000 (B), 33333 (A), 30000 (C), 26667 (B),
# 20000 (A), 20000 (D), 16000 (B).
TEXTBOOK = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}

# Wikipedia, "Largest remainder method", worked example: six parties, 10 seats.
# Hare quota 10000: 4.70, 1.60, 1.58, 1.20, 0.61, 0.31 -> 7 whole seats, the 3 left
# to A (.70), E (.61), B (.60). Droop quota floor(100000/11)+1 = 9091: 5.17, 1.76,
# 1.74, 1.32, 0.67, 0.34 -> 8 whole seats, the 2 left to B (.76) and C (.74).
LR_EXAMPLE = {"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000, "E": 6_100, "F": 3_100}


def seats_of(method: str, votes: dict[str, int], seats: int, **kw: object) -> dict[str, int]:
    result = apportion(method, votes, seats, **kw)
    assert result.allocation is not None
    return dict(result.allocation)


def test_every_apportionment_method_is_registered_as_a_party_method() -> None:
    for method in ALL:
        info = METHODS[method]
        assert info.ballot is BallotKind.PARTY
        assert info.func is APPORTIONMENT[method]


def test_dhondt_textbook_example() -> None:
    result = apportion("dhondt", TEXTBOOK, 8)
    assert result.allocation == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert [r.elected[0] for r in result.rounds] == ["A", "B", "A", "B", "A", "C", "B", "A"]
    assert result.rounds[-1].tallies["A"] == 25_000  # the eighth seat's quotient
    assert result.rounds[-1].tallies["D"] == 20_000
    assert result.elected == ("A", "B", "C")  # in order of each party's first seat
    assert result.all_ties() == ()


def test_sainte_lague_textbook_example() -> None:
    result = apportion("sainte-lague", TEXTBOOK, 8)
    assert result.allocation == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert [r.elected[0] for r in result.rounds] == ["A", "B", "A", "C", "B", "A", "D", "B"]
    # A's third quotient and D's first are both 20000, for two of the three seats
    # left: no tie to break, each gets a seat.
    assert result.rounds[5].tallies["A"] == result.rounds[5].tallies["D"] == 20_000
    assert "each gets a seat in turn" in result.rounds[5].note
    assert result.all_ties() == ()


def test_modified_sainte_lague_ties_for_the_last_seat_on_the_textbook_example() -> None:
    # Divisors 1.4, 3, 5, 7: A's fourth quotient 100000/7 equals D's first,
    # 20000/1.4 = 100000/7, for the one seat left. The default policy gives it to
    # the party with more votes (A), and records the tie.
    result = apportion("sainte-lague-modified", TEXTBOOK, 8)
    assert result.allocation == {"A": 4, "B": 3, "C": 1, "D": 0}
    last = result.rounds[-1]
    assert last.tallies["A"] == last.tallies["D"] == Fraction(100_000, 7)
    (tie,) = result.all_ties()
    assert (tie.among, tie.purpose, tie.rule, tie.chosen) == (("A", "D"), "seat", "forward", "A")
    # A chair's casting order decides it the other way.
    chair = TieBreaker(TiePolicy.CHAIR, chair_order=["D", "A"])
    other = apportion("sainte-lague-modified", TEXTBOOK, 8, ties=chair)
    assert other.allocation == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_modified_first_divisor_keeps_a_small_party_out() -> None:
    # 10 seats. Plain: after nine seats (A 5, B 4) C's first quotient 5200 beats
    # B's fifth, 45000/9 = 5000, for the last seat. Modified: C's first quotient is
    # 5200/1.4 = 3714.3, and B takes the last seat with 5000 (checked by hand).
    votes = {"A": 50_000, "B": 45_000, "C": 5_200}
    assert seats_of("sainte-lague", votes, 10) == {"A": 5, "B": 4, "C": 1}
    assert seats_of("sainte-lague-modified", votes, 10) == {"A": 5, "B": 5, "C": 0}


def test_hare_and_droop_worked_example() -> None:
    hare = apportion("hare", LR_EXAMPLE, 10)
    assert hare.quota == 10_000
    assert hare.allocation == {"A": 5, "B": 2, "C": 1, "D": 1, "E": 1, "F": 0}
    assert hare.rounds[1].elected == ("A", "E", "B")  # by remainder, largest first
    assert hare.rounds[1].tallies["E"] == Fraction(61, 100)
    droop = apportion("droop", LR_EXAMPLE, 10)
    assert droop.quota == 9_091
    assert droop.allocation == {"A": 5, "B": 2, "C": 2, "D": 1, "E": 0, "F": 0}
    assert droop.rounds[1].elected == ("B", "C")


def test_droop_quota_is_floor_of_votes_over_seats_plus_one_plus_one() -> None:
    # 100 votes, 4 seats: 100/5 = 20 exactly, so the quota is 21, not 20.
    assert apportion("droop", {"A": 60, "B": 40}, 4).quota == 21
    assert apportion("droop", {"A": 61, "B": 40}, 4).quota == 21  # floor(101/5) + 1


def test_alabama_paradox_for_hare() -> None:
    # Wikipedia, "Apportionment paradox": votes 6, 6, 2. With 10 seats the quotas
    # are 4.29, 4.29, 1.43 and C's remainder takes the last seat (4, 4, 2); with 11
    # seats they are 4.71, 4.71, 1.57 and A and B take both (5, 5, 1): one more
    # seat costs C a seat. Divisor methods never do this.
    votes = {"A": 6, "B": 6, "C": 2}
    assert seats_of("hare", votes, 10) == {"A": 4, "B": 4, "C": 2}
    assert seats_of("hare", votes, 11) == {"A": 5, "B": 5, "C": 1}
    for method in DIVISOR:
        ten, eleven = seats_of(method, votes, 10), seats_of(method, votes, 11)
        assert all(eleven[p] >= ten[p] for p in votes)


# --- Sovet's 1917 figures (shared/facts/seed-facts.yaml) ---------------------------

# congress2-opening-composition: "650 delegates with votes: 390 fell to the lot of
# the Bolsheviks". Only the Bolshevik figure is sourced; the other 260 are taken as
# one bloc, an assumption that cannot change the Bolshevik seats with two parties.
CONGRESS_OPENING = {"Bolsheviks": 390, "others": 260}


@pytest.mark.parametrize("method", ALL)
def test_second_congress_presidium_base_gives_15_bolshevik_seats_not_14(method: str) -> None:
    # congress2-presidium-proposal: the Bolshevik motion for a 25-member presidium
    # "upon a proportional basis" was 14/7/3/1. On the opening base 390 of 650 is
    # exactly 15 of 25 (quota 26), and every method here gives 15: the stated 14 is
    # an agreement the scenario records, not a result to derive.
    allocation = seats_of(method, CONGRESS_OPENING, 25)
    assert allocation == {"Bolsheviks": 15, "others": 10}
    assert allocation["Bolsheviks"] != 14


def test_presidium_dhondt_ends_in_equal_quotients_that_are_no_tie() -> None:
    # 390/15 = 260/10 = 26: the last two seats go one to each, nothing is drawn.
    result = apportion("dhondt", CONGRESS_OPENING, 25)
    assert result.rounds[23].tallies == {"Bolsheviks": 26, "others": 26}
    assert result.all_ties() == ()


@pytest.mark.parametrize("method", STANDARD)
def test_central_executive_committee_of_101_on_the_congress_base(method: str) -> None:
    # cec-composition-002: 101 members, 62 Bolsheviks, 29 Left SRs (10 others).
    # Proportional division of the opening base (390 of 650) gives the Bolsheviks
    # 61 of 101 (exact share 60.6) under D'Hondt, Sainte-Laguë and Hare: the seated
    # 62 was a composition confirmed by the congress, not this computation.
    assert seats_of(method, CONGRESS_OPENING, 101) == {"Bolsheviks": 61, "others": 40}


def test_droop_on_the_cec_base_shows_the_few_votes_per_seat_rule() -> None:
    # 650 votes for 101 seats: quota floor(650/102)+1 = 7 leaves 9 seats for 2
    # parties after whole quotas (55 + 37). Each gets 4 more, the last goes to the
    # larger remainder (390 - 7*55 = 5 against 260 - 7*37 = 1): 60 and 41.
    result = apportion("droop", CONGRESS_OPENING, 101)
    assert result.quota == 7
    assert result.allocation == {"Bolsheviks": 60, "others": 41}
    assert any("9 seats were left for 2 parties" in n for n in result.notes)


@pytest.mark.parametrize("method", ALL)
def test_the_seated_cec_composition_is_reproduced_from_itself(method: str) -> None:
    # A base exactly proportional to the seats (62/29/10 of 101) must give itself.
    seated = {"Bolsheviks": 62, "Left SRs": 29, "others": 10}
    assert seats_of(method, seated, 101) == seated


# --- thresholds, edge cases, errors ------------------------------------------------


def test_threshold_excludes_parties_below_and_keeps_those_at_it() -> None:
    votes = {"A": 500, "B": 450, "C": 50, "D": 49}  # total 1049
    result = apportion("hare", votes, 10, threshold=Fraction(50, 1049))
    assert result.allocation is not None
    assert result.allocation["D"] == 0
    assert "C" in result.rounds[0].tallies  # takes part: 50 is exactly at the threshold
    assert "D" not in result.rounds[0].tallies
    assert result.quota == Fraction(1000, 10)  # D's votes leave the quota
    assert "below it, no seats: D (49)" in result.notes[0]
    five_percent = apportion("dhondt", {"A": 60, "B": 36, "C": 4}, 5, threshold=Fraction(5, 100))
    assert five_percent.allocation == {"A": 3, "B": 2, "C": 0}
    assert "C (4)" in five_percent.notes[0]


@pytest.mark.parametrize("method", ALL)
def test_zero_seats_gives_nobody_anything(method: str) -> None:
    result = apportion(method, {"A": 3, "B": 0}, 0)
    assert result.allocation == {"A": 0, "B": 0}
    assert result.elected == ()
    assert apportion(method, {"A": 0}, 0).allocation == {"A": 0}


@pytest.mark.parametrize("method", ALL)
def test_errors(method: str) -> None:
    with pytest.raises(EmptyProfile, match="zero votes"):
        apportion(method, {"A": 0, "B": 0}, 3)
    with pytest.raises(InvalidCount, match="seats"):
        apportion(method, {"A": 1}, -1)
    with pytest.raises(InvalidCount, match="threshold"):
        apportion(method, {"A": 1, "B": 1, "C": 1}, 2, threshold=Fraction(1, 2))
    with pytest.raises(InvalidCount, match="threshold"):
        apportion(method, {"A": 1}, 2, threshold=Fraction(3, 2))
    with pytest.raises(EmptyProfile):
        apportion(method, {}, 2)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InvalidCount, match="unknown apportionment method"):
        apportion("jefferson", {"A": 1}, 1)


@pytest.mark.parametrize("method", ALL)
def test_a_party_without_votes_never_gets_a_seat(method: str) -> None:
    assert seats_of(method, {"A": 3, "Z": 0}, 7) == {"A": 7, "Z": 0}


def test_tie_for_the_last_seat_goes_to_more_votes_then_lot() -> None:
    # D'Hondt, 2 seats: A 20 -> seat 1; then A's 20/2 = 10 equals B's 10 for one seat.
    result = apportion("dhondt", {"A": 20, "B": 10}, 2)
    assert result.allocation == {"A": 2, "B": 0}
    (tie,) = result.all_ties()
    assert (tie.rule, tie.chosen, tie.seed) == ("forward", "A", None)
    # Equal votes: forward cannot separate them, so lot with the recorded seed.
    drawn = apportion("dhondt", {"A": 10, "B": 10}, 1)
    (tie,) = drawn.all_ties()
    assert tie.rule == "forward, then lot"
    assert tie.seed == drawn.seed == 0
    assert drawn.allocation is not None and sum(drawn.allocation.values()) == 1
    again = apportion("dhondt", {"B": 10, "A": 10}, 1)
    assert again.allocation == drawn.allocation  # same seed, same draw


def test_remainder_tie_for_fewer_seats_than_parties() -> None:
    result = apportion("hare", {"A": 1, "B": 1, "C": 1}, 2)
    assert result.allocation is not None and sum(result.allocation.values()) == 2
    ties = result.all_ties()
    assert len(ties) == 2 and all(t.purpose == "seat" for t in ties)
    assert ties[0].among == ("A", "B", "C")


def test_droop_with_more_seats_left_than_parties() -> None:
    # 2 votes, 5 seats: quota floor(2/6)+1 = 1; whole quotas 1 + 1, 3 left for 2
    # parties: one more each, the last by lot (equal remainders, equal votes).
    result = apportion("droop", {"A": 1, "B": 1}, 5)
    assert result.allocation is not None
    assert sorted(result.allocation.values()) == [2, 3]
    assert len(result.all_ties()) == 1


def test_fractional_votes_are_exact() -> None:
    votes = PartyVotes.of({"A": Fraction(1, 3), "B": Fraction(1, 6), "C": "1/2"})
    assert apportion("hare", votes, 6).allocation == {"A": 2, "B": 1, "C": 3}
    assert apportion("dhondt", votes, 6).allocation == {"A": 2, "B": 1, "C": 3}


def test_result_serialises_with_every_round() -> None:
    result = apportion("sainte-lague", TEXTBOOK, 8)
    data = result.to_dict()
    assert len(data["rounds"]) == 8
    assert data["rounds"][2]["tallies"]["A"] == "100000/3"
    assert '"allocation": {"A": 3' in result.to_json()


# --- properties --------------------------------------------------------------------

votes_strategy = st.dictionaries(
    st.sampled_from("ABCDEFGH"), st.integers(0, 100_000), min_size=1, max_size=8
).filter(lambda v: any(v.values()))
thresholds = st.sampled_from([Fraction(0), Fraction(1, 100), Fraction(5, 100), Fraction(1, 5)])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ALL), votes_strategy, st.integers(0, 60), thresholds)
def test_seats_filled_equal_seats(
    method: str, votes: dict[str, int], seats: int, threshold: Fraction
) -> None:
    total = sum(votes.values())
    passing = {p: v for p, v in votes.items() if v >= threshold * total}
    if seats > 0 and not any(passing.values()):
        # No party reaches the threshold: there is nobody to give the seats to.
        with pytest.raises(InvalidCount, match="reaches the threshold"):
            apportion(method, votes, seats, threshold=threshold)
        return
    result = apportion(method, votes, seats, threshold=threshold)
    assert result.allocation is not None
    assert sum(result.allocation.values()) == seats
    assert all(result.allocation[p] == 0 for p in votes if p not in passing)
    assert all(result.allocation[p] == 0 for p in votes if votes[p] == 0)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(DIVISOR), votes_strategy, st.integers(0, 40))
def test_divisor_methods_are_house_monotone(method: str, votes: dict[str, int], seats: int) -> None:
    before = seats_of(method, votes, seats)
    after = seats_of(method, votes, seats + 1)
    assert all(after[p] >= before[p] for p in votes)
    assert sum(after.values()) == sum(before.values()) + 1


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ALL), votes_strategy, st.integers(0, 40), st.randoms())
def test_party_order_does_not_matter(
    method: str, votes: dict[str, int], seats: int, rnd: random.Random
) -> None:
    items = list(votes.items())
    rnd.shuffle(items)
    assert seats_of(method, votes, seats) == seats_of(method, dict(items), seats)


@settings(max_examples=150, deadline=None)
@given(votes_strategy, st.integers(1, 40))
def test_divisor_allocations_satisfy_the_divisor_criterion(
    votes: dict[str, int], seats: int
) -> None:
    # An allocation s is D'Hondt's iff max v/(s+1) <= min over seated of v/s, and
    # Sainte-Laguë's iff max v/(2s+1) <= min over seated of v/(2s-1) (Pukelsheim 2017).
    for method, nxt, last in (
        ("dhondt", lambda s: s + 1, lambda s: s),
        ("sainte-lague", lambda s: 2 * s + 1, lambda s: 2 * s - 1),
    ):
        alloc = seats_of(method, votes, seats)
        best_unseated = max(Fraction(v, nxt(alloc[p])) for p, v in votes.items())
        worst_seated = min(Fraction(votes[p], last(s)) for p, s in alloc.items() if s > 0)
        assert best_unseated <= worst_seated


@settings(max_examples=150, deadline=None)
@given(votes_strategy, st.integers(1, 40))
def test_hare_stays_within_quota(votes: dict[str, int], seats: int) -> None:
    total = sum(votes.values())
    alloc = seats_of("hare", votes, seats)
    for party, v in votes.items():
        share = Fraction(v * seats, total)
        assert math.floor(share) <= alloc[party] <= math.ceil(share)


# --- oracles -----------------------------------------------------------------------


def _random_votes(rnd: random.Random, top: int = 200_000) -> dict[str, int]:
    n = rnd.randint(2, 7)
    return {f"P{i}": rnd.randint(0, top) for i in range(n)}


# Large vote counts rarely tie; small ones (up to 30) tie often and reach Droop's
# few-votes-per-seat case, so both are compared, each with its least count compared.
SCALES = [(200_000, 290), (30, 120)]


def _votelib_method(method: str) -> object:
    from votelib.component.divisor import modified_first_coef, sainte_lague
    from votelib.evaluate.proportional import HighestAverages, LargestRemainder

    return {
        "dhondt": lambda: HighestAverages("d_hondt"),
        "sainte-lague": lambda: HighestAverages("sainte_lague"),
        "sainte-lague-modified": lambda: HighestAverages(
            modified_first_coef(sainte_lague, Fraction(7, 5))
        ),
        "hare": lambda: LargestRemainder("hare"),
        "droop": lambda: LargestRemainder("droop"),
    }[method]()


def _droop_overflow(votes: dict[str, int], seats: int) -> bool:
    """Sovet's own rule applies: more seats left after whole quotas than parties."""
    quota = sum(votes.values()) // (seats + 1) + 1
    left = seats - sum(v // quota for v in votes.values())
    return left > sum(1 for v in votes.values() if v > 0)


@pytest.mark.oracle
@pytest.mark.parametrize(("top", "least"), SCALES)
@pytest.mark.parametrize("method", ALL)
def test_agrees_with_votelib(method: str, top: int, least: int) -> None:
    # votelib counts in exact fractions too. Documented differences filtered out:
    # a tie it leaves unresolved (it returns a Tie object; Sovet breaks it by the
    # declared policy), and Droop's case of more seats left than parties (Sovet's
    # own rule; votelib leaves those seats empty).
    from votelib.evaluate.core import Tie

    rnd = random.Random(f"votelib-{method}-{top}")
    evaluator = _votelib_method(method)
    compared = 0
    for _ in range(300):
        votes, seats = _random_votes(rnd, top), rnd.randint(1, 40)
        if not any(votes.values()):
            continue
        theirs = evaluator.evaluate(votes, seats)  # type: ignore[attr-defined]
        if any(isinstance(k, Tie) for k in theirs):
            continue
        if method == "droop" and _droop_overflow(votes, seats):
            continue
        expected = {p: theirs.get(p, 0) for p in votes}
        assert seats_of(method, votes, seats) == expected, (votes, seats)
        compared += 1
    assert compared >= least


def _float_fragile(votes: dict[str, int], seats: int, method: str) -> bool:
    """poli-sci-kit divides in floating point: skip Hare cases whose exact quota
    quotient is a whole number (a float may land just below it) and any case where
    Sovet's count met a tie (poli-sci-kit draws at random among equal votes)."""
    total = sum(votes.values())
    if method == "hare" and any((v * seats) % total == 0 and v for v in votes.values()):
        return True
    return bool(apportion(method, votes, seats).all_ties())


@pytest.mark.oracle
@pytest.mark.parametrize(("top", "least"), SCALES)
@pytest.mark.parametrize(
    ("method", "kind", "style"),
    [
        ("dhondt", "highest_averages", "Jefferson"),
        ("sainte-lague", "highest_averages", "Webster"),
        ("hare", "largest_remainder", "Hare"),
        ("droop", "largest_remainder", "Droop"),
    ],
)
def test_agrees_with_poli_sci_kit(method: str, kind: str, style: str, top: int, least: int) -> None:
    # Modified Sainte-Laguë is not compared: poli-sci-kit 1.1.0 applies its
    # ``modifier`` while a party holds 0 or 1 seats, not only for the first seat.
    from poli_sci_kit.appointment import methods

    func = getattr(methods, kind)
    rnd = random.Random(f"psk-{method}-{top}")
    compared = 0
    for _ in range(300):
        votes, seats = _random_votes(rnd, top), rnd.randint(1, 40)
        if not any(votes.values()) or _float_fragile(votes, seats, method):
            continue
        if method == "droop" and _droop_overflow(votes, seats):
            continue
        shares = list(votes.values())
        if kind == "highest_averages":
            theirs = func(averaging_style=style, shares=shares, total_alloc=seats)
        else:
            theirs = func(quota_style=style, shares=shares, total_alloc=seats)
        assert seats_of(method, votes, seats) == dict(zip(votes, theirs, strict=True))
        compared += 1
    assert compared >= least
