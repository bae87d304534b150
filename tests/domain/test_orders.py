"""Orders and their signatures, countersign policies, and allegiance (M17, M19)."""

from __future__ import annotations

import pytest

from sovet.domain.allegiance import Allegiance, AllegianceKind
from sovet.domain.countersign import PolicyBook
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotFound,
)
from sovet.domain.events import EVENT_TYPES, event_from_entry
from sovet.domain.offices import Office
from sovet.domain.orders import Order
from sovet.domain.organisation import Organisation


def organisation() -> Organisation:
    org = Organisation("p", "Petrograd")
    for key, kind in (
        ("mrc", "commission"),
        ("district-hq", "executive"),
        ("grenadiers", "unit"),
        ("cavalry", "unit"),
    ):
        org.create_body(key, key, kind)
    return org


ORG = organisation()


def commissar(key: str, *, powers: tuple[str, ...] = ("observe", "countersign")) -> Office:
    return Office.attach(
        key,
        f"m-{key}",
        ORG.bodies["mrc"],
        ORG.bodies["district-hq"],
        f"No. {key}",
        powers=powers,
    )


def order(key: str = "o1", **kwargs: object) -> Order:
    return Order.issue(
        ORG, key, "district-hq", "movement", ("grenadiers", "cavalry"), "Stay", **kwargs
    )


# -- orders ------------------------------------------------------------------------------
def test_an_order_names_its_issuer_type_addressees_and_content() -> None:
    o = order()
    assert (o.issuer, o.type, o.addressees, o.office) == (
        "district-hq",
        "movement",
        ("grenadiers", "cavalry"),
        None,
    )
    with pytest.raises(InvalidInput, match="order o2: name at least one addressee"):
        Order.issue(ORG, "o2", "mrc", "movement", (), "Stay")
    with pytest.raises(InvalidInput, match="an addressee is named twice"):
        Order.issue(ORG, "o2", "mrc", "movement", ("cavalry", "cavalry"), "Stay")
    with pytest.raises(InvalidInput, match="mrc cannot address an order to itself"):
        Order.issue(ORG, "o2", "mrc", "movement", ("mrc",), "Stay")
    with pytest.raises(NotFound, match="has no body 'navy'"):
        Order.issue(ORG, "o2", "mrc", "movement", ("navy",), "Stay")
    with pytest.raises(InvalidInput, match="order o2: content must not be empty"):
        Order.issue(ORG, "o2", "mrc", "movement", ("cavalry",), " ")
    with pytest.raises(InvalidInput, match="order type key 'Move' is invalid"):
        Order.issue(ORG, "o2", "mrc", "Move", ("cavalry",), "Stay")


def test_an_office_issues_orders_only_with_the_power_and_for_its_own_body() -> None:
    issuing = commissar("c9", powers=("issue-orders", "countersign"))
    o = Order.issue(ORG, "o2", "mrc", "issue-arms", ("cavalry",), "Issue rifles", office=issuing)
    assert (o.issuer, o.office) == ("mrc", "c9")
    with pytest.raises(InvalidInput, match="office c9 acts for mrc, not for district-hq"):
        Order.issue(ORG, "o3", "district-hq", "x", ("cavalry",), "y", office=issuing)
    with pytest.raises(InvalidInput, match="office c1 holds no power to issue orders"):
        Order.issue(ORG, "o3", "mrc", "x", ("cavalry",), "y", office=commissar("c1"))
    issuing.order_removal("mrc", "recalled")
    with pytest.raises(InvalidInput, match="office c9 has ended"):
        Order.issue(ORG, "o3", "mrc", "x", ("cavalry",), "y", office=issuing)


def test_each_office_countersigns_or_refuses_once() -> None:
    o, c1, c2 = order(), commissar("c1"), commissar("c2")
    o.countersign(c1)
    o.refuse(c2, "not the Soviet's order", on_paper=True)
    assert o.signatures["c1"].given and not o.signatures["c2"].given
    assert o.signatures["c2"].on_paper
    with pytest.raises(AlreadyExists, match="office c1 has already countersigned it"):
        o.refuse(c1, "changed my mind")
    with pytest.raises(AlreadyExists, match="office c2 has already refused to countersign it"):
        o.countersign(c2)
    with pytest.raises(InvalidInput, match="reason for refusing must not be empty"):
        order().refuse(c1, "")


