"""Page tests: the server's app (pages and API) over the test world on a SQLite
file, and a browser-like client per member that logs in through the login form."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from sovet.server import create_app
from sovet.web.imports import ImportJobs
from sovet.web.pages.live import LiveSettings
from tests.web.world import PASSWORD, World, build, installation

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client says it prefers httpx2
    from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The world built once into a SQLite file, which each test copies."""
    path = tmp_path_factory.mktemp("world") / "sovet.db"
    sovet = installation(f"sqlite:///{path}")
    build(sovet)
    sovet.engine.dispose()
    return path


@pytest.fixture
def world(world_file: Path, tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "sovet.db"
    shutil.copyfile(world_file, path)
    sovet = installation(f"sqlite:///{path}")
    yield World(sovet)
    sovet.engine.dispose()


@pytest.fixture(scope="session")
def server_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The app, built once (its API routes take most of a second to build); each test
    points it at its own world."""
    sovet = installation(f"sqlite:///{tmp_path_factory.mktemp('app') / 'sovet.db'}")
    made = create_app(sovet)
    made.state.live = LiveSettings(interval=0.05, lifetime=2.0, keepalive=0.5)
    yield made
    sovet.engine.dispose()


@pytest.fixture
def app(server_app: FastAPI, world: World) -> FastAPI:
    server_app.state.sovet = world.sovet
    server_app.state.imports = ImportJobs()
    return server_app


class Browser(TestClient):
    """A client that keeps its session cookie (Secure, so it speaks https) and reads
    the CSRF token from the last page, as a browser posting a form does."""

    token = ""

    def page(self, url: str, status: int = 200) -> str:
        answer = self.get(url)
        assert answer.status_code == status, answer.text
        found = CSRF.search(answer.text)
        if found:
            self.token = found[1]
        return answer.text

    def submit(self, url: str, data: dict[str, str] | None = None, **kwargs: object) -> object:
        return self.post(
            url, data={**(data or {}), "csrf_token": self.token}, follow_redirects=False, **kwargs
        )


@pytest.fixture
def visit(app: FastAPI) -> Callable[[str | None], Browser]:
    """A browser logged in as ``login`` (or nobody's, for None)."""

    def open_as(login: str | None) -> Browser:
        browser = Browser(app, base_url="https://testserver")
        if login is not None:
            answer = browser.post(
                "/login", data={"login": login, "password": PASSWORD}, follow_redirects=False
            )
            assert answer.status_code == 303, answer.text
        return browser

    return open_as
