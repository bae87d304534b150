"""Executive committees and councils of commissars (M14).

The Second Congress created "commissions" for the branches of state whose presidents
form "a collegium [...] to be called the Soviet of People's Commissars"
(002_9a3e1fc102cad50d.txt, l. 2578), with control left to the Congress and its Central
Executive Committee; the Commissariat of Communications was "not yet allotted, the door
being left open here for an agreement with the organisations of the railroad workers"
(l. 2582; fact ``sovnarkom-composition``). Sovet's rules:

- an **executive committee** is a body of kind ``executive`` constituted by a congress
  (or council) with an explicit list of delegated powers; it answers to that congress
  and acts *between* its sittings: while a sitting of the congress is in session the
  congress decides itself, and the committee's acts are refused;
- a **council of commissars** is an executive constituted by the same congress but
  accountable to its executive committee: a collegium whose members are the holders of
  its posts. It is the government and acts at any time; between congresses the
  executive committee may dismiss and replace its members (seeds-system.md, M14:
  "responsibility to named bodies (who may dismiss or replace, between congresses the
  executive committee)");
- **posts** (commissariats) are created on the executive and filled by appointment
  (:mod:`sovet.domain.offices`); a post may be created vacant "for negotiation",
  with the reason recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sovet.domain import executive_events as xev
from sovet.domain.errors import AlreadyExists, InvalidInput, NotCompetent, NotFound
from sovet.domain.events import Event, replay_stream
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key, check_name
from sovet.domain.powers import Delegation, Power, parse_powers
from sovet.domain.structure import Body, BodyKind

# Bodies that may constitute an executive: those that sit and elect (M06).
CONSTITUTING_KINDS = frozenset({BodyKind.CONGRESS, BodyKind.COUNCIL, BodyKind.CONFERENCE})


@dataclass(frozen=True)
class Post:
    """A post of an executive; ``open_for`` is the reason it is held vacant, if any."""

    key: str
    title: str
    open_for: str = ""


@dataclass
class Executive:
    """An executive body, its delegated powers and its posts (M14)."""

    body: str
    congress: str
    accountable_to: str
    powers: frozenset[Power]
    resolution: str = ""
    posts: dict[str, Post] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def constitute(
        cls,
        body: Body,
        congress: Body,
        powers: Iterable[str],
        *,
        answers_to: Executive | None = None,
        resolution: str = "",
    ) -> Executive:
        """Constitute ``body`` as the executive of ``congress`` with ``powers``.

        Rules: ``body`` is of kind executive and ``congress`` a congress, council or
        conference other than it; at least one known power. By default the executive
        answers to the congress (an executive committee); given ``answers_to``, it is a
        collegium accountable to that executive committee, which must itself be an
        executive committee of the same congress (M14).
        """
        if body.kind is not BodyKind.EXECUTIVE:
            raise InvalidInput(
                f"body {body.key} is a {body.kind}; only an executive is constituted"
            )
        if congress.kind not in CONSTITUTING_KINDS or congress.key == body.key:
            raise InvalidInput(
                f"executive {body.key}: {congress.key} is a {congress.kind}; an executive "
                "is constituted by a congress, council or conference"
            )
        accountable = congress.key
        if answers_to is not None:
            if answers_to.congress != congress.key or answers_to.collegium:
                raise InvalidInput(
                    f"executive {body.key}: a collegium answers to an executive committee "
                    f"of {congress.key}; {answers_to.body} is not one"
                )
            accountable = answers_to.body
        chosen = parse_powers(powers, f"executive {body.key}")
        note = check_text(resolution, "resolution", 300) if resolution.strip() else ""
        event = xev.ExecutiveConstituted(
            body.key, congress.key, accountable, tuple(str(p) for p in chosen), note
        )
        executive = cls.from_constituted(event)
        executive.pending.append(event)
        return executive

    @classmethod
    def from_constituted(cls, event: xev.ExecutiveConstituted) -> Executive:
        return cls(
            event.body,
            event.congress,
            event.accountable_to,
            frozenset(Power(p) for p in event.powers),
            event.resolution,
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Executive:
        return replay_stream(events, xev.ExecutiveConstituted, cls.from_constituted, "an executive")

    # -- what it is ------------------------------------------------------------
    @property
    def collegium(self) -> bool:
        """A council of commissars: accountable to an executive committee, not the congress."""
        return self.accountable_to != self.congress

    @property
    def delegation(self) -> Delegation:
        what = "council of commissars" if self.collegium else "executive committee"
        return Delegation(self.body, what, self.congress, self.powers)

    @property
    def answerable_to(self) -> frozenset[str]:
        """Who may appoint to its posts and recall their holders: the congress, and for
        a collegium the executive committee it answers to (M14)."""
        return frozenset({self.congress, self.accountable_to})

    def check_act(self, power: Power, congress_sitting: str | None) -> None:
        """An act of the executive needs ``power`` among its delegated powers; an
        executive committee acts only between the sittings of its congress, so its acts
        are refused while ``congress_sitting`` (a sitting in session) is given (M14)."""
        self.delegation.require(power)
        if congress_sitting is not None and not self.collegium:
            raise NotCompetent(
                f"executive committee {self.body} acts between the sittings of "
                f"{self.congress}; sitting {congress_sitting} of {self.congress} is in "
                "session, and the congress decides itself"
            )

    def post(self, key: str) -> Post:
        try:
            return self.posts[key]
        except KeyError:
            raise NotFound(f"executive {self.body} has no post {key!r}") from None

    # -- posts ------------------------------------------------------------------
    def add_post(self, key: str, title: str, open_for: str = "") -> Event:
        """A post (commissariat) with a title; ``open_for`` records why it is left
        vacant for negotiation (``sovnarkom-composition``: Communications left open)."""
        check_key(key, "post")
        if key in self.posts:
            raise AlreadyExists(f"executive {self.body} already has a post {key!r}")
        name = check_name(title, f"post {key}")
        reason = check_text(open_for, f"post {key}: reason held open") if open_for.strip() else ""
        return self.record(xev.PostCreated(self.body, key, name, reason))

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case xev.PostCreated():
                self.posts[event.post] = Post(event.post, event.title, event.open_for)
            case _:
                pass
