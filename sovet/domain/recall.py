"""Recall of a mandate by its constituency: petition, vote, vacancy (mechanism M03).

The seeds describe mandates "revocable at any time by the electing constituency"
("We elected you [...] and we will kick you out", 002, l. 66), but no procedure:
who may initiate, the threshold, meeting or ballot are left open (seeds-system.md,
"What the seeds leave open"). Sovet's procedure, configurable per organisation:

1. a petition opens against an active mandate, recording the number of electors of
   its constituency at that moment and the threshold share (default 1/4); the
   signatures needed are the smallest whole number >= threshold × electors;
2. electors sign, one signature each, and may withdraw theirs while the petition is
   open; a petition that has voted or closed takes no signatures;
3. once the signatures reach the number needed, a recall vote opens; by default it
   needs a simple majority of the votes cast by the constituency (abstentions are
   not votes cast), through :func:`sovet.count.majority.decide`;
4. when carried, the mandate is recalled at once (the services record
   ``mandate.set-status`` to ``recalled`` with :attr:`RecallPetition.recall_reason`)
   and the seat is filled by the petition's declared policy: a by-election
   (:meth:`sovet.domain.elections.Election.by_election`) or the next candidate on
   the list (:meth:`sovet.domain.elections.Election.fill_from_list`).

A recall during a sitting does not undo the votes the delegate has already cast:
they stay recorded as cast (M03); nothing here touches them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from sovet.count import CountError, Tally
from sovet.count.majority import SIMPLE, MajorityDecision, MajorityRule, decide
from sovet.domain import recall_events as rev
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    MandateRevoked,
    NotFound,
    PetitionNotReached,
)
from sovet.domain.events import Event
from sovet.domain.exact import check_text, choice, fraction_text, parse_fraction
from sovet.domain.keys import check_key
from sovet.domain.members import Mandate, check_member_number

DEFAULT_THRESHOLD = Fraction(1, 4)


class RecallStatus(StrEnum):
    OPEN = "open"
    VOTING = "voting"
    CARRIED = "carried"
    REJECTED = "rejected"
    CLOSED = "closed"


class VacancyPolicy(StrEnum):
    BY_ELECTION = "by-election"
    NEXT_ON_LIST = "next-on-list"


def signatures_needed(electors: int, threshold: Fraction) -> int:
    """The smallest whole number >= ``threshold × electors`` (and at least one)."""
    return max(1, math.ceil(Fraction(threshold) * electors))


@dataclass
class RecallPetition:
    """A petition of a constituency's electors to recall ``mandate`` (M03)."""

    key: str
    mandate: str
    holder: str
    constituency: str
    electors: int
    threshold: Fraction
    needed: int
    vacancy: VacancyPolicy
    status: RecallStatus = RecallStatus.OPEN
    signatures: set[str] = field(default_factory=set)
    explanation: str = ""
    pending: list[Event] = field(default_factory=list)

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(
        cls,
        key: str,
        mandate: Mandate,
        electors: int,
        *,
        threshold: Fraction = DEFAULT_THRESHOLD,
        vacancy: str = "by-election",
        constituency: str | None = None,
    ) -> RecallPetition:
        """Open a petition against an active mandate.

        Rules: the mandate must not have ended (:class:`MandateRevoked`); the
        constituency is the mandate's own unless another is named (a mandate held
        without one, e.g. an allotted presidium seat, must name who may recall it);
        ``electors`` >= 1 is the number of electors of the constituency now; the
        threshold is a share in (0, 1], default 1/4; ``vacancy`` is ``by-election``
        (default) or ``next-on-list``.
        """
        check_key(key, "recall petition")
        if not mandate.active:
            raise MandateRevoked(
                f"mandate {mandate.key} has ended ({mandate.status}); "
                f"recall petition {key} cannot be opened against it"
            )
        where = constituency or mandate.constituency
        if where is None:
            raise InvalidInput(
                f"recall petition {key}: mandate {mandate.key} has no constituency; name one"
            )
        check_key(where, "constituency")
        if isinstance(electors, bool) or not isinstance(electors, int) or electors < 1:
            raise InvalidInput(f"recall petition {key}: electors must be >= 1, not {electors!r}")
        share = Fraction(threshold)
        if not 0 < share <= 1:
            raise InvalidInput(f"recall petition {key}: threshold must be in (0, 1], not {share}")
        policy = choice(VacancyPolicy, vacancy, "vacancy policy")
        event = rev.RecallOpened(
            key,
            mandate.key,
            mandate.holder,
            where,
            electors,
            fraction_text(share),
            signatures_needed(electors, share),
            str(policy),
        )
        petition = cls.from_opened(event)
        petition.pending.append(event)
        return petition

    @classmethod
    def from_opened(cls, event: rev.RecallOpened) -> RecallPetition:
        """The state a :class:`RecallOpened` event creates (replay starts here)."""
        return cls(
            key=event.key,
            mandate=event.mandate,
            holder=event.holder,
            constituency=event.constituency,
            electors=event.electors,
            threshold=parse_fraction(event.threshold, "threshold"),
            needed=event.needed,
            vacancy=VacancyPolicy(event.vacancy),
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> RecallPetition:
        stream = iter(events)
        first = next(stream, None)
        if not isinstance(first, rev.RecallOpened):
            raise InvalidInput("a recall petition's first event must be recall.open")
        petition = cls.from_opened(first)
        for event in stream:
            petition.apply(event)
        return petition

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- signatures ----------------------------------------------------------
    @property
    def reached(self) -> bool:
        """The signatures reach the number needed (threshold × electors, rounded up)."""
        return len(self.signatures) >= self.needed

    def sign(self, elector: str) -> Event:
        """An elector signs, once; only an open petition takes signatures."""
        check_member_number(elector)
        self._require(RecallStatus.OPEN, "signed")
        if elector in self.signatures:
            raise AlreadyExists(f"recall petition {self.key}: {elector} has already signed")
        if len(self.signatures) >= self.electors:
            raise InvalidInput(
                f"recall petition {self.key}: all {self.electors} electors recorded at "
                "opening have signed"
            )
        return self.record(rev.RecallSigned(self.key, elector))

    def withdraw(self, elector: str) -> Event:
        """An elector withdraws their signature while the petition is open."""
        self._require(RecallStatus.OPEN, "changed")
        if elector not in self.signatures:
            raise NotFound(f"recall petition {self.key}: {elector} has not signed")
        return self.record(rev.RecallSignatureWithdrawn(self.key, elector))

    def close(self, reason: str) -> Event:
        """Close an open petition without a vote (withdrawn, or lapsed)."""
        self._require(RecallStatus.OPEN, "closed")
        text = check_text(reason, f"recall petition {self.key}: reason")
        return self.record(rev.RecallClosed(self.key, text))

    # -- the vote ------------------------------------------------------------
    def open_vote(self) -> Event:
        """Open the recall vote; refused until the signatures reach the threshold."""
        self._require(RecallStatus.OPEN, "put to the vote")
        if not self.reached:
            raise PetitionNotReached(
                f"recall petition {self.key} has {len(self.signatures)} of the "
                f"{self.needed} signatures it needs ({fraction_text(self.threshold)} "
                f"of {self.electors} electors)"
            )
        return self.record(rev.RecallVoteOpened(self.key, len(self.signatures), self.needed))

    def decide_vote(
        self,
        tally: Tally,
        rule: MajorityRule = SIMPLE,
        *,
        present: int | None = None,
        mandate: Mandate | None = None,
    ) -> MajorityDecision:
        """Record the recall vote's outcome under ``rule`` (default: simple majority
        of the votes cast, abstentions not counted).

        The constituency's electors recorded at opening are the ``members`` base
        (so ``ABSOLUTE_MEMBERS`` means a majority of all electors), and no more may
        vote than there are electors. When ``mandate`` is given it must still be
        active (a mandate that ended meanwhile cannot be recalled). An estimated
        tally is recorded as such.
        """
        self._require(RecallStatus.VOTING, "decided")
        if mandate is not None and not mandate.active:
            raise MandateRevoked(
                f"mandate {mandate.key} has ended ({mandate.status}); "
                f"recall petition {self.key} cannot recall it"
            )
        if tally.participating > self.electors:
            raise InvalidInput(
                f"recall petition {self.key}: {tally.participating} took part in the vote, "
                f"but the constituency had {self.electors} electors at opening"
            )
        try:
            decision = decide(tally, rule, present=present, members=self.electors)
        except CountError as exc:
            raise InvalidInput(f"recall petition {self.key}: {exc}") from exc
        self.record(
            rev.RecallDecided(
                self.key,
                self.mandate,
                tally.for_,
                tally.against,
                tally.abstain,
                tally.estimated,
                rule.name,
                str(decision.base),
                decision.base_size,
                decision.needed,
                decision.adopted,
                decision.explain(),
                str(self.vacancy),
            )
        )
        return decision

    @property
    def recall_reason(self) -> str:
        """The reason to record with ``mandate.set-status`` once the recall carried."""
        if self.status is not RecallStatus.CARRIED:
            raise InvalidTransition(f"recall petition {self.key} has not carried")
        return f"recalled by petition {self.key}: {self.explanation}"

    def _require(self, status: RecallStatus, doing: str) -> None:
        if self.status is not status:
            raise InvalidTransition(
                f"recall petition {self.key} is {self.status}; it cannot be {doing} now"
            )

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        """Change the petition as ``event`` says (used live and by replay)."""
        match event:
            case rev.RecallSigned():
                self.signatures.add(event.elector)
            case rev.RecallSignatureWithdrawn():
                self.signatures.discard(event.elector)
            case rev.RecallVoteOpened():
                self.status = RecallStatus.VOTING
            case rev.RecallDecided():
                self.status = RecallStatus.CARRIED if event.adopted else RecallStatus.REJECTED
                self.explanation = event.explanation
            case rev.RecallClosed():
                self.status = RecallStatus.CLOSED
                self.explanation = event.reason
            case _:
                pass
