"""The domain's error hierarchy. Messages name the ids involved."""


class DomainError(Exception):
    """A rule of the organisation refuses what was asked."""


class NotFound(DomainError):
    """Something named does not exist."""


class AlreadyExists(DomainError):
    """A key is taken."""


class InvalidInput(DomainError):
    """A value is malformed or out of range; the message says which and where."""


class StructureError(DomainError):
    """The body graph would become inconsistent (a cycle, a dangling link)."""


class InvalidTransition(DomainError):
    """A status change that the lifecycle does not allow."""


class NotEntitled(DomainError):
    """The actor lacks the permission an operation declares."""


class MandateRevoked(InvalidTransition):
    """The mandate has ended (recalled, resigned or expired)."""


class QuorumNotReached(DomainError):
    """Too few voting members are present."""


class ConcurrencyConflict(DomainError):
    """Someone else changed the same thing first; retry."""


class ListExhausted(DomainError):
    """A party list has no candidate left to fill a seat (M04)."""


class SeatNotAvailable(InvalidTransition):
    """No allotted seat is in the state an action on it needs (M05)."""


class PetitionNotReached(DomainError):
    """A recall petition has fewer signatures than its threshold needs (M03)."""


class NoticeTooShort(DomainError):
    """A summons or postponement gives less notice than the rule requires (M07)."""


class NotCompetent(DomainError):
    """A body acts where the rule gives it no competence: a summons or postponement by
    a body that is not the convener, or a fall-back convener acting too early (M07, M09)."""


class VoteRequired(DomainError):
    """A change of the sitting's business needs a vote of the sitting (M11)."""


class OutOfOrder(DomainError):
    """A question is not in order: put out of the voting order, an amendment of the
    third degree, a rival text after another was adopted (M11)."""
