"""What every page module shares: the shape of keys in a path, paging, redirects
after a form, and the router whose routes turn errors into pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse

from sovet.web.render import PageRoute

KEY = r"^[a-z0-9][a-z0-9_.-]{0,79}$"
CURSOR = r"^\S{1,80}$"

Org = Annotated[str, Path(pattern=KEY, description="the organisation's key")]
Key = Annotated[str, Path(pattern=KEY)]
After = Annotated[str | None, Query(pattern=CURSOR)]
Text = Annotated[str, Form(max_length=2000)]
FormKey = Annotated[str, Form(pattern=KEY)]


def pages() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False)


def see_other(url: str) -> RedirectResponse:
    """After a form that changed something: the page to show next (POST/redirect/GET,
    so that reloading it does not send the form again)."""
    return RedirectResponse(url, status_code=303)


def blank(value: str | None) -> str | None:
    """An optional form field: empty means not given."""
    value = (value or "").strip()
    return value or None
