"""PrefLib ordinal files (PrefLib 2 format): ``.soc``, ``.soi`` and ``.toc``.

A file is a header of ``# KEY: value`` lines, then one line per distinct order::

    # FILE NAME: 00004-00000001.soi
    # TITLE: An election
    # DATA TYPE: soi
    # NUMBER ALTERNATIVES: 3
    # NUMBER VOTERS: 5
    # NUMBER UNIQUE ORDERS: 2
    # ALTERNATIVE NAME 1: Ann
    # ALTERNATIVE NAME 2: Bob
    # ALTERNATIVE NAME 3: Cy
    3: 1,2,3
    2: 3,{1,2}

``soc`` holds strict complete orders, ``soi`` strict incomplete ones and ``toc``
orders with ties, written as ``{a,b}`` groups.

Rules Sovet declares: a tied group is an overvote, so the ranking ends before the
first group of two or more alternatives (``3,{1,2}`` counts as ``3`` alone); a group
of one, ``{2}``, is an ordinary rank. An order that ranks no one after this rule is
a blank ballot: counted in :attr:`PreflibElection.blank`, left out of the profile.
The header's counts of voters and unique orders, when present, must match the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

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

KINDS = ("soc", "soi", "toc")
_HEADER = re.compile(r"#\s*([A-Za-z][A-Za-z0-9 ]*?)\s*:\s?(.*)$")
_NAME_KEY = re.compile(r"ALTERNATIVE NAME (\d+)$")


@dataclass(frozen=True)
class PreflibElection:
    """A PrefLib file's contents: the profile, its kind, title and header."""

    profile: RankedProfile
    kind: str
    title: str = ""
    header: Mapping[str, str] = field(default_factory=dict)
    blank: int = 0
    overvotes: int = 0


def read_preflib(
    source: Source, kind: str | None = None, *, progress: Progress | None = None
) -> PreflibElection:
    """Read a PrefLib ``.soc``/``.soi``/``.toc`` file (a path, or the text itself).

    ``kind`` defaults to the header's ``DATA TYPE``, then to the file's extension.
    """
    text, name = load_text(source)
    lines = split_lines(text)
    header, header_lines, first = _read_header(lines, name)
    kind = _kind(kind, header, name)
    names = _names(header, header_lines, name)
    n = len(names)
    collector = BallotCollector()
    orders = 0
    for line_no in range(first, len(lines) + 1):
        if progress is not None and line_no % PROGRESS_EVERY == 0:
            progress(line_no)
        line = lines[line_no - 1].strip()
        if not line:
            continue
        if line.startswith("#"):
            raise FormatError("a header line after the orders", line=line_no, source=name)
        weight, ranking, cut = _order(line, n, kind, line_no, name)
        collector.add(ranking, weight, marks=("overvote",) if cut else ())
        orders += 1
    _check_total(header, header_lines, "NUMBER VOTERS", collector.read, name)
    _check_total(header, header_lines, "NUMBER UNIQUE ORDERS", orders, name)
    return PreflibElection(
        profile=collector.profile(names),
        kind=kind,
        title=header.get("TITLE", ""),
        header=header,
        blank=collector.blank,
        overvotes=collector.overvotes,
    )


def _read_header(
    lines: list[str], source: str | None
) -> tuple[dict[str, str], dict[str, int], int]:
    header: dict[str, str] = {}
    where: dict[str, int] = {}
    number = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            return header, where, number
        match = _HEADER.match(line)
        if match is None:
            raise FormatError(
                f"a header line must be '# KEY: value', not {line!r}", line=number, source=source
            )
        key = match.group(1).upper()
        header[key] = match.group(2).strip()
        where[key] = number
    if not header:
        raise FormatError("the file is empty", line=1, source=source)
    return header, where, number + 1


def _kind(kind: str | None, header: Mapping[str, str], source: str | None) -> str:
    found = kind or header.get("DATA TYPE", "").lower()
    if not found and source is not None:
        found = source.removesuffix(".gz").rsplit(".", 1)[-1].lower()
    if found not in KINDS:
        raise FormatError(
            f"unknown PrefLib data type {found!r}; Sovet reads {', '.join(KINDS)}", source=source
        )
    return found


def _count(
    header: Mapping[str, str],
    where: Mapping[str, int],
    key: str,
    source: str | None,
    *,
    required: bool = False,
) -> int | None:
    if key not in header:
        if required:
            raise FormatError(f"the header lacks '# {key}: ...'", line=1, source=source)
        return None
    value = header[key]
    if not (value.isascii() and value.isdigit()):
        raise FormatError(
            f"{key} must be a whole number, not {value!r}", line=where[key], source=source
        )
    return int(value)


def _names(header: Mapping[str, str], where: Mapping[str, int], source: str | None) -> list[str]:
    count = _count(header, where, "NUMBER ALTERNATIVES", source, required=True) or 0
    if count < 1:
        raise FormatError(
            "NUMBER ALTERNATIVES must be at least 1",
            line=where.get("NUMBER ALTERNATIVES"),
            source=source,
        )
    for key in header:
        match = _NAME_KEY.match(key)
        if match and not 1 <= int(match.group(1)) <= count:
            raise FormatError(
                f"{key} is beyond NUMBER ALTERNATIVES ({count})", line=where[key], source=source
            )
    names = [header.get(f"ALTERNATIVE NAME {i}") or str(i) for i in range(1, count + 1)]
    lines = [where.get(f"ALTERNATIVE NAME {i}", 1) for i in range(1, count + 1)]
    check_unique(names, lines, source)
    return names


