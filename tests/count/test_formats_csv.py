"""CSV ballots: the rankings layout, cast-vote records, the declared rules, errors."""

from __future__ import annotations

import contextlib
import gzip
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sovet.count import FormatError, InvalidCount, RankedProfile
from sovet.count.formats import CsvRules, read_csv, write_csv
from tests.count.formats_strategies import profiles, same

CVR = """Precinct,rank1,rank2,rank3,weight
P-1,Ann,Bob,Cy,1
P-1,Ann,undervote,Bob,2
P-2,overvote,Bob,Cy,1
P-2,Bob,overvote,Cy,1
P-3,Cy,Cy,Ann,1
P-3,undervote,undervote,undervote,4
"""


def rankings(text: str, **kw: object) -> list[tuple[tuple[str, ...], int]]:
    return sorted(read_csv(text, **kw).profile.rankings())  # type: ignore[arg-type]


def test_rankings_layout_with_a_weight_header() -> None:
    text = "weight,first,second\n3,Ann,Bob\n2,Bob\n1,Ann,Bob\n"
    e = read_csv(text)
    assert e.layout == "rankings"
    assert e.profile.candidates == ("Ann", "Bob")
    assert sorted(e.profile.rankings()) == [(("Ann", "Bob"), 4), (("Bob",), 2)]


def test_rankings_layout_without_a_header_counts_each_row_once() -> None:
    assert rankings("Ann,Bob\nBob,,\nAnn,Bob\n") == [(("Ann", "Bob"), 2), (("Bob",), 1)]


def test_cvr_under_the_default_rules() -> None:
    e = read_csv(CVR)
    assert e.layout == "cvr"
    assert sorted(e.profile.rankings()) == [
        (("Ann", "Bob"), 2),  # the skipped rank is passed over
        (("Ann", "Bob", "Cy"), 1),
        (("Bob",), 1),  # the overvote at rank 2 ends the ballot
        (("Cy", "Ann"), 1),  # the repeated Cy is ignored
    ]
    assert e.blank == 5  # four all-undervote ballots and one overvote at rank 1
    assert e.marks == {"skipped": 2, "overvote": 2, "duplicate": 1}


def test_cvr_under_minneapolis_rules() -> None:
    rules = CsvRules(skipped="skip", overvote="skip", duplicates="ignore-later")
    assert rankings(CVR, rules=rules) == [
        (("Ann", "Bob"), 2),
        (("Ann", "Bob", "Cy"), 1),
        (("Bob", "Cy"), 2),
        (("Cy", "Ann"), 1),
    ]


def test_skipped_rank_can_exhaust_and_duplicates_can_exhaust() -> None:
    rules = CsvRules(skipped="exhaust", duplicates="exhaust")
    assert rankings(CVR, rules=rules) == [
        (("Ann",), 2),
        (("Ann", "Bob", "Cy"), 1),
        (("Bob",), 1),
        (("Cy",), 1),
    ]


def test_markers_are_configurable_and_compare_without_case() -> None:
    text = "rank1,rank2,rank3\nAnn,SKIP,Bob\nANN=BOB,Bob,\n"
    rules = CsvRules(skipped_markers=("skip",), overvote_markers=("ann=bob",), overvote="skip")
    assert rankings(text, rules=rules) == [(("Ann", "Bob"), 1), (("Bob",), 1)]


def test_rank_columns_are_ordered_by_number_and_can_be_named() -> None:
    text = "id,rank2,rank1\n1,Bob,Ann\n"
    assert rankings(text) == [(("Ann", "Bob"), 1)]
    text = "id,first,second\n1,Ann,Bob\n"
    assert rankings(text, layout="cvr", rank_columns=["second", "first"]) == [(("Bob", "Ann"), 1)]


def test_a_fixed_candidate_list_sets_the_order() -> None:
    e = read_csv("Bob,Ann\n", candidates=["Ann", "Bob", "Cy"])
    assert e.profile.candidates == ("Ann", "Bob", "Cy")


def test_reads_gzipped_files_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "b.csv.gz"
    path.write_bytes(gzip.compress(("\ufeff" + CVR).encode("utf-8")))
    assert same(read_csv(path).profile, read_csv(CVR).profile)


@settings(max_examples=150, deadline=None)
@given(profiles(), st.booleans())
def test_round_trip(profile: RankedProfile, weights: bool) -> None:
    assume(profile.total_weight > 0)  # a file of no ballots names no candidate
    again = read_csv(write_csv(profile, weights=weights)).profile
    assert sorted(again.rankings()) == sorted(profile.rankings())
    assert set(again.candidates) <= set(profile.candidates)
    again = read_csv(write_csv(profile), candidates=profile.candidates).profile
    assert same(again, profile)


@pytest.mark.parametrize("name", ["overvote", "Undervote", " Ann"])
def test_writer_refuses_ambiguous_names(name: str) -> None:
    profile = RankedProfile.from_rankings([name], [(name,)])
    with pytest.raises(FormatError, match="unambiguously"):
        write_csv(profile)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=15), min_size=2, max_size=8))
def test_any_text_reads_or_raises_format_error(lines: list[str]) -> None:
    with contextlib.suppress(FormatError):
        read_csv("\n".join(lines))


@pytest.mark.parametrize(
    ("text", "kw", "line", "fragment"),
    [
        ("", {}, 1, "empty"),
        ("\n\n", {}, 1, "empty"),
        ("weight,a\n2,Ann\nx,Bob\n", {}, 3, "column 1: weight 'x' is not a number"),
        ("weight,a\n2,Ann\n-1,Bob\n", {}, 3, "negative"),
        ("weight,a\n2,Ann\n1.5,Bob\n", {}, 3, "not a whole number"),
        ("weight,a\n2,Ann\n,Bob\n", {}, 3, "column 1 (weight) is empty"),
        ("rank1,rank2\nAnn,Bob\nAnn\n", {}, 3, "the row has 1 cells, the header 2"),
        ("rank1,rank2,weight\nAnn,Bob,1\nBob,Ann,z\n", {}, 3, "column 3: weight"),
        ("a,b\nAnn,Bob\n", {"layout": "cvr"}, 1, "names no rank columns"),
        ("a,b\nAnn,Bob\n", {"layout": "cvr", "rank_columns": ["c"]}, 1, "no column named c"),
        (
            "Ann,Bob\nAnn,Dee\n",
            {"candidates": ["Ann", "Bob"]},
            2,
            "column 2: unknown candidate 'Dee'",
        ),
        ('Ann,Bob\nAnn,"Bob\n', {}, 3, "malformed CSV"),
        ("undervote\n", {}, 1, "names no candidate"),
    ],
)
def test_malformed_files_name_the_line(
    text: str, kw: dict[str, object], line: int, fragment: str
) -> None:
    with pytest.raises(FormatError) as info:
        read_csv(text + "\n", **kw)  # type: ignore[arg-type]
    assert info.value.line == line
    assert fragment in str(info.value)


def test_unknown_rules_are_refused() -> None:
    with pytest.raises(InvalidCount, match="overvote rule"):
        CsvRules(overvote="count")
    with pytest.raises(InvalidCount, match="layout"):
        read_csv("a\n", layout="json")
