"""Errors raised by the ledger. Every message names the field, entry or line at fault."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sovet.ledger.verify import Verification


class LedgerError(Exception):
    """Base class: an entry cannot be made, encoded, read or trusted as asked."""


class InvalidEntry(LedgerError):
    """A field of an entry is missing, of the wrong type or malformed; ``field`` names it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.detail = message


class InvalidTime(InvalidEntry):
    """A time is naive, not a datetime, or cannot be normalised to UTC."""


class TimeOrderError(InvalidEntry):
    """A new entry's time is earlier than the previous entry's time."""


class InvalidOperation(InvalidEntry):
    """An operation name is not a dotted lower-case name such as ``body.create``."""


class OrgMismatch(InvalidEntry):
    """An entry would join the chain of another organisation."""


class NotCanonical(LedgerError):
    """A value has no canonical JSON encoding; ``path`` locates it (e.g. ``payload.votes[2]``)."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.detail = message


class FloatNotAllowed(NotCanonical):
    """A float was given: exact values are written as strings (``"0.5"``, ``"1/3"``)."""


class LedgerFormatError(LedgerError):
    """An exported chain or an entry dictionary is malformed; names the line and field."""

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None) -> None:
        where = f"line {line}: " if line is not None else ""
        what = f"{field}: " if field else ""
        super().__init__(f"{where}{what}{message}")
        self.line = line
        self.field = field
        self.detail = message


class ChainBroken(LedgerError):
    """Entries handed to a :class:`~sovet.ledger.chain.Chain` do not verify."""

    def __init__(self, verification: Verification) -> None:
        super().__init__(verification.reason or "chain does not verify")
        self.verification = verification
