"""docs/ledger.md stays true: its worked example, outputs and standalone verifier."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sovet.ledger import dumps_jsonl, load_jsonl, verify_jsonl
from sovet.ledger.canonical import canonical_bytes
from sovet.ledger.cli import main
from sovet.ledger.entry import entry_hash, hashed_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    """The fenced code block that follows ``<!-- marker -->`` in the page."""
    found = re.search(rf"<!-- {marker} -->\n```[a-z]*\n(.*?)```", doc_text(), re.DOTALL)
    assert found, f"no code block after <!-- {marker} --> in {DOC}"
    return found.group(1)


def example_export() -> bytes:
    return block_after("example-export").encode("utf-8")


def test_the_example_export_verifies_and_is_what_the_code_writes() -> None:
    blob = example_export()
    entries = load_jsonl(blob)
    assert [e.seq for e in entries] == [1, 2]
    assert all(e.hash == entry_hash(e) for e in entries)
    assert dumps_jsonl(entries).encode("utf-8") == blob
    assert verify_jsonl(blob).ok


def test_the_example_hashed_bytes_and_hash_are_what_the_code_computes() -> None:
    first = load_jsonl(example_export())[0]
    hashed = block_after("example-hashed-1").removesuffix("\n").encode("utf-8")
    fields = hashed_fields(
        first.org,
        first.seq,
        first.at,
        first.actor,
        first.op,
        first.subjects,
        first.payload,
        first.prev_hash,
    )
    assert hashed == canonical_bytes(fields)
    assert f"({len(hashed)} bytes of UTF-8" in doc_text()
    stated = re.search(r"<!-- example-hash-1 -->`([0-9a-f]{64})`", doc_text())
    assert stated is not None
    assert stated.group(1) == hashlib.sha256(hashed).hexdigest() == first.hash


def _shown_output(marker: str) -> str:
    lines = block_after(marker).splitlines()
    assert lines[0].startswith("$ python -m sovet.ledger verify ")
    return "\n".join(lines[1:]) + "\n"


def test_the_example_command_outputs_are_real(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "example.jsonl"
    export.write_bytes(example_export())
    assert main(["verify", str(export)]) == 0
    assert capsys.readouterr().out == _shown_output("example-verify-ok")
    tampered = tmp_path / "tampered.jsonl"
    tampered.write_bytes(example_export().replace(b'"for":7', b'"for":8'))
    assert main(["verify", str(tampered)]) == 1
    assert capsys.readouterr().out == _shown_output("example-verify-tampered")


def standalone_verifier() -> Callable[[Path], Any]:
    namespace: dict[str, Any] = {}
    exec(block_after("standalone-verifier"), namespace)  # noqa: S102 - our own docs page
    verifier: Callable[[Path], Any] = namespace["verify_export"]
    return verifier


def test_the_standalone_verifier_accepts_the_example(tmp_path: Path) -> None:
    export = tmp_path / "example.jsonl"
    export.write_bytes(example_export())
    head = load_jsonl(example_export())[-1].hash
    assert standalone_verifier()(export) == {"1": (2, head)}


def test_the_standalone_verifier_rejects_every_single_byte_change(tmp_path: Path) -> None:
    verify_export = standalone_verifier()
    blob = example_export()
    export = tmp_path / "tampered.jsonl"
    for at in range(len(blob)):
        export.write_bytes(blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1 :])
        with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal will do
            verify_export(export)


def test_the_standalone_verifier_rejects_deletion_swap_repeat_and_changed_org(
    tmp_path: Path,
) -> None:
    verify_export = standalone_verifier()
    one, two = example_export().splitlines(keepends=True)
    export = tmp_path / "tampered.jsonl"
    for variant in (two, two + one, one + one + two):
        export.write_bytes(variant)
        with pytest.raises(ValueError, match=r"line [12]: does not follow entry"):
            verify_export(export)
    other = one.replace(b'"org":"1"', b'"org":"2"')
    export.write_bytes(one + other)
    with pytest.raises(ValueError, match="line 2: hash mismatch"):
        verify_export(export)


def test_the_page_states_the_hashed_members_and_the_command() -> None:
    text = doc_text()
    assert "v, org, seq, at, actor, op, subjects, payload, prev_hash" in text
    assert "`actor`, `at`, `op`, `org`, `payload`, `prev_hash`, `seq`, `subjects`, `v`" in text
    assert "python -m sovet.ledger verify FILE" in text
    assert "0" * 64 in text
