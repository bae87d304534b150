"""Every operation through its route, allowed and refused: test_bus's samples prepare
the state on a storage-backed bus (SQLite and PostgreSQL), and the command goes to
``POST /api/v1/ops/<name>`` as JSON, as an actor with the permission and as one
without. A new operation is covered from the day it is registered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sovet.api import create_app
from sovet.api.auth import current_actor
from sovet.api.models import body_of
from sovet.bootstrap import App, bootstrap
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS
from sovet.services.permissions import Actor, Permission
from tests.api.conftest import client
from tests.factories import small_union
from tests.services.test_bus import NOBODY, SAMPLES


def union_in_sitting(sovet: App, operator: Actor) -> None:
    """test_bus's setup: the small union, three mandates, sitting s1 and poll p0."""
    bus = sovet.bus
    small_union(bus, operator)
    for key, holder, faction in (("m0", "2", "greens"), ("m8", "3", "reds"), ("m9", "4", None)):
        bus.execute(operator, c.RecordMandate("union", key, "district", holder, "north-d", faction))
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s1", ("m0", "m8")))
    bus.execute(operator, c.ChangeAttendance("union", "s1", ("m0", "m8"), "present"))
    bus.execute(operator, c.ChallengeCredential("union", "s1", "m8", "lost papers"))
    bus.execute(operator, c.OpenPoll("union", "p0", "s1", "Agree?", mode="roll-call"))


@pytest.fixture(scope="module")
def ops_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app for the module (building its routes takes a while); each test points
    it at its own installation."""
    first = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('ops') / 'sovet.db'}")
    yield create_app(first)
    first.engine.dispose()


def test_every_operation_has_its_route_named_by_its_operation_id(sovet_file: App) -> None:
    spec = client(create_app(sovet_file)).get("/api/v1/openapi.json").json()
    routes = {
        path.removeprefix("/api/v1/ops/"): item["post"]["operationId"]
        for path, item in spec["paths"].items()
        if path.startswith("/api/v1/ops/")
    }
    assert set(routes) == set(OPERATIONS)
    assert all(name == op_id for name, op_id in routes.items())


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_refused_without_permission_and_allowed_with(
    name: str, sovet_in: App, operator: Actor, ops_api: FastAPI
) -> None:
    assert name in SAMPLES, f"{name} has no sample in tests/services/test_bus.py"
    union_in_sitting(sovet_in, operator)
    sample = SAMPLES[name]
    command = sample(sovet_in.bus, operator) if callable(sample) else sample
    op = OPERATIONS[name]
    api = ops_api
    api.state.sovet = sovet_in
    http = client(api)
    acting: list[Actor] = []
    api.dependency_overrides[current_actor] = lambda: acting[-1]

    if op.permission is not Permission.PUBLIC:
        acting.append(Actor("outsider") if op.permission is Permission.MEMBER else NOBODY)
        refused = http.post(f"/api/v1/ops/{name}", json=body_of(command))
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"] == "not-entitled"
        assert f"may not {name}" in refused.json()["detail"]
        assert f"needs {op.permission}" in refused.json()["detail"]

    acting.append(
        Actor(
            "entitled",
            site_admin=op.permission is Permission.SITE_ADMIN,
            admin_of=frozenset({"union"}),
        )
    )
    allowed = http.post(f"/api/v1/ops/{name}", json=body_of(command))
    assert allowed.status_code == 200, allowed.text
    assert allowed.headers["content-type"] == "application/json"
