"""The decree tests run on the fake store and on both databases alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.storage.engine import make_engine, migrate
from sovet.storage.uow import SqlUnitOfWork


@pytest.fixture(scope="module")
def engine_for(request: pytest.FixtureRequest) -> Iterator[Callable[[str], Engine]]:
    """A migrated engine per database, made when a test first asks for it."""
    made: dict[str, Engine] = {}

    def get(name: str) -> Engine:
        if name not in made:
            made[name] = make_engine(request.getfixturevalue(f"{name}_url"))
            migrate(made[name])
        return made[name]

    yield get
    for eng in made.values():
        eng.dispose()


@pytest.fixture(params=["fake", "sqlite", "postgresql"])
def bus(request: pytest.FixtureRequest, engine_for: Callable[[str], Engine]) -> Iterator[Bus]:
    if request.param == "fake":
        yield Bus(FakeUnitOfWork())
        return
    conn = engine_for(request.param).connect()
    outer = conn.begin()
    try:
        yield Bus(SqlUnitOfWork(conn))
    finally:
        outer.rollback()
        conn.close()
