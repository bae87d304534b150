"""Member rolls: reading one from CSV and the rules every row must meet.

A roll is all-or-nothing: the first bad row stops an import with its line number and
what is wrong. Checks run column by column (set differences, one pattern over a whole
column) so that millions of rows are checked at the speed of the csv module. A roll
that passes is kept as *canonical text*: CSV whose fields need no trimming, which the
ledger records and storage loads as it is.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import methodcaller
from typing import Any

from sovet.domain.errors import InvalidInput

REQUIRED = ("number", "name", "council")
ROLL_COLUMNS = ("number", "name", "council", "faction", "email")
RollRow = tuple[str, str, str, str | None, str | None]
_SPACE = re.compile(r"\s")
_trim = methodcaller("strip", " \t")
_MAX_NUMBER = 40


class RollError(InvalidInput):
    """A roll row is malformed; ``line`` is its 1-based line in the file."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}, line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class RollTable:
    """A roll read column by column; ``clean`` when no field needed trimming (of
    spaces and tabs, the only characters trimmed)."""

    text: str
    header: tuple[str, ...]
    columns: dict[str, list[str]]
    size: int
    clean: bool

    def column(self, name: str) -> list[str]:
        return self.columns.get(name, [""] * self.size)

    def rows(self) -> list[RollRow]:
        return [
            (n, m, c, f or None, e or None)
            for n, m, c, f, e in zip(*(self.column(k) for k in ROLL_COLUMNS), strict=True)
        ]

    def canonical_text(self) -> str:
        """The roll as it is kept: the file itself when clean, else rewritten trimmed."""
        if self.clean:
            return self.text
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(zip(*(self.columns[h] for h in self.header), strict=True))
        return buf.getvalue()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of rows are built: they hold
    no cycles, and its passes over them would otherwise cost more than the parse."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_roll(text: str, source: str, *, tidy: bool | None = None) -> RollTable:
    """Parse a roll with header ``number,name,council[,faction][,email]`` (any order).

    ``tidy`` passes on an earlier ``not needs_trimming(text)``, to look only once.
    """
    with _collector_paused():
        return _read_roll(text, source, not needs_trimming(text) if tidy is None else tidy)


def _read_roll(text: str, source: str, tidy: bool) -> RollTable:
    if "\x00" in text:
        raise RollError(source, text[: text.index("\x00")].count("\n") + 1, "NUL character")
    reader = csv.reader(io.StringIO(text), strict=True)
    header = _header(reader, source)
    try:
        records = list(filter(None, reader))
    except csv.Error:
        _raise_at_csv_error(text, source)
    width = len(header)
    short = next((i for i, r in enumerate(records) if len(r) != width), None)
    if short is not None:
        raise RollError(
            source,
            line_of_record(text, short),
            f"expected {width} fields, found {len(records[short])}",
        )
    raw = zip(*records, strict=True) if records else iter([()] * width)
    columns: dict[str, list[str]] = {}
    clean = True
    for name, values in zip(header, raw, strict=True):
        original = list(values)
        trimmed = original if tidy else list(map(_trim, original))
        clean = clean and (tidy or trimmed == original)
        columns[name] = trimmed
    return RollTable(text, header, columns, len(records), clean)


def check_roll(
    table: RollTable,
    *,
    source: str,
    councils: Collection[str],
    factions: Collection[str],
    taken: Callable[[list[str]], set[str]] | None = None,
) -> None:
    """The rules of a roll: member numbers of 1-40 characters without spaces, unique in
    the file and (``taken``) new to the roll; names present; councils and factions
    known; emails plausible."""
    with _collector_paused():
        _check_roll(table, source, councils, factions, taken)


