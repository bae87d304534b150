"""Sovet's ledger: the tamper-evident, hash-chained record of every act.

Each organisation has its own chain. An entry records who acted (``actor``), what was
done (``op``, a dotted name), on what (``subjects``), with which values (``payload``)
and when (``at``, UTC), plus the hash of the entry before it and its own hash over all
of that. Pure: imports only the standard library, so that anyone can verify an
exported chain with Python alone (``python -m sovet.ledger verify FILE``). The format
is specified in ``docs/ledger.md``.
"""

from sovet.ledger.canonical import canonical_bytes, canonical_text, format_time, parse_time
from sovet.ledger.chain import Chain
from sovet.ledger.convert import entry_from_dict, entry_to_dict
from sovet.ledger.entry import (
    FORMAT_VERSION,
    GENESIS_HASH,
    ChainHead,
    Entry,
    compute_hash,
    make_entry,
)
from sovet.ledger.errors import (
    ChainBroken,
    FloatNotAllowed,
    InvalidEntry,
    InvalidOperation,
    InvalidTime,
    LedgerError,
    LedgerFormatError,
    NotCanonical,
    OrgMismatch,
    TimeOrderError,
)
from sovet.ledger.jsonl import dump_jsonl, dumps_jsonl, iter_jsonl, load_jsonl, verify_jsonl
from sovet.ledger.verify import Verification, Verifier, verify

__all__ = [
    "FORMAT_VERSION",
    "GENESIS_HASH",
    "Chain",
    "ChainBroken",
    "ChainHead",
    "Entry",
    "FloatNotAllowed",
    "InvalidEntry",
    "InvalidOperation",
    "InvalidTime",
    "LedgerError",
    "LedgerFormatError",
    "NotCanonical",
    "OrgMismatch",
    "TimeOrderError",
    "Verification",
    "Verifier",
    "canonical_bytes",
    "canonical_text",
    "compute_hash",
    "dump_jsonl",
    "dumps_jsonl",
    "entry_from_dict",
    "entry_to_dict",
    "format_time",
    "iter_jsonl",
    "load_jsonl",
    "make_entry",
    "parse_time",
    "verify",
    "verify_jsonl",
]
