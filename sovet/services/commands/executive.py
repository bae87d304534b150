"""Commands of the executive side (M14, M15, M16, M18): executive committees and their
posts, offices (commissars), commissions, and conferences of unit committees.

``body`` is, wherever a command has it, the body that acts (whose chair or secretary
acts for it); the other bodies a command names are what it acts on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AddConferenceMember",
    "AddDepartment",
    "AddPost",
    "AppointOffice",
    "BoycottCommission",
    "ConstituteConference",
    "ConstituteExecutive",
    "ConveneConference",
    "CreateCommission",
    "FillCommissionSeat",
    "FormBureau",
    "ListOffices",
    "RecallOffice",
    "RecogniseOffice",
    "RecordStance",
    "ShowCommission",
    "ShowConference",
    "ShowExecutive",
]


# -- executive committees and councils of commissars (M14) ------------------------
@dataclass(frozen=True)
class ConstituteExecutive:
    """``congress`` constitutes ``executive`` with delegated ``powers``; a council of
    commissars names the executive committee it is ``accountable_to``."""

    org: str
    executive: str
    congress: str
    powers: tuple[str, ...]
    accountable_to: str | None = None
    resolution: str = ""


@dataclass(frozen=True)
class AddPost:
    """A post (commissariat) of ``executive``; ``open_for`` gives the reason it is held
    vacant for negotiation."""

    org: str
    executive: str
    post: str
    title: str
    open_for: str = ""


@dataclass(frozen=True)
class ShowExecutive:
    org: str
    executive: str


# -- offices (M16) -------------------------------------------------------------------
@dataclass(frozen=True)
class AppointOffice:
    """``body`` appoints member ``holder`` to office ``key``: attached to ``unit`` with a
    ``credential``, or to ``post`` of ``executive``. ``powers`` default to observe and
    countersign for a commissar attached to a unit, to issue orders for a post."""

    org: str
    key: str
    body: str
    holder: str
    unit: str | None = None
    executive: str | None = None
    post: str | None = None
    credential: str = ""
    title: str | None = None
    powers: tuple[str, ...] = ()
    resolution: str = ""


@dataclass(frozen=True)
class RecallOffice:
    """``body`` orders office ``office`` ended (applied only if the office answers to it)."""

    org: str
    office: str
    body: str
    reason: str


@dataclass(frozen=True)
class RecogniseOffice:
    """The unit an office is attached to recognises its holder, or refuses to."""

    org: str
    office: str
    recognised: bool
    reason: str = ""


@dataclass(frozen=True)
class ListOffices:
    """Offices, optionally only those attached to ``unit`` or appointed by ``appointed_by``."""

    org: str
    unit: str | None = None
    appointed_by: str | None = None


# -- commissions (M15) -----------------------------------------------------------------
@dataclass(frozen=True)
class CreateCommission:
    """``parent`` creates commission ``commission`` by resolution: its mandate, delegated
    powers, reporting duty, and ``seats`` as (organisation, number) pairs."""

    org: str
    commission: str
    parent: str
    mandate: str
    powers: tuple[str, ...]
    reporting: str
    seats: tuple[tuple[str, int], ...]
    resolution: str = ""


@dataclass(frozen=True)
class FillCommissionSeat:
    """``organisation`` seats ``member`` in one of its seats of ``commission``."""

    org: str
    commission: str
    organisation: str
    member: str


@dataclass(frozen=True)
class BoycottCommission:
    org: str
    commission: str
    organisation: str
    reason: str


@dataclass(frozen=True)
class AddDepartment:
    org: str
    commission: str
    key: str
    name: str
    head: str | None = None


@dataclass(frozen=True)
class FormBureau:
    org: str
    commission: str
    members: tuple[str, ...]
    president: str


@dataclass(frozen=True)
class ShowCommission:
    org: str
    commission: str


# -- conferences of unit committees (M18) ----------------------------------------------
@dataclass(frozen=True)
class ConstituteConference:
    """``directed_by`` constitutes ``conference`` of the committees of ``members`` (units)."""

    org: str
    conference: str
    directed_by: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class AddConferenceMember:
    org: str
    conference: str
    unit: str


@dataclass(frozen=True)
class ConveneConference:
    """``body`` convenes the next session of ``conference``, calling ``invited`` units
    beside its members."""

    org: str
    conference: str
    body: str
    invited: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class RecordStance:
    """At the roll call of ``session``, ``unit`` states its stance (support, oppose,
    neutral, or conditional on ``authority``)."""

    org: str
    conference: str
    session: int
    unit: str
    stance: str
    authority: str | None = None
    note: str = ""


@dataclass(frozen=True)
class ShowConference:
    org: str
    conference: str
