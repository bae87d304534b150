"""BLT reading and writing: the declared rules, round trips, and malformed files."""

from __future__ import annotations

import contextlib
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import FormatError, RankedProfile
from sovet.count.formats import BltElection, read_blt, write_blt
from tests.count.formats_strategies import names, profiles, same

# The example of the BLT format as OpenSTV documents it (4 candidates, 2 seats,
# candidate 2 withdrawn), with one ballot of equal rankings added.
EXAMPLE = """4 2
-2
3 1 3 4 0
4 1 3 2 0
2 4 1 3 0
1 2 0
2 2 4 3 1 0
1 3 4 2 0
2 1 3=4 2 0
0
"Adam"
"Basil"
"Charlotte"
"Donald"
"Title"
"""


def test_reads_seats_title_candidates_and_ballots() -> None:
    e = read_blt(EXAMPLE)
    assert e.seats == 2
    assert e.title == "Title"
    assert e.candidates == ("Adam", "Basil", "Charlotte", "Donald")
    assert e.profile.candidates == ("Adam", "Charlotte", "Donald")
    assert sorted(e.profile.rankings()) == sorted(
        [
            (("Adam", "Charlotte", "Donald"), 3),
            (("Adam", "Charlotte"), 4),  # Basil withdrawn
            (("Donald", "Adam", "Charlotte"), 2),
            (("Donald", "Charlotte", "Adam"), 2),
            (("Charlotte", "Donald"), 1),
            (("Adam",), 2),  # '3=4' ends the ballot after Adam
        ]
    )


def test_withdrawn_candidates_are_recorded_and_blank_ballots_counted() -> None:
    e = read_blt(EXAMPLE)
    assert e.withdrawn == ("Basil",)
    assert e.blank == 1  # "1 2 0" ranked only Basil
    assert e.profile.total_weight == 14
    assert e.overvotes == 2


def test_equal_ranking_at_the_first_rank_leaves_a_blank_ballot() -> None:
    e = read_blt('2 1\n5 1=2 0\n1 2 0\n0\n"A"\n"B"\n')
    assert e.blank == 5 and e.overvotes == 5
    assert e.profile.rankings() == [(("B",), 1)]


def test_repeats_skips_ids_and_comments() -> None:
    text = '# a comment\n3 1\n(1) 2 1 - 2 3 1 0\n\n0\n"A" "B"\n"C"\n"T"\n'
    e = read_blt(text)
    assert e.profile.rankings() == [(("A", "B", "C"), 2)]
    assert e.title == "T"


def test_title_may_be_missing() -> None:
    assert read_blt('1 1\n1 1 0\n0\n"A"\n').title == ""


def test_reads_from_a_path_and_a_gzipped_path(tmp_path: Path) -> None:
    plain = tmp_path / "e.blt"
    plain.write_text(EXAMPLE, encoding="utf-8")
    packed = tmp_path / "e.blt.gz"
    packed.write_bytes(gzip.compress(EXAMPLE.encode()))
    for path in (plain, str(plain), packed):
        assert same(read_blt(path).profile, read_blt(EXAMPLE).profile)


def test_write_then_read_gives_the_example_back() -> None:
    e = read_blt(EXAMPLE)
    again = read_blt(write_blt(e))
    assert same(again.profile, e.profile)
    assert (again.seats, again.title, again.withdrawn, again.candidates) == (
        e.seats,
        e.title,
        e.withdrawn,
        e.candidates,
    )


@st.composite
def elections(draw: st.DrawFn) -> BltElection:
    profile = draw(profiles())
    extra = draw(st.lists(names, max_size=3, unique=True))
    withdrawn = tuple(w for w in extra if w not in profile.candidates)
    everyone = list(profile.candidates)
    for w in withdrawn:  # withdrawn candidates anywhere in the file's order
        everyone.insert(draw(st.integers(0, len(everyone))), w)
    title = draw(st.text(st.characters(blacklist_characters='"\r\n'), max_size=20))
    seats = draw(st.integers(1, len(everyone)))
    return BltElection(profile, seats, title.strip(), withdrawn, tuple(everyone))


@settings(max_examples=150, deadline=None)
@given(elections())
def test_round_trip(e: BltElection) -> None:
    again = read_blt(write_blt(e))
    assert same(again.profile, e.profile)
    assert again.seats == e.seats
    assert again.title == e.title
    assert again.withdrawn == tuple(c for c in e.candidates if c in e.withdrawn)
    assert again.candidates == e.candidates
    assert write_blt(again) == write_blt(e)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=2, max_size=8))
def test_any_text_reads_or_raises_format_error(lines: list[str]) -> None:
    with contextlib.suppress(FormatError):
        read_blt("\n".join(lines))


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "ends before"),
        ("4\n", 1, "candidates seats"),
        ("2 0\n0\n", 1, "seats must be at least 1"),
        ("0 1\n0\n", 1, "candidates must be at least 1"),
        ("2 1\n-3\n0\n", 2, "-1..-2"),
        ("2 1\n-x\n0\n", 2, "not a number"),
        ("2 1\n1 1 2\n0\n", 2, "must be 'weight preferences... 0'"),
        ("2 1\n1 1 0 2 0\n0\n", 2, "'0' may only end"),
        ("2 1\n1 1 3 0\n0\n", 2, "candidate 3 does not exist"),
        ("2 1\n1 a 0\n0\n", 2, "not a candidate number"),
        ("2 1\n1.5 1 0\n0\n", 2, "not a whole number"),
        ("2 1\n-1 1 0\n0\n", 2, "1..-2"),
        ("2 1\n1 1 0\n\n1 2 0\n", 4, "ends before the line '0'"),
        ('2 1\n1 1 0\n0\n"A"\n', 4, "expected 2 candidate names"),
        ('2 1\n1 1 0\n0\n"A"\nB\n', 5, "double quotes"),
        ('2 1\n1 1 0\n0\n"A"\n"A"\n"T"\n', 5, "named twice (first on line 4)"),
        ('2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n"X"\n', 7, "more quoted strings"),
        ('2 1\n-1 -2\n1 1 0\n0\n"A"\n"B"\n', 2, "every candidate is withdrawn"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(FormatError) as info:
        read_blt(text + "\n")
    assert info.value.line == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"line {line}: ")


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.blt"
    path.write_text("2 1\n1 1 9 0\n0\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.blt:2: candidate 9 does not exist"):
        read_blt(path)


def test_write_refuses_names_blt_cannot_hold() -> None:
    profile = RankedProfile.from_rankings(['say "hi"'], [('say "hi"',)])
    with pytest.raises(FormatError, match="quotes"):
        write_blt(BltElection(profile, 1))
