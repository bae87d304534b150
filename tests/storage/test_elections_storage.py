"""Elections on SQLite and PostgreSQL: open, declare with mandates, fill from the list,
by-election; every flow ends with a clean replay of the ledger."""

from __future__ import annotations

import pytest

from sovet.domain.elections import Elected
from sovet.domain.errors import AlreadyExists, InvalidInput
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests import mandates_scenarios as scenarios
from tests.factories import small_union


def test_stv_election_declared_with_its_mandates(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(
        operator,
        c.OpenElection(
            "union", "e1", "district", "north-d", "stv-meek", 2, candidates=("1", "2", "3")
        ),
    )
    with pytest.raises(AlreadyExists, match="already has an election 'e1'"):
        sql_bus.execute(
            operator,
            c.OpenElection("union", "e1", "district", None, "plurality", candidates=("1",)),
        )
    ballots = ((("1", "3"), 4), (("2",), 3), (("3", "1"), 2))
    won = sql_bus.execute(operator, c.DeclareElection("union", "e1", ballots=ballots))
    assert [s.holder for s in won] == ["1", "2"]
    assert scenarios.ops(sql_bus, "union")[-3:] == [
        "election.declare",
        "mandate.record",
        "mandate.record",
    ]
    scenarios.assert_replays(sql_bus, "union")


def test_list_election_and_fill_from_list(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    lists = (("reds", ("1", "3", "5")), ("greens", ("2",)))
    sql_bus.execute(
        operator,
        c.OpenElection("union", "e2", "district", "north-d", "party-list", 2, lists=lists),
    )
    sql_bus.execute(operator, c.DeclareElection("union", "e2", votes=(("reds", 9), ("greens", 2))))
    with pytest.raises(InvalidInput, match="e2-1 is still elected"):
        sql_bus.execute(operator, c.FillFromList("union", "e2", "e2-1"))
    sql_bus.execute(operator, c.SetMandateStatus("union", "e2-1", "resigned"))
    successor = sql_bus.execute(operator, c.FillFromList("union", "e2", "e2-1"))
    assert successor == Elected("e2-3", "5", "reds")
    assert scenarios.mandates(sql_bus, "union")["e2-3"] == ("5", "reds", "elected")
    scenarios.assert_replays(sql_bus, "union")
