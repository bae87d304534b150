"""The reads behind a member's pages on SQLite and PostgreSQL."""

from __future__ import annotations

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.factories import small_union
from tests.services.permission_samples_orders import issued

U = "union"


def member(number: str) -> Actor:
    return Actor(f"m{number}", member=number, member_of=frozenset({U}))


def test_councils_composition_and_petitions_read_from_storage(
    sql_bus: Bus, operator: Actor
) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(operator, c.RecordMandate(U, "d1", "district", "1", "north-d", "reds"))
    sql_bus.execute(operator, c.RecordMandate(U, "c1", "congress", "1", "district-c", "reds"))
    view = sql_bus.execute(member("2"), c.ShowCouncils(U))
    assert [(r.body, [d.mandate for d in r.delegates]) for r in view.representation] == [
        ("district", ["d1"]),
        ("congress", ["c1"]),
    ]
    made = sql_bus.execute(member("2"), c.ShowComposition(U, "district"))
    assert [(f.faction, f.seats) for f in made.factions] == [("reds", 1)]
    assert made.vacant == made.seats - 1
    sql_bus.execute(member("2"), c.OpenRecall(U, "r1", "d1"))
    sql_bus.execute(member("3"), c.SignRecall(U, "r1"))
    shown = sql_bus.execute(member("3"), c.ShowRecall(U, "r1"))
    assert (shown.signatures, shown.signed) == (1, True)
    assert [r.key for r in sql_bus.execute(member("3"), c.ListRecalls(U)).items] == ["r1"]


def test_a_tally_counts_ballots_of_either_kind_without_their_choices(
    sql_bus: Bus, operator: Actor
) -> None:
    small_union(sql_bus, operator)
    for key, holder in (("d1", "1"), ("d2", "2"), ("d3", "4")):
        sql_bus.execute(operator, c.RecordMandate(U, key, "district", holder, "north-d"))
    sql_bus.execute(operator, c.OpenSitting(U, "s1", "district"))
    sql_bus.execute(operator, c.OpenSitting(U, "s2", "north"))
    sql_bus.execute(operator, c.RegisterDelegate(U, "s1", ("d1", "d2", "d3")))
    sql_bus.execute(operator, c.ChangeAttendance(U, "s1", ("d1", "d2", "d3"), "present"))
    sql_bus.execute(operator, c.OpenPoll(U, "named", "s1", "Q1", mode="roll-call"))
    sql_bus.execute(operator, c.OpenPoll(U, "hidden", "s1", "Q2", mode="secret"))
    sql_bus.execute(member("1"), c.CastBallot(U, "named", "for"))
    sql_bus.execute(member("2"), c.CastBallot(U, "named", "against"))
    sql_bus.execute(member("4"), c.CastBallot(U, "hidden", "abstain"))
    named = sql_bus.execute(member("2"), c.ShowTally(U, "named"))
    hidden = sql_bus.execute(member("2"), c.ShowTally(U, "hidden"))
    assert (named.cast, named.voted, named.outcome) == (2, True, None)
    assert (hidden.cast, hidden.voted, hidden.voter) == (1, False, True)
    sql_bus.execute(operator, c.ClosePoll(U, "hidden"))
    closed = sql_bus.execute(member("4"), c.ShowTally(U, "hidden"))
    assert closed.status == "closed" and closed.cast == 1 and closed.voted
    assert closed.outcome is not None and closed.outcome.abstain == 1
    page = sql_bus.execute(member("1"), c.ListSittings(U, body="north"))
    assert [s.key for s in page.items] == ["s2"]


def test_orders_are_listed_from_their_streams(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    issued(sql_bus, operator)
    page = sql_bus.execute(member("1"), c.ListOrders(U))
    assert [(o.key, o.type, o.addressees) for o in page.items] == [
        ("o1", "movement", ("reg-a", "reg-b"))
    ]
