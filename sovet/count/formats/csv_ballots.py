"""Ranked ballots in CSV files: plain rankings, or cast-vote records (CVRs).

Two layouts:

- ``rankings``: each row is one ballot, its cells the candidates' names from first
  preference down. If the first row's first cell is ``weight`` that row is a header
  and the first column of every later row is the ballot's weight (a whole number).
- ``cvr``: a header row names the columns; the rank columns (``rank1``, ``rank2``...,
  also ``choice1``/``preference1``, or as given) hold a candidate's name, a skipped
  mark or an overvote mark; a ``weight`` column is optional; other columns (precinct,
  ballot id) are ignored.

``auto`` picks ``cvr`` when the first row names rank columns, else ``rankings``.

Declared rules (:class:`CsvRules`), applied from the first rank down:

- ``skipped``: a blank or skipped mark followed later by a candidate is a skipped
  rank. ``"skip"`` passes over it; ``"exhaust"`` ends the ballot there.
- ``overvote``: an overvote mark. ``"exhaust"`` ends the ballot there (the ranks
  before it count); ``"skip"`` passes over that rank.
- ``duplicates``: a candidate named again at a later rank. ``"ignore-later"`` keeps
  the earlier rank and passes over the later; ``"exhaust"`` ends the ballot there.

A ballot left naming no candidate is blank: counted, not put in the profile.
Markers compare without regard to case or surrounding spaces; an empty cell is
always a skipped mark.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sovet.count.errors import FormatError, InvalidCount
from sovet.count.formats._common import (
    PROGRESS_EVERY,
    BallotCollector,
    Progress,
    Source,
    load_text,
    parse_weight,
)
from sovet.count.profiles import RankedProfile

if TYPE_CHECKING:
    from _csv import Reader

LAYOUTS = ("auto", "rankings", "cvr")
_RANK_COLUMN = re.compile(r"^(?:rank|choice|preference|pref)[ _-]?(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class CsvRules:
    """How irregular marks on a CSV ballot are read (see the module docstring)."""

    skipped: str = "skip"
    overvote: str = "exhaust"
    duplicates: str = "ignore-later"
    skipped_markers: tuple[str, ...] = ("undervote", "skipped")
    overvote_markers: tuple[str, ...] = ("overvote",)

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("skipped", self.skipped, ("skip", "exhaust")),
            ("overvote", self.overvote, ("exhaust", "skip")),
            ("duplicates", self.duplicates, ("ignore-later", "exhaust")),
        ):
            if value not in allowed:
                raise InvalidCount(
                    f"{name} rule must be one of {', '.join(allowed)}, not {value!r}"
                )


@dataclass(frozen=True)
class CsvElection:
    """A CSV file's contents: the profile and what the declared rules met."""

    profile: RankedProfile
    layout: str
    rules: CsvRules
    blank: int = 0
    marks: dict[str, int] = field(default_factory=dict)


@dataclass
class _Table:
    """Where the ranks and weights are in each row."""

    layout: str
    ranks: list[int] | None  # column indices; None: every column after the weight
    weight: int | None
    width: int | None  # cells a row must have (cvr), or None
    start: int  # rows to skip (the header)


