"""Motions of a sitting: amendments, the voting order, rival texts, deferral,
ratification and dissent (mechanisms M11, M28).

A :class:`MotionBook` holds the motions of one sitting. Motions are moved by a
delegate (a mandate key) for a faction; an amendment names the motion it amends, and
an amendment may itself be amended once (no third degree). Questions are put in the
order of Robert's Rules of Order Newly Revised (12th ed. 2020, §12 "Amend", and
common parliamentary procedure): an amendment's own amendments first, then the
amendment as amended, each in the order moved, and the main motion, as amended by the
adopted amendments, last. Any outcome is legitimate: the Democratic Conference
adopted a principle, then an amendment excluding the Kadets, then rejected the amended
whole (fact ``democratic-conference-motion-sequence``).

Rival texts are voted in a declared sequence: the first adopted wins and the rest are
not put; all may fail, and "no majority" is then the outcome (the Pre-Parliament's two
formulas, facts ``preparl-sr-formula-vote``, ``preparl-right-formula-vote``). A
faction may hold its own motion back from a vote ("The Bolsheviks did not insist upon
an immediate vote", 002 l. 2408). The poll itself is counted elsewhere: a vote is
recorded here with the outcome, tally and majority rule the caller gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sovet.count import Tally
from sovet.count.majority import MajorityDecision
from sovet.domain import motion_events as me
from sovet.domain import motion_values as mv
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotEntitled,
    NotFound,
    OutOfOrder,
)
from sovet.domain.events import Event
from sovet.domain.exact import parse_time, time_text
from sovet.domain.keys import check_key
from sovet.domain.motion_values import (
    DECIDED,
    MAX_DEPTH,
    OPEN,
    Dissent,
    Motion,
    MotionKind,
    MotionState,
    Outcome,
    Question,
    RivalOutcome,
    apply_change,
)


@dataclass
class MotionBook:
    """The motions of one sitting. It starts empty when the sitting opens, so it has
    no creation event of its own."""

    sitting: str
    motions: dict[str, Motion] = field(default_factory=dict)
    rivals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    dissents: list[Dissent] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def rebuild(cls, sitting: str, events: Iterable[Event]) -> MotionBook:
        book = cls(sitting)
        for event in events:
            book.apply(event)
        return book

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- views ---------------------------------------------------------------
    def motion(self, key: str) -> Motion:
        try:
            return self.motions[key]
        except KeyError:
            raise NotFound(f"sitting {self.sitting} has no motion {key!r}") from None

    def amendments_of(self, key: str) -> list[Motion]:
        """The amendments of ``key``, in the order moved."""
        return mv.amendments_of(self.motions, key)

    def root(self, key: str) -> Motion:
        """The main motion that ``key`` (an amendment, or itself) belongs to."""
        m = self.motion(key)
        while m.amends is not None:
            m = self.motions[m.amends]
        return m

    def text_as_amended(self, key: str) -> str:
        """The text of ``key`` as amended (:func:`motion_values.text_as_amended`)."""
        self.motion(key)
        return mv.text_as_amended(self.motions, key)

    def voting_order(self, key: str) -> tuple[Question, ...]:
        """The questions still to be put on ``key``, in order
        (:func:`motion_values.voting_order`, RONR 12th ed. §12)."""
        self.motion(key)
        return mv.voting_order(self.motions, key)

    def rival_outcome(self, group: str) -> RivalOutcome:
        """Which rival text won, if any, and whether the sequence is settled."""
        if group not in self.rivals:
            raise NotFound(f"sitting {self.sitting} has no rival texts {group!r}")
        return mv.rival_outcome(self.motions, group, self.rivals[group])

    # -- moving --------------------------------------------------------------
    def move(
        self,
        key: str,
        kind: str,
        mover: str,
        text: str,
        at: datetime,
        *,
        faction: str | None = None,
        item: str | None = None,
        acts: Iterable[str] = (),
    ) -> Event:
        """Move a main motion of any kind but an amendment (see :meth:`amend`)."""
        self._new_key(key)
        try:
            value = MotionKind(kind)
        except ValueError:
            known = ", ".join(k for k in MotionKind if k is not MotionKind.AMENDMENT)
            raise InvalidInput(f"motion {key}: unknown kind {kind!r}; one of {known}") from None
        if value is MotionKind.AMENDMENT:
            raise InvalidInput(f"motion {key}: move an amendment with amend(), naming its motion")
        check_key(mover, f"motion {key}: mover")
        wording = mv.check_text(text, f"motion {key}")
        refs = mv.check_acts(key, acts)
        at_text = time_text(at, "at")
        kind_text = str(value)
        return self.record(
            me.MotionMoved(
                self.sitting, key, kind_text, mover, wording, at_text, faction, item, refs
            )
        )

    def ratify(
        self,
        key: str,
        acts: Iterable[str],
        mover: str,
        at: datetime,
        *,
        text: str | None = None,
        faction: str | None = None,
        item: str | None = None,
    ) -> Event:
        """Move a resolution ratifying acts done between sittings (by reference), as
        the Congress "approved and ratified these measures" of its presidium (M11)."""
        refs = mv.check_acts(key, acts)
        if not refs:
            raise InvalidInput(f"motion {key}: a ratification names the acts it ratifies")
        wording = text or f"The sitting approves and ratifies these measures: {', '.join(refs)}."
        kind = MotionKind.RESOLUTION
        return self.move(key, kind, mover, wording, at, faction=faction, item=item, acts=refs)

    def amend(
        self,
        key: str,
        target: str,
        mover: str,
        at: datetime,
        *,
        text: str | None = None,
        find: str | None = None,
        replace: str | None = None,
        faction: str | None = None,
    ) -> Event:
        """Amend ``target``: ``text`` replaces its whole text, or ``replace`` replaces
        the one occurrence of ``find`` in its text as it now stands. An amendment of an
        amendment of an amendment is out of order (RONR 12th ed. §12)."""
        self._new_key(key)
        amended = self.motion(target)
        if amended.state is not MotionState.MOVED:
            raise InvalidTransition(f"amendment {key}: motion {target} is {amended.state}")
        if amended.depth >= MAX_DEPTH:
            raise OutOfOrder(
                f"amendment {key}: {target} is already an amendment of an amendment; "
                "an amendment of the third degree is not in order"
            )
        check_key(mover, f"amendment {key}: mover")
        if (text is None) == (find is None) or (find is None) != (replace is None):
            raise InvalidInput(f"amendment {key}: give either text, or find and replace")
        if find is not None and replace is not None:
            where = f"amendment {key} of {target}"
            apply_change(self.text_as_amended(target), mv.check_text(find, where), replace, where)
            new = replace
        else:
            new = mv.check_text(text or "", f"amendment {key}")
        at_text = time_text(at, "at")
        return self.record(
            me.AmendmentMoved(self.sitting, key, target, mover, new, at_text, find, faction)
        )

    # -- holding back, withdrawing, not putting -------------------------------
    def withdraw(self, key: str, by: str, at: datetime) -> Event:
        """The mover withdraws a motion not yet decided; its open amendments fall
        (recorded as not put)."""
        m = self._open(key)
        if by != m.mover:
            raise NotEntitled(f"motion {key}: only its mover {m.mover} may withdraw it, not {by}")
        event = self.record(me.MotionWithdrawn(self.sitting, key, by, time_text(at, "at")))
        self._fall(key, f"moot: {key} was withdrawn", at)
        return event

    def defer(self, key: str, by: str, at: datetime, reason: str = "") -> Event:
        """The mover, or its faction, holds a motion back from a vote (M11)."""
        m = self._held_by(key, by)
        if m.state is not MotionState.MOVED:
            raise InvalidTransition(f"motion {key} is {m.state}; only a moved motion is deferred")
        at_text = time_text(at, "at")
        return self.record(me.MotionDeferred(self.sitting, key, by, reason.strip(), at_text))

    def resume(self, key: str, by: str, at: datetime) -> Event:
        """The mover, or its faction, brings a deferred motion back to be put."""
        m = self._held_by(key, by)
        if m.state is not MotionState.DEFERRED:
            raise InvalidTransition(f"motion {key} is {m.state}, not deferred")
        return self.record(me.MotionResumed(self.sitting, key, by, time_text(at, "at")))

    def not_put(self, key: str, reason: str, at: datetime) -> Event:
        """The chair does not put a motion to the vote; its open amendments fall too."""
        self._open(key)
        if not reason.strip():
            raise InvalidInput(f"motion {key}: say why it is not put")
        at_text = time_text(at, "at")
        event = self.record(me.MotionNotPut(self.sitting, key, reason.strip(), at_text))
        self._fall(key, f"moot: {key} was not put", at)
        return event

    # -- rival texts ---------------------------------------------------------
    def declare_rivals(self, group: str, motions: Iterable[str], at: datetime) -> Event:
        """Declare alternative texts and the sequence they will be voted in."""
        check_key(group, "rival texts")
        if group in self.rivals:
            raise AlreadyExists(f"sitting {self.sitting} already has rival texts {group!r}")
        keys = tuple(motions)
        if len(keys) < 2 or len(set(keys)) != len(keys):
            raise InvalidInput(f"rival texts {group}: name two or more different motions")
        for k in keys:
            m = self.motion(k)
            if m.is_amendment or m.state is not MotionState.MOVED or m.rivals is not None:
                raise InvalidInput(
                    f"rival texts {group}: {k} must be a main motion, moved, in no other group"
                )
        return self.record(me.RivalsDeclared(self.sitting, group, keys, time_text(at, "at")))

    # -- votes and dissent -----------------------------------------------------
    def record_vote(
        self, key: str, *, adopted: bool, at: datetime, tally: Tally | None = None, rule: str = ""
    ) -> Event:
        """Record the outcome of the vote on ``key`` as the poll gave it. ``key`` must
        be the next question of its motion's voting order and of its rival sequence;
        an amendment can be adopted only if it still applies to the text as amended so
        far. When a rival text is adopted, the rivals still open are not put."""
        m = self._next_question(key)
        text = self.text_as_amended(key)
        if adopted and m.amends is not None:
            where = f"amendment {key} of {m.amends}"
            apply_change(self.text_as_amended(m.amends), m.find, text, where)
        at_text = time_text(at, "at")
        decided = me.MotionDecided(self.sitting, key, adopted, text, at_text, rule=rule)
        if tally is not None:
            decided = replace(
                decided,
                for_=tally.for_,
                against=tally.against,
                abstain=tally.abstain,
                estimated=tally.estimated,
            )
        event = self.record(decided)
        if adopted and m.rivals is not None:
            for other in self.rivals[m.rivals]:
                if self.motions[other].state in OPEN:
                    why = f"rival text {key} adopted"
                    self.record(me.MotionNotPut(self.sitting, other, why, at_text))
                    self._fall(other, f"moot: {why}", at)
        return event

    def record_decision(self, key: str, decision: MajorityDecision, at: datetime) -> Event:
        """Record a vote counted by :func:`sovet.count.majority.decide`."""
        rule = f"{decision.rule.name} ({decision.rule.describe()}), base {decision.base_size}"
        return self.record_vote(
            key, adopted=decision.adopted, at=at, tally=decision.tally, rule=rule
        )

    def dissent(
        self, key: str, by: str, at: datetime, text: str = "", *, faction: str | None = None
    ) -> Event:
        """Enter a delegate's or faction's dissent from a decision in the minutes (M28:
        "The Mensheviks demanded that it be placed in the record that they were against
        the undertaking as a whole", 002 l. 759). One dissent per author and decision."""
        m = self.motion(key)
        if m.state not in DECIDED:
            raise InvalidTransition(f"motion {key} is {m.state}; dissent is from a decision")
        check_key(by, f"dissent from {key}")
        if any(d.motion == key and d.by == by for d in self.dissents):
            raise AlreadyExists(f"the dissent of {by} from {key} is already entered")
        at_text = time_text(at, "at")
        return self.record(me.DissentEntered(self.sitting, key, by, text.strip(), at_text, faction))

    # -- checks --------------------------------------------------------------
    def _new_key(self, key: str) -> None:
        check_key(key, "motion")
        if key in self.motions:
            raise AlreadyExists(f"sitting {self.sitting} already has a motion {key!r}")

    def _open(self, key: str) -> Motion:
        m = self.motion(key)
        if m.state not in OPEN:
            raise InvalidTransition(f"motion {key} is already {m.state}")
        return m

    def _held_by(self, key: str, by: str) -> Motion:
        m = self.motion(key)
        if by not in (m.mover, m.faction):
            raise NotEntitled(f"motion {key}: only its mover {m.mover} or faction may, not {by}")
        return m

    def _next_question(self, key: str) -> Motion:
        m = self.motion(key)
        if m.state is not MotionState.MOVED:
            raise InvalidTransition(f"motion {key} is {m.state}; it cannot be put")
        held = [a.key for a in self.amendments_of(key) if a.state is MotionState.DEFERRED]
        if held:
            raise OutOfOrder(f"motion {key}: amendment {held[0]} is held back; settle it first")
        order = self.voting_order(self.root(key).key)
        if not order or order[0].motion != key:
            first = order[0].motion if order else self.root(key).key
            raise OutOfOrder(f"motion {key} is not the next question: {first} is put first")
        if m.rivals is not None:
            self._check_rival_turn(key, m.rivals)
        return m

    def _check_rival_turn(self, key: str, group: str) -> None:
        for other in self.rivals[group]:
            if other == key:
                return
            state = self.motions[other].state
            if state is MotionState.ADOPTED:
                raise OutOfOrder(f"rival texts {group}: {other} was adopted; {key} is not put")
            if state is MotionState.MOVED:
                raise OutOfOrder(f"rival texts {group}: {other} is put before {key}")

    def _fall(self, key: str, reason: str, at: datetime) -> None:
        """Record every open amendment under ``key`` as not put."""
        for a in self.amendments_of(key):
            if a.state in OPEN:
                self.record(me.MotionNotPut(self.sitting, a.key, reason, time_text(at, "at")))
            self._fall(a.key, reason, at)

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        match event:
            case me.MotionMoved():
                self.motions[event.motion] = mv.moved(event)
            case me.AmendmentMoved():
                self.motions[event.motion] = mv.amendment(event, self.motions[event.amends])
            case me.MotionWithdrawn():
                self._set(event.motion, MotionState.WITHDRAWN)
            case me.MotionDeferred():
                self._set(event.motion, MotionState.DEFERRED)
            case me.MotionResumed():
                self._set(event.motion, MotionState.MOVED)
            case me.MotionNotPut():
                self._set(event.motion, MotionState.NOT_PUT)
            case me.MotionDecided():
                state = MotionState.ADOPTED if event.adopted else MotionState.REJECTED
                self._set(event.motion, state)
                self.outcomes[event.motion] = mv.outcome(event)
            case me.RivalsDeclared():
                self.rivals[event.key] = tuple(event.motions)
                for k in event.motions:
                    self.motions[k] = replace(self.motions[k], rivals=event.key)
            case me.DissentEntered():
                at = parse_time(event.at, "at")
                self.dissents.append(Dissent(event.motion, event.by, event.text, at, event.faction))
            case _:
                pass

    def _set(self, key: str, state: MotionState) -> None:
        self.motions[key] = replace(self.motions[key], state=state)
