"""Request bodies generated from the commands: one Pydantic model per operation, its
fields and types those of the command's dataclass, unknown fields refused.

At the edge the types are narrowed to what storage can hold (DESIGN.md: input is
validated at the edge, nothing malformed reaches the ledger): integers fit a 32-bit
column, text holds no NUL character nor lone surrogate, and times carry a time zone.
A field that is no data (``compare=False``, such as a progress callback) is left out.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Union

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from sovet.api.serialise import to_json
from sovet.services.bus import Operation

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _encodable(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return text


Int = Annotated[int, Field(ge=INT_MIN, le=INT_MAX)]
Text = Annotated[str, Field(pattern=r"^[^\x00]*$"), AfterValidator(_encodable)]


def api_type(tp: Any) -> Any:
    """The type a command's field has in its request body."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is int:
        return Int
    if tp is str:
        return Text
    if tp is datetime:
        return AwareDatetime
    if tp is object or tp is Any:
        return Any
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple[api_type(args[0]), ...]  # type: ignore[misc]
        return tuple[tuple(api_type(a) for a in args)]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return Union[tuple(api_type(a) for a in args)]  # noqa: UP007
    if origin is dict:
        return dict[api_type(args[0]), api_type(args[1])]  # type: ignore[misc]
    if origin is list:
        return list[api_type(args[0])]  # type: ignore[misc]
    return tp


def data_fields(command: type) -> list[dataclasses.Field[Any]]:
    """The command's fields that are data (what a request may carry)."""
    return [f for f in dataclasses.fields(command) if f.compare]


@cache
def body_model(op: Operation) -> type[BaseModel]:
    """The request body of ``op``: the command's data fields, nothing else."""
    hints = typing.get_type_hints(op.command)
    fields: dict[str, Any] = {}
    for f in data_fields(op.command):
        if f.default is not dataclasses.MISSING:
            info = FieldInfo(default=f.default)
        elif f.default_factory is not dataclasses.MISSING:
            info = FieldInfo(default_factory=f.default_factory)
        else:
            info = FieldInfo()
        fields[f.name] = (api_type(hints[f.name]), info)
    doc = (op.command.__doc__ or "").strip()
    generated = not doc or doc.startswith(f"{op.command.__name__}(")
    return create_model(
        f"{op.command.__name__}Command",
        __config__=ConfigDict(extra="forbid"),
        __doc__=None if generated else doc,
        **fields,
    )


def command_from(op: Operation, body: BaseModel | None) -> object:
    """The command a validated request body stands for."""
    model = body if body is not None else body_model(op)()
    return op.command(**{name: getattr(model, name) for name in type(model).model_fields})


def body_of(command: object) -> dict[str, Any]:
    """A command as the request body of its operation (what a client sends)."""
    return {f.name: to_json(getattr(command, f.name)) for f in data_fields(type(command))}
