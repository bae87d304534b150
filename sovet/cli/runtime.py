"""What every command shares: the database, the acting operator, and error reporting."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from sovet.bootstrap import App, bootstrap
from sovet.count.errors import CountError
from sovet.domain.errors import DomainError
from sovet.ledger.errors import LedgerError
from sovet.services.permissions import Actor

console = Console()
errors = Console(stderr=True, soft_wrap=True)

_state: dict[str, Any] = {"url": None, "app": None}


def set_database(url: str | None) -> None:
    _state["url"] = url
    _state["app"] = None


def app() -> App:
    if _state["app"] is None:
        _state["app"] = bootstrap(_state["url"])
    return _state["app"]  # type: ignore[no-any-return]


def run(command: object) -> Any:
    """Execute a command as the local operator."""
    return app().bus.execute(Actor.operator(), command)


F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a refused operation into one clear line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (DomainError, CountError, LedgerError) as exc:
            errors.print(f"error: {exc}", style="bold red", highlight=False, markup=False)
            raise typer.Exit(2) from None
        except OSError as exc:
            errors.print(f"error: {exc}", style="bold red", highlight=False, markup=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]
