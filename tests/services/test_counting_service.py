"""The counting service: read a ballot file, declare ties, run a registered method."""

from __future__ import annotations

from pathlib import Path

import pytest

from sovet.count import METHODS, InvalidCount, TiePolicy
from sovet.services import counting

BLT = (
    "4 2\n-2\n3 1 3 4 0\n4 1 3 2 0\n2 4 1 3 0\n1 2 0\n2 2 4 3 1 0\n1 3 4 2 0\n0\n"
    '"Adam"\n"Basil"\n"Charlotte"\n"Donald"\n"T"\n'
)


@pytest.fixture
def blt(tmp_path: Path) -> Path:
    path = tmp_path / "e.blt"
    path.write_text(BLT, encoding="utf-8")
    return path


def test_count_file_takes_seats_from_the_file_for_many_seat_methods(blt: Path) -> None:
    result = counting.count_file(blt, "stv-scottish")
    assert result.seats == 2
    assert result.elected == ("Adam", "Donald")


def test_single_seat_methods_fill_one_seat_whatever_the_file_says(blt: Path) -> None:
    assert counting.count_file(blt, "irv").seats == 1


def test_explicit_seats_win(blt: Path) -> None:
    assert counting.count_file(blt, "stv-scottish", 1).elected == ("Adam",)


def test_list_methods_is_the_registry() -> None:
    assert [m.id for m in counting.list_methods()] == list(METHODS)


def test_tie_breaker_is_none_unless_declared() -> None:
    assert counting.tie_breaker(None) is None
    tb = counting.tie_breaker("lot", 9)
    assert tb is not None and tb.policy is TiePolicy.LOT and tb.seed == 9
    chair = counting.tie_breaker("chair", chair_order=["B", "A"])
    assert chair is not None and tuple(chair.chair_order) == ("B", "A")
    with pytest.raises(InvalidCount, match="needs a declared tie policy"):
        counting.tie_breaker(None, 3)
    with pytest.raises(InvalidCount, match="unknown tie policy"):
        counting.tie_breaker("coin")


def test_method_options_are_checked(blt: Path) -> None:
    result = counting.count_file(blt, "irv", options={"batch_elimination": True})
    assert result.elected == ("Adam",)
    with pytest.raises(InvalidCount, match="has no option"):
        counting.count_file(blt, "irv", options={"speed": 3})


def test_unknown_method_fails_before_reading(tmp_path: Path) -> None:
    with pytest.raises(InvalidCount, match="unknown counting method"):
        counting.count_file(tmp_path / "missing.blt", "nope")
