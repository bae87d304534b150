"""verify(): each check, its message, several organisations, and known heads."""

from __future__ import annotations

import dataclasses
from datetime import timedelta, timezone
from typing import Any

import pytest

from sovet.ledger import GENESIS_HASH, Entry, Verifier, make_entry, verify
from sovet.ledger.entry import entry_hash
from tests.ledger.ledger_strategies import sample_chain


def resealed(entry: Entry, **changes: Any) -> Entry:
    """``entry`` with fields changed and its own hash recomputed (a careful forgery)."""
    changed = dataclasses.replace(entry, **changes)
    return dataclasses.replace(changed, hash=entry_hash(changed))


def test_a_valid_chain_verifies_with_its_head() -> None:
    chain = sample_chain(size=5)
    outcome = verify(chain)
    assert outcome.ok
    assert (outcome.count, outcome.head_hash, outcome.org) == (5, chain[-1].hash, "1")
    assert outcome.first_bad_seq is None and outcome.reason is None
    assert outcome.summary() == f"OK: 5 entries, head {chain[-1].hash}"


def test_an_empty_input_is_an_empty_chain() -> None:
    outcome = verify([])
    assert outcome.ok and outcome.count == 0 and outcome.head_hash is None
    assert outcome.summary() == "OK: 0 entries (empty chain)"


def test_a_changed_field_is_a_hash_mismatch() -> None:
    chain = sample_chain(size=5)
    chain[2] = dataclasses.replace(chain[2], actor="member:666")
    outcome = verify(chain)
    assert not outcome.ok
    assert (outcome.first_bad_seq, outcome.count, outcome.position) == (3, 2, 3)
    assert outcome.reason == (
        f"entry 3: hash mismatch (stored {chain[2].hash}, computed {entry_hash(chain[2])})"
    )
    assert outcome.head_hash == chain[1].hash


def test_a_resealed_forgery_breaks_the_next_link() -> None:
    chain = sample_chain(size=5)
    chain[2] = resealed(chain[2], payload={"name": "forged"})
    outcome = verify(chain)
    assert outcome.first_bad_seq == 4
    assert outcome.reason == "entry 4: prev_hash does not match entry 3's hash"


def test_a_gap_in_the_sequence_is_reported() -> None:
    chain = sample_chain(size=5)
    del chain[2]
    outcome = verify(chain)
    assert (outcome.first_bad_seq, outcome.reason) == (4, "entry 4 follows entry 2: sequence gap")


def test_a_repeated_and_an_out_of_order_entry_are_reported() -> None:
    chain = sample_chain(size=4)
    assert verify([*chain[:3], chain[2]]).reason == (
        "entry 3 follows entry 3: sequence number repeated"
    )
    assert verify([chain[0], chain[1], chain[3], chain[2]]).reason == (
        "entry 4 follows entry 2: sequence gap"
    )
    assert verify([chain[0], chain[2], chain[1]]).reason == "entry 3 follows entry 1: sequence gap"
    assert verify([*chain[:3], chain[1]]).reason == "entry 2 follows entry 3: out of order"


def test_a_chain_must_start_at_one_from_genesis() -> None:
    chain = sample_chain(size=3)
    assert verify(chain[1:]).reason == (
        "entry 2 is the first entry of its organisation: a chain starts at 1"
    )
    not_genesis = resealed(chain[0], prev_hash="f" * 64)
    assert verify([not_genesis]).reason == "entry 1: prev_hash is not the genesis hash"


def test_time_going_back_is_reported() -> None:
    chain = sample_chain(size=3)
    chain[2] = resealed(chain[2], at=chain[1].at - timedelta(microseconds=1))
    outcome = verify(chain)
    assert outcome.first_bad_seq == 3
    assert outcome.reason is not None
    assert outcome.reason.startswith("entry 3: time ")
    assert "is earlier than entry 2's time" in outcome.reason


def test_naive_and_non_utc_times_are_reported() -> None:
    chain = sample_chain(size=2)
    naive = dataclasses.replace(chain[1], at=chain[1].at.replace(tzinfo=None))
    assert verify([chain[0], naive]).reason == (
        f"entry 2: time {naive.at.isoformat()} is naive (no timezone)"
    )
    msk = chain[1].at.astimezone(timezone(timedelta(hours=3)))
    assert verify([chain[0], resealed(chain[1], at=msk)]).reason == (
        f"entry 2: time {msk.isoformat()} is not in UTC"
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"op": "Body.Create"}, "entry 2: malformed op: 'Body.Create' is not a dotted"),
        ({"payload": {"share": 0.5}}, "entry 2: malformed payload.share: float 0.5 refused"),
        ({"hash": "ABC"}, "entry 2: malformed hash: expected 64 lower-case hexadecimal"),
        ({"prev_hash": None}, "entry 2: malformed prev_hash: expected 64"),
        ({"subjects": ("",)}, "entry 2: malformed subjects[0]: expected a non-empty string"),
        ({"actor": 7}, "entry 2: malformed actor: expected a string or null"),
        ({"at": "1917"}, "entry 2: malformed at: expected a datetime, got str"),
        ({"org": ""}, "entry 2: malformed org: must not be empty"),
        ({"seq": "2"}, "entry at position 2: malformed seq: expected an integer"),
    ],
)
def test_malformed_entries_are_reported_naming_the_field(
    changes: dict[str, Any], reason: str
) -> None:
    chain = sample_chain(size=3)
    chain[1] = dataclasses.replace(chain[1], **changes)
    outcome = verify(chain)
    assert not outcome.ok and outcome.count == 1
    assert outcome.reason is not None and outcome.reason.startswith(reason)


