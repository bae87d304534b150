"""The web pages: server-rendered with Jinja2, enhanced with htmx (vendored in
``static/``), readable and usable without JavaScript. Every page hands its commands
to the bus, as the API does; none holds a rule or checks a permission."""

from __future__ import annotations

import inspect
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sovet.bootstrap import App
from sovet.web.errors import NoSuchPage
from sovet.web.pages import admin, auth, bodies, decrees, live, polls, recalls, record, sittings
from sovet.web.render import error_page

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Add the pages and their static files to ``app`` (whose ``state.sovet`` is the
    installation they run on). An address no route answers gets a page, except under
    ``/api/``, which keeps the handler ``app`` had."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth, bodies, sittings, polls, live, recalls, decrees, record, admin):
        app.include_router(module.router)
    before = app.exception_handlers.get(HTTPException)

    async def no_such_page(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if before is not None and request.url.path.startswith("/api/"):
            answer = before(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        return error_page(request, NoSuchPage(status, request.url.path))

    app.add_exception_handler(HTTPException, no_such_page)


def create_app(sovet: App) -> FastAPI:
    """The pages alone, over an installation's bus and accounts."""
    app = FastAPI(title="Sovet", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sovet = sovet
    install(app)
    return app
