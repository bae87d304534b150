"""The dissemination query (storage) gives exactly the scope of the pure rule
(:func:`sovet.domain.dissemination.reach_scope`) on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from sovet.domain.dissemination import Reach, Sent, branches_below, count_below, reach_scope
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.storage.repositories import load_organisation
from sovet.storage.uow import SqlUnitOfWork

NAMES = [f"b-{i}" for i in range(10)] + ["b.x", "b_y", "bz"]  # keys whose order differs by locale
_orgs = itertools.count()

graphs = st.fixed_dictionaries(
    {
        "up": st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=5, max_size=40),
        "apply": st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=4),
        "sections": st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=4),
        "roots": st.lists(st.integers(0, 12), max_size=3, unique=True),
        "depth": st.none() | st.integers(1, 4),
    }
)


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(graph=graphs)
def test_sql_scope_equals_the_pure_rule(
    db: str, graph: dict[str, object], engine_for: Callable[[str], Engine]
) -> None:
    key = f"g{next(_orgs)}"
    # b-0 issues; it has three bodies below it, and the rest hang below at random
    pairs = [(0, 1), (0, 2), (0, 3), *graph["up"]]  # type: ignore[misc]
    up = sorted({(NAMES[a], NAMES[b]) for a, b in pairs if a < b})
    sections = sorted({(NAMES[b], NAMES[a]) for a, b in graph["sections"] if a < b})  # type: ignore[attr-defined]
    document = {
        "organisation": {"key": key, "name": key},
        "norms": [{"key": "one", "kind": "fixed", "seats": 1}],
        "bodies": [{"key": n, "name": n, "kind": "council"} for n in NAMES],
        "constituencies": [
            {"key": f"c{i}", "body": u, "source": v, "norm": "one"} for i, (u, v) in enumerate(up)
        ],
        "links": [{"source": s, "target": t, "kind": "section-of"} for s, t in sections]
        + [
            {"source": NAMES[a], "target": NAMES[b], "kind": "decrees-apply-to"}
            for a, b in sorted(set(graph["apply"]))  # type: ignore[call-overload]
            if a != b
        ],
    }
    conn = engine_for(db).connect()
    outer = conn.begin()
    try:
        Bus(SqlUnitOfWork(conn)).execute(Actor.operator(), c.ImportOrganisation(document))
        org = load_organisation(conn, key)
        issuing = NAMES[0]
        roots = tuple(NAMES[r] for r in graph["roots"])  # type: ignore[attr-defined]
        depth = graph["depth"]
        expected = reach_scope(org, issuing, roots, depth)  # type: ignore[arg-type]
        with SqlUnitOfWork(conn) as uow:
            sent = uow.decrees.send(key, "d", issuing, roots, depth)  # type: ignore[arg-type]
            placed = {b: Reach(tier, p) for b, tier, p, _ in uow.decrees.log(key, "d")}
            branches = {row[1]: row[4] for row in uow.decrees.receipts(key)}
            counts = sorted(uow.decrees.counts(key, "d"))
        assert placed == expected
        assert sent == Sent.of(expected)  # the digest, hashed by the database or here
        assert branches == branches_below(issuing, ((b, r.parent) for b, r in expected.items()))
        log = [(b, r.tier, r.parent, "sent") for b, r in expected.items()]
        assert counts == sorted(count_below(issuing, log))
    finally:
        outer.rollback()
        conn.close()