def test_org_restricts_the_entries_to_one_organisation() -> None:
    chain = sample_chain(size=2)
    assert verify(chain, org="1").ok
    other = sample_chain(org="2", size=1)
    outcome = verify([*chain, *other], org="1")
    assert outcome.reason == "entry 1 belongs to organisation '2', not '1'"
    assert (outcome.org, outcome.position) == ("2", 3)


def _interleave(*chains: list[Entry]) -> list[Entry]:
    out: list[Entry] = []
    for i in range(max(map(len, chains))):
        out.extend(c[i] for c in chains if i < len(c))
    return out


@pytest.mark.parametrize("layout", ["interleaved", "grouped"])
def test_several_organisations_verify_independently(layout: str) -> None:
    a, b, c = sample_chain("a", 4), sample_chain("b", 2), sample_chain("c", 3)
    entries = _interleave(a, b, c) if layout == "interleaved" else [*a, *b, *c]
    outcome = verify(entries)
    assert outcome.ok and outcome.count == 9
    assert outcome.head_hash is None
    assert outcome.heads == {"a": a[-1].hash, "b": b[-1].hash, "c": c[-1].hash}
    assert outcome.counts == {"a": 4, "b": 2, "c": 3}
    assert outcome.summary().splitlines() == [
        "OK: 9 entries in 3 organisations",
        f"  organisation 'a': 4 entries, head {a[-1].hash}",
        f"  organisation 'b': 2 entries, head {b[-1].hash}",
        f"  organisation 'c': 3 entries, head {c[-1].hash}",
    ]


def test_the_first_failure_among_several_organisations_is_reported() -> None:
    a, b = sample_chain("a", 4), sample_chain("b", 4)
    b[2] = dataclasses.replace(b[2], op="body.delete")
    a[3] = dataclasses.replace(a[3], op="body.delete")
    outcome = verify(_interleave(a, b))
    assert (outcome.org, outcome.first_bad_seq, outcome.position) == ("b", 3, 6)
    assert outcome.reason is not None
    assert outcome.reason.startswith("organisation 'b', entry 3: hash mismatch")
    assert outcome.counts == {"a": 3, "b": 2}


def test_one_organisations_entries_cannot_link_into_anothers_chain() -> None:
    a = sample_chain("a", 2)
    stray = make_entry(a[0], org="a", at=a[1].at, actor=None, op="body.create")
    stray = resealed(stray, org="b")
    outcome = verify([*a, stray])
    assert outcome.reason == (
        "organisation 'b', entry 2 is the first entry of its organisation: a chain starts at 1"
    )


def test_a_truncated_chain_verifies_unless_its_head_or_length_is_known() -> None:
    chain = sample_chain(size=5)
    head = chain[-1].hash
    assert verify(chain[:3]).ok
    by_count = verify(chain[:3], expected_count=5)
    assert not by_count.ok
    assert by_count.reason == "the chain has 3 entries, expected 5: entries 4 to 5 are missing"
    assert by_count.first_bad_seq == 4
    assert verify(chain[:4], expected_count=5).reason == (
        "the chain has 4 entries, expected 5: entry 5 is missing"
    )
    by_head = verify(chain[:3], expected_head=head)
    assert not by_head.ok
    assert by_head.reason == (
        f"head is entry 3 with hash {chain[2].hash}, expected {head}: "
        "the chain was truncated, extended or rewritten"
    )
    assert verify(chain, expected_head=head.upper(), expected_count=5).ok


def test_an_extended_chain_fails_against_the_published_head() -> None:
    chain = sample_chain(size=5)
    assert verify(chain, expected_count=4).reason == "the chain has 5 entries, expected 4"
    assert verify(chain, expected_count=4).first_bad_seq == 5
    assert not verify(chain, expected_head=chain[3].hash).ok


def test_an_empty_chain_fails_against_a_published_head() -> None:
    outcome = verify([], expected_head=GENESIS_HASH.replace("0", "a"))
    assert outcome.reason == f"the chain is empty, expected head {'a' * 64}"
    assert verify([], expected_count=0).ok


def test_known_heads_per_organisation() -> None:
    a, b = sample_chain("a", 3), sample_chain("b", 2)
    entries = [*a, *b]
    heads = {"a": a[-1].hash, "b": b[-1].hash}
    assert verify(entries, expected_head=heads, expected_count={"a": 3, "b": 2}).ok
    outcome = verify([*a, *b[:1]], expected_head=heads)
    assert outcome.org == "b"
    assert outcome.reason is not None
    assert outcome.reason.startswith("organisation 'b': head is entry 1 with hash")
    missing = verify(a, expected_count={"a": 3, "b": 2})
    assert (
        missing.reason
        == "organisation 'b': the chain has 0 entries, expected 2: entries 1 to 2 are missing"
    )


def test_a_single_expected_value_for_several_organisations_is_an_error() -> None:
    entries = [*sample_chain("a", 1), *sample_chain("b", 1)]
    with pytest.raises(ValueError, match="give a mapping"):
        verify(entries, expected_count=2)


def test_a_malformed_expected_head_is_an_error() -> None:
    with pytest.raises(ValueError, match="64 hexadecimal digits"):
        verify(sample_chain(), expected_head="not-a-hash", expected_count=0)


def test_the_verifier_checks_a_stream_and_stops_at_the_first_bad_entry() -> None:
    chain = sample_chain(size=4)
    chain[1] = dataclasses.replace(chain[1], op="body.delete")
    verifier = Verifier()
    assert verifier.add(chain[0])
    assert not verifier.add(chain[1], position=17)
    assert not verifier.add(chain[2])
    outcome = verifier.result()
    assert (outcome.position, outcome.first_bad_seq, outcome.count) == (17, 2, 1)
    assert outcome.summary().startswith("FAILED: line 17: entry 2: hash mismatch")
    assert verifier.failed
