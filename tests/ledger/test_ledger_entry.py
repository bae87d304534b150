"""The append rule (make_entry), the hash recipe, and every refusal with its message."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest

from sovet.ledger import (
    GENESIS_HASH,
    Entry,
    FloatNotAllowed,
    InvalidEntry,
    InvalidOperation,
    InvalidTime,
    LedgerError,
    NotCanonical,
    OrgMismatch,
    TimeOrderError,
    compute_hash,
    make_entry,
)
from tests.ledger.ledger_strategies import T0, sample_chain


def first(**changes: Any) -> Entry:
    fields: dict[str, Any] = {
        "org": "1",
        "at": T0,
        "actor": "member:42",
        "op": "body.create",
        "subjects": ("body:3", "org:1"),
        "payload": {"name": {"old": None, "new": "Petrograd Soviet"}},
    }
    fields.update(changes)
    return make_entry(None, **fields)


def test_first_entry_starts_the_chain_at_genesis() -> None:
    entry = first()
    assert entry.seq == 1
    assert entry.prev_hash == GENESIS_HASH == "0" * 64
    assert entry.at == T0
    assert entry.subjects == ("body:3", "org:1")
    assert len(entry.hash) == 64


def test_next_entry_links_to_the_previous_one() -> None:
    one = first()
    two = make_entry(one, org="1", at=T0, actor=None, op="body.rename", subjects=[], payload={})
    assert (two.seq, two.prev_hash) == (2, one.hash)
    assert two.actor is None
    assert two.hash != one.hash


def test_hash_is_sha256_of_the_documented_canonical_object() -> None:
    entry = first()
    recipe: dict[str, Any] = {
        "v": 1,
        "org": "1",
        "seq": 1,
        "at": "1917-10-25T07:00:00.000000Z",
        "actor": "member:42",
        "op": "body.create",
        "subjects": ["body:3", "org:1"],
        "payload": {"name": {"old": None, "new": "Petrograd Soviet"}},
        "prev_hash": GENESIS_HASH,
    }
    text = json.dumps(recipe, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert entry.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert entry.hash == compute_hash(
        "1", 1, T0, "member:42", "body.create", ["body:3", "org:1"], recipe["payload"], "0" * 64
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("org", "2"),
        ("seq", 2),
        ("at", T0 + timedelta(microseconds=1)),
        ("actor", "member:43"),
        ("actor", None),
        ("op", "body.rename"),
        ("subjects", ("org:1", "body:3")),
        ("payload", {"name": {"old": None, "new": "Petrograd Soviet "}}),
        ("prev_hash", "1" * 64),
    ],
)
def test_every_field_is_covered_by_the_hash(field: str, value: Any) -> None:
    entry = first()
    changed = dataclasses.replace(entry, **{field: value})
    recomputed = compute_hash(
        changed.org,
        changed.seq,
        changed.at,
        changed.actor,
        changed.op,
        changed.subjects,
        changed.payload,
        changed.prev_hash,
    )
    assert recomputed != entry.hash


def test_aware_times_are_normalised_to_utc_keeping_microseconds() -> None:
    msk = timezone(timedelta(hours=3))
    entry = first(at=datetime(1917, 10, 25, 10, 0, 0, 123456, tzinfo=msk))
    assert entry.at == datetime(1917, 10, 25, 7, 0, 0, 123456, tzinfo=UTC)
    assert entry.at.tzinfo is UTC


class _NoOffset(tzinfo):
    """A time zone that knows no offset: its datetimes count as naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime(1917, 10, 25, 7, 0), "naive"),  # noqa: DTZ001
        (datetime(1917, 10, 25, 7, 0, tzinfo=_NoOffset()), "naive"),
        (datetime.min.replace(tzinfo=timezone(timedelta(hours=5))), "cannot be normalised"),
        ("1917-10-25T07:00:00Z", "expected a datetime"),
    ],
)
def test_bad_times_are_refused(at: Any, message: str) -> None:
    with pytest.raises(InvalidTime, match=f"^at: .*{message}") as info:
        first(at=at)
    assert info.value.field == "at"


