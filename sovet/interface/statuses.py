"""Which error means which HTTP status: one table for the API and the pages, which
answer the same error with the same status (STYLE.md: each class maps to one
status code)."""

from __future__ import annotations

from sovet.accounts.errors import (
    AccountError,
    CsrfRefused,
    InvitationUnusable,
    NotAuthenticated,
    TooManyAttempts,
)
from sovet.count.errors import CountError
from sovet.domain.errors import (
    AlreadyExists,
    ConcurrencyConflict,
    DomainError,
    InvalidTransition,
    NotEntitled,
    NotFound,
)
from sovet.ledger.errors import LedgerError

# First match wins: subclasses before their bases.
STATUS: tuple[tuple[type[Exception], int], ...] = (
    (NotFound, 404),
    (NotEntitled, 403),
    (AlreadyExists, 409),
    (InvalidTransition, 409),
    (ConcurrencyConflict, 409),
    (DomainError, 422),
    (CountError, 422),
    (LedgerError, 422),
    (TooManyAttempts, 429),
    (InvitationUnusable, 410),
    (CsrfRefused, 403),
    (NotAuthenticated, 401),
    (AccountError, 401),
)
