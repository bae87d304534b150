"""JSON Lines export and import: exact layout, strict reading, errors naming the line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sovet.ledger import (
    LedgerFormatError,
    dump_jsonl,
    dumps_jsonl,
    entry_from_dict,
    entry_to_dict,
    iter_jsonl,
    load_jsonl,
    verify_jsonl,
)
from tests.ledger.ledger_strategies import sample_chain


def test_each_line_is_the_canonical_object_with_version_and_hash() -> None:
    chain = sample_chain(size=2)
    lines = dumps_jsonl(chain).split("\n")
    assert lines[-1] == ""
    first = json.loads(lines[0])
    assert list(first) == sorted(first)
    assert first["v"] == 1 and first["hash"] == chain[0].hash
    assert lines[0] == json.dumps(first, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "Совет 0" in lines[0]


def test_a_chain_round_trips_through_text_bytes_and_files(tmp_path: Path) -> None:
    chain = sample_chain(size=4)
    text = dumps_jsonl(chain)
    assert load_jsonl(text) == chain
    assert load_jsonl(text.encode()) == chain
    assert load_jsonl(io.StringIO(text)) == chain
    path = tmp_path / "chain.jsonl"
    with path.open("wb") as fp:
        assert dump_jsonl(chain, fp) == 4
    assert path.read_text(encoding="utf-8") == text
    assert load_jsonl(path) == chain
    with path.open("rb") as fp:
        assert list(iter_jsonl(fp)) == chain
    buffer = io.StringIO()
    dump_jsonl(chain, buffer)
    assert buffer.getvalue() == text


def test_entry_dicts_round_trip() -> None:
    for entry in sample_chain():
        assert entry_from_dict(entry_to_dict(entry)) == entry
        assert entry_from_dict(json.loads(json.dumps(entry_to_dict(entry)))) == entry


def test_an_empty_export_holds_no_entries() -> None:
    assert load_jsonl("") == []
    assert verify_jsonl(b"").ok


def _line(**changes: object) -> str:
    data = entry_to_dict(sample_chain(size=1)[0])
    for key, value in changes.items():
        if value is _DROP:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_DROP = object()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"v":1,', r"line 2: not valid JSON: Expecting .* at column 8"),
        ("[1,2]", "line 2: expected a JSON object, got list"),
        (_line(org=_DROP), "line 2: org: missing field 'org'"),
        (_line(extra=1), "line 2: extra: unknown field 'extra'"),
        (_line(v=2), "line 2: v: unsupported format version 2; this reader knows version 1"),
        (_line(v=True), "line 2: v: unsupported format version True"),
        (_line(seq="1"), "line 2: seq: expected an integer, got str"),
        (_line(seq=0), "line 2: seq: must be 1 or more"),
        (_line(at=17), "line 2: at: expected a time string, got int"),
        (_line(at="1917-10-25T07:00:00Z"), "line 2: at: .* is not a time of the form"),
        (_line(actor=[]), "line 2: actor: expected a string or null"),
        (_line(op="Body"), "line 2: op: 'Body' is not a dotted lower-case name"),
        (_line(subjects="body:1"), "line 2: subjects: expected a list of strings, got str"),
        (_line(subjects=[1]), r"line 2: subjects\[0\]: expected a non-empty string"),
        (_line(payload=[]), "line 2: payload: expected an object"),
        (_line(payload={"x": 0.5}), "line 2: payload.x: float 0.5 refused"),
        (_line(payload={"x": 2**64}), "line 2: payload.x: integer .* outside"),
        (_line(hash="X" * 64), "line 2: hash: expected 64 lower-case hexadecimal digits"),
        (_line(prev_hash="0" * 63), "line 2: prev_hash: expected 64 lower-case"),
    ],
)
def test_malformed_lines_are_refused_naming_line_and_field(line: str, message: str) -> None:
    good = dumps_jsonl(sample_chain(size=1))
    with pytest.raises(LedgerFormatError, match=f"^{message}") as info:
        load_jsonl(good + line + "\n")
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (b"\n", "line 2: blank line"),
        (b" \n", "line 2: blank line"),
        (b'{"v":1,"v":1}\n', "line 2: not valid JSON: duplicate key 'v'"),
        (b'{"a":"\xff"}\n', "line 2: not valid UTF-8 at byte 7"),
        (b'{"a":NaN}\n', "line 2: not valid JSON: NaN is not a JSON value"),
        (b'{"a":[-Infinity]}\n', "line 2: not valid JSON: -Infinity is not a JSON value"),
    ],
)
def test_broken_lines_are_refused(tail: bytes, message: str) -> None:
    good = dumps_jsonl(sample_chain(size=1)).encode()
    with pytest.raises(LedgerFormatError, match=f"^{message}"):
        load_jsonl(good + tail)


def test_non_canonical_lines_are_refused_unless_lenient() -> None:
    entry = sample_chain(size=1)[0]
    spaced = json.dumps(entry_to_dict(entry), ensure_ascii=True) + "\n"
    with pytest.raises(LedgerFormatError, match=r"line 1: not in canonical form .* byte 3 "):
        load_jsonl(spaced)
    assert load_jsonl(spaced + "\n  \n", strict=False) == [entry]
    trailing = dumps_jsonl([entry]).rstrip("\n") + " "
    with pytest.raises(LedgerFormatError, match="not in canonical form"):
        load_jsonl(trailing)


def test_carriage_returns_are_refused() -> None:
    crlf = dumps_jsonl(sample_chain(size=2)).replace("\n", "\r\n")
    with pytest.raises(LedgerFormatError, match="line 1: line ends with a carriage return"):
        load_jsonl(crlf.encode())
    assert len(load_jsonl(crlf.encode(), strict=False)) == 2


def test_a_missing_final_line_end_is_accepted() -> None:
    chain = sample_chain(size=2)
    assert load_jsonl(dumps_jsonl(chain).rstrip("\n")) == chain


def test_verify_jsonl_reads_a_path_and_reports_the_head(tmp_path: Path) -> None:
    chain = sample_chain(size=3)
    path = tmp_path / "chain.jsonl"
    path.write_text(dumps_jsonl(chain), encoding="utf-8")
    for source in (path, str(path)):
        outcome = verify_jsonl(source)
        assert outcome.ok and outcome.head_hash == chain[-1].hash
    assert not verify_jsonl(path, expected_count=4).ok


def test_verify_jsonl_turns_a_format_error_into_a_failure_naming_the_line() -> None:
    text = dumps_jsonl(sample_chain(size=3))
    lines = text.split("\n")
    lines[1] = lines[1].replace('"seq":2', '"seq":"2"')
    outcome = verify_jsonl("\n".join(lines).encode())
    assert not outcome.ok and outcome.malformed
    assert (outcome.position, outcome.count) == (2, 1)
    assert outcome.reason == "seq: expected an integer, got str"
    assert outcome.summary() == "FAILED: line 2: seq: expected an integer, got str"


def test_verify_jsonl_names_the_line_of_a_bad_entry() -> None:
    text = dumps_jsonl(sample_chain(size=3)).replace("Совет 2", "Совет 3")
    outcome = verify_jsonl(text.encode())
    assert not outcome.malformed
    assert (outcome.position, outcome.first_bad_seq) == (3, 3)
    assert outcome.summary().startswith("FAILED: line 3: entry 3: hash mismatch (stored ")


def test_verify_jsonl_raises_for_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"):
        verify_jsonl(tmp_path / "missing.jsonl")
