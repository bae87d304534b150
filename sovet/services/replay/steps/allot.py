"""The step that composes a presidium, an executive or an assembly of allotted seats:
seats allotted among factions by a recorded agreement (or, under an override, by an
apportionment method), compared with what the methods would give, then offered and
answered faction by faction (M05, M14, M21)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sovet.domain.errors import InvalidInput
from sovet.domain.sitting import Presence
from sovet.services import commands as c
from sovet.services.replay.records import AllotmentRecord, Comparison
from sovet.services.replay.run import Run, step
from sovet.services.replay.spec import Figure
from sovet.services.replay.steps.people import body_names
from sovet.services.replay.steps.sittings import show


@step("allot")
def allot(run: Run, s: Mapping[str, Any]) -> None:
    """Allot ``seats`` of ``body`` and record each faction's answer to its offer.

    The agreement is recorded with its justification and, where a base is named,
    with that base, so that ``allotment.compare`` shows what D'Hondt, Sainte-Laguë
    and Hare would have given (fact ``congress2-presidium-proposal``: 14/7/3/1 is
    a stated allocation that no standard method derives from the opening figures).
    """
    key, body = str(s["key"]), str(s["body"])
    seats = run.figure(s["seats"], "seats")
    run.x(c.CreateAllotment(run.org, key, body, seats.value))
    kind, sizes, sitting = _base(run, s.get("base"))
    plain = tuple((f, fig.value) for f, fig in sizes.items()) if sitting is None else ()
    method = None if run.overrides is None else run.overrides.method(run.here().key)
    if method is not None:
        got = run.x(c.ComputeAllotment(run.org, key, method, kind, plain, sitting))
        allocation = {f: Figure(n, (), ("what-if",)) for f, n in got.items()}
    else:
        method = "agreement"
        allocation = {
            str(f): run.figure(ref, f"agreement.{f}") for f, ref in s["agreement"].items()
        }
        run.x(
            c.AgreeAllotment(
                run.org,
                key,
                tuple((f, fig.value) for f, fig in allocation.items()),
                str(s["justification"]),
                plain,
                sitting,
                kind,
            )
        )
    comparisons: tuple[Comparison, ...] = ()
    if s.get("compare") and sizes:
        found = run.x(c.CompareAllotment(run.org, key, tuple(s["compare"])))
        comparisons = tuple(
            Comparison(m.method, dict(m.allocation), dict(m.difference)) for m in found
        )
        for m in found:
            tied = [r.note for r in m.result.rounds if r.ties]
            run.line(
                f"{m.method} on the same base would give "
                + ", ".join(f"{f} {n}" for f, n in m.allocation.items())
                + (f" (a tie decided by lot: {tied[0]})" if tied else "")
            )
    offered = {f: fig.value for f, fig in allocation.items()}
    taken, declined, left, holders = _answers(run, key, s.get("responses") or {}, offered)
    record = AllotmentRecord(
        run.here().key, key, body, body_names(run)[body], seats, method, allocation, sizes, kind,
        comparisons, dict(taken), dict(declined), dict(left), tuple(holders),
    )  # fmt: skip
    run.result.allotments.append(record)
    shares = ", ".join(f"{f} {fig.value}" for f, fig in allocation.items())
    run.line(f"{record.body_name}: {seats.value} seats by {method}: {shares}")
    run.outcome("allotment", f"{method}: {shares}")
    answered = "; ".join(
        part
        for part in (
            "taken " + ", ".join(f"{f} {n}" for f, n in taken.items()) if taken else "",
            "declined " + ", ".join(f"{f} {n}" for f, n in declined.items()) if declined else "",
            "open " + ", ".join(f"{f} {n}" for f, n in left.items()) if left else "",
        )
        if part
    )
    run.line(f"seats {answered}")
    run.outcome("seats", answered)


def _base(run: Run, spec: Mapping[str, Any] | None) -> tuple[str, dict[str, Figure], str | None]:
    """The base an allotment is compared on: faction sizes given, counted from a
    council's mandates, or the voting delegates present in a sitting."""
    if not spec:
        return "faction-sizes", {}, None
    if "sizes" in spec:
        sizes = {str(f): run.figure(ref, f"base.{f}") for f, ref in spec["sizes"].items()}
        return "faction-sizes", sizes, None
    if "council" in spec:
        council = str(spec["council"])
        counts = Counter(str(m.get("faction")) for m in run.mandates(run.council(council)))
        known = run.sources.get(council, {})
        sizes = {
            f: Figure(n, known[f].facts, known[f].assumptions)
            if f in known
            else Figure(n, (), ("attendance",))
            for f, n in counts.most_common()
        }
        return "faction-sizes", sizes, None
    if "sitting" in spec:
        sitting = str(spec["sitting"])
        st = show(run, sitting)
        counts = Counter(
            str(d.faction)
            for d in st.delegates.values()
            if d.votes and d.presence is Presence.PRESENT and d.faction is not None
        )
        known = run.sources.get(run.sittings[sitting], {})
        here = run.presence.get(sitting, ())
        sizes = {}
        for f, n in counts.most_common():
            base = known.get(f) or Figure(n, (), ("attendance",))
            extra_facts = tuple(x for x in here if x in run.spec.facts)
            extra = tuple(x for x in here if x not in run.spec.facts)
            sizes[f] = Figure(n, base.facts + extra_facts, base.assumptions + extra)
        return "present-voting", sizes, sitting
    raise InvalidInput(f"act {run.here().key}: unknown allotment base {dict(spec)}")


