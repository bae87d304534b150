"""Who is visiting: the account behind the session cookie (and its CSRF token, which
every form carries and every change must send back), or nobody.

No page checks a permission: the actor found here is handed to the bus, which does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from sovet.accounts import Account, Accounts, NewSession, Session
from sovet.accounts.actors import ANONYMOUS
from sovet.bootstrap import App
from sovet.interface.cookies import SESSION_COOKIE, clear_session_cookie, set_session_cookie
from sovet.services.bus import OPERATIONS
from sovet.services.permissions import Actor, is_allowed

# The API's cookie too: one login serves the pages and the API in one browser.
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def installation(request: Request) -> App:
    return request.app.state.sovet  # type: ignore[no-any-return]


def accounts_of(request: Request) -> Accounts:
    return installation(request).accounts


@dataclass(frozen=True)
class Visitor:
    """The one asking for a page: an actor for the bus, and the account and session
    behind it when logged in."""

    actor: Actor
    account: Account | None = None
    session: Session | None = None
    secret: str | None = None

    @property
    def csrf(self) -> str:
        return "" if self.session is None else self.session.csrf

    @property
    def org(self) -> str | None:
        return None if self.account is None else self.account.org

    @property
    def logged_in(self) -> bool:
        return self.account is not None

    def may(self, op: str, org: str | None, body: str | None = None) -> bool:
        """Whether the bus would let this visitor run ``op`` (the one permission rule,
        asked so that a page offers only the forms that can succeed; the bus still
        decides when the form is sent)."""
        return is_allowed(self.actor, OPERATIONS[op].permission, org, body)


async def _csrf_given(request: Request) -> str | None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(FORMS):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    return given


async def visitor(request: Request) -> Visitor:
    """The visitor of a request. A stale or unknown session cookie is refused (401),
    so that the page says the session has ended rather than showing less; a request
    that changes something must carry the session's CSRF token (403 otherwise)."""
    accounts = accounts_of(request)
    secret = request.cookies.get(SESSION_COOKIE)
    request.state.visitor = Visitor(ANONYMOUS)
    if not secret:
        return request.state.visitor  # type: ignore[no-any-return]
    account, session = await run_in_threadpool(accounts.session, secret)
    actor = await run_in_threadpool(accounts.actor, account)
    # known before the CSRF check, so that a refusal's page shows who is logged in
    request.state.visitor = Visitor(actor, account, session, secret)
    if request.method not in SAFE_METHODS:
        accounts.check_csrf(session, await _csrf_given(request))
    return request.state.visitor  # type: ignore[no-any-return]


Who = Annotated[Visitor, Depends(visitor)]


def open_session(response: Response, opened: NewSession) -> None:
    set_session_cookie(response, opened)


def end_session(response: Response) -> None:
    clear_session_cookie(response)


def run(request: Request, who: Visitor, command: object) -> Any:
    """Hand ``command`` to the bus as the visitor: the one way a page reads or changes."""
    return installation(request).bus.execute(who.actor, command)
