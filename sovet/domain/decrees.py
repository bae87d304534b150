"""Decrees: adopted motions of kind decree, issued with a number, annexes, an
effective date, a provisional clause and a scope (mechanism M13).

The seeds' decree on land shows every part: a text adopted by the Congress, an
annex "for guidance" (the 242 peasant instructions) that goes further than the
decree itself, a provisional clause ("until the Constituent Assembly") and a scope
reaching every local soviet (002 l. 2546; facts ``congress2-land-decree-vote``,
``peasant-electors-instructions``). Sovet's rules:

- a decree is issued from a motion of kind ``decree`` that its sitting adopted; its
  text is the text put to the vote, as amended;
- its number is unique among the decrees of the issuing body;
- binding annexes bind as the decree does, the others are for guidance only;
- a provisional decree names the body whose decision ends it (else only the issuing
  body may end it, by repeal);
- it is disseminated once, to the bodies its scope reaches
  (:mod:`sovet.domain.dissemination`), and takes responses while it is in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sovet.domain import decree_events as de
from sovet.domain.dissemination import Sent
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotCompetent
from sovet.domain.events import Event
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key, check_name


class DecreeStatus(StrEnum):
    ISSUED = "issued"  # adopted and numbered, not yet sent down
    IN_FORCE = "in-force"  # disseminated to its scope
    ENDED = "ended"  # repealed, or its provisional clause ran out


@dataclass(frozen=True)
class Annex:
    """An annex of a decree: ``binding`` annexes bind the bodies in scope; the others
    are appended for guidance (the land decree's peasant instructions)."""

    key: str
    title: str
    text: str
    binding: bool = False


@dataclass(frozen=True)
class Scope:
    """Which subordinate bodies a decree binds: every body below each of ``roots``
    (a root other than the issuing body is itself bound), at most ``depth`` tiers
    below the issuing body; no roots means the issuing body's whole tree."""

    roots: tuple[str, ...] = ()
    depth: int | None = None


def check_effective(value: str, what: str) -> str:
    """An effective date is an ISO calendar date (``YYYY-MM-DD``) in the
    organisation's own calendar."""
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InvalidInput(f"{what}: effective date {value!r} is not YYYY-MM-DD") from None


def check_number(value: str, what: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 40:
        raise InvalidInput(f"{what}: a decree number is 1-40 characters, not {value!r}")
    return text


@dataclass
class Decree:
    key: str
    body: str
    number: str
    title: str
    text: str
    sitting: str
    motion: str
    effective: str
    annexes: tuple[Annex, ...] = ()
    until: str = ""
    until_body: str | None = None
    scope: Scope = Scope()
    status: DecreeStatus = DecreeStatus.ISSUED
    channel: str = ""
    reached: int = 0
    tiers: int = 0
    digest: str = ""
    ended_by: str | None = None
    end_reason: str = ""
    pending: list[Event] = field(default_factory=list)

    # -- history -------------------------------------------------------------
    @classmethod
    def replay(cls, events: Iterable[Event]) -> Decree:
        decree: Decree | None = None
        for event in events:
            if isinstance(event, de.DecreeIssued):
                decree = cls._from_issued(event)
            elif decree is None:
                raise InvalidInput(
                    f"a decree's history must begin with decree.issue, not {event.op}"
                )
            else:
                decree.apply(event)
        if decree is None:
            raise InvalidInput("a decree's history is empty")
        return decree

    @classmethod
    def _from_issued(cls, e: de.DecreeIssued) -> Decree:
        return cls(
            key=e.key,
            body=e.body,
            number=e.number,
            title=e.title,
            text=e.text,
            sitting=e.sitting,
            motion=e.motion,
            effective=e.effective,
            annexes=tuple(Annex(k, t, x, bool(b)) for k, t, x, b in e.annexes),
            until=e.until,
            until_body=e.until_body,
            scope=Scope(tuple(e.roots), e.depth),
        )

    def apply(self, event: Event) -> None:
        match event:
            case de.DecreeDisseminated():
                self.status = DecreeStatus.IN_FORCE
                self.channel = event.channel
                self.reached = event.bodies
                self.tiers = event.tiers
                self.digest = event.digest
            case de.DecreeEnded():
                self.status = DecreeStatus.ENDED
                self.ended_by = event.by
                self.end_reason = event.reason
            case _:
                raise InvalidInput(f"decree {self.key}: {event.op} is no event of a decree")

    def record(self, event: Event) -> None:
        self.apply(event)
        self.pending.append(event)

    # -- decisions -----------------------------------------------------------
    @classmethod
    def issue(
        cls,
        key: str,
        *,
        body: str,
        number: str,
        title: str,
        text: str,
        sitting: str,
        motion: str,
        effective: str,
        annexes: Iterable[Annex] = (),
        until: str = "",
        until_body: str | None = None,
        scope: Scope = Scope(),
    ) -> Decree:
        """Issue a decree adopted by ``body`` (the caller has checked the motion)."""
        check_key(key, "decree")
        what = f"decree {key}"
        annex_rows = tuple(annexes)
        seen: set[str] = set()
        for annex in annex_rows:
            check_key(annex.key, f"{what}: annex")
            if annex.key in seen:
                raise AlreadyExists(f"{what}: annex {annex.key!r} is given twice")
            seen.add(annex.key)
            check_name(annex.title, f"{what}: annex {annex.key}")
            check_text(annex.text, f"{what}: annex {annex.key} text", 100_000)
        if scope.depth is not None and scope.depth < 1:
            raise InvalidInput(f"{what}: scope depth must be at least 1, not {scope.depth}")
        if len(set(scope.roots)) != len(scope.roots):
            raise InvalidInput(f"{what}: a scope root is named twice")
        if until_body is not None and not until.strip():
            raise InvalidInput(
                f"{what}: name the provisional clause in words when naming body {until_body}"
            )
        event = de.DecreeIssued(
            key=key,
            body=body,
            number=check_number(number, what),
            title=check_name(title, what),
            text=check_text(text, f"{what} text", 100_000),
            sitting=sitting,
            motion=motion,
            effective=check_effective(effective, what),
            annexes=tuple((a.key, a.title, a.text, a.binding) for a in annex_rows),
            until=until.strip(),
            until_body=until_body,
            roots=scope.roots,
            depth=scope.depth,
        )
        decree = cls._from_issued(event)
        decree.pending.append(event)
        return decree

    def disseminate(self, channel: str, sent: Sent) -> None:
        """Record the decree sent down, once, to the bodies its scope reached."""
        if self.status is not DecreeStatus.ISSUED:
            raise InvalidTransition(f"decree {self.key} is {self.status}; it was sent down already")
        if not sent.bodies:
            raise InvalidInput(f"decree {self.key}: its scope reaches no body below {self.body}")
        self.record(
            de.DecreeDisseminated(
                decree=self.key,
                channel=check_name(channel, f"decree {self.key}: channel"),
                bodies=sent.bodies,
                tiers=sent.tiers,
                digest=sent.digest,
            )
        )

    def end(self, by: str, reason: str) -> None:
        """End the decree: by the body its provisional clause names, or by repeal of
        the issuing body."""
        if self.status is DecreeStatus.ENDED:
            raise InvalidTransition(f"decree {self.key} has ended already")
        allowed = {self.body} | ({self.until_body} if self.until_body else set())
        if by not in allowed:
            raise NotCompetent(
                f"decree {self.key} can be ended only by {' or '.join(sorted(allowed))}, "
                f"not by {by}"
            )
        self.record(de.DecreeEnded(self.key, by, check_text(reason, f"decree {self.key}: reason")))

    def require_in_force(self) -> None:
        if self.status is not DecreeStatus.IN_FORCE:
            state = "has not been sent down" if self.status is DecreeStatus.ISSUED else "has ended"
            raise InvalidTransition(f"decree {self.key} {state}; it takes no responses")
