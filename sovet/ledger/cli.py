"""``python -m sovet.ledger verify FILE``: check an exported chain with Python alone.

Exit status: 0 when the chain verifies, 1 when an entry (or the head) is bad, 2 when the
file cannot be read or is malformed (the message names the line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, TypeVar

from sovet.ledger.jsonl import verify_jsonl
from sovet.ledger.verify import Verification

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sovet.ledger",
        description="Verify Sovet ledger exports (JSON Lines, one entry per line).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "verify",
        help="verify an exported chain (one or several organisations)",
        description="Recompute every hash and check every link; exit 0 if the chain "
        "verifies, 1 at the first bad entry, 2 if the file is unreadable or malformed.",
    )
    check.add_argument("file", help="the export to verify ('-' reads standard input)")
    check.add_argument("--org", help="require every entry to belong to this organisation")
    check.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="[ORG=]HASH",
        help="the published head hash; ORG=HASH for one of several organisations "
        "(repeatable). Detects a chain cut short at its end.",
    )
    check.add_argument(
        "--count",
        action="append",
        default=[],
        metavar="[ORG=]N",
        help="the published number of entries; ORG=N per organisation (repeatable)",
    )
    check.add_argument(
        "--lenient",
        action="store_true",
        help="accept lines that are valid JSON but not byte for byte canonical",
    )
    return parser


def _expected(
    values: Sequence[str], name: str, convert: Callable[[str], T]
) -> T | dict[str, T] | None:
    """``--head``/``--count`` values: one bare value, or ``ORG=value`` per organisation."""
    if not values:
        return None
    per_org: dict[str, T] = {}
    bare: list[T] = []
    for value in values:
        org, sep, text = value.rpartition("=")
        try:
            parsed = convert(text)
        except ValueError:
            raise ValueError(f"--{name} {value!r}: {text!r} is not a whole number") from None
        if sep:
            per_org[org] = parsed
        else:
            bare.append(parsed)
    if bare and (per_org or len(bare) > 1):
        raise ValueError(f"--{name}: give one value, or ORG=value for each organisation")
    return bare[0] if bare else per_org


def _run(args: argparse.Namespace) -> Verification:
    source: str | IO[bytes] = sys.stdin.buffer if args.file == "-" else args.file
    return verify_jsonl(
        source,
        org=args.org,
        expected_head=_expected(args.head, "head", str),
        expected_count=_expected(args.count, "count", int),
        strict=not args.lenient,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        outcome = _run(args)
    except OSError as exc:
        sys.stderr.write(f"error: cannot read {args.file}: {exc.strerror or exc}\n")
        return EXIT_UNREADABLE
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_UNREADABLE
    if outcome.malformed:
        sys.stderr.write(f"error: {args.file}: line {outcome.position}: {outcome.reason}\n")
        return EXIT_UNREADABLE
    sys.stdout.write(outcome.summary() + "\n")
    return EXIT_OK if outcome.ok else EXIT_FAILED
