"""Majority rules, card votes and votes by delegation, with Sovet's 1917 votes."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import METHODS, BallotKind, InvalidBallot, InvalidCount, Tally
from sovet.count.majority import (
    ABSOLUTE_MEMBERS,
    ABSOLUTE_PRESENT,
    SIMPLE,
    THREE_QUARTERS,
    TWO_THIRDS,
    Base,
    MajorityRule,
    card_tally,
    decide,
    delegation_tally,
    delegation_vote,
)

RULES = {
    "majority-simple": SIMPLE,
    "majority-absolute-members": ABSOLUTE_MEMBERS,
    "majority-absolute-present": ABSOLUTE_PRESENT,
    "majority-two-thirds": TWO_THIRDS,
    "majority-three-quarters": THREE_QUARTERS,
}


def test_each_rule_is_registered_as_a_tally_method() -> None:
    for method, rule in RULES.items():
        info = METHODS[method]
        assert info.ballot is BallotKind.TALLY
        result = info.func(Tally(7, 2, 1), present=10, members=12)
        assert result.method == method
        decision = decide(Tally(7, 2, 1), rule, present=10, members=12)
        assert result.elected == (decision.outcome,)
        assert result.quota == decision.needed


# --- 1917 votes (shared/facts/seed-facts.yaml) -------------------------------------


def test_central_committee_burning_the_letter_abstentions_decide_the_base() -> None:
    # cc-burn-lenin-letter: "by six votes against four with six abstaining".
    tally = Tally(6, 4, 6)
    simple = decide(tally, SIMPLE)
    assert simple.adopted and simple.base_size == 10 and simple.needed == 6
    # Of the 16 present, 6 is not more than half: abstentions count against.
    present = decide(tally, ABSOLUTE_PRESENT, present=16)
    assert not present.adopted and present.needed == 9


def test_pre_parliament_formulas_both_fail() -> None:
    # preparl-sr-formula-vote: 95 for, 127 against, 50 abstaining;
    # preparl-right-formula-vote: 135 against 139 - "There was no majority."
    assert not decide(Tally(95, 127, 50), SIMPLE).adopted
    right = decide(Tally(135, 139), SIMPLE)
    assert not right.adopted and right.needed == 138


def test_a_tie_fails() -> None:
    # cc-preparl-boycott-split: "one-half of the members ... against the other
    # half" (no counts given; 5 against 5 stands for it).
    decision = decide(Tally(5, 5), SIMPLE)
    assert not decision.adopted and decision.needed == 6
    assert delegation_vote(Tally(5, 5)) == "abstain"


def test_sr_faction_rejects_withdrawal() -> None:
    # congress2-sr-faction-split: "rejected by 92 votes against 60".
    assert not decide(Tally(60, 92), SIMPLE).adopted


def test_kiev_and_the_soldiers_section_pass_every_rule() -> None:
    # kiev-soviet-vote: 159 for, 28 against, 3 abstaining. Cast 187: two-thirds
    # needs ceil(124.67) = 125, three-quarters ceil(140.25) = 141.
    kiev = Tally(159, 28, 3)
    assert decide(kiev, TWO_THIRDS).needed == 125
    assert decide(kiev, THREE_QUARTERS).needed == 141
    assert all(decide(kiev, r, present=190).adopted for r in (SIMPLE, TWO_THIRDS, ABSOLUTE_PRESENT))
    # mrc-regulations-soldiers-section-vote: 283 for, 1 against, 23 abstaining.
    mrc = Tally(283, 1, 23)
    assert decide(mrc, ABSOLUTE_PRESENT, present=307).needed == 154
    assert all(
        decide(mrc, r, present=307).adopted for r in RULES.values() if r.base is not Base.MEMBERS
    )


def test_an_estimated_tally_is_flagged_never_a_count() -> None:
    # mrc-regulations-plenary: "adopted by an overwhelming majority", no tally;
    # about fifty Mensheviks in the Soviet. The chair's estimate is recorded as such.
    estimate = Tally(for_=400, against=50, estimated=True)
    decision = decide(estimate, SIMPLE)
    assert decision.adopted and decision.estimated
    assert "estimate" in decision.explain()
    result = METHODS["majority-simple"].func(estimate)
    assert any("estimated" in note for note in result.notes)
    assert not decide(Tally(400, 50), SIMPLE).estimated


# --- votes needed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "base", "needed"),
    [
        (SIMPLE, 10, 6),
        (SIMPLE, 11, 6),
        (SIMPLE, 1, 1),
        (TWO_THIRDS, 9, 6),
        (TWO_THIRDS, 10, 7),
        (THREE_QUARTERS, 8, 6),
        (THREE_QUARTERS, 10, 8),
        (ABSOLUTE_MEMBERS, 101, 51),
        (ABSOLUTE_MEMBERS, 100, 51),
        (SIMPLE, 0, 1),  # nothing cast: a motion still needs a vote for
        (TWO_THIRDS, 0, 1),
    ],
)
def test_votes_needed(rule: MajorityRule, base: int, needed: int) -> None:
    assert rule.needed(base) == needed


def test_absolute_majority_of_members_counts_the_absent() -> None:
    # A 101-member committee, 60 present: 45 for, 10 against is a simple majority
    # of votes cast but not 51 of the 101.
    tally = Tally(45, 10, 5)
    assert decide(tally, SIMPLE).adopted
    decision = decide(tally, ABSOLUTE_MEMBERS, present=60, members=101)
    assert not decision.adopted
    assert (decision.base, decision.base_size, decision.needed) == (Base.MEMBERS, 101, 51)


def test_two_thirds_means_at_least_twice_as_many_for_as_against() -> None:
    assert decide(Tally(20, 10), TWO_THIRDS).adopted  # exactly two-thirds passes
    assert not decide(Tally(19, 10), TWO_THIRDS).adopted
    assert decide(Tally(30, 10), THREE_QUARTERS).adopted
    assert not decide(Tally(29, 10), THREE_QUARTERS).adopted


def test_a_qualified_majority_of_a_given_base() -> None:
    of_members = MajorityRule("two-thirds of the members", Fraction(2, 3), Base.MEMBERS, False)
    decision = decide(Tally(60, 5, 10), of_members, members=101)
    assert decision.needed == 68 and not decision.adopted


def test_bad_bases_are_refused() -> None:
    with pytest.raises(InvalidCount, match="present"):
        decide(Tally(6, 4, 6), ABSOLUTE_PRESENT, present=15)
    with pytest.raises(InvalidCount, match="needs the number present"):
        decide(Tally(6, 4), ABSOLUTE_PRESENT)
    with pytest.raises(InvalidCount, match="needs the number of members"):
        decide(Tally(6, 4), ABSOLUTE_MEMBERS, present=10)
    with pytest.raises(InvalidCount, match="members"):
        decide(Tally(6, 4), SIMPLE, present=12, members=11)
    with pytest.raises(InvalidCount, match="members"):
        decide(Tally(6, 4, 3), ABSOLUTE_MEMBERS, members=12)
    with pytest.raises(InvalidCount, match="threshold"):
        MajorityRule("none", Fraction(0), Base.CAST, strict=True)


# --- card votes and votes by delegation --------------------------------------------


def test_card_tally_weights_each_card() -> None:
    cards = [("for", 1200), ("against", 300), ("for", 50), ("abstain", 75)]
    assert card_tally(cards) == Tally(1250, 300, 75)
    with pytest.raises(InvalidBallot, match="card 2"):
        card_tally([("for", 1), ("maybe", 2)])
    with pytest.raises(InvalidBallot, match="weight"):
        card_tally([("for", -1)])


def test_delegation_tally_one_each_and_by_weight() -> None:
    # congress2-straw-vote-by-soviet: the counting unit is the soviet. Three
    # soviets: the first splits 7-3 (for), the second 2-5 (against), the third 4-4
    # (tied: it abstains).
    soviets = {"Kiev": Tally(7, 3), "Ural": Tally(2, 5, 1), "Reval": Tally(4, 4)}
    assert delegation_tally(soviets) == Tally(1, 1, 1)
    weights = {"Kiev": 120_000, "Ural": 223_900, "Reval": 40_000}
    assert delegation_tally(soviets, "weight", weights=weights) == Tally(120_000, 223_900, 40_000)
    # Without weights, a delegation weighs as many as voted or abstained in it.
    assert delegation_tally(soviets, "weight") == Tally(10, 8, 8)
    with pytest.raises(InvalidCount, match="Reval"):
        delegation_tally(soviets, "weight", weights={"Kiev": 1, "Ural": 1})
    with pytest.raises(InvalidCount, match="mode"):
        delegation_tally(soviets, "each")  # type: ignore[arg-type]


def test_an_estimated_delegation_makes_the_whole_tally_an_estimate() -> None:
    tally = delegation_tally({"a": Tally(5, 1), "b": Tally(3, 1, estimated=True)})
    assert tally.estimated and tally == Tally(2, 0, 0, estimated=True)


# --- properties --------------------------------------------------------------------

rules = st.sampled_from(
    [
        *RULES.values(),
        MajorityRule("three-fifths of present", Fraction(3, 5), Base.PRESENT, strict=False),
        MajorityRule("more than 2/3 of members", Fraction(2, 3), Base.MEMBERS, strict=True),
    ]
)


@st.composite
def sittings(draw: st.DrawFn) -> tuple[Tally, int, int]:
    tally = Tally(draw(st.integers(0, 60)), draw(st.integers(0, 60)), draw(st.integers(0, 30)))
    present = tally.participating + draw(st.integers(0, 20))
    return tally, present, present + draw(st.integers(0, 20))


@settings(max_examples=200, deadline=None)
@given(rules, sittings(), st.sampled_from(["from against", "from abstain", "newcomer"]))
def test_one_more_vote_for_never_turns_adopted_into_rejected(
    rule: MajorityRule, sitting: tuple[Tally, int, int], change: str
) -> None:
    tally, present, members = sitting
    before = decide(tally, rule, present=present, members=members)
    if change == "from against" and tally.against:
        tally = Tally(tally.for_ + 1, tally.against - 1, tally.abstain)
    elif change == "from abstain" and tally.abstain:
        tally = Tally(tally.for_ + 1, tally.against, tally.abstain - 1)
    else:
        tally = Tally(tally.for_ + 1, tally.against, tally.abstain)
        present, members = present + 1, members + 1
    after = decide(tally, rule, present=present, members=members)
    assert after.adopted or not before.adopted


@settings(max_examples=200, deadline=None)
@given(rules, sittings())
def test_decision_matches_the_rule_as_written(
    rule: MajorityRule, sitting: tuple[Tally, int, int]
) -> None:
    tally, present, members = sitting
    decision = decide(tally, rule, present=present, members=members)
    base = {Base.CAST: tally.cast, Base.PRESENT: present, Base.MEMBERS: members}[rule.base]
    share = rule.threshold * base
    meets = tally.for_ > share if rule.strict else tally.for_ >= share
    assert decision.adopted == (meets and tally.for_ >= 1)
    assert decision.base_size == base


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["for", "against", "abstain"]), st.integers(0, 1000)),
        max_size=12,
    ),
    st.randoms(),
)
def test_card_order_and_splitting_do_not_matter(
    cards: list[tuple[str, int]], rnd: random.Random
) -> None:
    split: list[tuple[str, int]] = []
    for choice, weight in cards:
        k = rnd.randint(0, weight)
        split += [(choice, k), (choice, weight - k)]
    rnd.shuffle(split)
    assert card_tally(split) == card_tally(cards)
