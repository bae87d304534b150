"""Logging in and out, and the front page."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from sovet.accounts.actors import ANONYMOUS
from sovet.accounts.errors import AccountError, TooManyAttempts
from sovet.services import commands as c
from sovet.web.errors import Problem
from sovet.web.pages.common import pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, accounts_of, end_session, open_session, run

router = pages()


def _local(target: str | None) -> str | None:
    """A page of this site to go back to after logging in: a path, never another
    site (``//host`` or a scheme would make the login form an open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def home(request: Request, who: Who) -> Response:
    """A member goes to their councils; anyone else sees the organisations here."""
    if who.account is not None and who.org is not None:
        return see_other(f"/orgs/{who.org}/me")
    orgs = run(request, who, c.ListOrganisations())
    return page(request, who, "home.html", orgs=orgs)


@router.get("/login")
def login_form(
    request: Request, next: Annotated[str | None, Query(max_length=2000)] = None
) -> Response:
    return page(request, Visitor(ANONYMOUS), "login.html", next=_local(next), login="")


@router.post("/login")
async def login(
    request: Request,
    login: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=2000)],
    next: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Log in: the session cookie is Secure, HttpOnly and SameSite=Lax. A failure shows
    the form again with what went wrong (never which of login and password)."""
    address = request.client.host if request.client else "unknown"
    try:
        opened = await run_in_threadpool(accounts_of(request).login, login, password, address)
    except AccountError as exc:
        problem = Problem(exc)
        who = Visitor(ANONYMOUS)
        form = page(request, who, "login.html", problem=problem, next=_local(next), login=login)
        if isinstance(exc, TooManyAttempts):
            form.headers["Retry-After"] = str(exc.retry_after)
        return form
    answer = see_other(_local(next) or "/")
    open_session(answer, opened)
    return answer


@router.post("/logout")
def logout(request: Request, who: Who) -> Response:
    """End the session (the form carries the CSRF token, as every change does)."""
    if who.secret is not None:
        accounts_of(request).logout(who.secret)
    answer = see_other("/login")
    end_session(answer)
    return answer
