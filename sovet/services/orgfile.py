"""An organisation as a YAML document: the schema at the edge (Pydantic), export and
the checks an import must pass before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sovet.domain.errors import InvalidInput
from sovet.domain.members import CredentialStatus, Mandate, MandateStatus, Member
from sovet.domain.organisation import APPORTIONMENT_METHODS, Organisation
from sovet.domain.structure import BodyKind, BodyStatus, LinkKind, NormKind, Rounding, SeatRule


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class OrgDoc(_Strict):
    key: str
    name: str
    calendar: str = "gregorian"


class FactionDoc(_Strict):
    key: str
    name: str
    party: str | None = None
    parent: str | None = None


class NormDoc(_Strict):
    key: str
    kind: NormKind
    seats: int | None = None
    per: int | None = None
    minimum: int = 0
    maximum: int | None = None
    rounding: Rounding = Rounding.DOWN
    curia: str | None = None


class BodyDoc(_Strict):
    key: str
    name: str
    kind: BodyKind
    level: str = ""
    seat_rule: SeatRule = SeatRule.SUM
    size: int | None = None
    method: str = "sainte-lague"
    curiae: list[str] = Field(default_factory=list)
    status: BodyStatus = BodyStatus.CONSTITUTED
    membership: int | None = None


class LinkDoc(_Strict):
    source: str
    target: str
    kind: LinkKind


class ConstituencyDoc(_Strict):
    key: str
    body: str
    source: str
    norm: str | None = None
    curia: str | None = None
    membership: int | None = None


class MemberDoc(_Strict):
    number: str
    name: str
    council: str
    faction: str | None = None
    email: str | None = None


class MandateDoc(_Strict):
    key: str
    body: str
    holder: str
    constituency: str | None = None
    faction: str | None = None
    status: MandateStatus = MandateStatus.ELECTED
    credential: CredentialStatus | None = None


class OrganisationFile(_Strict):
    """The whole document; ``sovet org export`` writes it, ``sovet org import`` reads it."""

    organisation: OrgDoc
    factions: list[FactionDoc] = Field(default_factory=list)
    norms: list[NormDoc] = Field(default_factory=list)
    bodies: list[BodyDoc] = Field(default_factory=list)
    links: list[LinkDoc] = Field(default_factory=list)
    constituencies: list[ConstituencyDoc] = Field(default_factory=list)
    members: list[MemberDoc] = Field(default_factory=list)
    mandates: list[MandateDoc] = Field(default_factory=list)


def parse_document(document: Any, source: str) -> OrganisationFile:
    """Validate a parsed YAML document; errors name the path to the bad value."""
    if not isinstance(document, dict):
        raise InvalidInput(f"{source}: expected a mapping at the top level")
    try:
        return OrganisationFile.model_validate(document)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err["loc"])
            detail = _describe(document, err["loc"])
            got = f" (got {err['input']!r})" if err["type"] != "missing" else ""
            problems.append(f"{where}{detail}: {err['msg']}{got}")
        raise InvalidInput(f"{source}: " + "; ".join(problems)) from None


def _describe(document: Any, loc: Iterable[Any]) -> str:
    """Name the item an error sits in by its key, e.g. ``bodies.3 (key 'vyborg')``."""
    node = document
    for part in list(loc)[:2]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return ""
    if isinstance(node, dict) and "key" in node:
        return f" (key {node['key']!r})"
    return ""


def build(doc: OrganisationFile) -> tuple[Organisation, list[Member], list[Mandate]]:
    """Apply the document through the domain's own rules, in dependency order."""
    o = doc.organisation
    org = Organisation.create(o.key, o.name, o.calendar)
    for f in _parents_first(doc.factions):
        org.create_faction(f.key, f.name, party=f.party, parent=f.parent)
    for n in doc.norms:
        org.set_norm(
            n.key,
            str(n.kind),
            seats=n.seats,
            per=n.per,
            minimum=n.minimum,
            maximum=n.maximum,
            rounding=str(n.rounding),
            curia=n.curia,
        )
    for b in doc.bodies:
        if b.method not in APPORTIONMENT_METHODS:
            raise InvalidInput(f"bodies: body {b.key}: unknown apportionment method {b.method!r}")
        org.create_body(
            b.key,
            b.name,
            str(b.kind),
            level=b.level,
            seat_rule=str(b.seat_rule),
            size=b.size,
            method=b.method,
            curiae=b.curiae,
            membership=b.membership,
        )
        if b.status != BodyStatus.CONSTITUTED:
            org.set_body_status(b.key, str(b.status))
    for lk in doc.links:
        org.link(lk.source, lk.target, str(lk.kind))
    for c in doc.constituencies:
        org.create_constituency(
            c.key, c.body, c.source, norm=c.norm, curia=c.curia, membership_override=c.membership
        )
    members: dict[str, Member] = {}
    for m in doc.members:
        if m.number in members:
            raise InvalidInput(f"members: member number {m.number} appears twice")
        member = Member(m.number, m.name, m.council, m.faction, m.email)
        org.add_member(member)
        members[m.number] = member
    mandates = []
    for d in doc.mandates:
        holder = members.get(d.holder)
        if holder is None:
            raise InvalidInput(f"mandates: mandate {d.key}: holder {d.holder!r} is not a member")
        mandate = Mandate(d.key, d.body, d.constituency, d.holder, d.faction)
        org.record_mandate(mandate, holder)
        if d.status != MandateStatus.ELECTED:
            org.change_mandate(mandate, str(d.status))
            mandate = mandate.moved_to(MandateStatus(d.status))
        if d.credential is not None:
            org.issue_credential(mandate, str(d.credential))
        mandates.append(mandate)
    return org, list(members.values()), mandates


