"""Tamper evidence of an exported chain (JSON Lines bytes), stated as properties.

Any single-byte change, a swap of two entries, and an entry deleted or inserted
anywhere but at the end are detected from the export alone. Deleting the last entry
leaves a valid shorter chain, and appending a well-formed entry leaves a valid longer
one: hash chains cannot see either without the published head, so those properties
are stated against the known head and length, and the limit itself is tested.
"""

from __future__ import annotations

import dataclasses
import random

from hypothesis import currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from sovet.ledger import (
    Entry,
    LedgerFormatError,
    dumps_jsonl,
    load_jsonl,
    make_entry,
    verify,
    verify_jsonl,
)
from sovet.ledger.entry import entry_hash
from tests.ledger.ledger_strategies import T0, actors, chains, ops, payloads, sample_chain

SETTINGS = settings(max_examples=100, deadline=None)


def export(entries: list[Entry]) -> bytes:
    return dumps_jsonl(entries).encode("utf-8")


def lines_of(blob: bytes) -> list[bytes]:
    # Split on LF only: canonical JSON escapes LF inside strings, while other line
    # breaks (U+2028, U+0085, CR...) may appear raw in payload text.
    assert blob.endswith(b"\n")
    return blob[:-1].split(b"\n")


def join(lines: list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def _note(what: str) -> None:
    if currently_in_test_context():
        event(what)


def detected(blob: bytes, *, head: str | None = None, count: int | None = None) -> bool:
    """True when loading refuses the export or verifying it fails."""
    try:
        entries = load_jsonl(blob)
    except LedgerFormatError:
        _note("refused by the reader")
        assert not verify_jsonl(blob).ok
        return True
    outcome = verify(entries, expected_head=head, expected_count=count)
    assert outcome.ok == verify_jsonl(blob, expected_head=head, expected_count=count).ok
    if not outcome.ok:
        _note("refused by the verifier")
    return not outcome.ok


@SETTINGS
@given(chains(), st.data())
def test_any_single_byte_change_is_detected(entries: list[Entry], data: st.DataObject) -> None:
    blob = export(entries)
    assert not detected(blob)
    at = data.draw(st.integers(0, len(blob) - 1), label="position")
    new = data.draw(st.integers(0, 255).filter(lambda b: b != blob[at]), label="byte")
    tampered = blob[:at] + bytes([new]) + blob[at + 1 :]
    assert detected(tampered)


def test_every_position_and_many_replacement_bytes_are_detected() -> None:
    """Exhaustive over positions of a small export, for bytes that keep JSON nearly valid."""
    blob = export(sample_chain(size=2))
    assert not detected(blob)
    for at, old in enumerate(blob):
        candidates = {old ^ 0x01, old ^ 0x20, 0x0A, 0x0D, 0x20, 0x09, 0x22, 0x5C, 0x00, 0xFF}
        for new in candidates - {old}:
            assert detected(blob[:at] + bytes([new]) + blob[at + 1 :]), (at, new)


@SETTINGS
@given(chains(), st.data())
def test_deleting_an_entry_is_detected_against_the_known_head(
    entries: list[Entry], data: st.DataObject
) -> None:
    lines = lines_of(export(entries))
    k = data.draw(st.integers(0, len(lines) - 1), label="deleted")
    tampered = join(lines[:k] + lines[k + 1 :])
    head, n = entries[-1].hash, len(entries)
    assert detected(tampered, head=head, count=n)
    assert detected(tampered, head=head)
    assert detected(tampered, count=n)
    if k < n - 1:
        assert detected(tampered)
    else:
        # The known limit: without the head, a chain cut at its end still verifies.
        outcome = verify_jsonl(tampered)
        assert outcome.ok and outcome.head_hash == entries[-2].hash != head


@SETTINGS
@given(chains(), st.data())
def test_swapping_two_entries_is_detected(entries: list[Entry], data: st.DataObject) -> None:
    lines = lines_of(export(entries))
    i, j = data.draw(
        st.lists(st.integers(0, len(lines) - 1), min_size=2, max_size=2, unique=True),
        label="swapped",
    )
    lines[i], lines[j] = lines[j], lines[i]
    assert detected(join(lines))


@st.composite
def forged_after(draw: st.DrawFn, entries: list[Entry], k: int) -> Entry:
    """A well-formed entry with a correct hash, linked to the entry before position k."""
    prev = entries[k - 1] if k > 0 else None
    return make_entry(
        prev,
        org=entries[0].org,
        at=prev.at if prev is not None else T0,
        actor=draw(actors),
        op=draw(ops),
        payload=draw(payloads),
    )


@SETTINGS
@given(chains(), st.data())
def test_inserting_a_forged_entry_is_detected(entries: list[Entry], data: st.DataObject) -> None:
    n = len(entries)
    k = data.draw(st.integers(0, n), label="inserted at")
    forged = data.draw(forged_after(entries, k), label="forged")
    assert forged.hash == entry_hash(forged)
    tampered = export([*entries[:k], forged, *entries[k:]])
    head = entries[-1].hash
    assert detected(tampered, head=head, count=n)
    assert detected(tampered, head=head)
    if k < n:
        assert detected(tampered)
    else:
        # The known limit: appending a well-formed entry is a valid extension.
        assert verify_jsonl(tampered).ok


@SETTINGS
@given(chains(), st.data())
def test_replacing_an_entry_by_a_resealed_forgery_is_detected(
    entries: list[Entry], data: st.DataObject
) -> None:
    n = len(entries)
    k = data.draw(st.integers(0, n - 1), label="replaced")
    forged = data.draw(forged_after(entries, k), label="forged")
    if forged == entries[k]:
        return
    tampered = export([*entries[:k], forged, *entries[k + 1 :]])
    assert detected(tampered, head=entries[-1].hash)
    if k < n - 1:
        assert detected(tampered)


@SETTINGS
@given(chains(min_size=2, max_size=10), st.data())
def test_a_rewritten_suffix_is_detected_only_against_the_head(
    entries: list[Entry], data: st.DataObject
) -> None:
    """Whoever can write the file can recompute every later hash: the head anchors it."""
    k = data.draw(st.integers(0, len(entries) - 1), label="rewritten from")
    rewritten = entries[:k]
    for i, entry in enumerate(entries[k:], start=k):
        changed = dataclasses.replace(
            entry,
            actor="forger" if i == k else entry.actor,
            prev_hash=rewritten[-1].hash if rewritten else entry.prev_hash,
        )
        rewritten.append(dataclasses.replace(changed, hash=entry_hash(changed)))
    if rewritten == entries:
        return  # entry k's actor was already "forger": nothing was rewritten
    blob = export(rewritten)
    assert not detected(blob)
    assert detected(blob, head=entries[-1].hash)


@SETTINGS
@given(chains(max_size=15), st.data())
def test_interleaved_organisations_verify_and_tampering_names_the_organisation(
    entries: list[Entry], data: st.DataObject
) -> None:
    other = data.draw(chains(min_size=1, max_size=10, org=entries[0].org + "·2"), label="other")
    rnd = random.Random(data.draw(st.integers(0, 2**32), label="seed"))
    tags = [0] * len(entries) + [1] * len(other)
    rnd.shuffle(tags)
    sources = [iter(entries), iter(other)]
    mixed = [next(sources[t]) for t in tags]
    outcome = verify_jsonl(export(mixed))
    assert outcome.ok
    assert outcome.heads == {entries[0].org: entries[-1].hash, other[0].org: other[-1].hash}
    victim = data.draw(st.integers(0, len(other) - 1), label="victim")
    other[victim] = dataclasses.replace(other[victim], op=other[victim].op + ".x")
    sources = [iter(entries), iter(other)]
    bad = verify_jsonl(export([next(sources[t]) for t in tags]))
    assert not bad.ok
    assert (bad.org, bad.first_bad_seq) == (other[0].org, victim + 1)


@SETTINGS
@given(chains())
def test_a_chain_round_trips_through_json_lines_unchanged(entries: list[Entry]) -> None:
    text = dumps_jsonl(entries)
    loaded = load_jsonl(text)
    assert loaded == entries
    assert [e.hash for e in loaded] == [entry_hash(e) for e in entries]
    assert dumps_jsonl(loaded) == text


@SETTINGS
@given(st.text(min_size=1), st.text(), st.text(min_size=1))
def test_unicode_round_trips_everywhere(org: str, text: str, actor: str) -> None:
    entry = make_entry(
        None,
        org=org,
        at=T0,
        actor=actor,
        op="body.rename",
        subjects=[org],
        payload={text: [text, {"old": text, "new": text[::-1]}]},
    )
    blob = export([entry])
    assert load_jsonl(blob) == [entry]
    assert verify_jsonl(blob, expected_head=entry.hash).ok