def read_csv(
    source: Source,
    *,
    layout: str = "auto",
    rules: CsvRules | None = None,
    candidates: Sequence[str] | None = None,
    rank_columns: Sequence[str] | None = None,
    weight_column: str = "weight",
    delimiter: str = ",",
    progress: Progress | None = None,
) -> CsvElection:
    """Read ranked ballots from a CSV file (a path, or the text itself).

    With ``candidates`` given, a name outside it is an error and the profile lists
    exactly those candidates in that order; otherwise candidates are taken in order
    of first appearance.
    """
    if layout not in LAYOUTS:
        raise InvalidCount(f"CSV layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    rules = rules or CsvRules()
    text, name = load_text(source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    first = _next_row(reader, name)
    if first is None:
        raise FormatError("the file is empty", line=1, source=name)
    table = _table(first, layout, rank_columns, weight_column, name)
    patterns = _tally_rows(reader, first, table, name, progress)
    return _apply_rules(patterns, table, rules, candidates, name)


def _next_row(reader: Reader, source: str | None) -> list[str] | None:
    try:
        while True:
            row: list[str] = next(reader)
            if any(cell.strip() for cell in row):
                return row
    except StopIteration:
        return None
    except csv.Error as exc:
        raise FormatError(f"malformed CSV ({exc})", line=reader.line_num, source=source) from None


def _table(
    header: list[str],
    layout: str,
    rank_columns: Sequence[str] | None,
    weight_column: str,
    source: str | None,
) -> _Table:
    cells = [c.strip() for c in header]
    folded = [c.casefold() for c in cells]
    ranked = sorted(
        (int(m.group(1)), i) for i, c in enumerate(cells) if (m := _RANK_COLUMN.match(c))
    )
    if layout == "auto":
        layout = "cvr" if (ranked or rank_columns) else "rankings"
    if layout == "rankings":
        has_weight = bool(folded) and folded[0] == weight_column.casefold()
        return _Table("rankings", None, 0 if has_weight else None, None, 1 if has_weight else 0)
    if rank_columns:
        missing = [c for c in rank_columns if c not in cells]
        if missing:
            raise FormatError(
                f"no column named {', '.join(missing)} in the header", line=1, source=source
            )
        ranks = [cells.index(c) for c in rank_columns]
    else:
        ranks = [i for _, i in ranked]
    if not ranks:
        raise FormatError(
            "the header names no rank columns (rank1, rank2, ... or choice1, ...)",
            line=1,
            source=source,
        )
    weight = folded.index(weight_column.casefold()) if weight_column.casefold() in folded else None
    return _Table("cvr", ranks, weight, len(cells), 1)


def _tally_rows(
    reader: Reader,
    first: list[str],
    table: _Table,
    source: str | None,
    progress: Progress | None,
) -> dict[tuple[str, ...], tuple[int, int]]:
    """Count identical rank cells: pattern -> (total weight, first line)."""
    patterns: dict[tuple[str, ...], tuple[int, int]] = {}
    row: list[str] | None = first
    line = reader.line_num
    if table.start:
        row = _next_row(reader, source)
        line = reader.line_num
    while row is not None:
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line)
        key, weight = _cells(row, table, line, source)
        seen = patterns.get(key)
        patterns[key] = (weight, line) if seen is None else (seen[0] + weight, seen[1])
        row = _next_row(reader, source)
        line = reader.line_num
    return patterns


def _cells(
    row: list[str], table: _Table, line: int, source: str | None
) -> tuple[tuple[str, ...], int]:
    if table.width is not None and len(row) != table.width:
        raise FormatError(
            f"the row has {len(row)} cells, the header {table.width}", line=line, source=source
        )
    weight = 1
    if table.weight is not None:
        if table.weight >= len(row) or not row[table.weight].strip():
            raise FormatError(
                f"column {table.weight + 1} (weight) is empty", line=line, source=source
            )
        weight = parse_weight(
            row[table.weight].strip(),
            line=line,
            source=source,
            what=f"column {table.weight + 1}: weight",
        )
    if table.ranks is None:
        cells = row[1:] if table.weight is not None else row
        return tuple(c.strip() for c in cells), weight
    return tuple(row[i].strip() for i in table.ranks), weight


def _apply_rules(
    patterns: dict[tuple[str, ...], tuple[int, int]],
    table: _Table,
    rules: CsvRules,
    candidates: Sequence[str] | None,
    source: str | None,
) -> CsvElection:
    fixed = candidates is not None
    names = list(candidates or ())
    index = {c: i for i, c in enumerate(names)}
    if len(index) != len(names):
        raise InvalidCount("the candidate list names someone twice")
    skipped = {m.casefold() for m in rules.skipped_markers} | {""}
    over = {m.casefold() for m in rules.overvote_markers}
    collector = BallotCollector()
    for cells, (weight, line) in patterns.items():
        ranking: list[int] = []
        marks: set[str] = set()
        pending = False
        for column, cell in enumerate(cells):
            folded = cell.casefold()
            if folded in skipped:
                pending = True
                continue
            if pending:
                marks.add("skipped")
                pending = False
                if rules.skipped == "exhaust":
                    break
            if folded in over:
                marks.add("overvote")
                if rules.overvote == "exhaust":
                    break
                continue
            c = index.get(cell)
            if c is None:
                if fixed:
                    raise FormatError(
                        f"{_column(table, column)}: unknown candidate {cell!r}",
                        line=line,
                        source=source,
                    )
                c = index[cell] = len(names)
                names.append(cell)
            if c in ranking:
                marks.add("duplicate")
                if rules.duplicates == "exhaust":
                    break
                continue
            ranking.append(c)
        collector.add(tuple(ranking), weight, marks=sorted(marks))
    if not names:
        raise FormatError("the file names no candidate", line=1, source=source)
    return CsvElection(
        profile=collector.profile(names),
        layout=table.layout,
        rules=rules,
        blank=collector.blank,
        marks=dict(collector.marks),
    )


def _column(table: _Table, position: int) -> str:
    if table.ranks is not None:
        return f"column {table.ranks[position] + 1}"
    return f"column {position + 1 + (1 if table.weight is not None else 0)}"


def write_csv(profile: RankedProfile, *, weights: bool = True) -> str:
    """Write a profile as CSV: a ``weight`` column then ``rank1``, ``rank2``...

    With ``weights=False`` each ballot is written once per voter, with no header.
    Reading the text back with the default rules gives the same profile.
    """
    reserved = {m.casefold() for m in (*CsvRules().skipped_markers, *CsvRules().overvote_markers)}
    for name in profile.candidates:
        if not name.strip() or name != name.strip() or name.casefold() in reserved:
            raise FormatError(f"CSV cannot store the candidate name {name!r} unambiguously")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    width = int(profile.ballots.shape[1]) if profile.ballots.size else 1
    if weights:
        writer.writerow(["weight", *(f"rank{i}" for i in range(1, width + 1))])
    for row, weight in zip(profile.ballots.tolist(), profile.weights.tolist(), strict=True):
        names = [profile.candidates[c] for c in row if c >= 0]
        if weights:
            writer.writerow([weight, *names, *[""] * (width - len(names))])
        else:
            writer.writerows([names] * weight)
    return out.getvalue()