def _check_roll(
    table: RollTable,
    source: str,
    councils: Collection[str],
    factions: Collection[str],
    taken: Callable[[list[str]], set[str]] | None,
) -> None:
    def fail(index: int, message: str) -> RollError:
        return RollError(source, line_of_record(table.text, index), message)

    numbers = table.column("number")
    if numbers and (max(map(len, numbers)) > _MAX_NUMBER or "" in set(numbers)
                    or _SPACE.search("".join(numbers))):  # fmt: skip
        i = next(i for i, n in enumerate(numbers) if not n or len(n) > 40 or _SPACE.search(n))
        raise fail(i, f"member number {numbers[i]!r} is invalid")
    if len(set(numbers)) != len(numbers):
        first: dict[str, int] = {}
        for i, number in enumerate(numbers):
            if number in first:
                line = line_of_record(table.text, first[number])
                raise fail(i, f"member number {number} already appears on line {line}")
            first[number] = i
    names = table.column("name")
    if "" in set(names):
        i = names.index("")
        raise fail(i, f"member {numbers[i]} has an empty name")
    _known(table.column("council"), councils, "no body", numbers, fail)
    _known(table.column("faction"), {*factions, ""}, "no faction", numbers, fail)
    emails = table.column("email")
    bad_mail = {e for e in set(emails) if e and "@" not in e}
    if bad_mail:
        i = next(i for i, e in enumerate(emails) if e in bad_mail)
        raise fail(i, f"member {numbers[i]}: email {emails[i]!r} is invalid")
    if taken is not None:
        clash = taken(numbers)
        if clash:
            i = next(i for i, n in enumerate(numbers) if n in clash)
            raise fail(i, f"member number {numbers[i]} is already on the roll")


def roll_rows(text: str) -> list[RollRow]:
    """The rows of a canonical roll text (as the ledger keeps it)."""
    return read_roll(text, "roll").rows()


def line_of_record(text: str, index: int) -> int:
    """The line the ``index``-th record starts on (computed only to report an error)."""
    for i, (line, _fields) in enumerate(_records(text)):
        if i == index:
            return line
    return 1


def _header(reader: Any, source: str) -> tuple[str, ...]:
    try:
        header = next(reader)
    except StopIteration:
        raise RollError(source, 1, "the file is empty; expected a header row") from None
    except csv.Error as exc:
        raise RollError(source, 1, f"malformed CSV: {exc}") from None
    columns = tuple(h.strip().lower() for h in header)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise RollError(source, 1, f"the header lacks column(s): {', '.join(missing)}")
    unknown = [c for c in columns if c not in ROLL_COLUMNS]
    if unknown:
        raise RollError(source, 1, f"unknown column(s): {', '.join(unknown)}")
    if len(set(columns)) != len(columns):
        raise RollError(source, 1, "a column is named twice")
    return columns


def _known(
    values: Sequence[str],
    known: Collection[str],
    what: str,
    numbers: Sequence[str],
    fail: Callable[[int, str], RollError],
) -> None:
    unknown = set(values).difference(known)
    if unknown:
        i = next(i for i, v in enumerate(values) if v in unknown)
        raise fail(i, f"member {numbers[i]}: {what} {values[i]!r}")


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Records after the header with the line each starts on (fields may span lines)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    next(reader, None)
    start = reader.line_num + 1
    for fields in reader:
        line, start = start, reader.line_num + 1
        if fields:
            yield line, fields


def _raise_at_csv_error(text: str, source: str) -> None:
    reader = csv.reader(io.StringIO(text), strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RollError(source, start, f"malformed CSV: {exc}") from None
    raise RollError(source, start, "malformed CSV")


def split_text(text: str, size: int) -> list[str]:
    """Split ``text`` into parts of about ``size`` characters at line ends; joined in
    order they give ``text`` back (a record may span two parts)."""
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", min(start + size, len(text)) - 1)
        end = len(text) if end == -1 else end + 1
        parts.append(text[start:end])
        start = end
    return parts or [""]


_NEAR_EDGE = (" ,", ", ", " \n", "\n ", " \r", ' "', '" ', "\t")


def needs_trimming(text: str) -> bool:
    """Whether any field may have spaces or tabs to trim: a quick look for a space
    beside a delimiter, quote or line end, or any tab. It may say yes for a clean roll
    (a quoted "Lovelace, Ada"), never no for an untidy one."""
    return text.startswith(" ") or text.endswith(" ") or any(p in text for p in _NEAR_EDGE)


def roll_header_ok(text: str) -> bool:
    """Whether the first line is a valid roll header (without raising)."""
    try:
        _header(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None])), "roll")
    except RollError:
        return False
    return True
