"""``sovet count``: counting ballot files from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sovet.cli.main import app
from sovet.count import METHODS, BallotKind

runner = CliRunner()

# The OpenSTV example election: 4 candidates, 2 seats, Basil withdrawn.
BLT = """4 2
-2
3 1 3 4 0
4 1 3 2 0
2 4 1 3 0
1 2 0
2 2 4 3 1 0
1 3 4 2 0
0
"Adam"
"Basil"
"Charlotte"
"Donald"
"Example"
"""


@pytest.fixture
def blt(tmp_path: Path) -> Path:
    path = tmp_path / "example.blt"
    path.write_text(BLT, encoding="utf-8")
    return path


def count(*args: str | Path) -> object:
    return runner.invoke(app, ["count", *map(str, args)])


def test_counts_a_blt_file_with_scottish_stv_and_prints_the_elected(blt: Path) -> None:
    result = count(blt, "--method", "stv-scottish")
    assert result.exit_code == 0, result.output
    assert "Elected: Adam, Donald" in result.stdout
    assert "Example - stv-scottish, 2 seat(s)" in result.stdout  # seats from the file
    assert "R1" in result.stdout and "Quota: 5" in result.stdout
    assert "withdrawn: Basil" in result.stdout
    assert "Exhausted" in result.stdout


def test_json_is_the_result_as_json(blt: Path) -> None:
    result = count(blt, "-m", "stv-scottish", "--seats", "1", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "stv-scottish"
    assert data["seats"] == 1
    assert data["elected"] == ["Adam"]
    assert data["rounds"][0]["tallies"] == {"Adam": 7, "Charlotte": 1, "Donald": 4}


def test_list_names_every_registered_method() -> None:
    result = runner.invoke(app, ["count", "--list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for info in METHODS.values():
        assert info.id in result.stdout
        assert info.name in result.stdout
    assert len(METHODS) >= 3  # the listing is of something


def test_a_malformed_file_exits_2_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.blt"
    path.write_text("2 1\n1 1 0\n1 1 7 0\n0\n", encoding="utf-8")
    result = count(path, "-m", "irv")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "bad.blt:3: candidate 7 does not exist" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-m", "no-such-method"], "unknown counting method 'no-such-method'"),
        (["-m", "irv", "--seats", "2"], "seat"),
        (["-m", "irv", "--seed", "4"], "needs a declared tie policy"),
        (["-m", "irv", "-o", "nonsense"], "KEY=VALUE"),
        (["-m", "irv", "-o", "colour=red"], "irv has no option colour"),
        ([], "give a ballot FILE and --method"),
    ],
)
def test_bad_requests_exit_2_with_one_line(blt: Path, args: list[str], message: str) -> None:
    result = count(blt, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = count(tmp_path / "none.blt", "-m", "irv")
    assert result.exit_code == 2
    assert "none.blt" in result.stderr


def test_methods_of_other_ballot_kinds_are_refused(blt: Path) -> None:
    other = [m.id for m in METHODS.values() if m.ballot in (BallotKind.TALLY, BallotKind.PARTY)]
    assert other, "the registry holds tally and party methods"
    result = count(blt, "-m", other[0])
    assert result.exit_code == 2
    assert "ballot file does not hold" in result.stderr


def test_csv_rules_and_method_options(tmp_path: Path) -> None:
    path = tmp_path / "cvr.csv"
    # A overvoted at rank 1 on two ballots; under "skip" those ballots count for C.
    path.write_text(
        "rank1,rank2\nA,B\nA,B\nA,B\nB,A\nB,A\nC,B\novervote,C\novervote,C\n", encoding="utf-8"
    )
    exhaust = json.loads(count(path, "-m", "irv", "--json").stdout)
    skip = json.loads(count(path, "-m", "irv", "--json", "--overvote", "skip").stdout)
    assert exhaust["rounds"][0]["tallies"] == {"A": 3, "B": 2, "C": 1}
    assert skip["rounds"][0]["tallies"] == {"A": 3, "B": 2, "C": 3}
    batch = count(path, "-m", "irv", "--json", "-o", "batch_elimination=true")
    assert batch.exit_code == 0, batch.output
    assert "batch elimination" in json.loads(batch.stdout)["notes"][0]


def test_declared_tie_policy_and_seed_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "tie.csv"
    path.write_text("A\nB\nC\nA\nB\n", encoding="utf-8")
    out = count(path, "-m", "irv", "--json", "--ties", "lot", "--seed", "7")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    ties = [t for r in data["rounds"] for t in r["ties"]] + data["ties"]
    assert ties and all(t["rule"].startswith("lot") and t["seed"] == 7 for t in ties)


def test_approval_methods_read_rankings_as_approvals(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("A,B\nB\nB,C\n", encoding="utf-8")
    result = count(path, "-m", "approval", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["elected"] == ["B"]
    assert "approves every candidate it ranks" in data["notes"][-1]


def test_a_long_read_still_prints_clean_json(tmp_path: Path) -> None:
    path = tmp_path / "big.blt"
    body = "".join(f"1 {1 + i % 3} {1 + (i + 1) % 3} 0\n" for i in range(120_001))
    path.write_text(f'3 1\n{body}0\n"A"\n"B"\n"C"\n', encoding="utf-8")
    result = count(path, "-m", "irv", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sum(data["rounds"][0]["tallies"].values()) == 120_001


def test_numbers_are_shown_exactly_or_truncated_to_five_decimals() -> None:
    from fractions import Fraction

    from sovet.cli.count import fmt

    assert fmt(21087) == "21,087"
    assert fmt(Fraction(1857131, 100000)) == "18.57131"
    assert fmt(Fraction(2, 3)) == "0.66666"
    assert fmt(Fraction(-1, 3)) == "-0.33333"
    assert fmt(Fraction(5, 2)) == "2.5"
