"""Checks that a thing named in a command exists, without loading more than that."""

from __future__ import annotations

from sovet.domain.errors import NotFound
from sovet.services.ports import UnitOfWork


def require_organisation(uow: UnitOfWork, key: str) -> None:
    """The organisation exists; its structure is not loaded (lists and exports need
    only its key, and loading a large structure takes seconds)."""
    if not uow.orgs.exists(key):
        raise NotFound(f"no organisation {key!r}")
