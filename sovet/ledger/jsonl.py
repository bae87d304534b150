"""Export and import of chains as JSON Lines: one canonical JSON object per line.

Each line is exactly the canonical encoding of :func:`~sovet.ledger.convert.entry_to_dict`
followed by ``\\n``. The reader is strict by default: a line that is not byte for byte
canonical is refused, so that no change to an export, however small, goes unnoticed.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
from collections.abc import Iterable, Iterator
from typing import IO, Any, cast

from sovet.ledger.canonical import canonical_bytes, canonical_text
from sovet.ledger.convert import entry_from_dict, entry_to_dict
from sovet.ledger.entry import Entry
from sovet.ledger.errors import LedgerFormatError
from sovet.ledger.verify import Expected, ExpectedCount, Verification, Verifier

Source = str | bytes | os.PathLike[str] | IO[str] | IO[bytes]


class _NotJson(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _NotJson(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def entry_line(entry: Entry) -> str:
    """The entry's line in an export, without the line end."""
    return canonical_text(entry_to_dict(entry))


def dumps_jsonl(entries: Iterable[Entry]) -> str:
    """The export of ``entries`` as text: one canonical JSON object per line."""
    return "".join(entry_line(e) + "\n" for e in entries)


def dump_jsonl(entries: Iterable[Entry], fp: IO[str] | IO[bytes]) -> int:
    """Write the export to a binary or text file; returns the number of entries written.

    Open text files with ``encoding="utf-8", newline="\\n"`` so that nothing rewrites the
    line ends; a binary file (``"wb"``) needs no care.
    """
    count = 0
    binary = not isinstance(fp, io.TextIOBase)
    for entry in entries:
        line = entry_line(entry) + "\n"
        if binary:
            cast(IO[bytes], fp).write(line.encode("utf-8"))
        else:
            cast(IO[str], fp).write(line)
        count += 1
    return count


def _raw_lines(source: Source) -> Iterator[bytes]:
    if isinstance(source, str):
        yield from io.BytesIO(source.encode("utf-8", errors="surrogatepass"))
    elif isinstance(source, bytes):
        yield from io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        with open(source, "rb") as fp:
            yield from fp
    elif isinstance(source, io.TextIOBase):
        yield from _raw_lines(cast(IO[str], source).read())
    else:
        yield from cast(IO[bytes], source)


def parse_line(raw: bytes, number: int, *, strict: bool = True) -> Entry | None:
    """The entry on one line of an export (None for a blank line in lenient mode)."""
    body = raw[:-1] if raw.endswith(b"\n") else raw
    if not body.strip():
        if strict or body.strip(b" \t\r"):
            raise LedgerFormatError("blank line (every line holds one entry)", line=number)
        return None
    if strict and body.endswith(b"\r"):
        raise LedgerFormatError(
            "line ends with a carriage return: lines end with LF only", line=number
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LedgerFormatError(f"not valid UTF-8 at byte {exc.start + 1}", line=number) from None
    entry = entry_from_dict(_parse_json(text, number), line=number)
    if strict:
        _check_canonical(body, entry, number)
    return entry


def _parse_json(text: str, number: int) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise LedgerFormatError(
            f"not valid JSON: {exc.msg} at column {exc.colno}", line=number
        ) from None
    except (ValueError, RecursionError) as exc:
        raise LedgerFormatError(f"not valid JSON: {exc}", line=number) from None


def _check_canonical(body: bytes, entry: Entry, number: int) -> None:
    expected = canonical_bytes(entry_to_dict(entry))
    if body != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(body, expected, strict=False)) if a != b),
            min(len(body), len(expected)),
        )
        raise LedgerFormatError(
            f"not in canonical form (first difference at byte {at + 1} of the line)",
            line=number,
        )


def iter_jsonl(source: Source, *, strict: bool = True) -> Iterator[Entry]:
    """Entries of an export, one at a time.

    ``source``: the export's text (``str``) or bytes, a path (``pathlib.Path``) or an
    open file (binary preferred: a text file may have had its line ends translated).
    Raises :class:`LedgerFormatError` naming the line and what is wrong. ``strict=False``
    accepts any JSON layout (spaces, key order, escapes) and blank lines.
    """
    for _, entry in _numbered(source, strict=strict):
        yield entry


def _numbered(source: Source, *, strict: bool) -> Iterator[tuple[int, Entry]]:
    for number, raw in enumerate(_raw_lines(source), start=1):
        entry = parse_line(raw, number, strict=strict)
        if entry is not None:
            yield number, entry


def load_jsonl(source: Source, *, strict: bool = True) -> list[Entry]:
    """All entries of an export; see :func:`iter_jsonl` for ``source`` and ``strict``."""
    return list(iter_jsonl(source, strict=strict))


def verify_jsonl(
    path: str | os.PathLike[str] | bytes | IO[bytes],
    *,
    org: str | None = None,
    expected_head: Expected = None,
    expected_count: ExpectedCount = None,
    strict: bool = True,
) -> Verification:
    """Read and verify an export (``path``: a file name, or the export's bytes, or a file).

    A malformed line is reported as a failed verification naming the line
    (``position``); an unreadable file raises :class:`OSError`.
    """
    source: Source = pathlib.Path(path) if isinstance(path, str) else path
    verifier = Verifier(org=org)
    try:
        for number, entry in _numbered(source, strict=strict):
            if not verifier.add(entry, position=number):
                break
    except LedgerFormatError as exc:
        reason = f"{exc.field}: {exc.detail}" if exc.field else exc.detail
        return verifier.fail(reason, position=exc.line)
    return verifier.result(expected_head=expected_head, expected_count=expected_count)
