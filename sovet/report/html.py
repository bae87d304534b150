"""The HTML report of a replay: one self-contained page (no script, no network).

Every number on the page is printed through the template's ``fig`` macro, which
carries the ids of the facts and assumptions it rests on (``data-sources``) and
links to the first of them; the page lists every fact with its quote and seed line
and every assumption with its reason. Dates are shown in both calendars, the
Gregorian computed by :mod:`sovet.domain.calendar`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from sovet.domain.calendar import gregorian, julian
from sovet.report.bars import vote_bar_svg
from sovet.report.hemicycle import SeatGroup, hemicycle_svg
from sovet.services.replay.records import Composition, ReplayResult
from sovet.services.replay.spec import Figure, ReplaySpec
from sovet.services.replay.whatif import Change

# Left to right across the hall, with a colour each.
PALETTE: dict[str, str] = {
    "bolsheviks": "#b71c1c",
    "left-srs": "#ef6c00",
    "menshevik-internationalists": "#8e24aa",
    "other-groups": "#9e9e9e",
    "socialist-revolutionaries": "#2e7d32",
    "mensheviks": "#1565c0",
    "kadets": "#5d4037",
}


METHODS = {
    "agreement": "Agreement",
    "dhondt": "D'Hondt",
    "sainte-lague": "Sainte-Laguë",
    "sainte-lague-modified": "modified Sainte-Laguë",
    "hare": "Hare",
    "droop": "Droop",
}


@dataclass(frozen=True)
class LedgerSummary:
    entries: int
    verifies: bool
    replays: bool
    path: str
    reason: str = ""


def seat_order(faction: str) -> int:
    order = list(PALETTE)
    return order.index(faction) if faction in order else len(order)


def groups_of(comp: Composition) -> list[Any]:
    return sorted(comp.groups, key=lambda g: seat_order(g.faction))


def hemicycle(comp: Composition) -> str:
    """The composition's hemicycle, groups in seat order."""
    groups = [
        SeatGroup(g.name, g.seats.value, PALETTE.get(g.faction, "#607d8b"), g.present.value)
        for g in groups_of(comp)
    ]
    return hemicycle_svg(groups, title=f"{comp.body_name}: {comp.label}")


def _sources(fig: Figure) -> str:
    return " ".join(fig.sources)


def anchor(ref: str, facts: Mapping[str, Any]) -> str:
    return f"fact-{ref}" if ref in facts else f"assumption-{ref}"


def _tree(node: Any, seat_sources: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    return {
        "key": node.key,
        "name": node.name,
        "kind": node.kind,
        "status": node.status,
        "seats": node.seats.seats if node.seated else None,
        "sources": " ".join(seat_sources.get(node.key, ())),
        "repeated": node.repeated,
        "children": [_tree(k, seat_sources) for k in node.children],
        "elected": [_tree(k, seat_sources) for k in node.elected],
    }


def render_report(
    result: ReplayResult,
    spec: ReplaySpec,
    ledger: LedgerSummary,
    *,
    changes: Sequence[Change] | None = None,
    what_if: str = "",
) -> str:
    """The report page for a replay ``result`` of ``spec``."""
    env = Environment(
        loader=PackageLoader("sovet.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    facts = result.facts
    used_by: dict[str, list[str]] = {}
    for act in result.acts:
        for key in act.assumptions:
            used_by.setdefault(key, []).append(act.key)
    calendar = [
        {
            "fact": str(check["fact"]),
            "julian": julian(str(check["julian"])),
            "stated": gregorian(str(check["gregorian"])),
            "computed": julian(str(check["julian"])).gregorian(),
        }
        for check in spec.extra.get("calendar_checks", ())
    ]
    for check in spec.extra.get("calendar_checks", ()):
        facts.setdefault(str(check["fact"]), spec.facts.get(str(check["fact"])))
    seat_sources = spec.extra.get("seat_sources", {})
    for refs in seat_sources.values():
        for ref in refs:
            if ref in spec.facts:
                facts.setdefault(ref, spec.facts.get(ref))
            else:
                result.assumptions.setdefault(ref, spec.assumptions[ref])
    template = env.get_template("report.html.j2")
    return template.render(
        r=result,
        spec=spec,
        ledger=ledger,
        changes=list(changes or ()),
        what_if=what_if,
        facts=facts,
        used_by=used_by,
        calendar=calendar,
        tree=[_tree(n, seat_sources) for n in (result.tree.roots if result.tree else ())],
        hemicycle=hemicycle,
        groups_of=groups_of,
        bar=vote_bar_svg,
        sources=_sources,
        anchor=lambda ref: anchor(ref, facts),
        palette=PALETTE,
        faction=lambda key: result.faction_names.get(key, key),
        halls=_halls(result.compositions),
        method=lambda key: METHODS.get(key, key),
        factions_of=lambda al: sorted(
            {*al.allocation, *al.base, *al.taken, *al.declined, *al.open}, key=seat_order
        ),
        srcs=lambda figs: " ".join(dict.fromkeys(x for f in figs for x in f.sources)),
    )


def _halls(compositions: Sequence[Composition]) -> list[tuple[str, list[Composition]]]:
    """The compositions grouped by body, in the order the replay recorded them."""
    out: dict[str, list[Composition]] = {}
    for comp in compositions:
        out.setdefault(comp.body_name, []).append(comp)
    return list(out.items())