def _answers(
    run: Run, key: str, responses: Mapping[str, Any], offered: dict[str, int]
) -> tuple[Counter[str], Counter[str], Counter[str], list[tuple[str, str, str]]]:
    """Each faction's answer, in the order given: accept (the named first, then from a
    pool or newly rolled members), decline (optionally reassigned), defer, or leave
    the offer open."""
    taken: Counter[str] = Counter()
    declined: Counter[str] = Counter()
    left: Counter[str] = Counter()
    holders: list[tuple[str, str, str]] = []
    used: set[str] = set()
    for faction, answer in responses.items():
        targets = list(offered) if faction == "all" else [str(faction)]
        if "assumption" in answer:
            run.assumed(str(answer["assumption"]))
        for f in targets:
            if not offered.get(f):
                continue
            if "accept" in answer or "generate" in answer:
                names, facts = run.spec.facts.names(answer.get("accept", []), "accept")
                for fact in facts:
                    run.use(Figure(len(names), (fact,)))
                named = [run.spec.person(n) for n in names]
                limit = (
                    len(named) if ("defer" in answer or answer.get("leave_open")) else offered[f]
                )
                mine = [p.number for p in named]
                pool = _pool(run, answer, f, offered[f], used | set(mine))
                people = mine + pool
                for person in named[:limit]:
                    holders.append((f, person.number, person.name))
                for holder in people[:limit]:
                    run.x(c.AcceptSeat(run.org, key, f, holder))
                    used.add(holder)
                    taken[f] += 1
                    offered[f] -= 1
            if "decline" in answer and offered[f]:
                numbers = run.x(c.DeclineSeats(run.org, key, f, reason=str(answer["decline"])))
                declined[f] += len(numbers)
                offered[f] = 0
                to = answer.get("reassign")
                for seat in numbers if to else ():
                    run.x(c.ReassignSeat(run.org, key, seat, str(to)))
                    offered[str(to)] = offered.get(str(to), 0) + 1
                if to:
                    run.line(f"{len(numbers)} seats declined by {f} go over to {to}")
            if "defer" in answer and offered[f]:
                run.x(c.DeferSeats(run.org, key, f))
                left[f] += offered[f]
            elif answer.get("leave_open") and offered[f]:
                left[f] += offered[f]
    return taken, declined, left, holders


def _pool(run: Run, answer: Mapping[str, Any], faction: str, n: int, used: set[str]) -> list[str]:
    """Holders for a faction's seats: its delegates present in a sitting, its
    deputies in a council, or new members put on the roll of a body."""
    if "generate" in answer:
        body = str(answer["generate"])
        rows = [
            (run.number(body, faction, i), f"Member of the {body_names(run)[body]}", body, faction)
            for i in range(1, n + 1)
        ]
        run.roll(rows, f"members of {body}, {faction}")
        return [r[0] for r in rows]
    source = answer.get("from")
    if source is None:
        return []
    if str(source) in run.sittings:
        st = show(run, str(source))
        pool = [
            d.holder
            for k, d in sorted(st.delegates.items(), key=lambda kv: _natural(kv[0]))
            if d.faction == faction and d.presence is Presence.PRESENT
        ]
    else:
        pool = [m["holder"] for m in run.mandates(run.council(str(source)), faction)]
    return [h for h in pool if h not in used]


def _natural(key: str) -> tuple[str, int]:
    head, _, tail = key.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (key, 0)