def test_time_may_repeat_but_never_go_back() -> None:
    one = first()
    same = make_entry(one, org="1", at=T0, actor=None, op="body.rename", payload={})
    assert same.at == one.at
    with pytest.raises(TimeOrderError, match="earlier than entry 2's time"):
        make_entry(same, org="1", at=T0 - timedelta(microseconds=1), actor=None, op="a.b")


@pytest.mark.parametrize(
    "op",
    [
        "body",
        "Body.create",
        "body.",
        ".body",
        "body..create",
        "-body.create",
        "body.-create",
        "1body.create",
        "body.create ",
        "bódy.create",
        "body.create\n",
        "body._create",
        "",
    ],
)
def test_operations_must_be_dotted_lower_case_names(op: str) -> None:
    with pytest.raises(InvalidOperation, match=r"^op: .*dotted lower-case name"):
        first(op=op)


@pytest.mark.parametrize(
    "op", ["body.create", "ballot.cast", "congress.convoke_2", "a.b.c", "body.set-status"]
)
def test_dotted_lower_case_names_are_accepted(op: str) -> None:
    assert first(op=op).op == op


def test_an_operation_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(InvalidOperation, match="expected a string"):
        first(op=None)


def test_another_organisation_cannot_follow() -> None:
    with pytest.raises(OrgMismatch, match="cannot follow entry 1 of organisation '1'"):
        make_entry(first(), org="2", at=T0, actor=None, op="body.create")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"org": ""}, "org", "must not be empty"),
        ({"org": 1}, "org", "expected a string"),
        ({"actor": ""}, "actor", "must not be empty"),
        ({"actor": 42}, "actor", "expected a string or null"),
        ({"subjects": "body:3"}, "subjects", "expected a list of strings"),
        ({"subjects": ["body:3", 3]}, "subjects[1]", "non-empty string"),
        ({"subjects": [""]}, "subjects[0]", "non-empty string"),
        ({"payload": ["not", "an", "object"]}, "payload", "expected an object"),
    ],
)
def test_malformed_fields_are_refused_naming_the_field(
    changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(InvalidEntry, match=message) as info:
        first(**changes)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("payload", "error", "path"),
    [
        ({"share": 0.5}, FloatNotAllowed, "payload.share"),
        ({"votes": {"for": [1, 2.0]}}, FloatNotAllowed, "payload.votes.for[1]"),
        ({"n": 2**60}, NotCanonical, "payload.n"),
        ({1: "x"}, NotCanonical, "payload"),
        ({"odd key": {3}}, NotCanonical, "payload['odd key']"),
    ],
)
def test_payloads_without_canonical_encoding_are_refused(
    payload: dict[Any, Any], error: type[LedgerError], path: str
) -> None:
    with pytest.raises(error) as info:
        first(payload=payload)
    assert isinstance(info.value, NotCanonical)
    assert info.value.path == path
    assert str(info.value).startswith(path + ": ")


def test_payload_is_frozen_and_detached_from_the_callers_dict() -> None:
    given: dict[str, Any] = {"list": [1, 2], "map": {"k": "v"}}
    entry = first(payload=given)
    given["list"].append(3)
    given["map"]["k"] = "changed"
    assert entry.payload == {"list": (1, 2), "map": {"k": "v"}}
    with pytest.raises(TypeError):
        entry.payload["map"]["k"] = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.op = "body.delete"  # type: ignore[misc]


def test_datetimes_in_the_payload_are_stored_as_canonical_text() -> None:
    msk = timezone(timedelta(hours=3))
    entry = first(payload={"opens": datetime(1917, 10, 25, 22, 40, tzinfo=msk)})
    assert entry.payload == {"opens": "1917-10-25T19:40:00.000000Z"}


def test_defaults_are_no_subjects_and_an_empty_payload() -> None:
    entry = make_entry(None, org="1", at=T0, actor="system", op="org.create")
    assert (entry.subjects, dict(entry.payload)) == ((), {})


def test_entries_are_hashable_and_compare_by_value() -> None:
    chain = sample_chain()
    again = sample_chain()
    assert chain == again
    assert len({*chain, *again}) == 3
    assert hash(chain[0]) == hash(chain[0].hash)
