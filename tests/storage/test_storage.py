"""Storage on SQLite and PostgreSQL: the same operations, the same results."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy import text as text_
from sqlalchemy.exc import DBAPIError

from sovet.domain.errors import InvalidInput
from sovet.ledger import verify
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.services.scenario import build_structure, load_scenario
from tests.factories import small_union


def test_small_union_round_trip(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    tree = sql_bus.execute(operator, c.ShowTree("union"))
    assert tree.members == 5
    assert tree.roots[0].children[0].seats.seats == 2
    report = sql_bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok, report.differences
    entries = sql_bus.execute(operator, c.ExportLedger("union"))
    assert verify(entries).ok


def test_the_1917_structure_builds_and_replays(sql_bus: Bus, operator: Actor) -> None:
    org = build_structure(sql_bus, operator, load_scenario())
    tree = sql_bus.execute(operator, c.ShowTree(org))
    by_key = {}

    def walk(nodes: tuple) -> None:  # type: ignore[type-arg]
        for n in nodes:
            if not n.repeated:
                by_key[n.key] = n
            walk(n.children + n.elected)

    walk(tree.roots)
    assert by_key["all-russian-congress"].seats.seats == 650
    assert by_key["northern-region-congress"].seats.seats == 150
    assert by_key["central-executive-committee"].seats.seats == 101
    assert by_key["petrograd-soviet"].seats.membership == 700_000
    assert sql_bus.execute(operator, c.ReplayLedger(org)).ok


def test_a_refused_command_leaves_no_trace(
    sql_bus: Bus, operator: Actor, connection: Connection
) -> None:
    small_union(sql_bus, operator)
    count = "SELECT count(*) FROM ledger WHERE org = 'union'"
    before = connection.execute(text(count)).scalar()
    with pytest.raises(InvalidInput):
        sql_bus.execute(
            operator, c.ImportRoll("union", "r.csv", "number,name,council\n7,G,north\n8,H,mars\n")
        )
    assert connection.execute(text(count)).scalar() == before
    assert (
        connection.execute(
            text("SELECT count(*) FROM members WHERE org = 'union' AND number = '7'")
        ).scalar()
        == 0
    )


def test_roll_import_and_replay(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    rows = "".join(f"r{i},Member {i},south,greens,m{i}@example.org\n" for i in range(2500))
    n = sql_bus.execute(
        operator,
        c.ImportRoll(
            "union", "roll.csv", "number,name,council,faction,email\n" + rows, part_size=20_000
        ),
    )
    assert n == 2500
    tree = sql_bus.execute(operator, c.ShowTree("union"))
    assert tree.members == 2505
    report = sql_bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok, report.differences


def test_tab_and_backslash_survive_bulk_insert(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(
        operator,
        c.ImportRoll(
            "union", "r.csv", 'number,name,council\nx1,"Tab\there \\\\N back\\\\slash",north\n'
        ),
    )
    doc = sql_bus.execute(operator, c.ExportOrganisation("union"))
    names = {m["number"]: m["name"] for m in doc["members"]}
    assert names["x1"] == "Tab\there \\\\N back\\\\slash"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger SET actor = 'forger' WHERE org = 'union'",
        "DELETE FROM ledger WHERE org = 'union'",
    ],
)
def test_the_ledger_is_insert_only(
    sql_bus: Bus, operator: Actor, connection: Connection, statement: str
) -> None:
    small_union(sql_bus, operator)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError, match="insert-only"):
        connection.execute(text(statement))
    savepoint.rollback()


def test_replay_notices_state_changed_behind_the_ledger(
    sql_bus: Bus, operator: Actor, connection: Connection
) -> None:
    small_union(sql_bus, operator)
    connection.execute(text("UPDATE members SET faction = 'greens' WHERE number = '1'"))
    report = sql_bus.execute(operator, c.ReplayLedger("union"))
    assert not report.matches
    assert any("members" in d and "'1'" in d for d in report.differences)


def test_org_export_import_round_trip(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(operator, c.RecordMandate("union", "m1", "district", "1", "north-d"))
    sql_bus.execute(operator, c.SetMandateStatus("union", "m1", "confirmed"))
    sql_bus.execute(operator, c.IssueCredential("union", "m1", "voting"))
    doc = sql_bus.execute(operator, c.ExportOrganisation("union"))
    doc["organisation"]["key"] = "copy"
    sql_bus.execute(operator, c.ImportOrganisation(doc))
    copy = sql_bus.execute(operator, c.ExportOrganisation("copy"))
    copy["organisation"]["key"] = "union"
    assert copy == sql_bus.execute(operator, c.ExportOrganisation("union"))
    assert sql_bus.execute(operator, c.ReplayLedger("copy")).ok


def test_untidy_roll_is_stored_trimmed_and_replays(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    text = (
        'email,council,number,name,faction\n"",north , x7 , Ada Lovelace,""\n,south,x8,Ben,reds\n'
    )
    assert sql_bus.execute(operator, c.ImportRoll("union", "untidy.csv", text)) == 2
    doc = sql_bus.execute(operator, c.ExportOrganisation("union"))
    members = {m["number"]: m for m in doc["members"]}
    assert members["x7"] == {"number": "x7", "name": "Ada Lovelace", "council": "north"}
    assert members["x8"]["faction"] == "reds"
    report = sql_bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok, report.differences


def test_clean_roll_is_recorded_as_given(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    text = 'number,name,council,faction\ny1,"Quoted, Name",north,\ny2,Plain,south,reds\n'
    sql_bus.execute(operator, c.ImportRoll("union", "clean.csv", text))
    (entry,) = [
        e for e in sql_bus.execute(operator, c.ExportLedger("union")) if e.op == "roll.import"
    ]
    assert entry.payload["text"] == text
    doc = sql_bus.execute(operator, c.ExportOrganisation("union"))
    assert {m["number"]: m.get("faction") for m in doc["members"]}["y1"] is None
    assert sql_bus.execute(operator, c.ReplayLedger("union")).ok


def test_a_number_already_on_the_roll_is_named_with_its_line(
    sql_bus: Bus, operator: Actor, connection: Connection
) -> None:
    small_union(sql_bus, operator)
    text = "number,name,council\nz1,Zoe,north\n3,Cy again,south\n"
    with pytest.raises(InvalidInput, match="line 3: member number 3 is already on the roll"):
        sql_bus.execute(operator, c.ImportRoll("union", "again.csv", text))
    count = "SELECT count(*) FROM members WHERE org = 'union'"
    assert connection.execute(text_(count)).scalar() == 5
    assert sql_bus.execute(operator, c.ImportRoll("union", "ok.csv", text.replace("3,", "z3,")))
    assert sql_bus.execute(operator, c.ReplayLedger("union")).ok
