"""Chain: append-only, one organisation, resumable from verified entries."""

from __future__ import annotations

import dataclasses

import pytest

from sovet.ledger import GENESIS_HASH, Chain, ChainBroken, InvalidEntry, TimeOrderError
from tests.ledger.ledger_strategies import T0, sample_chain


def test_an_empty_chain_has_no_head_and_links_to_genesis() -> None:
    chain = Chain("1")
    assert (chain.org, chain.head, chain.head_hash, len(chain)) == ("1", None, GENESIS_HASH, 0)
    assert list(chain) == []


def test_append_follows_the_append_rule() -> None:
    chain = Chain("1")
    one = chain.append(at=T0, actor="member:1", op="body.create", subjects=["body:1"])
    two = chain.append(at=T0, actor=None, op="body.rename", payload={"name": "Совет"})
    assert [e.seq for e in chain] == [1, 2]
    assert two.prev_hash == one.hash == chain[0].hash
    assert chain.head is two and chain.head_hash == two.hash
    assert chain[0:1] == (one,)
    assert chain.verify().ok
    assert repr(chain) == f"Chain(org='1', entries=2, head={two.hash})"


def test_a_refused_append_leaves_the_chain_unchanged() -> None:
    chain = Chain("1")
    chain.append(at=T0, actor=None, op="body.create")
    with pytest.raises(TimeOrderError):
        chain.append(at=T0.replace(year=1916), actor=None, op="body.rename")
    assert len(chain) == 1


def test_a_chain_resumes_from_stored_entries_after_verifying_them() -> None:
    stored = sample_chain(size=3)
    chain = Chain("1", stored)
    nxt = chain.append(at=stored[-1].at, actor=None, op="body.close")
    assert (nxt.seq, nxt.prev_hash) == (4, stored[-1].hash)


def test_a_chain_refuses_stored_entries_that_do_not_verify() -> None:
    stored = sample_chain(size=3)
    stored[1] = dataclasses.replace(stored[1], actor="member:666")
    with pytest.raises(ChainBroken, match="entry 2: hash mismatch") as info:
        Chain("1", stored)
    assert info.value.verification.first_bad_seq == 2
    with pytest.raises(ChainBroken, match="belongs to organisation '1', not '2'"):
        Chain("2", sample_chain(size=1))


def test_a_chain_needs_an_organisation() -> None:
    with pytest.raises(InvalidEntry, match="org: must not be empty"):
        Chain("")
