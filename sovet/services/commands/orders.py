"""Commands of orders, countersign policies and allegiance (M17, M19, M27).

``body`` is, wherever a command has it, the body that acts (whose chair or secretary
acts for it).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CountersignOrder",
    "DeclareAllegiance",
    "IssueOrder",
    "RefuseCountersign",
    "RevokePolicy",
    "SetPolicy",
    "ShowAllegiance",
    "ShowOrder",
    "SignOffOrder",
    "WithdrawAllegiance",
]


@dataclass(frozen=True)
class IssueOrder:
    """Issue order ``key`` of ``type`` to ``addressees``: by ``body``, or by the holder of
    ``office`` in the name of the body that appointed them (name one of the two)."""

    org: str
    key: str
    type: str
    addressees: tuple[str, ...]
    content: str
    body: str | None = None
    office: str | None = None


@dataclass(frozen=True)
class CountersignOrder:
    """The holder of ``office`` countersigns ``order`` (an administrator may record a
    signature given on paper)."""

    org: str
    order: str
    office: str


@dataclass(frozen=True)
class RefuseCountersign:
    org: str
    order: str
    office: str
    reason: str


@dataclass(frozen=True)
class SignOffOrder:
    """``body`` signs ``order`` off, or refuses to (``approved`` false, with a reason)."""

    org: str
    order: str
    body: str
    approved: bool = True
    reason: str = ""


@dataclass(frozen=True)
class ShowOrder:
    org: str
    order: str


@dataclass(frozen=True)
class SetPolicy:
    """``body`` sets (or replaces) its countersign policy ``key``: orders of ``types``
    from ``issuers`` to ``addressees`` (empty: any) need ``needed`` of the
    ``signatories`` (offices), or the sign-off of body ``sign_off``."""

    org: str
    body: str
    key: str
    signatories: tuple[str, ...] = ()
    needed: int = 1
    sign_off: str | None = None
    types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class RevokePolicy:
    org: str
    body: str
    key: str
    reason: str


@dataclass(frozen=True)
class DeclareAllegiance:
    """Unit ``unit`` recognises ``authority``: ``obeys`` it, or ``accepts-countersign``
    only; for orders of ``types`` (empty: all)."""

    org: str
    unit: str
    authority: str
    kind: str = "obeys"
    types: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class WithdrawAllegiance:
    org: str
    unit: str
    authority: str
    note: str = ""


@dataclass(frozen=True)
class ShowAllegiance:
    org: str
    unit: str
