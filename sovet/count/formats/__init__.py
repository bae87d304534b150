"""Ballot files: BLT, PrefLib (``.soc``, ``.soi``, ``.toc``) and CSV.

:func:`read_ballots` picks the reader from the file's extension (a trailing ``.gz``
is decompressed) and returns the profile, the seats the file states (BLT only) and a
``meta`` dictionary: the format, title, withdrawn candidates, the weight of ballots
read and of blank ones left out, and the irregular marks each declared rule met.
Each reader's module states the rules it applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sovet.count.errors import FormatError
from sovet.count.formats._common import Progress, Source
from sovet.count.formats.blt import BltElection, read_blt, write_blt
from sovet.count.formats.csv_ballots import CsvElection, CsvRules, read_csv, write_csv
from sovet.count.formats.preflib import PreflibElection, read_preflib, write_preflib
from sovet.count.profiles import RankedProfile

FORMATS = ("blt", "soi", "soc", "toc", "csv")

__all__ = [
    "FORMATS",
    "BltElection",
    "CsvElection",
    "CsvRules",
    "PreflibElection",
    "Progress",
    "Source",
    "detect_format",
    "read_ballots",
    "read_blt",
    "read_csv",
    "read_preflib",
    "write_blt",
    "write_csv",
    "write_preflib",
]


def detect_format(path: Source) -> str:
    """The format named by a file's extension (``.blt``, ``.soi``, ``.soc``, ``.toc``,
    ``.csv``, each optionally followed by ``.gz``)."""
    name = Path(path).name.lower().removesuffix(".gz")
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in FORMATS:
        raise FormatError(
            f"cannot tell the ballot format from the extension {('.' + ext) if ext else '(none)'}; "
            f"give one of {', '.join(FORMATS)}",
            source=str(path),
        )
    return ext


def read_ballots(
    path: Source,
    format: str | None = None,
    *,
    csv_rules: CsvRules | None = None,
    csv_options: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> tuple[RankedProfile, int | None, dict[str, Any]]:
    """Read a ballot file: ``(profile, seats or None, meta)``.

    ``format`` overrides the extension. ``csv_rules`` and ``csv_options`` (keyword
    arguments of :func:`~sovet.count.formats.csv_ballots.read_csv`) apply to CSV.
    """
    kind = (format or detect_format(path)).lower()
    if kind == "blt":
        blt = read_blt(path, progress=progress)
        meta = _meta(kind, blt.profile, blt.blank, {"overvote": blt.overvotes})
        meta.update(title=blt.title, withdrawn=list(blt.withdrawn))
        return blt.profile, blt.seats, meta
    if kind in ("soi", "soc", "toc"):
        pl = read_preflib(path, kind, progress=progress)
        meta = _meta(kind, pl.profile, pl.blank, {"overvote": pl.overvotes})
        meta.update(title=pl.title)
        return pl.profile, None, meta
    if kind == "csv":
        options = dict(csv_options or {})
        table = read_csv(path, rules=csv_rules, progress=progress, **options)
        meta = _meta(kind, table.profile, table.blank, table.marks)
        meta.update(
            layout=table.layout,
            rules={
                "skipped": table.rules.skipped,
                "overvote": table.rules.overvote,
                "duplicates": table.rules.duplicates,
            },
        )
        return table.profile, None, meta
    raise FormatError(f"unknown ballot format {format!r}; known: {', '.join(FORMATS)}")


def _meta(kind: str, profile: RankedProfile, blank: int, marks: dict[str, int]) -> dict[str, Any]:
    return {
        "format": kind,
        "title": "",
        "candidates": list(profile.candidates),
        "ballots": profile.total_weight + blank,
        "blank": blank,
        "marks": {k: v for k, v in marks.items() if v},
    }
