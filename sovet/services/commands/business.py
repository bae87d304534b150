"""Commands of a sitting's business (M11, M28): agenda, speakers' lists, motions,
declarations, recesses and minutes.

``member`` (where a command has it) is the member acting on the floor; it defaults to
the actor's own member number, and a chair or secretary of the sitting's body (or an
administrator) may name another member, as the desk records what is said from the
floor. ``for_faction`` makes that member act for their faction. Times the user gives
are ISO 8601 date-times with a time zone.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- agenda ------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateAgenda:
    """The chair proposes the order of the day: items as (key, title)."""

    org: str
    sitting: str
    items: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AddAgendaItem:
    org: str
    sitting: str
    item: str
    title: str
    position: int | None = None  # 0 = first; default: last
    adopted_by_vote: bool = False


@dataclass(frozen=True)
class RemoveAgendaItem:
    org: str
    sitting: str
    item: str
    adopted_by_vote: bool = False


@dataclass(frozen=True)
class ReorderAgenda:
    org: str
    sitting: str
    order: tuple[str, ...]
    adopted_by_vote: bool = False


@dataclass(frozen=True)
class AdoptAgenda:
    org: str
    sitting: str


@dataclass(frozen=True)
class TakeUpItem:
    """Take up ``item`` (default: the next one)."""

    org: str
    sitting: str
    item: str | None = None
    adopted_by_vote: bool = False


@dataclass(frozen=True)
class CloseItem:
    """End the current item: done, or set aside (``done`` false)."""

    org: str
    sitting: str
    done: bool = True


@dataclass(frozen=True)
class ShowAgenda:
    org: str
    sitting: str


# -- speakers' lists -------------------------------------------------------------------


@dataclass(frozen=True)
class OpenSpeakersList:
    org: str
    sitting: str
    item: str
    time_limit: int | None = None  # seconds per speech


@dataclass(frozen=True)
class RequestFloor:
    org: str
    sitting: str
    item: str
    point_of_order: bool = False
    member: str | None = None


@dataclass(frozen=True)
class WithdrawRequest:
    org: str
    sitting: str
    item: str
    member: str | None = None


@dataclass(frozen=True)
class CallSpeaker:
    """Give the floor to the next speaker."""

    org: str
    sitting: str
    item: str


@dataclass(frozen=True)
class LogSpeech:
    org: str
    sitting: str
    item: str
    speaker: str
    started: str
    ended: str


@dataclass(frozen=True)
class CloseSpeakersList:
    org: str
    sitting: str
    item: str
    adopted_by_vote: bool = False


@dataclass(frozen=True)
class ShowSpeakers:
    org: str
    sitting: str
    item: str


# -- motions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveMotion:
    org: str
    sitting: str
    key: str
    kind: str
    text: str
    item: str | None = None
    acts: tuple[str, ...] = ()
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class AmendMotion:
    """Amend ``motion``: ``text`` replaces its whole text, or ``replace`` the one
    occurrence of ``find`` in it."""

    org: str
    sitting: str
    key: str
    motion: str
    text: str | None = None
    find: str | None = None
    replace: str | None = None
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class WithdrawMotion:
    org: str
    sitting: str
    motion: str
    member: str | None = None


@dataclass(frozen=True)
class DeferMotion:
    org: str
    sitting: str
    motion: str
    reason: str = ""
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class ResumeMotion:
    org: str
    sitting: str
    motion: str
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class NotPutMotion:
    org: str
    sitting: str
    motion: str
    reason: str


@dataclass(frozen=True)
class DeclareRivals:
    """Rival texts ``motions``, to be voted in this order; the first adopted wins."""

    org: str
    sitting: str
    key: str
    motions: tuple[str, ...]


@dataclass(frozen=True)
class DecideMotion:
    """Record the outcome of ``motion`` from the closed poll ``poll`` on it."""

    org: str
    sitting: str
    motion: str
    poll: str


@dataclass(frozen=True)
class EnterDissent:
    org: str
    sitting: str
    motion: str
    text: str = ""
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class ShowMotion:
    org: str
    sitting: str
    motion: str


@dataclass(frozen=True)
class ShowVotingOrder:
    org: str
    sitting: str
    motion: str


# -- declarations, recesses, minutes ---------------------------------------------------


@dataclass(frozen=True)
class EnterDeclaration:
    org: str
    sitting: str
    key: str
    text: str
    item: str | None = None
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class RequestRecess:
    org: str
    sitting: str
    key: str
    reason: str
    for_faction: bool = False
    member: str | None = None


@dataclass(frozen=True)
class GrantRecess:
    """Grant a requested recess, by the chair or (``by_vote``) by a vote."""

    org: str
    sitting: str
    recess: str
    by_vote: bool = False
    until: str | None = None


@dataclass(frozen=True)
class RefuseRecess:
    org: str
    sitting: str
    recess: str
    by_vote: bool = False


@dataclass(frozen=True)
class EndRecess:
    org: str
    sitting: str
    recess: str


@dataclass(frozen=True)
class CorrectMinutes:
    """Correct minute entry ``entry`` (its number) by a new entry."""

    org: str
    sitting: str
    entry: int
    text: str


@dataclass(frozen=True)
class ShowMinutes:
    org: str
    sitting: str
