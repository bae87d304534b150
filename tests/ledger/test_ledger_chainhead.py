"""Appending after a stored head: a ChainHead stands in for the previous entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sovet.ledger import ChainHead, TimeOrderError, make_entry, verify

T0 = datetime(1917, 11, 7, 12, tzinfo=UTC)


def test_an_entry_made_after_a_head_equals_one_made_after_the_entry() -> None:
    first = make_entry(None, org="o", at=T0, actor="a", op="org.create", payload={"k": 1})
    head = ChainHead(first.org, first.seq, first.hash, first.at)
    after_entry = make_entry(first, org="o", at=T0, actor="a", op="body.create")
    after_head = make_entry(head, org="o", at=T0, actor="a", op="body.create")
    assert after_entry == after_head
    assert verify([first, after_head]).ok


def test_a_head_keeps_time_from_running_backwards() -> None:
    head = ChainHead("o", 3, "a" * 64, T0)
    with pytest.raises(TimeOrderError):
        make_entry(head, org="o", at=T0 - timedelta(seconds=1), actor="a", op="body.create")