def test_only_an_office_in_post_with_the_countersign_power_signs() -> None:
    observer, ended = commissar("c3", powers=("observe",)), commissar("c4")
    ended.order_removal("mrc", "recalled")
    with pytest.raises(InvalidInput, match="office c3 holds no countersign power"):
        order().countersign(observer)
    with pytest.raises(InvalidTransition, match="office c4 was ended by mrc; it signs no more"):
        order().countersign(ended)


def test_a_body_signs_off_once_and_refuses_with_a_reason() -> None:
    o = order()
    o.sign_off("mrc", True)
    with pytest.raises(AlreadyExists, match="mrc has already approved it"):
        o.sign_off("mrc", False, "no")
    with pytest.raises(InvalidInput, match="reason for refusing the sign-off"):
        o.sign_off("cavalry", False)
    o.sign_off("cavalry", False, "not ours")
    assert not o.sign_offs["cavalry"].approved


def test_an_order_replays_from_its_events() -> None:
    o = order()
    o.countersign(commissar("c1"))
    o.refuse(commissar("c2"), "no")
    o.sign_off("mrc", True)
    again = Order.replay(event_from_entry(e.op, e.payload()) for e in o.pending)
    assert (again.signatures, again.sign_offs, again.addressees) == (
        o.signatures,
        o.sign_offs,
        o.addressees,
    )
    with pytest.raises(InvalidInput, match=r"first event must be order\.issue"):
        Order.replay(o.pending[1:])


# -- countersign policies ---------------------------------------------------------------
def test_a_policy_needs_k_of_n_offices_or_a_body_sign_off_not_both() -> None:
    book = PolicyBook("mrc")
    offices = [commissar("c1"), commissar("c2"), commissar("c3")]
    book.set("hq", signatories=offices, needed=1, issuers=("district-hq",))
    policy = book.policy("hq")
    assert (policy.ref, policy.signatories, policy.needed) == ("mrc/hq", ("c1", "c2", "c3"), 1)
    assert policy.describe() == (
        "policy mrc/hq: orders of any type; from district-hq; to any addressee need "
        "1 of 3 countersignatures (c1, c2, c3)"
    )
    with pytest.raises(InvalidInput, match="needed must be between 1 and the 3 signatories"):
        book.set("x", signatories=offices, needed=4)
    with pytest.raises(InvalidInput, match="not 0"):
        book.set("x", signatories=offices, needed=0)
    with pytest.raises(InvalidInput, match="name the signatories or a sign-off body"):
        book.set("x")
    with pytest.raises(InvalidInput, match="name signatories or a sign-off body, not both"):
        book.set("x", signatories=offices, sign_off="soldiers")
    with pytest.raises(InvalidInput, match="policy mrc/x: signatory c1 listed twice"):
        book.set("x", signatories=[offices[0], offices[0]])
    with pytest.raises(InvalidInput, match="policy mrc/x: order type a listed twice"):
        book.set("x", signatories=offices, types=("a", "a"))
    book.set("soldiers", sign_off="soldiers-section", types=("movement",))
    assert book.policy("soldiers").needed == 0


def test_a_policy_designates_only_offices_in_post_with_the_countersign_power() -> None:
    observer, ended = commissar("c1", powers=("observe",)), commissar("c2")
    ended.order_removal("mrc", "recalled")
    with pytest.raises(InvalidInput, match="office c1 holds no countersign power"):
        PolicyBook("mrc").set("x", signatories=[observer])
    with pytest.raises(InvalidInput, match="office c2 has ended"):
        PolicyBook("mrc").set("x", signatories=[ended])


