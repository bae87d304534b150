"""Shared helpers of the ballot-file readers: loading text, collecting ballots."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from sovet.count.errors import FormatError
from sovet.count.profiles import NO_CANDIDATE, RankedProfile

Source = str | os.PathLike[str]
Progress = Callable[[int], None]
PROGRESS_EVERY = 50_000  # lines between two calls of a progress callback


def load_text(source: Source) -> tuple[str, str | None]:
    """Return the text of ``source`` and a name for error messages.

    ``source`` is a path (``os.PathLike``, or a non-empty ``str`` without a line
    break) or the text itself (a ``str`` with a line break, or empty). Files ending
    in ``.gz`` are decompressed; a UTF-8 byte-order mark is dropped.
    """
    if isinstance(source, str) and (not source or "\n" in source or "\r" in source):
        return source, None
    path = Path(source)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as fh:
                return fh.read(), str(path)
        return path.read_text(encoding="utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text ({exc.reason})", source=str(path)) from None
    except (gzip.BadGzipFile, EOFError) as exc:
        raise FormatError(f"not a readable gzip file ({exc})", source=str(path)) from None


def split_lines(text: str) -> list[str]:
    """Lines split at ``\n``, ``\r\n`` or ``\r`` only (not at the other characters
    :meth:`str.splitlines` treats as breaks, which may appear inside a name)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class BallotCollector:
    """Counts identical rankings as they are read, then builds one profile.

    Rankings that name no candidate (blank ballots, or ballots emptied by a declared
    rule) are not valid votes: they are left out of the profile and counted in
    :attr:`blank`. :attr:`marks` counts the weight of ballots carrying each kind of
    irregular mark (``"overvote"``, ``"skipped"``, ``"duplicate"``).
    """

    def __init__(self) -> None:
        self.counts: dict[tuple[int, ...], int] = {}
        self.read = 0
        self.blank = 0
        self.marks: dict[str, int] = {}

    def add(self, ranking: tuple[int, ...], weight: int, *, marks: Iterable[str] = ()) -> None:
        self.read += weight
        for mark in marks:
            self.marks[mark] = self.marks.get(mark, 0) + weight
        if not ranking:
            self.blank += weight
            return
        self.counts[ranking] = self.counts.get(ranking, 0) + weight

    @property
    def overvotes(self) -> int:
        return self.marks.get("overvote", 0)

    def profile(self, candidates: Sequence[str]) -> RankedProfile:
        return profile_from_counts(candidates, self.counts)


def profile_from_counts(
    candidates: Sequence[str], counts: dict[tuple[int, ...], int]
) -> RankedProfile:
    """Build a profile from unique rankings (candidate indices) and their weights."""
    width = max((len(r) for r in counts), default=0) or 1
    arr = np.full((len(counts), width), NO_CANDIDATE, dtype=np.int16)
    for i, ranking in enumerate(counts):
        arr[i, : len(ranking)] = ranking
    weights = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    return RankedProfile.from_array(candidates, arr, weights)


def check_unique(names: Sequence[str], lines: Sequence[int], source: str | None) -> None:
    seen: dict[str, int] = {}
    for name, line in zip(names, lines, strict=True):
        if name in seen:
            raise FormatError(
                f"candidate {name!r} is named twice (first on line {seen[name]})",
                line=line,
                source=source,
            )
        seen[name] = line


def parse_weight(token: str, *, line: int, source: str | None, what: str = "weight") -> int:
    """A ballot weight: a whole number, zero or more (``1.0`` is accepted as 1)."""
    try:
        value = int(token)
    except ValueError:
        try:
            number = float(token)
        except ValueError:
            raise FormatError(
                f"{what} {token!r} is not a number", line=line, source=source
            ) from None
        if not number.is_integer():
            raise FormatError(
                f"{what} {token!r} is not a whole number", line=line, source=source
            ) from None
        value = int(number)
    if value < 0:
        raise FormatError(f"{what} {token!r} is negative", line=line, source=source)
    return value
