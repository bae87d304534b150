"""The organisation aggregate: its structure, and the rules every change must keep.

Methods decide and record past-tense events; :meth:`Organisation.apply` changes state
from an event, so the same code serves a live command and a replay of the ledger.
Members and mandates are many and live outside the aggregate: their operations are
checked here against the structure and recorded as events, and their rows are kept
by the repositories.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sovet.domain import events as ev
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound, StructureError
from sovet.domain.instructions import Instruction, InstructionAdopted, check_direction
from sovet.domain.keys import check_key, check_name
from sovet.domain.members import (
    CredentialStatus,
    Mandate,
    MandateStatus,
    Member,
    check_member_number,
)
from sovet.domain.norms import check_norm
from sovet.domain.structure import (
    HIERARCHY_LINKS,
    Body,
    BodyKind,
    BodyStatus,
    Constituency,
    Faction,
    Link,
    LinkKind,
    Norm,
    NormKind,
    Rounding,
    SeatRule,
)

APPORTIONMENT_METHODS = frozenset(
    {"dhondt", "sainte-lague", "sainte-lague-modified", "hare", "droop"}
)


def _enum(kind: type, value: str, what: str) -> object:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(v.value) for v in kind)  # type: ignore[attr-defined]
        raise InvalidInput(f"unknown {what} {value!r}; expected one of: {allowed}") from None


@dataclass
class Organisation:
    key: str
    name: str
    calendar: str = "gregorian"
    bodies: dict[str, Body] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    norms: dict[str, Norm] = field(default_factory=dict)
    constituencies: dict[str, Constituency] = field(default_factory=dict)
    factions: dict[str, Faction] = field(default_factory=dict)
    instructions: dict[str, Instruction] = field(default_factory=dict)
    pending: list[ev.Event] = field(default_factory=list)
    # The upward edges of the body graph, kept up to date once built, so that the
    # cycle check of each new edge does not rebuild them (imports of 100,000 bodies).
    _up: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)
    # Each body's constituencies and sections, in the order created, kept the same way.
    _by_body: dict[str, list[Constituency]] | None = field(default=None, repr=False, compare=False)
    _sections: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    # -- creation ------------------------------------------------------------
    @classmethod
    def create(cls, key: str, name: str, calendar: str = "gregorian") -> Organisation:
        check_key(key, "organisation")
        if calendar not in ("gregorian", "julian"):
            raise InvalidInput(f"calendar must be 'gregorian' or 'julian', not {calendar!r}")
        org = cls(key=key, name=check_name(name, "organisation"), calendar=calendar)
        org.pending.append(ev.OrganisationCreated(key, org.name, calendar))
        return org

    def record(self, event: ev.Event) -> ev.Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- lookups -------------------------------------------------------------
    def body(self, key: str) -> Body:
        try:
            return self.bodies[key]
        except KeyError:
            raise NotFound(f"organisation {self.key} has no body {key!r}") from None

    def faction(self, key: str) -> Faction:
        try:
            return self.factions[key]
        except KeyError:
            raise NotFound(f"organisation {self.key} has no faction {key!r}") from None

    def norm(self, key: str) -> Norm:
        try:
            return self.norms[key]
        except KeyError:
            raise NotFound(f"organisation {self.key} has no norm {key!r}") from None

    def constituencies_of(self, body: str) -> list[Constituency]:
        if self._by_body is None:
            by_body: dict[str, list[Constituency]] = {}
            for c in self.constituencies.values():
                by_body.setdefault(c.body, []).append(c)
            self._by_body = by_body
        return list(self._by_body.get(body, ()))

    def sections_of(self, body: str) -> list[str]:
        if self._sections is None:
            sections: dict[str, list[str]] = {}
            for link in self.links:
                if link.kind is LinkKind.SECTION_OF:
                    sections.setdefault(link.target, []).append(link.source)
            self._sections = sections
        return list(self._sections.get(body, ()))

    def children(self, body: str) -> list[str]:
        """Bodies whose membership and seats flow into ``body`` (sections, delegations)."""
        out = self.sections_of(body)
        out += [c.source for c in self.constituencies_of(body) if c.source != body]
        return out

    # -- structure decisions -------------------------------------------------
    def create_body(
        self,
        key: str,
        name: str,
        kind: str,
        *,
        level: str = "",
        seat_rule: str = "sum",
        size: int | None = None,
        method: str = "sainte-lague",
        curiae: Iterable[str] = (),
        membership: int | None = None,
    ) -> ev.Event:
        """A body needs a unique key and a known kind; a fixed or apportioned body a size."""
        check_key(key, "body")
        if key in self.bodies:
            raise AlreadyExists(f"organisation {self.key} already has a body {key!r}")
        _enum(BodyKind, kind, "body kind")
        rule = _enum(SeatRule, seat_rule, "seat rule")
        if rule is not SeatRule.SUM and (size is None or size < 0):
            raise InvalidInput(f"body {key}: the seat rule {seat_rule!r} needs a size >= 0")
        if size is not None and size < 0:
            raise InvalidInput(f"body {key}: size must be >= 0")
        if membership is not None and membership < 0:
            raise InvalidInput(f"body {key}: membership must be >= 0")
        if method not in APPORTIONMENT_METHODS:
            known = ", ".join(sorted(APPORTIONMENT_METHODS))
            raise InvalidInput(f"body {key}: unknown apportionment method {method!r}; {known}")
        return self.record(
            ev.BodyCreated(
                key=key,
                name=check_name(name, "body"),
                kind=kind,
                level=level,
                seat_rule=seat_rule,
                size=size,
                method=method,
                curiae=tuple(curiae),
                membership=membership,
            )
        )

    def set_body_status(self, key: str, status: str) -> ev.Event:
        body = self.body(key)
        _enum(BodyStatus, status, "body status")
        return self.record(ev.BodyStatusChanged(key, str(body.status), status))

    def link(self, source: str, target: str, kind: str) -> ev.Event:
        """Link two bodies; hierarchy links may not close a cycle (M06)."""
        self.body(source)
        self.body(target)
        link_kind = _enum(LinkKind, kind, "link kind")
        if source == target:
            raise StructureError(f"body {source} cannot be linked to itself")
        if Link(source, target, link_kind) in self.links:  # type: ignore[arg-type]
            raise AlreadyExists(f"{source} is already linked to {target} as {kind}")
        if link_kind in HIERARCHY_LINKS:
            self._refuse_cycle(source, target)
        return self.record(ev.BodiesLinked(source, target, kind))

    def set_norm(
        self,
        key: str,
        kind: str,
        *,
        seats: int | None = None,
        per: int | None = None,
        minimum: int = 0,
        maximum: int | None = None,
        rounding: str = "down",
        curia: str | None = None,
    ) -> ev.Event:
        check_key(key, "norm")
        check_norm(
            Norm(
                key,
                _enum(NormKind, kind, "norm kind"),  # type: ignore[arg-type]
                seats,
                per,
                minimum,
                maximum,
                _enum(Rounding, rounding, "rounding"),  # type: ignore[arg-type]
                curia,
            )
        )
        return self.record(ev.NormSet(key, kind, seats, per, minimum, maximum, rounding, curia))

    def create_constituency(
        self,
        key: str,
        body: str,
        source: str,
        *,
        norm: str | None = None,
        curia: str | None = None,
        membership_override: int | None = None,
    ) -> ev.Event:
        """A constituency fills seats of ``body`` from ``source`` (its roll, or a lower body)."""
        check_key(key, "constituency")
        if key in self.constituencies:
            raise AlreadyExists(f"organisation {self.key} already has a constituency {key!r}")
        target = self.body(body)
        self.body(source)
        if norm is not None:
            self.norm(norm)
        if curia is not None and target.curiae and curia not in target.curiae:
            raise InvalidInput(
                f"constituency {key}: body {body} has no curia {curia!r} "
                f"(its curiae: {', '.join(target.curiae)})"
            )
        if membership_override is not None and membership_override < 0:
            raise InvalidInput(f"constituency {key}: membership must be >= 0")
        if source != body:
            self._refuse_cycle(source, body)
        return self.record(
            ev.ConstituencyCreated(key, body, source, norm, curia, membership_override)
        )

    def create_faction(
        self, key: str, name: str, *, party: str | None = None, parent: str | None = None
    ) -> ev.Event:
        check_key(key, "faction")
        if key in self.factions:
            raise AlreadyExists(f"organisation {self.key} already has a faction {key!r}")
        if parent is not None:
            self.faction(parent)
        return self.record(ev.FactionCreated(key, check_name(name, "faction"), party, parent))

    def split_faction(
        self, faction: str, new_key: str, new_name: str, members: Iterable[Member]
    ) -> ev.Event:
        """A faction splits: the named members leave it for a new faction (M04)."""
        self.faction(faction)
        check_key(new_key, "faction")
        if new_key in self.factions:
            raise AlreadyExists(f"organisation {self.key} already has a faction {new_key!r}")
        numbers = []
        for m in members:
            if m.faction != faction:
                raise InvalidInput(
                    f"member {m.number} is not in faction {faction} (is in {m.faction})"
                )
            numbers.append(m.number)
        return self.record(
            ev.FactionSplit(faction, new_key, check_name(new_name, "faction"), tuple(numbers))
        )

    # -- members and mandates (checked here, stored by repositories) ----------
    def check_member(self, member: Member) -> Member:
        check_member_number(member.number)
        check_name(member.name, f"member {member.number}")
        council = self.bodies.get(member.council)
        if council is None:
            raise NotFound(f"member {member.number}: no body {member.council!r}")
        if member.faction is not None and member.faction not in self.factions:
            raise NotFound(f"member {member.number}: no faction {member.faction!r}")
        if member.email is not None and "@" not in member.email:
            raise InvalidInput(f"member {member.number}: email {member.email!r} is invalid")
        return member

    def add_member(self, member: Member) -> ev.Event:
        self.check_member(member)
        return self.record(
            ev.MemberAdded(member.number, member.name, member.council, member.faction, member.email)
        )

    def affiliate(self, member: Member, faction: str | None) -> ev.Event:
        if faction is not None:
            self.faction(faction)
        if member.faction == faction:
            raise InvalidInput(f"member {member.number} is already in faction {faction}")
        return self.record(ev.MemberAffiliated(member.number, member.faction, faction))

    def record_mandate(self, mandate: Mandate, holder: Member) -> ev.Event:
        check_key(mandate.key, "mandate")
        self.body(mandate.body)
        if mandate.constituency is not None:
            c = self.constituencies.get(mandate.constituency)
            if c is None:
                raise NotFound(f"mandate {mandate.key}: no constituency {mandate.constituency!r}")
            if c.body != mandate.body:
                raise InvalidInput(
                    f"mandate {mandate.key}: constituency {c.key} fills seats of {c.body}, "
                    f"not {mandate.body}"
                )
        if mandate.faction is not None:
            self.faction(mandate.faction)
        return self.record(
            ev.MandateRecorded(
                mandate.key, mandate.body, mandate.constituency, holder.number, mandate.faction
            )
        )

    def change_mandate(self, mandate: Mandate, status: str, reason: str = "") -> ev.Event:
        new = mandate.moved_to(_enum(MandateStatus, status, "mandate status"))  # type: ignore[arg-type]
        return self.record(
            ev.MandateStatusChanged(mandate.key, str(mandate.status), str(new.status), reason)
        )

    def issue_credential(self, mandate: Mandate, credential: str) -> ev.Event:
        cred = _enum(CredentialStatus, credential, "credential")
        mandate.with_credential(cred)  # type: ignore[arg-type]
        old = None if mandate.credential is None else str(mandate.credential)
        return self.record(ev.CredentialIssued(mandate.key, old, credential))

    def adopt_instruction(
        self,
        key: str,
        constituency: str,
        motion: str,
        direction: str,
        *,
        binding: bool,
        text: str = "",
    ) -> ev.Event:
        """A constituency instructs its delegates how to vote on a motion (M20); a later
        instruction on the same motion replaces the earlier one."""
        check_key(key, "instruction")
        if key in self.instructions:
            raise AlreadyExists(f"organisation {self.key} already has an instruction {key!r}")
        if constituency not in self.constituencies:
            raise NotFound(f"organisation {self.key} has no constituency {constituency!r}")
        check_key(motion, "motion")
        return self.record(
            InstructionAdopted(key, constituency, motion, check_direction(direction), binding, text)
        )

    def instruction_for(self, motion: str, constituency: str | None) -> Instruction | None:
        """The instruction in force for a constituency's delegates on a motion."""
        found = [
            i
            for i in self.instructions.values()
            if i.motion == motion and i.constituency == constituency
        ]
        return found[-1] if found else None

    # -- invariants ----------------------------------------------------------
    def _edges(self) -> dict[str, set[str]]:
        if self._up is None:
            up: dict[str, set[str]] = {k: set() for k in self.bodies}
            for c in self.constituencies.values():
                if c.source != c.body:
                    up[c.source].add(c.body)
            for link in self.links:
                if link.kind in HIERARCHY_LINKS:
                    up[link.source].add(link.target)
            self._up = up
        return self._up

    def _keep_edges(self, event: ev.Event) -> None:
        match event:
            case ev.ConstituencyCreated() if self._by_body is not None:
                self._by_body.setdefault(event.body, []).append(
                    Constituency(
                        event.key,
                        event.body,
                        event.source,
                        event.norm,
                        event.curia,
                        event.membership_override,
                    )
                )
            case ev.BodiesLinked() if self._sections is not None and (
                LinkKind(event.kind) is LinkKind.SECTION_OF
            ):
                self._sections.setdefault(event.target, []).append(event.source)
            case _:
                pass
        up = self._up
        if up is None:
            return
        match event:
            case ev.BodyCreated():
                up.setdefault(event.key, set())
            case ev.ConstituencyCreated() if event.source != event.body:
                up.setdefault(event.source, set()).add(event.body)
            case ev.BodiesLinked() if LinkKind(event.kind) in HIERARCHY_LINKS:
                up.setdefault(event.source, set()).add(event.target)
            case _:
                pass

    def _refuse_cycle(self, source: str, target: str) -> None:
        """Refuse an upward edge source -> target if target already reaches source."""
        up = self._edges()
        seen: set[str] = set()
        stack = [target]
        path: dict[str, str] = {}
        while stack:
            node = stack.pop()
            if node == source:
                chain = [source]
                while chain[-1] != target:
                    chain.append(path[chain[-1]])
                cycle = " -> ".join([source, *reversed(chain)])
                raise StructureError(f"linking {source} to {target} would close a cycle: {cycle}")
            if node in seen:
                continue
            seen.add(node)
            for nxt in up.get(node, ()):
                path.setdefault(nxt, node)
                stack.append(nxt)

    # -- applying events -----------------------------------------------------
    def apply(self, event: ev.Event) -> None:
        """Change the structure as ``event`` says; member and mandate events leave it as is."""
        self._keep_edges(event)
        match event:
            case ev.BodyCreated():
                self.bodies[event.key] = Body(
                    event.key,
                    event.name,
                    BodyKind(event.kind),
                    event.level,
                    SeatRule(event.seat_rule),
                    event.size,
                    event.method,
                    BodyStatus.CONSTITUTED,
                    tuple(event.curiae),
                    event.membership,
                )
            case ev.BodyStatusChanged():
                old = self.bodies[event.body]
                self.bodies[event.body] = Body(
                    old.key,
                    old.name,
                    old.kind,
                    old.level,
                    old.seat_rule,
                    old.size,
                    old.method,
                    BodyStatus(event.new),
                    old.curiae,
                    old.membership,
                )
            case ev.BodiesLinked():
                self.links.append(Link(event.source, event.target, LinkKind(event.kind)))
            case ev.NormSet():
                self.norms[event.key] = Norm(
                    event.key,
                    NormKind(event.kind),
                    event.seats,
                    event.per,
                    event.minimum,
                    event.maximum,
                    Rounding(event.rounding),
                    event.curia,
                )
            case ev.ConstituencyCreated():
                self.constituencies[event.key] = Constituency(
                    event.key,
                    event.body,
                    event.source,
                    event.norm,
                    event.curia,
                    event.membership_override,
                )
            case ev.FactionCreated():
                self.factions[event.key] = Faction(event.key, event.name, event.party, event.parent)
            case ev.FactionSplit():
                parent = self.factions[event.faction]
                self.factions[event.new_key] = Faction(
                    event.new_key, event.new_name, parent.party, event.faction
                )
            case InstructionAdopted():
                self.instructions[event.key] = Instruction(
                    event.key, event.constituency, event.motion, event.direction, event.binding
                )
            case _:
                pass
