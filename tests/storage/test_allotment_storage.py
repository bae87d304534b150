"""Seat allotment on SQLite and PostgreSQL, with the Second Congress presidium as the
worked scenario."""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests import mandates_scenarios as scenarios
from tests.factories import small_union


def test_second_congress_presidium_declined_and_reassigned(sql_bus: Bus) -> None:
    scenarios.presidium_declined_and_reassigned(sql_bus)


def test_compute_on_a_sitting_then_reserve_and_claim(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    for key, holder, faction in (("m1", "1", "reds"), ("m2", "2", "greens"), ("m3", "3", "reds")):
        sql_bus.execute(
            operator, c.RecordMandate("union", key, "district", holder, "north-d", faction)
        )
    sql_bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    sql_bus.execute(operator, c.RegisterDelegate("union", "s1", ("m1", "m2", "m3")))
    sql_bus.execute(operator, c.ChangeAttendance("union", "s1", ("m1", "m2", "m3"), "present"))
    sql_bus.execute(operator, c.CreateAllotment("union", "a1", "congress", 3))
    got = sql_bus.execute(
        operator, c.ComputeAllotment("union", "a1", "hare", "present-voting", sitting="s1")
    )
    assert got == {"reds": 2, "greens": 1}
    assert sql_bus.execute(operator, c.ReserveSeats("union", "a1", "greens")) == (3,)
    sql_bus.execute(operator, c.AcceptSeat("union", "a1", "reds", "1"))
    sql_bus.execute(operator, c.ClaimSeat("union", "a1", "greens", "2"))
    held = scenarios.mandates(sql_bus, "union")
    assert held["a1-1"] == ("1", "reds", "elected") and held["a1-3"] == ("2", "greens", "elected")
    scenarios.assert_replays(sql_bus, "union")
