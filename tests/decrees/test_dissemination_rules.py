"""The pure rules of dissemination (M13): the scope's walk, the response ladder, and
the compliance count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sovet.domain.dissemination import (
    Reach,
    ReceiptState,
    Tallies,
    branches_below,
    check_response,
    parse_state,
    reach_scope,
    scope_digest,
    summarise,
)
from sovet.domain.errors import InvalidInput, InvalidTransition, NotFound
from sovet.domain.organisation import Organisation


def org_with(edges: list[tuple[str, str]], links: list[tuple[str, str, str]] = ()) -> Organisation:  # type: ignore[assignment]
    """``edges`` (upper, lower) as constituencies; ``links`` as (source, target, kind)."""
    org = Organisation.create("o", "O")
    names = {b for e in edges for b in e} | {b for s, t, _ in links for b in (s, t)}
    for name in sorted(names):
        org.create_body(name, name, "council")
    org.set_norm("one", "fixed", seats=1)
    for i, (upper, lower) in enumerate(edges):
        org.create_constituency(f"c{i}", upper, lower, norm="one")
    for source, target, kind in links:
        org.link(source, target, kind)
    return org


def test_tiers_and_parents_of_a_tree() -> None:
    org = org_with([("top", "a"), ("top", "b"), ("a", "a1"), ("a1", "a11")])
    assert reach_scope(org, "top", (), None) == {
        "a": Reach(1, "top"),
        "b": Reach(1, "top"),
        "a1": Reach(2, "a"),
        "a11": Reach(3, "a1"),
    }


def test_a_body_reached_twice_takes_its_smallest_tier_and_smallest_parent() -> None:
    # x sits under both b and a (a DAG): parent is the smaller key at the tier above;
    # y is under a directly (tier 2) and under x (tier 3): tier 2 wins.
    org = org_with([("top", "b"), ("top", "a"), ("b", "x"), ("a", "x"), ("a", "y"), ("x", "y")])
    reach = reach_scope(org, "top", (), None)
    assert reach["x"] == Reach(2, "a")
    assert reach["y"] == Reach(2, "a")


def test_sections_and_decrees_apply_to_links_are_below() -> None:
    org = org_with(
        [("top", "a")], [("sec", "top", "section-of"), ("top", "outside", "decrees-apply-to")]
    )
    assert set(reach_scope(org, "top", (), None)) == {"a", "sec", "outside"}


def test_roots_depth_and_loops() -> None:
    org = org_with([("top", "a"), ("top", "b"), ("a", "a1"), ("a1", "a11")])
    assert reach_scope(org, "top", ("a",), None) == {
        "a": Reach(1, "top"),
        "a1": Reach(2, "a"),
        "a11": Reach(3, "a1"),
    }
    assert set(reach_scope(org, "top", (), 2)) == {"a", "b", "a1"}
    looped = org_with([("top", "a")], [("a", "top", "decrees-apply-to")])
    assert reach_scope(looped, "top", (), None) == {"a": Reach(1, "top")}  # never itself


def test_the_digest_binds_the_listing() -> None:
    a = {"x": Reach(1, "top"), "y": Reach(2, "x")}
    assert scope_digest(a) == scope_digest(dict(reversed(list(a.items()))))
    assert scope_digest(a) != scope_digest({"x": Reach(1, "top"), "y": Reach(2, "top")})


LADDER = ["received", "acknowledged", "adopted", "implemented"]


@pytest.mark.parametrize(
    ("current", "new", "ok"),
    [
        ("sent", "received", True),
        ("sent", "implemented", True),  # steps may be skipped
        ("adopted", "acknowledged", False),  # never back
        ("received", "received", False),
        ("sent", "refused", True),
        ("adopted", "refused", True),
        ("implemented", "refused", False),
        ("refused", "refused", False),
        ("refused", "adopted", True),  # reconsidered
        ("refused", "received", False),
    ],
)
def test_the_response_ladder(current: str, new: str, ok: bool) -> None:
    check = lambda: check_response("d", "b", ReceiptState(current), ReceiptState(new), "why")  # noqa: E731
    if ok:
        check()
    else:
        with pytest.raises(InvalidTransition):
            check()


def test_refusals_give_reasons_and_sent_is_not_reported() -> None:
    with pytest.raises(InvalidInput, match="reasons"):
        check_response("d", "b", ReceiptState.SENT, ReceiptState.REFUSED, "  ")
    with pytest.raises(InvalidInput, match="set by dissemination"):
        parse_state("sent")
    with pytest.raises(InvalidInput, match="expected one of"):
        parse_state("ignored")


def test_no_reply_is_not_a_refusal() -> None:
    t = Tallies.of({"sent": 867, "received": 0, "acknowledged": 50})
    assert (t.total, t.replied, t.silent, t["refused"]) == (917, 50, 867, 0)


def test_branches_and_summary() -> None:
    receipts = [("a", "top"), ("b", "top"), ("a1", "a"), ("a11", "a1")]
    assert branches_below("top", receipts) == {"a": "a", "b": "b", "a1": "a", "a11": "a"}
    assert branches_below("a", receipts) == {"a": None, "a1": "a1", "a11": "a1"}
    c = summarise(
        "d", "a", [(1, None, "adopted", 1), (2, "a1", "sent", 1), (3, "a1", "refused", 1)]
    )
    assert c.whole.total == 3 and c.whole.silent == 1
    assert dict(c.branches)["a1"]["refused"] == 1
    with pytest.raises(NotFound, match="no body at or below"):
        summarise("d", "zz", [])


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40), st.integers(1, 6))
def test_each_body_once_at_its_shortest_distance(pairs: list[tuple[int, int]], depth: int) -> None:
    # Only downward edges (upper index < lower index) so that the graph has no cycle.
    edges = sorted({(f"b{u}", f"b{v}") for u, v in pairs if u < v})
    org = org_with([("b0", "b1"), *edges])
    reach = reach_scope(org, "b0", (), depth)
    down: dict[str, set[str]] = {}
    for u, v in [("b0", "b1"), *edges]:
        down.setdefault(u, set()).add(v)
    # breadth-first distances, independently
    dist, frontier, d = {"b0": 0}, ["b0"], 0
    while frontier and d < depth:
        d += 1
        frontier = sorted({v for u in frontier for v in down.get(u, ()) if v not in dist})
        dist.update(dict.fromkeys(frontier, d))
    assert {b: r.tier for b, r in reach.items()} == {b: t for b, t in dist.items() if b != "b0"}
    for body, r in reach.items():
        assert body in down.get(r.parent, set())
        assert r.parent == min(
            p for p, kids in down.items() if body in kids and dist.get(p) == r.tier - 1
        )
