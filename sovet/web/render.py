"""Pages from the templates shipped in the package, and the route class that turns
every refused or malformed request into a page saying what is wrong."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from fractions import Fraction
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from sovet.accounts.actors import ANONYMOUS
from sovet.accounts.errors import NotAuthenticated
from sovet.ledger.canonical import format_time
from sovet.web.errors import SHOWN, Problem
from sovet.web.session import Visitor, end_session

log = logging.getLogger("sovet.web")


def _fraction(value: object) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    return str(value)


def _time(value: object) -> str:
    return format_time(value) if isinstance(value, datetime) and value.tzinfo else str(value)


def _percent(part: int, whole: int) -> int:
    return 0 if whole <= 0 else round(100 * part / whole)


ENV = Environment(
    loader=PackageLoader("sovet.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.do"],
)
ENV.filters["fraction"] = _fraction
ENV.filters["utc"] = _time
ENV.filters["q"] = lambda v: quote(str(v), safe="")
ENV.globals["percent"] = _percent
ENV.globals["svg"] = Markup  # an SVG built by our own drawing code, escaped there


def html(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)


def page(
    request: Request,
    who: Visitor,
    template: str,
    *,
    status: int = 200,
    problem: Problem | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page for ``who``; ``problem`` (an error the page shows) sets the status."""
    body = html(
        template,
        request=request,
        who=who,
        problem=problem,
        org=context.pop("org", who.org),
        path=request.url.path,
        **context,
    )
    code = problem.status if problem is not None else status
    return HTMLResponse(body, code, headers={"Cache-Control": "no-store"})


def error_page(request: Request, exc: BaseException) -> HTMLResponse:
    problem = Problem(exc)
    who = getattr(request.state, "visitor", None) or Visitor(ANONYMOUS)
    response = page(request, who, "error.html", problem=problem)
    if isinstance(exc, NotAuthenticated):
        end_session(response)  # a stale cookie would refuse every page after
    return response


class PageRoute(APIRoute):
    """A page's route: an error the domain, the accounts or the form checks raise
    (in the page or in its dependencies) becomes a page naming what is wrong, with
    the error's status."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except SHOWN as exc:
                return error_page(request, exc)
            except Exception as exc:  # a fault: logged, and a page that says so
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                return error_page(request, exc)

        return handler