def _parents_first(factions: list[FactionDoc]) -> list[FactionDoc]:
    done: set[str] = set()
    ordered: list[FactionDoc] = []
    pending = list(factions)
    while pending:
        ready = [f for f in pending if f.parent is None or f.parent in done]
        if not ready:
            keys = ", ".join(f.key for f in pending)
            raise InvalidInput(f"factions: parents missing or circular among: {keys}")
        for f in ready:
            ordered.append(f)
            done.add(f.key)
            pending.remove(f)
    return ordered


def export(
    org: Organisation, members: Iterable[Member], mandates: Iterable[Mandate]
) -> dict[str, Any]:
    """The organisation as a plain document that :func:`parse_document` accepts."""

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if v not in (None, "", [], ())}

    return {
        "organisation": {"key": org.key, "name": org.name, "calendar": org.calendar},
        "factions": [
            clean({"key": f.key, "name": f.name, "party": f.party, "parent": f.parent})
            for f in org.factions.values()
        ],
        "norms": [
            clean(
                {
                    "key": n.key,
                    "kind": str(n.kind),
                    "seats": n.seats,
                    "per": n.per,
                    "minimum": n.minimum or None,
                    "maximum": n.maximum,
                    "rounding": str(n.rounding),
                    "curia": n.curia,
                }
            )
            for n in org.norms.values()
        ],
        "bodies": [
            clean(
                {
                    "key": b.key,
                    "name": b.name,
                    "kind": str(b.kind),
                    "level": b.level,
                    "seat_rule": str(b.seat_rule),
                    "size": b.size,
                    "method": b.method,
                    "curiae": list(b.curiae),
                    "membership": b.membership,
                    "status": None if b.status == BodyStatus.CONSTITUTED else str(b.status),
                }
            )
            for b in org.bodies.values()
        ],
        "links": [
            {"source": lk.source, "target": lk.target, "kind": str(lk.kind)} for lk in org.links
        ],
        "constituencies": [
            clean(
                {
                    "key": c.key,
                    "body": c.body,
                    "source": c.source,
                    "norm": c.norm,
                    "curia": c.curia,
                    "membership": c.membership_override,
                }
            )
            for c in org.constituencies.values()
        ],
        "members": [
            clean(
                {
                    "number": m.number,
                    "name": m.name,
                    "council": m.council,
                    "faction": m.faction,
                    "email": m.email,
                }
            )
            for m in members
        ],
        "mandates": [
            clean(
                {
                    "key": m.key,
                    "body": m.body,
                    "holder": m.holder,
                    "constituency": m.constituency,
                    "faction": m.faction,
                    "status": str(m.status),
                    "credential": None if m.credential is None else str(m.credential),
                }
            )
            for m in mandates
        ],
    }
