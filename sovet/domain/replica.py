"""Rebuilding an organisation's whole state from its events, and a canonical snapshot
of that state to compare with what storage holds (DESIGN.md, The record)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sovet.domain import decree_events as de
from sovet.domain import events as ev
from sovet.domain.dissemination import branches_below, reach_scope, scope_digest
from sovet.domain.errors import InvalidInput
from sovet.domain.members import CredentialStatus, Mandate, MandateStatus, Member
from sovet.domain.organisation import Organisation
from sovet.domain.polls import BallotCast, VotersRegistered
from sovet.domain.roll import roll_rows
from sovet.ledger.canonical import canonical_text


@dataclass
class Replica:
    """An organisation's state, rebuilt event by event."""

    org: Organisation | None = None
    members: dict[str, Member] = field(default_factory=dict)
    mandates: dict[str, Mandate] = field(default_factory=dict)
    roll_parts: dict[str, list[str]] = field(default_factory=dict)
    streams: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    ballots: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)
    secret: dict[tuple[str, str], str] = field(default_factory=dict)
    register: set[tuple[str, str]] = field(default_factory=set)
    # decree -> [key, body, number, title, effective, status] and its scope rule
    decrees: dict[str, list[str]] = field(default_factory=dict)
    decree_scopes: dict[str, tuple[str, tuple[str, ...], int | None]] = field(default_factory=dict)
    # (decree, body) -> [tier, parent, branch, state, reason, conflict]
    receipts: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def apply(self, event: ev.Event) -> None:
        if isinstance(event, ev.OrganisationCreated):
            self.org = Organisation(event.key, event.name, event.calendar)
            return
        if self.org is None:
            raise InvalidInput(f"the ledger's first act must be org.create, not {event.op}")
        self.org.apply(event)
        stream = event.stream()
        if stream is not None:
            self.streams.setdefault(stream, []).append((event.op, canonical_text(event.payload())))
        match event:
            case ev.MemberAdded():
                self.members[event.number] = Member(
                    event.number, event.name, event.council, event.faction, event.email
                )
            case ev.RollImported():
                parts = self.roll_parts.setdefault(event.sha256, [])
                parts.append(event.text)
                if event.part == event.parts:
                    del self.roll_parts[event.sha256]
                    for number, name, council, faction, email in roll_rows("".join(parts)):
                        self.members[number] = Member(number, name, council, faction, email)
            case ev.MemberAffiliated():
                self.members[event.number] = replace(self.members[event.number], faction=event.new)
            case ev.FactionSplit():
                for number in event.members:
                    self.members[number] = replace(self.members[number], faction=event.new_key)
            case ev.MandateRecorded():
                self.mandates[event.key] = Mandate(
                    event.key, event.body, event.constituency, event.holder, event.faction
                )
            case ev.MandateStatusChanged():
                self.mandates[event.key] = replace(
                    self.mandates[event.key], status=MandateStatus(event.new)
                )
            case ev.CredentialIssued():
                self.mandates[event.mandate] = replace(
                    self.mandates[event.mandate], credential=CredentialStatus(event.new)
                )
            case BallotCast() if event.voter is not None:
                self.ballots[(event.poll, event.voter)] = (event.choice, event.contrary)
            case BallotCast():
                self.secret[(event.poll, event.receipt or "")] = event.choice
            case VotersRegistered():
                self.register.update((event.poll, v) for v in event.voters)
            case de.DecreeIssued() | de.DecreeDisseminated() | de.DecreeEnded():
                self._decree(event)
            case de.DecreeAnswered():
                row = self.receipts[(event.decree, event.body)]
                row[3], row[4] = event.state, event.reason
            case de.ConflictDeclared():
                self.receipts[(event.decree, event.body)][5] = event.act
            case _:
                pass

    def _decree(self, event: ev.Event) -> None:
        if self.org is None:
            raise InvalidInput(f"{event.op} before the organisation was created")
        match event:
            case de.DecreeIssued():
                self.decrees[event.key] = [
                    event.key,
                    event.body,
                    event.number,
                    event.title,
                    event.effective,
                    "issued",
                ]
                self.decree_scopes[event.key] = (event.body, event.roots, event.depth)
            case de.DecreeDisseminated():
                issuing, roots, depth = self.decree_scopes[event.decree]
                reach = reach_scope(self.org, issuing, roots, depth)
                if scope_digest(reach) != event.digest:
                    raise InvalidInput(
                        f"decree {event.decree}: the scope recomputed from the structure does "
                        "not match the digest its dissemination recorded"
                    )
                branch = branches_below(issuing, ((b, r.parent) for b, r in reach.items()))
                for body, r in reach.items():
                    row = [r.tier, r.parent, branch[body], "sent", "", ""]
                    self.receipts[(event.decree, body)] = row
                self.decrees[event.decree][5] = "in-force"
            case de.DecreeEnded():
                self.decrees[event.decree][5] = "ended"

    def snapshot(self) -> dict[str, Any]:
        if self.org is None:
            return {}
        return snapshot(self.org, self.members.values(), self.mandates.values()) | records(
            [(s, i, op, p) for s, evs in self.streams.items()
             for i, (op, p) in enumerate(evs, start=1)],
            [(p, v, c, x) for (p, v), (c, x) in self.ballots.items()],
            [(p, r, c) for (p, r), c in self.secret.items()],
            list(self.register),
        ) | decree_records(
            [tuple(row) for row in self.decrees.values()],
            [(d, b, *row) for (d, b), row in self.receipts.items()],
        )  # fmt: skip


