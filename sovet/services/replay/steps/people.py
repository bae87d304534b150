"""Steps that build the organisation and seat people: the structure and its roll,
mandates in a body, and the delegations of a congress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from sovet.domain.errors import InvalidInput
from sovet.services import commands as c
from sovet.services.replay.run import Run, step
from sovet.services.replay.spec import Figure
from sovet.services.scenario import build_structure, load_scenario


@step("structure")
def structure(run: Run, s: Mapping[str, Any]) -> None:
    """Build the scenario's structure through ``org.import`` and put the people the
    sources name on the roll through ``roll.import``."""
    scenario = load_scenario(run.spec.structure)
    run.result.org = build_structure(run.bus, run.actor, scenario)
    for f in scenario.figures:
        fig = Figure(f.value, (f.fact,))
        run.use(fig)
        run.result.structure_figures.append((f.what, fig, f.note))
    for a in scenario.assumptions:
        if a.key:
            run.use(Figure(0, (), (a.key,)))
    persons = [(p.number, p.name, p.council, p.faction) for p in run.spec.persons]
    run.roll(persons, "persons named in the sources")
    doc = run.structure()
    run.line(
        f"{len(doc['bodies'])} bodies, {len(doc['factions'])} factions, "
        f"{len(doc['constituencies'])} constituencies; {len(persons)} people named in the "
        "sources put on the roll"
    )
    run.outcome("bodies", str(len(doc["bodies"])))


def body_names(run: Run) -> dict[str, str]:
    return {b["key"]: b["name"] for b in run.structure()["bodies"]}


def faction_names(run: Run) -> dict[str, str]:
    return {f["key"]: f["name"] for f in run.structure()["factions"]}


def seat_lines(run: Run) -> dict[str, tuple[int, int, str]]:
    """Every constituency's (seats, membership, body) under the structure's norms, as
    ``org.tree`` computes them."""
    tree = run.x(c.ShowTree(run.org))
    out: dict[str, tuple[int, int, str]] = {}

    def walk(node: Any) -> None:
        for line in node.seats.lines:
            out[line.constituency] = (line.seats, line.membership, node.key)
        for child in (*node.children, *node.elected):
            walk(child)

    for root in tree.roots:
        walk(root)
    return out


@step("mandates")
def mandates(run: Run, s: Mapping[str, Any]) -> None:
    """Seat ``count`` members in ``body``: the named first, then unnamed placeholders
    (each put on the roll), one ``mandate.record`` each."""
    body, faction = str(s["body"]), s.get("faction")
    count = run.figure(s["count"], "count")
    named = [run.spec.person(n).number for n in s.get("named", [])]
    extra = count.value - len(named)
    if extra < 0:
        raise InvalidInput(f"act {run.here().key}: {len(named)} named for {count.value} seats")
    others = s.get("others") or {}
    if extra:
        run.assumed(str(others["assumption"]))
    rows = [
        (run.number(body, str(faction), i), f"{others.get('name', 'Member')} {i}", body, faction)
        for i in range(1, extra + 1)
    ]
    run.roll(rows, f"members of {body}")
    for i, holder in enumerate([*named, *(r[0] for r in rows)], 1):
        run.x(c.RecordMandate(run.org, f"{body}-{i}", body, holder, faction=faction))
    run.sources.setdefault(body, {})[str(faction)] = count
    run.line(f"{count.value} mandates recorded in {body_names(run)[body]}")


@step("allotted-seats")
def allotted_seats(run: Run, s: Mapping[str, Any]) -> None:
    """Seats accorded to groups by an authority outside the body, each group naming
    its members (M21, the Pre-Parliament: members who "did not depend upon the
    accidents of elective competition", 002 l. 541): one mandate per seat, no vote."""
    body = str(s["body"])
    seats = run.figure(s["seats"], "seats")
    shares = {str(f): run.figure(ref, f"shares.{f}") for f, ref in s["shares"].items()}
    if sum(f.value for f in shares.values()) != seats.value:
        raise InvalidInput(
            f"act {run.here().key}: the shares sum to {sum(f.value for f in shares.values())}, "
            f"not to the {seats.value} seats"
        )
    name = body_names(run)[body]
    rows: list[tuple[str, str, str, str | None]] = []
    for faction, fig in shares.items():
        rows += [
            (run.number(body, faction, i), f"Member of the {name}", body, faction)
            for i in range(1, fig.value + 1)
        ]
    run.roll(rows, f"members of {body}")
    for n, (holder, _name, _council, party) in enumerate(rows, 1):
        run.x(c.RecordMandate(run.org, f"{body}-{n}", body, holder, faction=party))
    run.sources.setdefault(body, {}).update(shares)
    text = ", ".join(f"{f} {fig.value}" for f, fig in shares.items())
    run.line(f"{seats.value} seats accorded in the {name}: {text}. {s['by']}")
    run.outcome("seats", text)


@step("delegations")
def delegations(run: Run, s: Mapping[str, Any]) -> None:
    """Seat the delegates of every delegation of ``body`` not yet elected, so that the
    body's composition is the one the sources give (M04, M08).

    Rule: the composition less the mandates already recorded (a delegation elected
    on lists) is spread over the remaining delegations in proportion to their seats:
    the delegates are ordered by Sainte-Laguë among the factions (each next seat to
    the faction with the largest remaining / (2 x seated + 1)) and the delegations
    take them in turn; the named delegates take the first seats of their faction in
    their delegation.
    """
    body = str(s["body"])
    total = run.figure(s["total"], "total")
    composition = {
        str(f): run.figure(ref, f"composition.{f}") for f, ref in s["composition"].items()
    }
    if sum(f.value for f in composition.values()) != total.value:
        raise InvalidInput(
            f"act {run.here().key}: the composition sums to "
            f"{sum(f.value for f in composition.values())}, not to {total.value}"
        )
    for check in s.get("checks", []):
        whole = run.figure(check["equals"], "checks")
        parts = sum(composition[str(p)].value for p in check["parts"])
        if parts != whole.value:
            raise InvalidInput(
                f"act {run.here().key}: {check['parts']} sum to {parts}, not {whole.value}"
            )
    run.assumed(str(s["assumption"]))
    existing = run.mandates({body})
    have = Counter(m.get("faction") for m in existing)
    remaining = {f: fig.value - have.get(f, 0) for f, fig in composition.items()}
    if any(v < 0 for v in remaining.values()):
        raise InvalidInput(f"act {run.here().key}: more delegates already seated than {remaining}")
    lines = seat_lines(run)
    filled = {m.get("constituency") for m in existing}
    open_seats = [(k, v[0]) for k, v in lines.items() if v[2] == body and k not in filled]
    if sum(n for _, n in open_seats) != sum(remaining.values()):
        raise InvalidInput(
            f"act {run.here().key}: {sum(n for _, n in open_seats)} seats left for "
            f"{sum(remaining.values())} delegates"
        )
    order = _interleave(remaining)
    named = s.get("named") or {}
    if named:
        run.assumed(str(named["assumption"]))
    bodies = body_names(run)
    constituencies = {k["key"]: k for k in run.structure()["constituencies"]}
    rows: list[tuple[str, str, str, str | None]] = []
    seats: list[tuple[str, str, str, str]] = []  # mandate, constituency, holder, faction
    at = 0
    for key, n in open_seats:
        source = constituencies[key]["source"]
        chunk = order[at : at + n]
        at += n
        wanted = (named.get("members") or {}) if named.get("constituency") == key else {}
        people = {f: [run.spec.person(p).number for p in ps] for f, ps in wanted.items()}
        counts: Counter[str] = Counter()
        for i, faction in enumerate(chunk, 1):
            counts[faction] += 1
            queue = people.get(faction, [])
            if queue:
                holder = queue.pop(0)
            else:
                holder = run.number(key, faction, counts[faction])
                rows.append((holder, f"Delegate of the {bodies[source]}", source, faction))
            seats.append((f"{key}-{i}", key, holder, faction))
        left = [p for ps in people.values() for p in ps]
        if left:
            raise InvalidInput(f"act {run.here().key}: no seat in {key} for {', '.join(left)}")
    run.roll(rows, f"delegates to {body}")
    for mandate, constituency, holder, faction in seats:
        run.x(c.RecordMandate(run.org, mandate, body, holder, constituency, faction))
    run.sources.setdefault(body, {}).update(composition)
    names = ", ".join(f"{f} {fig.value}" for f, fig in composition.items())
    run.line(f"{total.value} delegates with votes in {bodies[body]}: {names}")
    run.outcome("composition", names)


def _interleave(counts: Mapping[str, int]) -> list[str]:
    """The factions in Sainte-Laguë order: each next place to the faction with the
    largest remaining / (2 x placed + 1), ties to the larger faction, then by name."""
    placed = dict.fromkeys(counts, 0)
    out: list[str] = []
    for _ in range(sum(counts.values())):
        live = [f for f in counts if placed[f] < counts[f]]
        best = max(live, key=lambda f: (Fraction(counts[f], 2 * placed[f] + 1), counts[f], f))
        placed[best] += 1
        out.append(best)
    return out
