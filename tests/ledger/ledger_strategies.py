"""Hypothesis strategies for ledger tests: JSON payloads and whole chains."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from sovet.ledger import Entry, make_entry
from sovet.ledger.canonical import MAX_SAFE_INT

T0 = datetime(1917, 10, 25, 7, 0, tzinfo=UTC)

# Any Unicode text except lone surrogates (which UTF-8 cannot carry).
texts = st.text(max_size=12)
json_scalars = st.none() | st.booleans() | st.integers(-MAX_SAFE_INT, MAX_SAFE_INT) | texts
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=6,
)
payloads: st.SearchStrategy[dict[str, Any]] = st.dictionaries(texts, json_values, max_size=3)
ops = st.from_regex(r"[a-z][a-z0-9_]{0,6}(\.[a-z][a-z0-9_]{0,6}){1,2}", fullmatch=True)
actors = st.none() | st.sampled_from(["system", "member:42", "chair:7"]) | st.text(min_size=1)
subject_lists = st.lists(st.text(min_size=1, max_size=10), max_size=3)
orgs = st.text(min_size=1, max_size=8)


@st.composite
def chains(
    draw: st.DrawFn, min_size: int = 5, max_size: int = 30, org: str | None = None
) -> list[Entry]:
    """A valid chain of one organisation, built with the append rule."""
    name = org if org is not None else draw(orgs)
    size = draw(st.integers(min_size, max_size))
    at = T0 + timedelta(microseconds=draw(st.integers(0, 10**12)))
    entries: list[Entry] = []
    prev: Entry | None = None
    for _ in range(size):
        at += timedelta(microseconds=draw(st.integers(0, 10**9)))
        prev = make_entry(
            prev,
            org=name,
            at=at,
            actor=draw(actors),
            op=draw(ops),
            subjects=draw(subject_lists),
            payload=draw(payloads),
        )
        entries.append(prev)
    return entries


def sample_chain(org: str = "1", size: int = 3) -> list[Entry]:
    """A small fixed chain for unit tests."""
    entries: list[Entry] = []
    prev: Entry | None = None
    for i in range(size):
        prev = make_entry(
            prev,
            org=org,
            at=T0 + timedelta(minutes=i, microseconds=i),
            actor=f"member:{i + 1}",
            op="motion.amend" if i else "body.create",
            subjects=(f"body:{i + 1}", f"org:{org}"),
            payload={"name": {"old": None, "new": f"Совет {i}"}, "votes": [i, 2 * i]},
        )
        entries.append(prev)
    return entries