def _order(
    line: str, n: int, kind: str, line_no: int, source: str | None
) -> tuple[int, tuple[int, ...], bool]:
    count, sep, body = line.partition(":")
    if not sep:
        raise FormatError(
            f"an order line must be 'count: order', not {line!r}", line=line_no, source=source
        )
    weight = parse_weight(count.strip(), line=line_no, source=source, what="count")
    groups = _groups(body.strip(), n, line_no, source)
    seen = [c for group in groups for c in group]
    if len(set(seen)) != len(seen):
        raise FormatError("an alternative appears twice in one order", line=line_no, source=source)
    tied = any(len(g) > 1 for g in groups)
    if tied and kind != "toc":
        raise FormatError(
            f"a tie '{{...}}' in a {kind} file (only toc allows ties)", line=line_no, source=source
        )
    if kind == "soc" and len(seen) != n:
        raise FormatError(
            f"a soc order must rank all {n} alternatives", line=line_no, source=source
        )
    ranking: list[int] = []
    for group in groups:
        if len(group) > 1:
            return weight, tuple(ranking), True
        ranking.append(group[0])
    return weight, tuple(ranking), False


def _groups(body: str, n: int, line_no: int, source: str | None) -> list[list[int]]:
    """Split an order into ranks: ``1,{2,3},4`` -> ``[[0], [1, 2], [3]]``."""
    if not body:
        return []
    groups: list[list[int]] = []
    for part in _split_top(body, line_no, source):
        item = part.strip()
        if item.startswith("{") and item.endswith("}"):
            members = [m.strip() for m in item[1:-1].split(",")]
        elif "{" in item or "}" in item:
            raise FormatError(f"a misplaced brace in {item!r}", line=line_no, source=source)
        else:
            members = [item]
        if any(not m for m in members):
            raise FormatError("an empty place in an order", line=line_no, source=source)
        groups.append([_alternative(m, n, line_no, source) for m in members])
    return groups


def _split_top(body: str, line_no: int, source: str | None) -> list[str]:
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(body):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        if depth not in (0, 1):
            raise FormatError(
                "unbalanced or nested braces in an order", line=line_no, source=source
            )
    if depth != 0:
        raise FormatError("an unclosed brace in an order", line=line_no, source=source)
    parts.append(body[start:])
    return parts


def _alternative(token: str, n: int, line_no: int, source: str | None) -> int:
    if not (token.isascii() and token.isdigit()):
        raise FormatError(f"{token!r} is not an alternative number", line=line_no, source=source)
    value = int(token)
    if not 1 <= value <= n:
        raise FormatError(
            f"alternative {value} does not exist (there are {n})", line=line_no, source=source
        )
    return value - 1


def _check_total(
    header: Mapping[str, str], where: Mapping[str, int], key: str, actual: int, source: str | None
) -> None:
    declared = _count(header, where, key, source)
    if declared is not None and declared != actual:
        raise FormatError(
            f"{key} says {declared}, but the file holds {actual}", line=where[key], source=source
        )


def write_preflib(
    profile: RankedProfile, kind: str = "soi", *, title: str = "", file_name: str = ""
) -> str:
    """Write a profile as a PrefLib file of ``kind`` (``soc``, ``soi`` or ``toc``).

    Orders are written strict, most frequent first. A ``soc`` file needs every ballot
    to rank every candidate; no PrefLib kind can hold a ballot that ranks no one.
    """
    if kind not in KINDS:
        raise FormatError(f"unknown PrefLib data type {kind!r}; Sovet writes {', '.join(KINDS)}")
    rows = [(r, w) for r, w in zip(profile.ballots.tolist(), profile.weights.tolist(), strict=True)]
    orders = [([c + 1 for c in row if c >= 0], weight) for row, weight in rows]
    for order, _ in orders:
        if not order:
            raise FormatError("PrefLib cannot store a ballot that ranks no candidate")
        if kind == "soc" and len(order) != profile.n_candidates:
            raise FormatError("a soc file needs every ballot to rank every candidate")
    for name in (*profile.candidates, title, file_name):
        if "\n" in name or "\r" in name:
            raise FormatError(f"a header value cannot contain a line break: {name!r}")
    orders.sort(key=lambda item: (-item[1], item[0]))
    out = [
        f"# FILE NAME: {file_name}",
        f"# TITLE: {title}",
        f"# DATA TYPE: {kind}",
        f"# NUMBER ALTERNATIVES: {profile.n_candidates}",
        f"# NUMBER VOTERS: {sum(w for _, w in orders)}",
        f"# NUMBER UNIQUE ORDERS: {len(orders)}",
    ]
    out.extend(f"# ALTERNATIVE NAME {i}: {c}" for i, c in enumerate(profile.candidates, 1))
    out.extend(f"{w}: {','.join(map(str, order))}" for order, w in orders)
    return "\n".join(out) + "\n"
