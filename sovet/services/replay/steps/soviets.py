"""Steps of elections in the soviets: the Petrograd Soviet elected and re-elected on
lists in its constituencies (M03, M04), and a delegation elected on lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from math import ceil
from typing import Any

from sovet.domain.errors import InvalidInput
from sovet.services import commands as c
from sovet.services.replay.records import Composition, Group
from sovet.services.replay.run import Run, step
from sovet.services.replay.spec import Figure
from sovet.services.replay.steps.people import body_names, faction_names, seat_lines


@step("soviet-elections")
def soviet_elections(run: Run, s: Mapping[str, Any]) -> None:
    """Elect a council's deputies on lists, constituency by constituency, then
    re-elect them: the first mandates expire and the council's majority is shown
    before and after (M03: re-elections of deputies "at any time", 001 l. 42).

    Each constituency casts its stated membership as list votes in the phase's
    proportions (by curia before, one set after); seats go by the named method;
    every list is long enough for any share it can win.
    """
    lines = seat_lines(run)
    constituencies = {k["key"]: k for k in run.structure()["constituencies"]}
    keys = [str(k) for k in s["constituencies"]]
    method = str(s["method"])
    votes_assumption = str(s["votes"]["assumption"])
    council = constituencies[keys[0]]["body"]
    parent = _parent(run, council)
    fnames = faction_names(run)
    previous: list[str] = []
    for n, phase in enumerate((s["before"], s["after"]), 1):
        run.assumed(str(phase["assumption"]))
        run.assumed(votes_assumption)
        shares, facts = _shares(run, phase["shares"])
        heads = phase.get("heads") or {}
        rows: list[tuple[str, str, str, str | None]] = []
        elections: list[tuple[str, str, int, dict[str, int], dict[str, list[str]]]] = []
        for key in keys:
            seats, membership, _body = lines[key]
            weights = shares.get(constituencies[key].get("curia") or "", shares.get("", {}))
            if not weights:
                raise InvalidInput(f"act {run.here().key}: no shares for constituency {key}")
            whole = sum(weights.values())
            votes = {f: membership * w // whole for f, w in weights.items()}
            lists: dict[str, list[str]] = {}
            for faction, w in weights.items():
                named = [run.spec.person(p).number for p in (heads.get(key) or {}).get(faction, [])]
                need = ceil(seats * w / whole) + 1 - len(named)
                generated = [
                    f"d{n}-{key}-{run.spec.faction_codes[faction]}-{i}" for i in range(1, need + 1)
                ]
                source = constituencies[key]["source"]
                label = fnames[faction]
                rows += [(g, f"Deputy, {label} list ({n})", source, faction) for g in generated]
                lists[faction] = named + generated
            elections.append((f"soviet-{n}-{key}", key, seats, votes, lists))
        run.roll(rows, f"candidates, {phase['label']}")
        for election, key, seats, votes, lists in elections:
            run.x(
                c.OpenElection(
                    run.org,
                    election,
                    lines[key][2],
                    key,
                    "party-list",
                    seats=seats,
                    lists=tuple((f, tuple(names)) for f, names in lists.items()),
                    apportionment=method,
                )
            )
            run.x(c.DeclareElection(run.org, election, votes=tuple(votes.items())))
        for mandate in previous:
            run.x(c.SetMandateStatus(run.org, mandate, "expired", "re-elected"))
        seated = run.mandates(run.council(parent))
        previous = [m["key"] for m in seated]
        sources = (*facts, str(phase["assumption"]), votes_assumption)
        composition = _composition(run, parent, seated, f"soviet-{n}", str(phase["label"]), sources)
        run.result.compositions.append(composition)
        run.sources[parent] = {g.faction: g.seats for g in composition.groups}
        text = ", ".join(f"{g.faction} {g.seats.value}" for g in composition.groups)
        run.line(f"{body_names(run)[parent]}, {phase['label']}: {text} of {composition.seats}")
        run.outcome(str(phase["label"]), text)
    run.outcome("majority", _majority(run.result.compositions[-1]))
    run.line(f"majority after the re-elections: {run.here().outcomes['majority']}")


def _parent(run: Run, body: str) -> str:
    for lk in run.structure()["links"]:
        if lk["kind"] == "section-of" and lk["source"] == body:
            return str(lk["target"])
    return body


def _shares(run: Run, spec: Mapping[str, Any]) -> tuple[dict[str, dict[str, int]], tuple[str, ...]]:
    """Shares by curia (``{curia: {faction: weight}}``) or one set for all (key "")
    whose weights are figures of a fact."""
    first = next(iter(spec.values()))
    if isinstance(first, Mapping) and not ("fact" in first or "assumed" in first):
        return {str(k): {str(f): int(w) for f, w in v.items()} for k, v in spec.items()}, ()
    figures = {str(f): run.figure(ref, f"shares.{f}") for f, ref in spec.items()}
    facts = tuple(dict.fromkeys(x for fig in figures.values() for x in fig.facts))
    return {"": {f: fig.value for f, fig in figures.items()}}, facts


def _composition(
    run: Run,
    body: str,
    seated: list[dict[str, Any]],
    key: str,
    label: str,
    sources: tuple[str, ...],
) -> Composition:
    counts = Counter(str(m.get("faction")) for m in seated)
    names = faction_names(run)
    facts = tuple(x for x in sources if x in run.spec.facts)
    assumed = tuple(x for x in sources if x not in run.spec.facts)
    groups = tuple(
        Group(f, names.get(f, f), Figure(n, facts, assumed), Figure(n, facts, assumed))
        for f, n in counts.most_common()
    )
    return Composition(key, label, body, body_names(run)[body], groups, run.here().key)


def _majority(comp: Composition) -> str:
    top = max(comp.groups, key=lambda g: g.seats.value)
    half = comp.seats // 2 + 1
    if top.seats.value >= half:
        return f"{top.faction} {top.seats.value} of {comp.seats}: a majority on its own"
    return f"no party has the {half} seats of a majority; the largest is {top.faction}"


@step("list-election")
def list_election(run: Run, s: Mapping[str, Any]) -> None:
    """A council elects a delegation on party lists (M04; fact
    ``petrograd-soviet-congress-delegate-election``: 443 / 162 / 44). The lists are
    headed by the candidates the sources name and filled with the council's own
    deputies of each party."""
    key, body, constituency = str(s["key"]), str(s["body"]), str(s["constituency"])
    seats_n, _membership, _ = seat_lines(run)[constituency]
    seats = Figure(seats_n, (), (str(s["seats"]["assumption"]),))
    run.use(seats)
    votes = {str(f): run.figure(ref, f"votes.{f}") for f, ref in s["votes"].items()}
    whole = sum(v.value for v in votes.values())
    source = next(
        k["source"] for k in run.structure()["constituencies"] if k["key"] == constituency
    )
    deputies = run.mandates(run.council(source))
    lists: dict[str, list[str]] = {}
    for faction, v in votes.items():
        names, _facts = run.spec.facts.names((s.get("heads") or {}).get(faction, []), "heads")
        heads = [run.spec.person(n).number for n in names]
        need = ceil(seats_n * v.value / whole) + 1
        pool = [m["holder"] for m in deputies if m.get("faction") == faction]
        lists[faction] = (heads + [p for p in pool if p not in heads])[:need]
    run.x(
        c.OpenElection(
            run.org,
            key,
            body,
            constituency,
            "party-list",
            seats=seats_n,
            lists=tuple((f, tuple(names)) for f, names in lists.items()),
            apportionment=str(s["method"]),
        )
    )
    won = run.x(
        c.DeclareElection(run.org, key, votes=tuple((f, v.value) for f, v in votes.items()))
    )
    counts = Counter(seat.faction for seat in won)
    text = ", ".join(f"{f} {counts.get(f, 0)}" for f in votes)
    cast = ", ".join(f"{f} {v.value}" for f, v in votes.items())
    run.line(f"list votes {cast} give {seats_n} delegates by {s['method']}: {text}")
    run.outcome("delegates", text)
