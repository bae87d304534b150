"""Errors as HTTP answers, in one place: each error class maps to one status, and every
answer's body is ``{"error": kind, "detail": message}`` (STYLE.md: the API maps each
class to one status code)."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from sovet.accounts.errors import (
    TooManyAttempts,
)
from sovet.interface.statuses import STATUS

log = logging.getLogger("sovet.api")


class ErrorBody(BaseModel):
    error: str
    detail: str


class FieldError(BaseModel):
    field: str
    location: str
    message: str


class InvalidRequestBody(ErrorBody):
    fields: list[FieldError]


RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Not authenticated: the session or token is unknown"},
    403: {"model": ErrorBody, "description": "Not entitled: the detail names the permission"},
    404: {"model": ErrorBody, "description": "Something named does not exist"},
    409: {"model": ErrorBody, "description": "A conflict: a key taken, a change not allowed now"},
    422: {"model": InvalidRequestBody, "description": "Invalid input: the detail names it"},
}


def kind(exc: BaseException) -> str:
    """The error's class name in kebab case: NotFound → ``not-found``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type(exc).__name__).lower()


def status_of(exc: BaseException) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def _answer(request: Request, exc: Exception) -> JSONResponse:
    status = status_of(exc)
    headers: dict[str, str] = {}
    if isinstance(exc, TooManyAttempts):
        headers["Retry-After"] = str(exc.retry_after)
    elif status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="sovet"'
    return JSONResponse({"error": kind(exc), "detail": str(exc)}, status, headers=headers)


def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):  # pragma: no cover - registered for it
        raise exc
    fields = []
    for e in exc.errors():
        loc = [str(part) for part in e.get("loc", ())]
        where, path = (loc[0], loc[1:]) if loc else ("body", [])
        fields.append({"field": ".".join(path) or where, "location": where, "message": e["msg"]})
    detail = "; ".join(f"{f['field']} ({f['location']}): {f['message']}" for f in fields)
    return JSONResponse(
        {"error": "invalid-request", "detail": detail or "invalid request", "fields": fields}, 422
    )


def _http(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, HTTPException):  # pragma: no cover - registered for it
        raise exc
    error = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    return JSONResponse(
        {"error": error, "detail": str(exc.detail)}, exc.status_code, headers=exc.headers
    )


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"error": "internal", "detail": "an unexpected error; it is logged"}, 500)


def install(app: FastAPI) -> None:
    for cls in {cls for cls, _ in STATUS}:
        app.add_exception_handler(cls, _answer)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
