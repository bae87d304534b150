"""Every registered operation as its own route, ``POST /api/v1/ops/<name>``, built from
the bus's registry when the app starts (so an operation added to the services has its
route without a change here). The route's OpenAPI ``operationId`` is the operation's
dotted name (STYLE.md: one name for the ledger entry, the API, the CLI and the docs),
its body the command's fields; the bus checks the permission and runs the handler.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import Body, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from sovet.api.auth import current_actor
from sovet.api.errors import RESPONSES
from sovet.api.models import body_model, command_from
from sovet.api.serialise import to_json
from sovet.services.bus import OPERATIONS, Bus, Operation
from sovet.services.permissions import Actor


def bus_of(request: Request) -> Bus:
    return request.app.state.sovet.bus  # type: ignore[no-any-return]


def run(request: Request, actor: Actor, command: object) -> Any:
    """Hand ``command`` to the bus as ``actor``: the one way a route changes or reads."""
    return bus_of(request).execute(actor, command)


def _endpoint(op: Operation, model: type[BaseModel]) -> Callable[..., JSONResponse]:
    def endpoint(request: Request, body: BaseModel | None, actor: Actor) -> JSONResponse:
        return JSONResponse(to_json(run(request, actor, command_from(op, body))))

    required = any(f.is_required() for f in model.model_fields.values())
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
            inspect.Parameter(
                "body",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=model if required else model | None,
                default=Body(...) if required else Body(None),
            ),
            inspect.Parameter(
                "actor",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Actor,
                default=Depends(current_actor),
            ),
        ]
    )
    endpoint.__name__ = op.name.replace(".", "_").replace("-", "_")
    return endpoint


def _description(op: Operation) -> str:
    handler = inspect.getdoc(op.handler) or ""
    return f"{handler}\n\n**Permission**: `{op.permission}`. Command: `{op.command.__name__}`."


def add_operations(api: FastAPI, prefix: str) -> None:
    """One route per operation registered now, ``<prefix>/ops/<name>``, added to the
    app itself rather than through an included router: on every request FastAPI checks
    an included router's routes for changes and scans them once more to match, which
    with two hundred operations cost a cast about a tenth of its time."""
    for name in sorted(OPERATIONS):
        op = OPERATIONS[name]
        api.add_api_route(
            f"{prefix}/ops/{name}",
            _endpoint(op, body_model(op)),
            methods=["POST"],
            operation_id=name,
            summary=op.summary,
            description=_description(op),
            tags=[name.split(".", 1)[0]],
            responses=RESPONSES,
        )
