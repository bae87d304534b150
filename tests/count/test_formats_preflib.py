"""PrefLib .soc/.soi/.toc reading and writing."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import FormatError, RankedProfile
from sovet.count.formats import read_preflib, write_preflib
from tests.count.formats_strategies import profiles, same

HEADER = """# FILE NAME: 00000-00000001.{kind}
# TITLE: A small election
# DESCRIPTION:
# DATA TYPE: {kind}
# MODIFICATION TYPE: original
# NUMBER ALTERNATIVES: 3
# NUMBER VOTERS: {voters}
# NUMBER UNIQUE ORDERS: {orders}
# ALTERNATIVE NAME 1: Ann
# ALTERNATIVE NAME 2: Bob
# ALTERNATIVE NAME 3: Cy: the third
"""


def pl(kind: str, body: str, voters: int | None = None) -> str:
    lines = [line for line in body.strip().splitlines() if line.strip()]
    if voters is None:
        counts = [line.split(":")[0].strip() for line in lines]
        voters = sum(int(c) for c in counts if c.isdigit())
    return HEADER.format(kind=kind, voters=voters, orders=len(lines)) + body.strip() + "\n"


def test_reads_a_soc_file() -> None:
    e = read_preflib(pl("soc", "3: 1,2,3\n2: 3,2,1"))
    assert e.kind == "soc"
    assert e.title == "A small election"
    assert e.profile.candidates == ("Ann", "Bob", "Cy: the third")
    assert sorted(e.profile.rankings()) == [
        (("Ann", "Bob", "Cy: the third"), 3),
        (("Cy: the third", "Bob", "Ann"), 2),
    ]
    assert e.header["MODIFICATION TYPE"] == "original"


def test_reads_a_soi_file_with_short_orders() -> None:
    e = read_preflib(pl("soi", "4: 2\n1: 3,1"))
    assert sorted(e.profile.rankings()) == [(("Bob",), 4), (("Cy: the third", "Ann"), 1)]


def test_a_tied_group_ends_the_ranking_in_toc() -> None:
    e = read_preflib(pl("toc", "2: 1,{2,3}\n3: {1,2},3\n1: {3},1,2"))
    assert sorted(e.profile.rankings()) == [
        (("Ann",), 2),
        (("Cy: the third", "Ann", "Bob"), 1),  # a group of one is an ordinary rank
    ]
    assert e.overvotes == 5
    assert e.blank == 3  # '{1,2},3' ranks no one before its tie


def test_kind_comes_from_the_extension_without_a_data_type(tmp_path: Path) -> None:
    path = tmp_path / "x.toc"
    path.write_text(pl("toc", "1: {1,2},3").replace("# DATA TYPE: toc\n", ""), "utf-8")
    assert read_preflib(path).kind == "toc"


@settings(max_examples=150, deadline=None)
@given(profiles(), st.sampled_from(["soi", "toc"]))
def test_round_trip(profile: RankedProfile, kind: str) -> None:
    text = write_preflib(profile, kind, title="t")
    again = read_preflib(text)
    assert same(again.profile, profile)
    assert again.kind == kind
    assert write_preflib(again.profile, kind, title="t") == text


@settings(max_examples=100, deadline=None)
@given(profiles(min_candidates=2, max_candidates=4))
def test_soc_round_trip_of_complete_orders(profile: RankedProfile) -> None:
    complete = RankedProfile.from_rankings(
        profile.candidates,
        [((*r, *(c for c in profile.candidates if c not in r)), w) for r, w in profile.rankings()],
    )
    assert same(read_preflib(write_preflib(complete, "soc")).profile, complete)


def test_soc_writer_refuses_incomplete_orders() -> None:
    profile = RankedProfile.from_rankings(["A", "B"], [("A",)])
    with pytest.raises(FormatError, match="every candidate"):
        write_preflib(profile, "soc")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=15), min_size=2, max_size=8))
def test_any_text_reads_or_raises_format_error(lines: list[str]) -> None:
    with contextlib.suppress(FormatError):
        read_preflib("\n".join(lines), "toc")


def _bad(kind: str, body: str, **kw: int) -> str:
    return pl(kind, body, **kw)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (_bad("soi", "1: 1,4"), 12, "alternative 4 does not exist"),
        (_bad("soi", "1: 1,{2,3}"), 12, "only toc allows ties"),
        (_bad("soc", "1: 1,2"), 12, "must rank all 3"),
        (_bad("soi", "1: 1,2,1"), 12, "appears twice"),
        (_bad("soi", "x: 1,2"), 12, "count 'x' is not a number"),
        (_bad("soi", "1 1,2"), 12, "'count: order'"),
        (_bad("toc", "1: 1,{2,3"), 12, "unclosed brace"),
        (_bad("toc", "1: 1,{2,{3}}"), 12, "nested braces"),
        (_bad("soi", "1: 1,,2"), 12, "empty place"),
        (_bad("soi", "1: a"), 12, "not an alternative number"),
        (_bad("soi", "1: 1\n2: 2", voters=4), 7, "NUMBER VOTERS says 4, but the file holds 3"),
        (_bad("soi", "1: 1\n# X: y"), 13, "header line after the orders"),
        ("# NUMBER ALTERNATIVES: two\n1: 1\n", 1, "must be a whole number"),
        ("# TITLE: no count\n1: 1\n", 1, "lacks '# NUMBER ALTERNATIVES"),
        ("# just a comment\n", 1, "'# KEY: value'"),
        ("# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 2: X\n", 2, "beyond NUMBER ALTERNATIVES"),
        (
            "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: X\n# ALTERNATIVE NAME 2: X\n",
            3,
            "named twice",
        ),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(FormatError) as info:
        read_preflib(text, "soi" if "DATA TYPE" not in text else None)
    assert info.value.line == line
    assert fragment in str(info.value)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(FormatError, match="unknown PrefLib data type 'soc2'"):
        read_preflib("# DATA TYPE: soc2\n# NUMBER ALTERNATIVES: 1\n1: 1\n")
