"""Canonical JSON: exact bytes, refused values, times, and the frozen payload dict."""

from __future__ import annotations

import copy
import json
import pickle
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.ledger import FloatNotAllowed, InvalidTime, NotCanonical, canonical_bytes
from sovet.ledger.canonical import FrozenDict, format_time, freeze, parse_time, thaw
from tests.ledger.ledger_strategies import json_values, payloads


def test_exact_bytes_sorted_keys_no_whitespace_raw_unicode() -> None:
    value = {"b": [1, True, None], "a": "Совет ✊", "A": {"z": -7, "y": ""}}
    expected = '{"A":{"y":"","z":-7},"a":"Совет ✊","b":[1,true,null]}'.encode()
    assert canonical_bytes(value) == expected


def test_keys_sort_by_code_point() -> None:
    # Code point order: "Z" (U+005A) < "a" (U+0061) < "é" (U+00E9) < "😀" (U+1F600),
    # and "\uffff" < "😀" here although UTF-16 order would put the emoji first.
    value = {"😀": 1, "é": 2, "a": 3, "Z": 4, "\uffff": 5}
    assert canonical_bytes(value) == '{"Z":4,"a":3,"é":2,"\uffff":5,"😀":1}'.encode()


def test_string_escapes_are_exactly_json_minimal() -> None:
    value = 'q"b\\n\n r\r t\t b\b f\f nul\x00 us\x1f del\x7f ls\u2028'
    expected = (
        '"q\\"b\\\\n\\n r\\r t\\t b\\b f\\f nul\\u0000 us\\u001f del\x7f ls\u2028"'
    ).encode()
    assert canonical_bytes(value) == expected


def test_integers_and_booleans_are_distinct() -> None:
    assert canonical_bytes([1, True, 0, False]) == b"[1,true,0,false]"
    assert canonical_bytes({"n": 2**53 - 1, "m": -(2**53 - 1)}) == (
        b'{"m":-9007199254740991,"n":9007199254740991}'
    )


@pytest.mark.parametrize("big", [2**53, -(2**53), 10**30])
def test_integers_outside_the_safe_range_are_refused(big: int) -> None:
    with pytest.raises(NotCanonical, match="outside"):
        canonical_bytes({"n": [big]})


@pytest.mark.parametrize(
    ("value", "path"),
    [
        (0.5, ""),
        ({"share": 1.0}, "share"),
        ({"votes": [1, 2, 3.25]}, r"votes\[2\]"),
        ({"x": {"y": float("nan")}}, "x.y"),
        ({"inf": float("inf")}, "inf"),
    ],
)
def test_floats_are_refused_with_their_path(value: Any, path: str) -> None:
    with pytest.raises(FloatNotAllowed, match=f"^{path}.*float.*strings") as info:
        canonical_bytes(value)
    assert isinstance(info.value, NotCanonical)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({1: "a"}, "keys must be strings"),
        ({"s": {1, 2}}, "sorted list"),
        ({"b": b"raw"}, "type bytes"),
        ({"d": Decimal("1.5")}, "type Decimal"),
        ({"f": Fraction(1, 3)}, "type Fraction"),
        ({"d": date(1917, 10, 25)}, "type date"),
        ({"s": "lone \ud800 surrogate"}, "surrogate"),
    ],
)
def test_values_without_a_canonical_encoding_are_refused(value: Any, message: str) -> None:
    with pytest.raises(NotCanonical, match=message):
        canonical_bytes(value)


def test_deeply_nested_values_are_refused_not_crashed() -> None:
    value: Any = []
    for _ in range(100_000):
        value = [value]
    with pytest.raises(NotCanonical, match="nested too deeply"):
        canonical_bytes(value)


def test_datetimes_encode_in_utc_with_microseconds() -> None:
    msk = timezone(timedelta(hours=3))
    at = datetime(1917, 11, 7, 13, 45, 1, 7, tzinfo=msk)
    assert canonical_bytes(at) == b'"1917-11-07T10:45:01.000007Z"'
    assert format_time(datetime(1917, 11, 7, tzinfo=UTC)) == "1917-11-07T00:00:00.000000Z"


def test_years_before_1000_are_zero_padded() -> None:
    assert format_time(datetime(862, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0862-01-02T03:04:05.000000Z"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(InvalidTime, match="naive"):
        canonical_bytes({"at": datetime(1917, 11, 7, 10, 45)})  # noqa: DTZ001


def test_parse_time_reads_only_the_canonical_form() -> None:
    text = "1917-11-07T10:45:01.000007Z"
    assert parse_time(text) == datetime(1917, 11, 7, 10, 45, 1, 7, tzinfo=UTC)
    assert format_time(parse_time(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "1917-11-07T10:45:01Z",
        "1917-11-07T10:45:01.000007",
        "1917-11-07T10:45:01.000007+00:00",
        "1917-11-07 10:45:01.000007Z",
        "1917-11-07T10:45:01.000007z",
        "1917-13-07T10:45:01.000007Z",
        "0000-01-01T00:00:00.000000Z",
        "1917-11-07T10:45:01.000007Z\n",
        "１９１７-11-07T10:45:01.000007Z",
    ],
)
def test_parse_time_refuses_other_forms(text: str) -> None:
    with pytest.raises(InvalidTime):
        parse_time(text)


def test_frozen_dict_refuses_changes_but_encodes_and_copies() -> None:
    frozen = freeze({"a": [1, {"b": 2}]})
    assert isinstance(frozen, FrozenDict)
    assert frozen == {"a": (1, {"b": 2})}
    changes: list[Callable[[], object]] = [
        lambda: frozen.__setitem__("a", 1),
        lambda: frozen.__delitem__("a"),
        lambda: frozen.update(c=1),
        lambda: frozen.pop("a"),
        lambda: frozen.popitem(),
        lambda: frozen.setdefault("c", 1),
        frozen.clear,
        lambda: frozen["a"][1].__setitem__("b", 3),
    ]
    for change in changes:
        with pytest.raises(TypeError, match="immutable"):
            change()
    assert json.dumps(frozen) == '{"a": [1, {"b": 2}]}'
    assert pickle.loads(pickle.dumps(frozen)) == frozen  # noqa: S301
    assert copy.deepcopy(frozen) == frozen
    assert thaw(frozen) == {"a": [1, {"b": 2}]}
    assert type(thaw(frozen)) is dict


def _shuffled(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: _shuffled(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


@settings(max_examples=150, deadline=None)
@given(payloads, st.randoms(use_true_random=False))
def test_encoding_is_independent_of_key_order(value: dict[str, Any], rnd: random.Random) -> None:
    shuffled = _shuffled(value, rnd)
    assert canonical_bytes(shuffled) == canonical_bytes(value)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_encoding_is_json_that_reads_back_to_the_same_value(value: Any) -> None:
    encoded = canonical_bytes(value)
    assert json.loads(encoded.decode("utf-8")) == value
    assert canonical_bytes(json.loads(encoded)) == encoded
