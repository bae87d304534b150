"""The application ``sovet serve`` runs: the API at ``/api/v1`` and the web pages at
``/``, over one installation. The API and the pages never import each other
(STYLE.md: siblings that both go through the services); this module, above both,
puts them in one server."""

from __future__ import annotations

from fastapi import FastAPI

from sovet import web
from sovet.api import create_app as create_api
from sovet.bootstrap import App, bootstrap


def create_app(sovet: App) -> FastAPI:
    app = create_api(sovet)
    web.install(app)
    return app


def app_from_environment() -> FastAPI:
    """The app on ``SOVET_DATABASE_URL`` (or the embedded default): the factory each
    server worker calls."""
    return create_app(bootstrap())