def test_setting_a_policy_again_replaces_it_and_a_revoked_one_no_longer_applies() -> None:
    book = PolicyBook("mrc")
    book.set("hq", signatories=[commissar("c1")])
    book.set("hq", signatories=[commissar("c1"), commissar("c2")], needed=2)
    assert book.policy("hq").needed == 2
    book.revoke("hq", "superseded")
    assert "hq" not in book.policies
    with pytest.raises(InvalidTransition, match="policy mrc/hq is already revoked"):
        book.revoke("hq", "again")
    with pytest.raises(NotFound, match="body mrc has no countersign policy 'none'"):
        book.revoke("none", "x")
    book.set("hq", signatories=[commissar("c1")])
    again = PolicyBook.replay("mrc", (event_from_entry(e.op, e.payload()) for e in book.pending))
    assert again.policies == book.policies


def test_a_policy_covers_by_type_issuer_or_issuing_office_and_addressee() -> None:
    book = PolicyBook("mrc")
    book.set(
        "p",
        signatories=[commissar("c1")],
        types=("movement",),
        issuers=("district-hq", "c7"),
        addressees=("grenadiers",),
    )
    policy = book.policy("p")
    assert policy.covers("movement", "district-hq", None, "grenadiers")
    assert policy.covers("movement", "somebody", "c7", "grenadiers")
    assert not policy.covers("transfer", "district-hq", None, "grenadiers")
    assert not policy.covers("movement", "cec", None, "grenadiers")
    assert not policy.covers("movement", "district-hq", None, "cavalry")


# -- allegiance -----------------------------------------------------------------------
def test_a_unit_obeys_or_accepts_the_countersign_of_authorities_per_order_type() -> None:
    a = Allegiance("grenadiers")
    a.declare("congress", "obeys", ("mobilisation",))
    a.declare("soldiers-section", "accepts-countersign")
    assert a.obeys("congress", "mobilisation") and not a.obeys("congress", "transfer")
    assert a.accepts("soldiers-section", "transfer")
    assert not a.obeys("soldiers-section", "transfer")
    assert not a.accepts("party", "mobilisation")
    assert a.describe() == (
        "grenadiers obeys congress (orders of type mobilisation); "
        "accepts the countersign of soldiers-section"
    )
    a.declare("congress", "obeys")
    assert a.obeys("congress", "transfer")
    a.withdraw("congress", "the Congress dispersed")
    assert not a.accepts("congress", "transfer")
    assert a.authorities["soldiers-section"].kind is AllegianceKind.ACCEPTS_COUNTERSIGN
    again = Allegiance.replay(
        "grenadiers", (event_from_entry(e.op, e.payload()) for e in a.pending)
    )
    assert again.authorities == a.authorities


def test_allegiance_rules() -> None:
    a = Allegiance("grenadiers")
    with pytest.raises(InvalidInput, match="cannot declare allegiance to itself"):
        a.declare("grenadiers")
    with pytest.raises(InvalidInput, match="unknown allegiance of grenadiers: kind 'loves'"):
        a.declare("mrc", "loves")
    with pytest.raises(InvalidInput, match="an order type is listed twice"):
        a.declare("mrc", "obeys", ("x", "x"))
    with pytest.raises(NotFound, match="grenadiers does not recognise 'mrc'"):
        a.withdraw("mrc")
    assert Allegiance("cavalry").describe() == "cavalry recognises no authority"


def test_every_order_policy_and_allegiance_event_has_its_own_operation_and_stream() -> None:
    o = order()
    o.countersign(commissar("c1"))
    o.refuse(commissar("c2"), "no")
    o.sign_off("mrc", True)
    book = PolicyBook("mrc")
    book.set("p", signatories=[commissar("c1")])
    book.revoke("p", "superseded")
    a = Allegiance("grenadiers")
    a.declare("mrc")
    a.withdraw("mrc")
    events = [*o.pending, *book.pending, *a.pending]
    modules = ("sovet.domain.order_events", "sovet.domain.allegiance_events")
    assert {e.op for e in events} == {
        op for op, cls in EVENT_TYPES.items() if cls.__module__ in modules
    }
    assert {e.stream() for e in events} == {"order:o1", "policies:mrc", "allegiance:grenadiers"}
    assert all(e.subjects()[0] == e.stream() for e in events)
