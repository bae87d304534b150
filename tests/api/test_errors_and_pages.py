"""Errors mapped to their status with a body naming what is wrong; results serialised;
lists paged with a cursor and a link to the next page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sovet.api.auth import current_actor
from sovet.api.errors import kind, status_of
from sovet.api.models import body_model, body_of
from sovet.api.serialise import to_json
from sovet.bootstrap import App
from sovet.domain import errors as e
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS
from sovet.services.permissions import Actor
from tests.factories import small_union

ADMIN = Actor("admin", admin_of=frozenset({"union"}))


@pytest.fixture
def admin_http(sovet_file: App, api: FastAPI, http: TestClient, operator: Actor) -> TestClient:
    small_union(sovet_file.bus, operator)
    api.dependency_overrides[current_actor] = lambda: ADMIN
    return http


def test_unknown_things_are_404_naming_them(admin_http: TestClient) -> None:
    answer = admin_http.post("/api/v1/ops/sitting.show", json={"org": "union", "sitting": "s9"})
    assert answer.status_code == 404
    assert answer.json() == {
        "error": "not-found",
        "detail": "organisation union has no sitting 's9'",
    }
    body = admin_http.get("/api/v1/orgs/union/bodies/atlantis")
    assert body.status_code == 404 and "atlantis" in body.json()["detail"]


def test_a_key_taken_is_409_naming_it(admin_http: TestClient) -> None:
    answer = admin_http.post(
        "/api/v1/ops/body.create",
        json={"org": "union", "key": "north", "name": "North again", "kind": "council"},
    )
    assert answer.status_code == 409
    assert answer.json()["error"] == "already-exists"
    assert "north" in answer.json()["detail"]


def test_a_transition_the_lifecycle_refuses_is_409(admin_http: TestClient) -> None:
    admin_http.post(
        "/api/v1/ops/mandate.record",
        json={"org": "union", "key": "m1", "body": "district", "holder": "2"},
    )
    ended = {"org": "union", "key": "m1", "status": "recalled"}
    assert admin_http.post("/api/v1/ops/mandate.set-status", json=ended).status_code == 200
    answer = admin_http.post(
        "/api/v1/ops/mandate.set-status", json={**ended, "status": "confirmed"}
    )
    assert answer.status_code == 409, answer.text
    assert answer.json()["error"] == "mandate-revoked"
    assert "m1" in answer.json()["detail"]


def test_a_rule_refusing_the_input_is_422_naming_it(admin_http: TestClient) -> None:
    answer = admin_http.post(
        "/api/v1/ops/body.create",
        json={"org": "union", "key": "Bad Key", "name": "X", "kind": "council"},
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid-input"
    assert "'Bad Key'" in answer.json()["detail"]


def test_a_malformed_request_is_422_naming_the_field(admin_http: TestClient) -> None:
    answer = admin_http.post(
        "/api/v1/ops/norm.set",
        json={"org": "union", "key": "n", "kind": "fixed", "seats": "many", "colour": "red"},
    )
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid-request"
    assert {(f["field"], f["location"]) for f in body["fields"]} == {
        ("seats", "body"),
        ("colour", "body"),
    }
    assert "seats (body)" in body["detail"] and "colour (body)" in body["detail"]
    missing = admin_http.post("/api/v1/ops/member.add", json={"org": "union", "number": "9"})
    assert {f["field"] for f in missing.json()["fields"]} == {"name", "council"}


def test_text_and_numbers_are_held_to_what_storage_keeps(admin_http: TestClient) -> None:
    nul = admin_http.post(
        "/api/v1/ops/member.add",
        json={"org": "union", "number": "9", "name": "A\u0000B", "council": "north"},
    )
    assert nul.status_code == 422 and nul.json()["fields"][0]["field"] == "name"
    huge = admin_http.post(
        "/api/v1/ops/norm.set", json={"org": "union", "key": "n", "kind": "fixed", "seats": 2**40}
    )
    assert huge.status_code == 422 and huge.json()["fields"][0]["field"] == "seats"
    naive = admin_http.post(
        "/api/v1/ops/allotment.defer",
        json={
            "org": "union",
            "allotment": "a",
            "faction": "reds",
            "deadline": "2026-01-01T10:00:00",
        },
    )
    assert naive.status_code == 422 and naive.json()["fields"][0]["field"] == "deadline"


def test_every_domain_error_has_one_status() -> None:
    assert status_of(e.NotFound("x")) == 404
    assert status_of(e.NotEntitled("x")) == 403
    assert status_of(e.AlreadyExists("x")) == 409
    assert status_of(e.MandateRevoked("x")) == 409  # an InvalidTransition
    assert status_of(e.ConcurrencyConflict("x")) == 409
    assert status_of(e.QuorumNotReached("x")) == 422
    assert status_of(e.InvalidInput("x")) == 422
    assert kind(e.QuorumNotReached("x")) == "quorum-not-reached"


def test_request_bodies_follow_the_commands() -> None:
    model = body_model(OPERATIONS["role.grant"])
    assert list(model.model_fields) == ["org", "member", "role", "body"]
    assert model.model_json_schema()["additionalProperties"] is False
    # a progress callback is no data: it is not part of the body
    assert "progress" not in body_model(OPERATIONS["roll.import"]).model_fields
    assert body_of(c.ImportRoll("u", "r.csv", "x")) == {
        "org": "u",
        "source": "r.csv",
        "text": "x",
        "part_size": 1 << 20,
    }


class Colour(StrEnum):
    RED = "red"


class Pair(NamedTuple):
    key: str
    seats: int


@dataclass
class Thing:
    share: Fraction
    at: datetime
    colour: Colour
    tags: set[str]
    by: dict[tuple[str, str], int]
    pair: Pair
    pending: list[object] = field(default_factory=list)


def test_one_serialiser_writes_results_as_json() -> None:
    thing = Thing(
        Fraction(1, 3),
        datetime(1917, 11, 7, 22, 40, tzinfo=UTC),
        Colour.RED,
        {"b", "a"},
        {("u", "north"): 2},
        Pair("north", 3),
        ["not yet committed"],
    )
    assert to_json(thing) == {
        "share": "1/3",
        "at": "1917-11-07T22:40:00.000000Z",
        "colour": "red",
        "tags": ["a", "b"],
        "by": {"u:north": 2},
        "pair": {"key": "north", "seats": 3},
    }
    with pytest.raises(TypeError, match="cannot write a object"):
        to_json(object())


# -- pages ---------------------------------------------------------------------


def test_members_come_a_page_at_a_time_with_a_link_to_the_next(admin_http: TestClient) -> None:
    first = admin_http.get("/api/v1/orgs/union/members", params={"limit": 2})
    assert first.status_code == 200
    assert [m["number"] for m in first.json()["items"]] == ["1", "2"]
    link = first.json()["next"]
    assert link.endswith("/api/v1/orgs/union/members?limit=2&after=2")
    assert first.headers["Link"] == f'<{link}>; rel="next"'
    second = admin_http.get(link)
    assert [m["number"] for m in second.json()["items"]] == ["3", "4"]
    last = admin_http.get(second.json()["next"])
    assert [m["number"] for m in last.json()["items"]] == ["5"]
    assert last.json()["next"] is None and "Link" not in last.headers
    assert "email" not in last.json()["items"][0]
    north = admin_http.get("/api/v1/orgs/union/members", params={"council": "north"}).json()
    assert [m["number"] for m in north["items"]] == ["1", "2", "3"]


def test_a_page_limit_out_of_bounds_is_refused(admin_http: TestClient) -> None:
    for limit in (0, 501):
        answer = admin_http.get("/api/v1/orgs/union/members", params={"limit": limit})
        assert answer.status_code == 422 and answer.json()["fields"][0]["field"] == "limit"
    through_the_bus = admin_http.post("/api/v1/ops/member.list", json={"org": "union", "limit": 0})
    assert through_the_bus.status_code == 422
    assert through_the_bus.json()["detail"] == "limit must be between 1 and 500, not 0"


def test_the_ledger_comes_a_page_at_a_time_and_verifies(
    sovet_file: App, admin_http: TestClient
) -> None:
    seqs: list[int] = []
    link: str | None = "/api/v1/orgs/union/ledger?limit=7"
    while link:
        page = admin_http.get(link).json()
        seqs += [entry["seq"] for entry in page["items"]]
        link = page["next"]
    assert seqs == list(range(1, 18))  # small_union's seventeen acts
    first = admin_http.get("/api/v1/orgs/union/ledger?limit=1").json()["items"][0]
    assert first["op"] == "org.create" and first["prev_hash"] == "0" * 64
    verified = admin_http.get("/api/v1/orgs/union/ledger/verification").json()
    assert verified["ok"] is True and verified["entries"] == 17


def test_reads_for_browsing(sovet_file: App, admin_http: TestClient, operator: Actor) -> None:
    bus = sovet_file.bus
    bus.execute(operator, c.RecordMandate("union", "m1", "district", "2", "north-d", "greens"))
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s1", ("m1",)))
    bus.execute(operator, c.ChangeAttendance("union", "s1", ("m1",), "present"))
    bus.execute(operator, c.OpenPoll("union", "p1", "s1", "Strike?", mode="roll-call"))
    bus.execute(
        operator,
        c.OpenElection("union", "e1", "district", "north-d", "stv-scottish", 1, ("1", "3")),
    )
    bus.execute(
        operator, c.DeclareElection("union", "e1", ballots=((("1", "3"), 2), (("3", "1"), 1)))
    )
    bodies = admin_http.get("/api/v1/orgs/union/bodies").json()
    assert [b["key"] for b in bodies] == ["north", "south", "district", "congress"]
    district = admin_http.get("/api/v1/orgs/union/bodies/district").json()
    assert [k["key"] for k in district["constituencies"]] == ["north-d", "south-d"]
    assert [k["key"] for k in district["sends"]] == ["district-c"]
    mandates = admin_http.get("/api/v1/orgs/union/mandates", params={"body": "district"}).json()
    assert [m["key"] for m in mandates["items"]] == ["e1-1", "m1"]
    sittings = admin_http.get("/api/v1/orgs/union/sittings").json()["items"]
    assert sittings == [
        {"key": "s1", "body": "district", "status": "open", "seats": 2, "registered": 1}
    ]
    polls = admin_http.get("/api/v1/orgs/union/polls").json()["items"]
    assert [(p["key"], p["status"], p["adopted"]) for p in polls] == [("p1", "open", None)]
    poll = admin_http.get("/api/v1/orgs/union/polls/p1").json()
    assert poll["question"] == "Strike?" and poll["voters"]["2"]["mandate"] == "m1"
    elections = admin_http.get("/api/v1/orgs/union/elections").json()["items"]
    assert [(x["key"], x["status"]) for x in elections] == [("e1", "declared")]
    election = admin_http.get("/api/v1/orgs/union/elections/e1").json()
    [count] = election["counts"]
    assert count["seated"] == [["e1-1", "1", "reds"]]
    assert count["result"]["rounds"][0]["tallies"] == {"1": 2, "3": 1}
    assert admin_http.get("/api/v1/orgs/union/sittings/s1").json()["key"] == "s1"
    assert admin_http.get("/api/v1/orgs").json() == ["union"]


def test_reads_of_decrees_compliance_and_orders(
    sovet_file: App, api: FastAPI, http: TestClient, operator: Actor
) -> None:
    from tests.decrees.setup import issued_decree, secretary_of

    bus = sovet_file.bus
    issued_decree(bus)
    # a member of the federation, as compliance is shown to members
    api.dependency_overrides[current_actor] = lambda: Actor("m", member_of=frozenset({"fed"}))
    bus.execute(operator, c.DisseminateDecree("fed", "land", "telegraph"))
    bus.execute(secretary_of("n-2"), c.RespondToDecree("fed", "land", "n-2", "refused", "No."))
    listed = http.get("/api/v1/orgs/fed/decrees").json()
    assert [(d["key"], d["number"], d["status"]) for d in listed] == [("land", "2", "in-force")]
    shown = http.get("/api/v1/orgs/fed/decrees/land").json()
    assert shown["decree"]["reached"] == 11 and shown["decree"]["channel"] == "telegraph"
    whole = http.get("/api/v1/orgs/fed/decrees/land/compliance").json()
    assert dict(whole["whole"]["counts"])["refused"] == 1
    city = http.get("/api/v1/orgs/fed/decrees/land/compliance", params={"under": "n-city"})
    assert [b[0] for b in city.json()["branches"]] == ["n-1", "n-2"]
    assert http.get("/api/v1/orgs/fed/decrees/nowhere").status_code == 404
    assert http.get("/api/v1/orgs/fed/orders").json() == {"items": [], "next": None}
    missing = http.get("/api/v1/orgs/fed/orders/o1")
    assert missing.status_code == 404 and "o1" in missing.json()["detail"]
