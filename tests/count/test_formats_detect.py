"""read_ballots: the format from the extension, and what it reports in meta."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sovet.count import FormatError
from sovet.count.formats import CsvRules, detect_format, read_ballots

BLT = '3 2\n-3\n2 1 2 0\n1 2 1=3 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n'
SOI = (
    "# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 2\n"
    "# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n3: 1,2\n"
)
CSV = "rank1,rank2\nA,B\nB,overvote\nundervote,undervote\n"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("x.blt", "blt"),
        ("X.BLT", "blt"),
        ("a/b.soi", "soi"),
        ("b.soc", "soc"),
        ("b.toc.gz", "toc"),
        ("votes.csv", "csv"),
        ("votes.csv.gz", "csv"),
    ],
)
def test_detects_the_format_from_the_extension(name: str, kind: str) -> None:
    assert detect_format(name) == kind


@pytest.mark.parametrize("name", ["votes.txt", "votes", "votes.gz"])
def test_unknown_extensions_are_refused(name: str) -> None:
    with pytest.raises(FormatError, match="cannot tell the ballot format"):
        detect_format(name)


def test_blt_meta(tmp_path: Path) -> None:
    path = tmp_path / "e.blt"
    path.write_text(BLT, encoding="utf-8")
    profile, seats, meta = read_ballots(path)
    assert seats == 2
    assert profile.candidates == ("A", "B")
    assert meta["format"] == "blt"
    assert meta["title"] == "T"
    assert meta["withdrawn"] == ["C"]
    assert meta["ballots"] == 4 and meta["blank"] == 1
    assert meta["marks"] == {"overvote": 1}


def test_preflib_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "e.soi.gz"
    path.write_bytes(gzip.compress(SOI.encode()))
    profile, seats, meta = read_ballots(path)
    assert seats is None
    assert profile.rankings() == [(("A", "B"), 3)]
    assert meta["format"] == "soi"


def test_csv_rules_are_applied_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(CSV, encoding="utf-8")
    profile, _, meta = read_ballots(path, csv_rules=CsvRules(overvote="skip"))
    assert sorted(profile.rankings()) == [(("A", "B"), 1), (("B",), 1)]
    assert meta["rules"] == {"skipped": "skip", "overvote": "skip", "duplicates": "ignore-later"}
    assert meta["layout"] == "cvr"
    assert meta["blank"] == 1


def test_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "ballots.txt"
    path.write_text(BLT, encoding="utf-8")
    assert read_ballots(path, "blt")[1] == 2
    with pytest.raises(FormatError, match="unknown ballot format 'xml'"):
        read_ballots(path, "xml")
