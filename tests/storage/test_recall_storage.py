"""Recall on SQLite and PostgreSQL, with the worked scenarios: recall followed by a
by-election, and recall followed by the next on the list."""

from __future__ import annotations

import pytest

from sovet.domain.errors import AlreadyExists, NotEntitled
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests import mandates_scenarios as scenarios
from tests.factories import small_union
from tests.mandates_scenarios import elector


def test_recall_followed_by_a_by_election(sql_bus: Bus) -> None:
    scenarios.recall_then_by_election(sql_bus)


def test_recall_followed_by_next_on_the_list(sql_bus: Bus) -> None:
    scenarios.recall_then_next_on_list(sql_bus)


def test_petition_signed_withdrawn_and_closed(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(operator, c.RecordMandate("union", "m1", "district", "1", "north-d", "reds"))
    with pytest.raises(NotEntitled, match="member 4 is no elector"):
        sql_bus.execute(elector("4", "union"), c.OpenRecall("union", "r1", "m1"))
    sql_bus.execute(elector("2", "union"), c.OpenRecall("union", "r1", "m1"))
    with pytest.raises(AlreadyExists, match="r1 against mandate m1 is still open"):
        sql_bus.execute(elector("3", "union"), c.OpenRecall("union", "r2", "m1"))
    sql_bus.execute(elector("2", "union"), c.SignRecall("union", "r1"))
    sql_bus.execute(elector("3", "union"), c.SignRecall("union", "r1"))
    assert sql_bus.execute(elector("2", "union"), c.WithdrawSignature("union", "r1")) == 1
    sql_bus.execute(operator, c.CloseRecall("union", "r1", "withdrawn by its initiators"))
    sql_bus.execute(elector("3", "union"), c.OpenRecall("union", "r2", "m1"))
    assert scenarios.ops(sql_bus, "union")[-6:] == [
        "recall.open",
        "recall.sign",
        "recall.sign",
        "recall.withdraw",
        "recall.close",
        "recall.open",
    ]
    scenarios.assert_replays(sql_bus, "union")
