"""The message bus: one handler per dotted operation name, permission checked once.

Every state change is a command registered under exactly one name with the
permission it needs (OpenSlides' ``register_action``). The bus refuses an unknown
command, a handler declared without a permission, and a name registered twice; it
checks the actor's permission before the handler runs, and commits the handler's
state and ledger entries in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sovet.domain.errors import NotEntitled
from sovet.services.permissions import Actor, Permission, require
from sovet.services.ports import Clock, UnitOfWork


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """What a handler gets besides its command."""

    uow: UnitOfWork
    actor: Actor
    clock: Clock


Scope = Callable[[Any, UnitOfWork], "str | None"]


@dataclass(frozen=True)
class Operation:
    name: str
    command: type
    handler: Callable[[Any, Context], Any]
    permission: Permission
    summary: str
    scope: Scope | None = None  # finds the body a command acts in, for body roles


OPERATIONS: dict[str, Operation] = {}
_BY_COMMAND: dict[type, Operation] = {}

H = TypeVar("H", bound=Callable[..., Any])


def operation(
    name: str, *, command: type, permission: Permission | None, scope: Scope | None = None
) -> Callable[[H], H]:
    """Register ``handler`` as the one handler of operation ``name``.

    ``scope`` finds the body the command acts in (e.g. a sitting's body) when the
    command does not name it, so that body roles can be checked.
    """

    def decorate(handler: H) -> H:
        if permission is None:
            raise ValueError(f"operation {name!r} declares no permission")
        if name in OPERATIONS:
            raise ValueError(f"operation {name!r} is registered twice")
        if command in _BY_COMMAND:
            raise ValueError(f"command {command.__name__} already has a handler")
        summary = (handler.__doc__ or "").strip().splitlines()
        op = Operation(name, command, handler, permission, summary[0] if summary else "", scope)
        OPERATIONS[name] = op
        _BY_COMMAND[command] = op
        return handler

    return decorate


def operation_for(command: object) -> Operation:
    op = _BY_COMMAND.get(type(command))
    if op is None:
        raise NotEntitled(f"no operation is registered for {type(command).__name__}")
    return op


class Bus:
    """Runs commands: authorise, handle, commit; one unit of work per command."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], clock: Clock = utc_now) -> None:
        self.uow_factory = uow_factory
        self.clock = clock

    def execute(self, actor: Actor, command: object) -> Any:
        op = operation_for(command)
        org = getattr(command, "org", None)
        with self.uow_factory() as uow:
            body = op.scope(command, uow) if op.scope else getattr(command, "body", None)
            require(actor, op.permission, op.name, org, body)
            result = op.handler(command, Context(uow, actor, self.clock))
            uow.commit(actor.ledger_name(), self.clock)
        return result
