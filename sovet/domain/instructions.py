"""Imperative mandates: a constituency's instruction to its delegates on a motion (M20).

Under a *binding* regime a ballot against the instruction is refused; under an
*advisory* regime it is accepted, flagged as contrary and reported back to the
constituency when the poll closes. A secret ballot can still be refused when it
breaks a binding instruction, but it is never flagged: a flag would tell who voted how.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.errors import DomainError, InvalidInput
from sovet.domain.events import Event

DIRECTIONS = ("for", "against", "abstain")


class ImperativeMandateBreached(DomainError):
    """A ballot contrary to a binding instruction of the delegate's constituency."""


@dataclass(frozen=True)
class Instruction:
    key: str
    constituency: str
    motion: str
    direction: str
    binding: bool


@dataclass(frozen=True)
class InstructionAdopted(Event):
    op: ClassVar[str] = "instruction.adopt"

    key: str
    constituency: str
    motion: str
    direction: str
    binding: bool
    text: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (
            f"instruction:{self.key}",
            f"constituency:{self.constituency}",
            f"motion:{self.motion}",
        )


@dataclass(frozen=True)
class ContraryVotesReported(Event):
    """Delegates who voted against their constituency's advisory instruction."""

    op: ClassVar[str] = "instruction.report"

    poll: str
    constituency: str
    instruction: str
    voters: tuple[str, ...]

    def subjects(self) -> tuple[str, ...]:
        return (f"poll:{self.poll}", f"constituency:{self.constituency}")


def check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise InvalidInput(f"an instruction's direction must be one of {', '.join(DIRECTIONS)}")
    return direction


def contrary(instruction: Instruction | None, voter: str, choice: str) -> bool:
    """Whether a ballot goes against the instruction; raises under a binding one."""
    if instruction is None or choice == instruction.direction:
        return False
    if instruction.binding:
        raise ImperativeMandateBreached(
            f"member {voter} is bound by instruction {instruction.key} of constituency "
            f"{instruction.constituency} to vote {instruction.direction} on motion "
            f"{instruction.motion}, not {choice}"
        )
    return True