def decree_records(
    listing: Iterable[tuple[Any, ...]], receipts: Iterable[tuple[Any, ...]]
) -> dict[str, Any]:
    """The decrees' part of a snapshot: the decrees and their dissemination log."""
    return {
        "decrees": sorted(list(d) for d in listing),
        "receipts": sorted(list(r) for r in receipts),
    }


def records(
    streams: Iterable[tuple[str, int, str, str]],
    named: Iterable[tuple[str, str, str, bool]],
    secret: Iterable[tuple[str, str, str]],
    register: Iterable[tuple[str, str]],
) -> dict[str, Any]:
    """The sittings' and polls' part of a snapshot: event streams and sealed ballots."""
    return {
        "streams": sorted(list(s) for s in streams),
        "ballots": sorted(list(b) for b in named),
        "secret_ballots": sorted(list(b) for b in secret),
        "register": sorted(list(r) for r in register),
    }


def snapshot(
    org: Organisation, members: Iterable[Member], mandates: Iterable[Mandate]
) -> dict[str, Any]:
    """A canonical, comparable picture of an organisation's state (sorted, plain data)."""
    return {
        "org": {"key": org.key, "name": org.name, "calendar": org.calendar},
        "bodies": sorted(
            (
                b.key,
                b.name,
                str(b.kind),
                b.level,
                str(b.seat_rule),
                b.size,
                b.method,
                str(b.status),
                list(b.curiae),
                -1 if b.membership is None else b.membership,
            )
            for b in org.bodies.values()
        ),
        "links": sorted((lk.source, lk.target, str(lk.kind)) for lk in org.links),
        "norms": sorted(
            (
                n.key,
                str(n.kind),
                n.seats,
                n.per,
                n.minimum,
                n.maximum,
                str(n.rounding),
                n.curia or "",
            )
            for n in org.norms.values()
        ),
        "constituencies": sorted(
            (
                c.key,
                c.body,
                c.source,
                c.norm or "",
                c.curia or "",
                -1 if c.membership_override is None else c.membership_override,
            )
            for c in org.constituencies.values()
        ),
        "factions": sorted(
            (f.key, f.name, f.party or "", f.parent or "") for f in org.factions.values()
        ),
        "instructions": sorted(
            (i.key, i.constituency, i.motion, i.direction, i.binding)
            for i in org.instructions.values()
        ),
        "members": sorted(
            (m.number, m.name, m.council, m.faction or "", m.email or "") for m in members
        ),
        "mandates": sorted(
            (
                m.key,
                m.body,
                m.constituency or "",
                m.holder,
                m.faction or "",
                str(m.status),
                "" if m.credential is None else str(m.credential),
            )
            for m in mandates
        ),
    }


def differences(stored: dict[str, Any], rebuilt: dict[str, Any], limit: int = 10) -> list[str]:
    """What differs between two snapshots, section by section, at most ``limit`` lines."""
    out: list[str] = []
    for section in sorted(set(stored) | set(rebuilt)):
        a, b = stored.get(section), rebuilt.get(section)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            sa = {repr(x) for x in a}
            sb = {repr(x) for x in b}
            for item in sorted(sa - sb)[:limit]:
                out.append(f"{section}: stored but not in the ledger: {item}")
            for item in sorted(sb - sa)[:limit]:
                out.append(f"{section}: in the ledger but not stored: {item}")
        else:
            out.append(f"{section}: stored {a!r}, ledger gives {b!r}")
    return out[:limit] if limit else out
