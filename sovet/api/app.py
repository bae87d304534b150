"""The web API: FastAPI over the bus, at ``/api/v1`` (OpenAPI at
``/api/v1/openapi.json``, its pages at ``/api/v1/docs``)."""

from __future__ import annotations

from fastapi import FastAPI

from sovet import __version__
from sovet.api import auth, errors, reads
from sovet.api.ops import add_operations
from sovet.bootstrap import App, bootstrap

PREFIX = "/api/v1"


def create_app(sovet: App) -> FastAPI:
    """The API over an installation's bus and accounts."""
    api = FastAPI(
        title="Sovet",
        version=__version__,
        description="A council-democracy engine. Every operation is `POST /api/v1/ops/<name>`"
        " (its operationId is the name); reads are also under `/api/v1/orgs`. Authenticate"
        " with a session (`/api/v1/auth/login`) or an API token (`Authorization: Bearer`).",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
    )
    api.state.sovet = sovet
    errors.install(api)
    api.include_router(auth.router, prefix=PREFIX)
    api.include_router(reads.router, prefix=PREFIX)
    add_operations(api, PREFIX)
    return api


def app_from_environment() -> FastAPI:
    """The app on ``SOVET_DATABASE_URL`` (or the embedded default): the factory each
    server worker calls."""
    return create_app(bootstrap())
