"""Errors as pages: each error class maps to one status, and the page says what is
wrong in the error's own words (which name the ids involved and, for a refusal, the
permission needed)."""

from __future__ import annotations

from fastapi.exceptions import RequestValidationError

from sovet.interface.statuses import STATUS as ERROR_STATUS

# The API's table, and a malformed form answered as the API answers a malformed body.
STATUS: tuple[tuple[type[Exception], int], ...] = (*ERROR_STATUS, (RequestValidationError, 422))

SHOWN: tuple[type[Exception], ...] = tuple(cls for cls, _ in STATUS)

TITLES = {
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    409: "Not possible now",
    410: "Link no longer valid",
    422: "Something is wrong with what was sent",
    429: "Too many attempts",
}


def status_of(exc: BaseException) -> int:
    """The error's status; 500 for an error no rule raises (a fault, logged)."""
    if isinstance(exc, NoSuchPage):
        return exc.status
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 500)


def message_of(exc: BaseException) -> str:
    """What is wrong, in words: a malformed form names each field and its fault."""
    if isinstance(exc, RequestValidationError):
        parts = []
        for e in exc.errors():
            loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
            parts.append(f"{'.'.join(loc) or 'the request'}: {e['msg']}")
        return "; ".join(parts) or "the request is malformed"
    if not isinstance(exc, (*SHOWN, NoSuchPage)):
        return "an unexpected error; it is logged"
    return str(exc)


class Problem:
    """An error to show on a page: its status, title and message."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.status = status_of(exc)
        self.title = TITLES.get(self.status, "Something went wrong")
        self.message = message_of(exc)


class NoSuchPage(Exception):
    """An address no page answers (or a method it does not take)."""

    def __init__(self, status: int, path: str) -> None:
        what = "no page at" if status == 404 else f"this address does not answer {status} for"
        super().__init__(f"{what} {path}")
        self.status = status
