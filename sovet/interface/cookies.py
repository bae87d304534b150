"""The session cookie, set and cleared alike by the API and the pages: sent only over
HTTPS (or to localhost), never readable by scripts, and not sent on cross-site
requests other than top-level navigation."""

from __future__ import annotations

from starlette.responses import Response

from sovet.accounts import NewSession
from sovet.accounts.service import SESSION_LIFETIME

SESSION_COOKIE = "sovet_session"
_FLAGS = {"path": "/", "secure": True, "httponly": True, "samesite": "lax"}


def set_session_cookie(response: Response, opened: NewSession) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        opened.secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        **_FLAGS,  # type: ignore[arg-type]
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, **_FLAGS)  # type: ignore[arg-type]
