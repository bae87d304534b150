"""The BLT ballot format (Hill, Wichmann and Woodall; used by OpenSTV and the ERS).

A BLT file is::

    4 2              <- number of candidates, number of seats
    -2               <- optional: withdrawn candidates, as negative numbers
    3 1 3 4 0        <- a ballot line: weight, preferences (candidate numbers), 0
    4 1 3=2 0        <- '=' joins candidates ranked equal
    0                <- end of ballots
    "Adam"           <- one quoted name per candidate, in number order
    "Basil"
    "Charlotte"
    "Donald"
    "Title"          <- the election's title

Rules Sovet declares for what the format leaves open:

- A withdrawn candidate is removed from every ballot (later preferences move up) and
  from the profile; :attr:`BltElection.withdrawn` records who was withdrawn.
- Equal ranking is an overvote: the ballot ends at the first rank holding ``=``
  (the preferences before it count; that rank and every later one are ignored).
- A candidate named again later on the same ballot is ignored there (the earlier
  preference stands); ``-`` marks a skipped rank and is ignored.
- A ballot left ranking no candidate is not a valid vote: it is counted in
  :attr:`BltElection.blank` and left out of the profile.
- An optional ballot identifier in parentheses before the weight, ``(17) 1 2 3 0``,
  is ignored. Weights are whole numbers. Blank lines and lines starting with ``#``
  outside the names are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sovet.count.errors import FormatError
from sovet.count.formats._common import (
    PROGRESS_EVERY,
    BallotCollector,
    Progress,
    Source,
    check_unique,
    load_text,
    parse_weight,
    split_lines,
)
from sovet.count.profiles import RankedProfile

_QUOTED = re.compile(r'\s*"([^"]*)"')


@dataclass(frozen=True)
class BltElection:
    """A BLT file's contents: the profile, seats, title and withdrawn candidates.

    ``candidates`` lists every candidate in file order, withdrawn ones included;
    ``blank`` and ``overvotes`` are the weights of ballots dropped as blank and of
    ballots cut at an equal ranking.
    """

    profile: RankedProfile
    seats: int
    title: str = ""
    withdrawn: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    blank: int = 0
    overvotes: int = 0

    def __post_init__(self) -> None:
        if not self.candidates:
            object.__setattr__(self, "candidates", self.profile.candidates + self.withdrawn)


class _Lines:
    """Numbered, non-blank lines of a file, skipping ``#`` comments; ``last`` is the
    number of the last line read that was not blank (where an early end is reported)."""

    def __init__(self, text: str, source: str | None, progress: Progress | None) -> None:
        self.source = source
        self._it: Iterator[tuple[int, str]] = iter(enumerate(split_lines(text), start=1))
        self._progress = progress
        self.last = 0

    def next(self, expecting: str) -> tuple[int, str]:
        for number, raw in self._it:
            if self._progress is not None and number % PROGRESS_EVERY == 0:
                self._progress(number)
            line = raw.strip()
            if line and not line.startswith("#"):
                self.last = number
                return number, line
        raise FormatError(
            f"the file ends before {expecting}", line=self.last or 1, source=self.source
        )

    def rest(self) -> Iterator[tuple[int, str]]:
        for number, raw in self._it:
            if raw.strip():
                self.last = number
            yield number, raw

    def error(self, message: str, line: int) -> FormatError:
        return FormatError(message, line=line, source=self.source)


def read_blt(source: Source, *, progress: Progress | None = None) -> BltElection:
    """Read a BLT file (a path, or the text itself) under the rules above."""
    text, name = load_text(source)
    lines = _Lines(text, name, progress)
    n, seats = _header(lines)
    line_no, line = lines.next("the ballots")
    withdrawn: set[int] = set()
    if line.startswith("-"):
        withdrawn = _withdrawn(line, n, line_no, lines)
        line_no, line = lines.next("the ballots")
    collector = BallotCollector()
    while line != "0":
        ranking, weight, cut = _ballot(line, n, withdrawn, line_no, lines)
        collector.add(ranking, weight, marks=("overvote",) if cut else ())
        line_no, line = lines.next("the line '0' that ends the ballots")
    names, title = _names(lines, n)
    keep = [i for i in range(n) if i not in withdrawn]
    renumber = {old: new for new, old in enumerate(keep)}
    counts: dict[tuple[int, ...], int] = {}
    for ranking, weight in collector.counts.items():
        key = tuple(renumber[c] for c in ranking)
        counts[key] = counts.get(key, 0) + weight
    collector.counts = counts
    profile = collector.profile([names[i] for i in keep])
    return BltElection(
        profile=profile,
        seats=seats,
        title=title,
        withdrawn=tuple(names[i] for i in sorted(withdrawn)),
        candidates=tuple(names),
        blank=collector.blank,
        overvotes=collector.overvotes,
    )


def _header(lines: _Lines) -> tuple[int, int]:
    line_no, line = lines.next("the header 'candidates seats'")
    parts = line.split()
    if len(parts) != 2 or not all(_is_number(p) for p in parts):
        raise lines.error(
            f"the first line must be 'candidates seats' (two whole numbers), not {line!r}",
            line_no,
        )
    n, seats = int(parts[0]), int(parts[1])
    if n < 1:
        raise lines.error("the number of candidates must be at least 1", line_no)
    if seats < 1:
        raise lines.error("the number of seats must be at least 1", line_no)
    return n, seats


def _withdrawn(line: str, n: int, line_no: int, lines: _Lines) -> set[int]:
    out: set[int] = set()
    for token in line.split():
        try:
            value = int(token)
        except ValueError:
            raise lines.error(f"withdrawn candidate {token!r} is not a number", line_no) from None
        if not -n <= value <= -1:
            raise lines.error(
                f"withdrawn candidate {token} must be a negative candidate number -1..-{n}",
                line_no,
            )
        out.add(-value - 1)
    if len(out) == n:
        raise lines.error("every candidate is withdrawn", line_no)
    return out


def _ballot(
    line: str, n: int, withdrawn: set[int], line_no: int, lines: _Lines
) -> tuple[tuple[int, ...], int, bool]:
    tokens = line.split()
    if tokens[0].startswith("(") and tokens[0].endswith(")"):
        tokens = tokens[1:]
    if len(tokens) < 2 or tokens[-1] != "0":
        raise lines.error(f"a ballot line must be 'weight preferences... 0', not {line!r}", line_no)
    weight = parse_weight(tokens[0], line=line_no, source=lines.source)
    ranking: list[int] = []
    for token in tokens[1:-1]:
        if token == "-":  # noqa: S105 - a skipped rank, not a secret
            continue
        group = [_candidate(t, n, line_no, lines) for t in token.split("=")]
        if len(group) > 1:
            return tuple(ranking), weight, True
        c = group[0]
        if c not in withdrawn and c not in ranking:
            ranking.append(c)
    return tuple(ranking), weight, False


def _candidate(token: str, n: int, line_no: int, lines: _Lines) -> int:
    if not _is_number(token):
        raise lines.error(f"preference {token!r} is not a candidate number", line_no)
    value = int(token)
    if value == 0:
        raise lines.error("'0' may only end a ballot line", line_no)
    if value > n:
        raise lines.error(f"candidate {value} does not exist (there are {n})", line_no)
    return value - 1


def _is_number(token: str) -> bool:
    return token.isascii() and token.isdigit()


def _names(lines: _Lines, n: int) -> tuple[list[str], str]:
    found: list[tuple[str, int]] = []
    for line_no, raw in lines.rest():
        rest = raw.strip()
        if not rest or (rest.startswith("#") and not found):
            continue
        while rest:
            match = _QUOTED.match(rest)
            if match is None:
                raise lines.error(f"expected a name in double quotes, not {rest!r}", line_no)
            found.append((match.group(1), line_no))
            rest = rest[match.end() :].strip()
        if len(found) > n + 1:
            raise lines.error(f"more quoted strings than {n} candidate names and a title", line_no)
    if len(found) < n:
        raise lines.error(
            f"expected {n} candidate names in double quotes, found {len(found)}",
            lines.last or 1,
        )
    names = [name for name, _ in found[:n]]
    check_unique(names, [line for _, line in found[:n]], lines.source)
    title = found[n][0] if len(found) > n else ""
    return names, title


def write_blt(election: BltElection) -> str:
    """Write an election as BLT text; ``read_blt(write_blt(e))`` gives back ``e``."""
    names = list(election.candidates)
    for name in [*names, election.title]:
        if '"' in name or "\n" in name or "\r" in name:
            raise FormatError(
                f"BLT cannot store a name or title containing quotes or line breaks: {name!r}"
            )
    number = {name: i + 1 for i, name in enumerate(names)}
    out = [f"{len(names)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{i}" for i in sorted(number[w] for w in election.withdrawn)))
    profile = election.profile
    for row, weight in zip(profile.ballots.tolist(), profile.weights.tolist(), strict=True):
        prefs = " ".join(str(number[profile.candidates[c]]) for c in row if c >= 0)
        out.append(f"{weight} {prefs} 0" if prefs else f"{weight} 0")
    out.append("0")
    out.extend(f'"{name}"' for name in names)
    out.append(f'"{election.title}"')
    return "\n".join(out) + "\n"
