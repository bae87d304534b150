"""Who is asking: a Bearer API token, or a session cookie (with its CSRF token on every
request that changes something), or nobody. And the routes that log in and out, open
an invited member's account, and manage API tokens.

No route here checks a permission: the actor found is handed to the bus, which does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sovet.accounts import Account, Accounts, NewSession, NotAuthenticated, Session
from sovet.accounts.actors import ANONYMOUS
from sovet.api.errors import ErrorBody
from sovet.api.serialise import to_json
from sovet.interface.cookies import SESSION_COOKIE, clear_session_cookie, set_session_cookie
from sovet.services.permissions import Actor

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def accounts_of(request: Request) -> Accounts:
    return request.app.state.sovet.accounts  # type: ignore[no-any-return]


async def _csrf_given(request: Request) -> str | None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(FORMS):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    return given


@dataclass(frozen=True)
class Caller:
    """The account behind a request and how it came: a session (with its cookie's
    secret) or an API token (``actor`` carries the token's scope)."""

    account: Account | None
    actor: Actor
    session: Session | None = None
    secret: str | None = None


async def caller(request: Request) -> Caller:
    """Authenticate the request. A wrong or stale credential is refused (401) rather
    than taken as nobody, so that a client learns its session or token has ended."""
    accounts = accounts_of(request)
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("send an API token as 'Authorization: Bearer <token>'")
        account, actor = await run_in_threadpool(accounts.token_holder, token.strip())
        return Caller(account, actor)
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return Caller(None, ANONYMOUS)
    account, session = await run_in_threadpool(accounts.session, secret)
    if request.method not in SAFE_METHODS:
        accounts.check_csrf(session, await _csrf_given(request))
    actor = await run_in_threadpool(accounts.actor, account)
    return Caller(account, actor, session, secret)


Who = Annotated[Caller, Depends(caller)]


async def current_actor(request: Request) -> Actor:
    """The actor the bus checks for this request (nobody in particular when anonymous)."""
    return (await caller(request)).actor


def _in_session(who: Caller) -> tuple[Account, Session, str]:
    if who.account is None or who.session is None or who.secret is None:
        raise NotAuthenticated("this needs a logged-in session, not an API token")
    return who.account, who.session, who.secret


# -- bodies and answers ------------------------------------------------------------


class LoginBody(BaseModel):
    login: str = Field(max_length=200)
    password: str = Field(max_length=2000)


class InvitationBody(BaseModel):
    token: str = Field(max_length=200, description="the secret of the invitation link")
    login: str = Field(max_length=200)
    password: str = Field(max_length=2000)


class SessionAnswer(BaseModel):
    login: str
    org: str | None
    member: str | None
    site_admin: bool
    csrf_token: str = Field(description=f"send it back as {CSRF_HEADER} or the {CSRF_FIELD} field")
    expires: str


class TokenBody(BaseModel):
    name: str = Field(max_length=200)
    operations: list[str] = Field(
        default=["*"], max_length=200, description="operation names or patterns, e.g. poll.*"
    )
    orgs: list[str] | None = Field(default=None, max_length=200)
    days: int | None = Field(default=None, ge=1, le=366)


class TokenAnswer(BaseModel):
    id: str
    name: str
    operations: list[str]
    orgs: list[str] | None
    created: str
    expires: str | None
    revoked: str | None
    token: str | None = Field(default=None, description="the Bearer token, shown only once")


def _session_answer(response: Response, opened: NewSession) -> SessionAnswer:
    set_session_cookie(response, opened)
    a = opened.account
    return SessionAnswer(
        login=a.login,
        org=a.org,
        member=a.member,
        site_admin=a.site_admin,
        csrf_token=opened.csrf,
        expires=str(to_json(opened.expires)),
    )


def _time(at: datetime | None) -> str | None:
    return None if at is None else str(to_json(at))


# -- routes ------------------------------------------------------------------------

router = APIRouter(prefix="/auth", tags=["accounts"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (401, 403, 404, 409, 410, 429)
}


@router.post("/login", operation_id="auth.login", responses=_ERRORS)
def login(body: LoginBody, request: Request, response: Response) -> SessionAnswer:
    """Log in with a login and password: sets the session cookie (Secure, HttpOnly,
    SameSite=Lax) and answers with the session's CSRF token. Five failures for one
    login from one address within fifteen minutes close it there for a while (429)."""
    address = request.client.host if request.client else "unknown"
    opened = accounts_of(request).login(body.login, body.password, address)
    return _session_answer(response, opened)


@router.post("/logout", operation_id="auth.logout", responses=_ERRORS)
def logout(request: Request, response: Response, who: Who) -> dict[str, bool]:
    """End this session (a form post must carry the CSRF token, as every change does)."""
    _, _, secret = _in_session(who)
    accounts_of(request).logout(secret)
    clear_session_cookie(response)
    return {"logged_out": True}


@router.post(
    "/invitation", operation_id="auth.accept-invitation", status_code=201, responses=_ERRORS
)
def accept_invitation(body: InvitationBody, request: Request, response: Response) -> SessionAnswer:
    """Open an invited member's account with the link's token, a login and a password
    (10 characters or more); the link is then used up, and the session opens."""
    opened = accounts_of(request).accept_invitation(body.token, body.login, body.password)
    return _session_answer(response, opened)


@router.get("/me", operation_id="auth.me", responses=_ERRORS)
def me(who: Who) -> dict[str, object]:
    """Who this request acts as: the login, and the organisations and roles it acts in."""
    a = who.actor
    return {
        "login": a.id,
        "member": a.member,
        "site_admin": a.site_admin,
        "member_of": sorted(a.member_of),
        "admin_of": sorted(a.admin_of),
        "auditor_of": sorted(a.auditor_of),
        "roles": [
            {"org": org, "body": body, "roles": sorted(str(r) for r in held)}
            for (org, body), held in sorted(a.roles.items())
        ],
        "operations": None if a.operations is None else sorted(a.operations),
        "orgs": None if a.orgs is None else sorted(a.orgs),
    }


def _token_answer(info: object, secret: str | None = None) -> TokenAnswer:
    data = to_json(info)
    return TokenAnswer(**{k: v for k, v in data.items() if k != "login"}, token=secret)


@router.post("/tokens", operation_id="auth.create-token", status_code=201, responses=_ERRORS)
def create_token(body: TokenBody, request: Request, who: Who) -> TokenAnswer:
    """Make an API token for this account, scoped to some operations and organisations;
    only from a logged-in session, so that a token cannot make a wider one."""
    account, _, _ = _in_session(who)
    made = accounts_of(request).create_token(
        account.login, body.name, body.operations, body.orgs, body.days
    )
    return _token_answer(made.info, made.secret)


@router.get("/tokens", operation_id="auth.list-tokens", responses=_ERRORS)
def list_tokens(request: Request, who: Who) -> list[TokenAnswer]:
    """This account's API tokens (never their secrets); from a logged-in session."""
    account, _, _ = _in_session(who)
    return [_token_answer(info) for info in accounts_of(request).tokens(account.login)]


@router.delete("/tokens/{token_id}", operation_id="auth.revoke-token", responses=_ERRORS)
def revoke_token(token_id: str, request: Request, who: Who) -> dict[str, bool]:
    """Revoke one of this account's API tokens; from a logged-in session."""
    account, _, _ = _in_session(who)
    accounts_of(request).revoke_token(account.login, token_id)
    return {"revoked": True}
