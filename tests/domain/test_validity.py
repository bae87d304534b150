"""Whether an order binds each addressee: the rule of sovet.domain.validity, case by
case, and two properties of it (M17, M19, M27)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sovet.domain.allegiance import Allegiance
from sovet.domain.countersign import CountersignPolicy
from sovet.domain.errors import InvalidInput
from sovet.domain.orders import Order, Signature, SignOff
from sovet.domain.validity import PolicyState, Validity, check_policy, evaluate, evaluate_all

OFFICES = ("c1", "c2", "c3")


def hq_order(signed: Sequence[str] = (), refused: Sequence[str] = (), issuer: str = "hq") -> Order:
    o = Order("o1", issuer, "movement", ("u", "v"), "Stay")
    for office in signed:
        o.signatures[office] = Signature(office, f"m-{office}", True)
    for office in refused:
        o.signatures[office] = Signature(office, f"m-{office}", False, "no")
    return o


def policy(
    setter: str = "mrc",
    needed: int = 1,
    signatories: Sequence[str] = OFFICES,
    *,
    types: tuple[str, ...] = (),
    issuers: tuple[str, ...] = (),
    addressees: tuple[str, ...] = (),
    sign_off: str | None = None,
) -> CountersignPolicy:
    names = () if sign_off is not None else tuple(signatories)
    return CountersignPolicy(setter, "p", types, issuers, addressees, names, needed, sign_off)


def allegiance(unit: str = "u", **authorities: str) -> Allegiance:
    a = Allegiance(unit)
    for authority, kind in authorities.items():
        a.declare(authority, kind)
    return a


def status(
    o: Order,
    a: Allegiance,
    policies: Sequence[CountersignPolicy] = (),
    in_post: Sequence[str] = OFFICES,
) -> Validity:
    return evaluate(o, a.unit, a, policies, in_post).status


# -- the cases ------------------------------------------------------------------------------
def test_an_order_from_an_authority_the_unit_does_not_recognise_is_advisory() -> None:
    verdict = evaluate(hq_order(), "u", allegiance(), [policy()], OFFICES)
    assert verdict.status is Validity.ADVISORY
    assert verdict.reason == (
        "u obeys neither hq nor any authority whose countersign policy covers this order, "
        "so it is advisory for u (u recognises no authority)"
    )


def test_an_order_of_an_obeyed_issuer_under_no_policy_is_valid() -> None:
    verdict = evaluate(hq_order(), "u", allegiance(hq="obeys"), [policy()], OFFICES)
    assert verdict.status is Validity.VALID
    assert verdict.checks == ()
    assert "it obeys hq, which issued it" in verdict.reason


def test_an_obeyed_authoritys_policy_backs_an_order_once_countersigned() -> None:
    a = allegiance(mrc="obeys")
    assert status(hq_order(), a, [policy()]) is Validity.PENDING
    verdict = evaluate(hq_order(signed=["c2"]), "u", a, [policy()], OFFICES)
    assert verdict.status is Validity.VALID
    assert verdict.reason == (
        "binds u: it obeys mrc, whose policy mrc/p is satisfied; "
        "mrc/p countersigned by c2 (1 of the 1 needed)"
    )


def test_one_refusal_is_not_final_while_others_may_still_countersign() -> None:
    a = allegiance(mrc="obeys")
    assert status(hq_order(refused=["c1"]), a, [policy()]) is Validity.PENDING
    assert status(hq_order(refused=["c1", "c2"]), a, [policy()]) is Validity.PENDING
    verdict = evaluate(hq_order(refused=OFFICES), "u", a, [policy()], OFFICES)
    assert verdict.status is Validity.REFUSED
    assert verdict.reason == (
        "mrc/p refused by c1, c2, c3: 0 countersigned and 0 may still sign, fewer than the 1 needed"
    )
    two_of_three = [policy(needed=2)]
    assert status(hq_order(["c1"], ["c2"]), a, two_of_three) is Validity.PENDING
    assert status(hq_order(["c1"], ["c2", "c3"]), a, two_of_three) is Validity.REFUSED


def test_signatures_count_only_from_designated_offices_in_post() -> None:
    a = allegiance(mrc="obeys")
    verdict = evaluate(hq_order(signed=["c1"]), "u", a, [policy()], ("c2", "c3"))
    assert verdict.status is Validity.PENDING
    assert verdict.checks[0].counted == ()
    assert "not counted, no longer in office: c1" in verdict.reason
    # A signature from an office the policy does not designate counts for nothing.
    assert status(hq_order(signed=["c9"]), a, [policy()], ("c1", "c9")) is Validity.PENDING
    # A refusal by an office since ended no longer counts either.
    only_c1 = [policy(signatories=["c1"])]
    verdict = evaluate(hq_order(refused=["c1"]), "u", a, only_c1, ())
    assert verdict.status is Validity.PENDING
    assert "the signatories in office cannot reach it, others must be designated" in (
        verdict.reason
    )


def test_authorities_the_unit_obeys_disagreeing_make_the_order_contested() -> None:
    both = allegiance(hq="obeys", mrc="obeys")
    verdict = evaluate(hq_order(refused=OFFICES), "u", both, [policy()], OFFICES)
    assert verdict.status is Validity.CONTESTED
    assert verdict.reason.startswith(
        "authority is contested for u: it obeys hq, which issued it; but it also obeys mrc"
    )
    # Two obeyed authorities' policies disagree, the issuer aside.
    two = allegiance(mrc="obeys", soviet="obeys")
    policies = [policy(), policy("soviet", signatories=["c3"])]
    assert status(hq_order(["c1"], ["c3"]), two, policies) is Validity.CONTESTED


def test_an_accepted_countersign_refused_is_final_not_contested() -> None:
    a = allegiance(hq="obeys", mrc="accepts-countersign")
    assert status(hq_order(refused=OFFICES), a, [policy()]) is Validity.REFUSED
    assert status(hq_order(), a, [policy()]) is Validity.PENDING
    assert status(hq_order(signed=["c1"]), a, [policy()]) is Validity.VALID
    # Accepting a countersign gives no authority of its own to order.
    only = allegiance(mrc="accepts-countersign")
    assert status(hq_order(signed=["c1"]), only, [policy()]) is Validity.ADVISORY


def test_an_issuers_own_policy_refused_refuses_without_contest() -> None:
    own = [policy("hq", signatories=["c1"])]
    assert status(hq_order(refused=["c1"]), allegiance(hq="obeys"), own) is Validity.REFUSED


def test_allegiance_and_policies_apply_per_order_type_and_addressee() -> None:
    a = Allegiance("u")
    a.declare("hq", "obeys", ("mobilisation",))
    assert status(hq_order(), a) is Validity.ADVISORY
    a.declare("hq", "obeys", ("movement",))
    assert status(hq_order(), a) is Validity.VALID
    obeys_mrc = allegiance(hq="obeys", mrc="obeys")
    for uncovering in (
        policy(types=("transfer",)),
        policy(issuers=("cec",)),
        policy(addressees=("v",)),
    ):
        assert status(hq_order(refused=OFFICES), obeys_mrc, [uncovering]) is Validity.VALID
    assert status(hq_order(), obeys_mrc, [policy(addressees=("u",))]) is Validity.PENDING


def test_a_policy_may_need_a_bodys_sign_off() -> None:
    sections = policy(sign_off="soldiers", needed=0)
    o = hq_order()
    check = check_policy(sections, o, OFFICES)
    assert (check.state, check.reason) == (
        PolicyState.PENDING,
        "mrc/p awaits the sign-off of soldiers",
    )
    o.sign_offs["soldiers"] = SignOff("soldiers", True)
    assert check_policy(sections, o, OFFICES).state is PolicyState.SATISFIED
    o.sign_offs["soldiers"] = SignOff("soldiers", False, "no countersign")
    refused = check_policy(sections, o, OFFICES)
    assert refused.reason == "mrc/p soldiers refused its sign-off: no countersign"
    assert status(o, allegiance(hq="obeys", mrc="accepts-countersign"), [sections]) is (
        Validity.REFUSED
    )


def test_a_pending_policy_keeps_the_order_pending_beside_a_satisfied_one() -> None:
    a = allegiance(mrc="obeys", soviet="obeys")
    policies = [policy(), policy("soviet", signatories=["c3"])]
    assert status(hq_order(signed=["c1"]), a, policies) is Validity.PENDING
    assert status(hq_order(signed=["c1", "c3"]), a, policies) is Validity.VALID


def test_evaluate_refuses_a_unit_that_is_not_an_addressee_and_a_stranger_allegiance() -> None:
    with pytest.raises(InvalidInput, match="order o1 is not addressed to w"):
        evaluate(hq_order(), "w", allegiance("w"), [], OFFICES)
    with pytest.raises(InvalidInput, match="the allegiance given is v's, not u's"):
        evaluate(hq_order(), "u", allegiance("v"), [], OFFICES)


def test_every_addressee_gets_a_verdict_in_order() -> None:
    verdicts = evaluate_all(hq_order(), {"v": allegiance("v", hq="obeys")}, [policy()], OFFICES)
    assert [(v.unit, v.status) for v in verdicts] == [
        ("u", Validity.ADVISORY),
        ("v", Validity.VALID),
    ]


# -- properties -------------------------------------------------------------------------------
KINDS = st.sampled_from(["obeys", "accepts-countersign", None])
ANSWERS = st.sampled_from(["signed", "refused", None])


@st.composite
def situations(draw: st.DrawFn) -> tuple[Order, Allegiance, list[CountersignPolicy], list[str]]:
    a = Allegiance("u")
    for authority in ("hq", "mrc", "soviet"):
        kind = draw(KINDS)
        if kind is not None:
            a.declare(authority, kind)
    policies = []
    for setter in draw(st.lists(st.sampled_from(["hq", "mrc", "soviet"]), unique=True)):
        names = draw(st.lists(st.sampled_from(OFFICES), min_size=1, unique=True))
        k = draw(st.integers(1, len(names)))
        policies.append(policy(setter, k, names))
    answers = {o: draw(ANSWERS) for o in OFFICES}
    o = hq_order(
        [x for x, v in answers.items() if v == "signed"],
        [x for x, v in answers.items() if v == "refused"],
    )
    in_post = draw(st.lists(st.sampled_from(OFFICES), unique=True))
    return o, a, policies, in_post


@given(situations(), st.sampled_from(OFFICES))
def test_a_further_countersignature_never_undoes_validity_nor_a_refusal(
    situation: tuple[Order, Allegiance, list[CountersignPolicy], list[str]], office: str
) -> None:
    o, a, policies, in_post = situation
    before = status(o, a, policies, in_post)
    if office in o.signatures:
        return
    o.signatures[office] = Signature(office, "m", True)
    after = status(o, a, policies, in_post)
    if before is Validity.VALID:
        assert after is Validity.VALID
    if before in (Validity.REFUSED, Validity.CONTESTED):
        assert after in (Validity.REFUSED, Validity.CONTESTED)
    if before is Validity.ADVISORY:
        assert after is Validity.ADVISORY


@given(situations())
def test_the_verdict_does_not_depend_on_the_order_signatures_arrived_in(
    situation: tuple[Order, Allegiance, list[CountersignPolicy], list[str]],
) -> None:
    o, a, policies, in_post = situation
    reordered = hq_order()
    reordered.signatures = dict(reversed(list(o.signatures.items())))
    assert evaluate(o, "u", a, policies, in_post) == evaluate(reordered, "u", a, policies, in_post)
