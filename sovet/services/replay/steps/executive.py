"""Steps of the Soviet's executive side in October: the Military Revolutionary
Committee created with seats for organisations, its commissars at district
headquarters, the garrison's allegiance, the countersign rule, and an order of
headquarters that binds one unit and not another (M15-M17, M19)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sovet.services import commands as c
from sovet.services.replay.run import Run, step
from sovet.services.replay.spec import Figure
from sovet.services.replay.steps.people import body_names


@step("commission")
def commission(run: Run, s: Mapping[str, Any]) -> None:
    """A body creates a commission by resolution, with its mandate, delegated powers,
    reporting duty and seats for the organisations its regulations name (M15; fact
    ``mrc-draft-executive-committee``); named members fill their organisations' seats."""
    key, parent = str(s["commission"]), str(s["parent"])
    seats = s["seats"]
    run.use(Figure(1, (str(seats["fact"]),), (str(seats["assumption"]),)))
    organisations = tuple((str(o), 1) for o in seats["organisations"])
    run.x(
        c.CreateCommission(
            run.org,
            key,
            parent,
            str(s["mandate"]),
            tuple(str(p) for p in s["powers"]),
            str(s["reporting"]),
            organisations,
            str(s.get("resolution", "")),
        )
    )
    names = body_names(run)
    for organisation, person in (s.get("fill") or {}).items():
        member = run.spec.person(str(person))
        run.x(c.FillCommissionSeat(run.org, key, str(organisation), member.number))
        run.line(f"{member.name} takes the seat of the {names[str(organisation)]}")
    run.line(
        f"{names[key]} created by the {names[parent]}: powers {', '.join(s['powers'])}; "
        f"seats for {len(organisations)} organisations"
    )
    run.outcome("commission", f"created with seats for {len(organisations)} organisations")


@step("offices")
def offices(run: Run, s: Mapping[str, Any]) -> None:
    """A body appoints commissars to a unit or institution, each with a credential
    (M16; fact ``mrc-district-hq-commissars``: Sadovsky, Mekhonoshin and Lazimir)."""
    body, unit = str(s["body"]), str(s["unit"])
    names, facts = run.spec.facts.names(s["holders"], "holders")
    for fact in facts:
        run.use(Figure(len(names), (fact,)))
    keys = []
    for name in names:
        person = run.spec.person(name)
        key = f"{unit}-{person.number}"
        run.x(
            c.AppointOffice(
                run.org,
                key,
                body,
                person.number,
                unit=unit,
                credential=str(s["credential"]),
                title=str(s["title"]),
            )
        )
        keys.append(key)
    run.cache.setdefault("offices", {})[run.here().key] = tuple(keys)
    run.line(
        f"{', '.join(names)} appointed to {body_names(run)[unit]} by the {body_names(run)[body]}"
    )
    run.outcome("offices", ", ".join(keys))


@step("allegiance")
def allegiance(run: Run, s: Mapping[str, Any]) -> None:
    """Units record whose orders they obey (M19)."""
    run.assumed(str(s["assumption"]))
    names = body_names(run)
    for d in s["declarations"]:
        unit, authority = str(d["unit"]), str(d["authority"])
        run.x(c.DeclareAllegiance(run.org, unit, authority, note=str(d.get("note", ""))))
        run.line(f"{names[unit]}: follows the {names[authority]}")
        run.outcome(unit, f"obeys {authority}")


@step("policy")
def policy(run: Run, s: Mapping[str, Any]) -> None:
    """A body sets its countersign policy: orders of the named issuers need k of the
    offices it names (M17)."""
    needed = run.figure(s["needed"], "needed")
    signatories = run.cache.get("offices", {})[str(s["offices"])]
    run.x(
        c.SetPolicy(
            run.org,
            str(s["body"]),
            str(s["key"]),
            signatories=tuple(signatories),
            needed=needed.value,
            issuers=tuple(str(i) for i in s.get("issuers", ())),
            note=str(s.get("note", "")),
        )
    )
    run.line(
        f"orders need {needed.value} of {len(signatories)} countersignatures: "
        f"{', '.join(signatories)}"
    )
    run.outcome("policy", f"{needed.value} of {len(signatories)}")


@step("order")
def order(run: Run, s: Mapping[str, Any]) -> None:
    """An order is issued; the designated commissars refuse to countersign it; whether
    it binds each addressee is then computed by Sovet's rule (M17, M19, M27)."""
    key = str(s["key"])
    run.x(
        c.IssueOrder(
            run.org,
            key,
            str(s["type"]),
            tuple(str(a) for a in s["addressees"]),
            str(s["content"]),
            body=str(s["issuer"]),
        )
    )
    refusals = s.get("refusals")
    if refusals:
        for office in run.cache.get("offices", {})[str(refusals["offices"])]:
            run.x(c.RefuseCountersign(run.org, key, office, str(refusals["reason"])))
    view = run.x(c.ShowOrder(run.org, key))
    names = body_names(run)
    for verdict in view.validity:
        run.line(f"{names[verdict.unit]}: {verdict.status} — {verdict.reason}")
        run.outcome(verdict.unit, str(verdict.status))
