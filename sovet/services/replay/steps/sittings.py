"""Steps of sittings: opening with registration and attendance, walkouts, motions put
to a counted show of hands, rival texts, the agenda, and closing (M08-M12, M20)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sovet.count import Tally
from sovet.domain.errors import InvalidInput
from sovet.domain.motion_values import OPEN
from sovet.domain.sitting import Presence, Sitting
from sovet.services import commands as c
from sovet.services.replay.records import Composition, ConflictRecord, Group, PollRecord
from sovet.services.replay.run import Run, step
from sovet.services.replay.spec import Figure
from sovet.services.replay.steps.people import body_names, faction_names

CHOICES = ("for", "against", "abstain")


def show(run: Run, sitting: str) -> Sitting:
    return run.x(c.ShowSitting(run.org, sitting))  # type: ignore[no-any-return]


@step("open-sitting")
def open_sitting(run: Run, s: Mapping[str, Any]) -> None:
    """Open a sitting of a body, register every active mandate of it with its
    credential and record who is present (M08-M10)."""
    key, body = str(s["sitting"]), str(s["body"])
    run.assumed("quorum-half")
    run.x(c.OpenSitting(run.org, key, body, convocation=s.get("convocation")))
    run.sittings[key] = body
    seated = run.mandates({body})
    run.x(c.RegisterDelegate(run.org, key, tuple(m["key"] for m in seated)))
    present = _present(run, key, s["present"], seated)
    run.x(c.ChangeAttendance(run.org, key, tuple(present), "present"))
    b = show(run, key).bases()
    run.line(
        f"{body_names(run)[body]}: {b.registered_voting} voting delegates registered, "
        f"{b.present_voting} present; quorum {b.quorum_needed}: "
        + ("met" if b.quorate else "not met")
    )
    run.outcome(f"{key}: present", f"{b.present_voting} of {b.registered_voting}")
    if "snapshot" in s:
        snap = s["snapshot"]
        run.result.compositions.append(composition(run, key, str(snap["key"]), str(snap["label"])))


def _present(
    run: Run, sitting: str, spec: Mapping[str, Any], seated: list[dict[str, Any]]
) -> list[str]:
    """The mandates present: all, all but some factions, a counted number (the named
    first), or those present when an earlier sitting of the body ended."""
    assumption = str(spec["assumption"])
    run.assumed(assumption)
    sources: tuple[str, ...] = (assumption,)
    if spec.get("all"):
        keys = [m["key"] for m in seated]
    elif "all_but" in spec:
        out = {str(f) for f in spec["all_but"]}
        keys = [m["key"] for m in seated if m.get("faction") not in out]
    elif "count" in spec:
        count = run.figure(spec["count"], "present.count")
        sources = (*count.facts, assumption)
        first = [run.spec.person(p).number for p in spec.get("first", [])]
        by_holder = {m["holder"]: m["key"] for m in seated}
        keys = [by_holder[h] for h in first] + [
            m["key"] for m in seated if m["holder"] not in first
        ]
        keys = keys[: count.value]
    elif "as_left" in spec:
        earlier = show(run, str(spec["as_left"]))
        keys = [k for k, d in earlier.delegates.items() if d.presence is Presence.PRESENT]
        sources = (*run.presence.get(str(spec["as_left"]), ()), assumption)
    else:
        raise InvalidInput(f"act {run.here().key}: say who is present ({dict(spec)})")
    run.presence[sitting] = sources
    return keys


def composition(run: Run, sitting: str, key: str, label: str) -> Composition:
    """A sitting's delegates by faction: registered voting, and present."""
    st = show(run, sitting)
    seats = Counter(str(d.faction) for d in st.delegates.values() if d.votes)
    present = Counter(
        str(d.faction) for d in st.delegates.values() if d.votes and d.presence is Presence.PRESENT
    )
    body = run.sittings[sitting]
    names = faction_names(run)
    groups = []
    for faction, n in seats.most_common():
        base = run.sources.get(body, {}).get(faction) or Figure(n, (), ("attendance",))
        here = run.presence.get(sitting, ())
        facts = tuple(x for x in here if x in run.spec.facts)
        assumed = tuple(x for x in here if x not in run.spec.facts)
        groups.append(
            Group(
                faction,
                names.get(faction, faction),
                Figure(n, base.facts, base.assumptions),
                Figure(present[faction], base.facts + facts, base.assumptions + assumed),
            )
        )
    return Composition(key, label, body, body_names(run)[body], tuple(groups), run.here().key)


@step("walkout")
def walkout(run: Run, s: Mapping[str, Any]) -> None:
    """Factions walk out, each with the number the sources give (M10); their members
    keep their mandates. The majority is then recomputed on those present."""
    sitting = str(s["sitting"])
    before = show(run, sitting).bases()
    st = show(run, sitting)
    if "faction" in s:
        # a whole faction leaves: every member of it present
        faction = str(s["faction"])
        run.x(c.DeclareWalkout(run.org, sitting, faction, str(s["declaration"])))
        after = show(run, sitting).bases()
        gone = before.present_voting - after.present_voting
        run.line(f"{faction} walk out, all {gone} present: {after.present_voting} remain")
        run.outcome("present", f"{after.present_voting} of {after.registered_voting}")
        return
    total = run.figure(s["total"], "total")
    parts = {str(f): run.figure(ref, f"parts.{f}") for f, ref in s["parts"].items()}
    if sum(p.value for p in parts.values()) != total.value:
        raise InvalidInput(
            f"act {run.here().key}: the parts of the walkout do not sum to {total.value}"
        )
    for faction, n in parts.items():
        here = sorted(
            (
                k
                for k, d in st.delegates.items()
                if d.faction == faction and d.presence is Presence.PRESENT
            ),
            key=_natural,
        )
        if len(here) < n.value:
            raise InvalidInput(f"act {run.here().key}: only {len(here)} of {faction} present")
        run.x(
            c.DeclareWalkout(
                run.org, sitting, faction, str(s["declaration"]), tuple(here[: n.value])
            )
        )
    run.presence[sitting] = (
        *run.presence.get(sitting, ()),
        *total.sources,
        *(x for p in parts.values() for x in p.sources),
    )
    after = show(run, sitting).bases()
    run.line(
        f"{total.value} leave: {before.present_voting} present before, "
        f"{after.present_voting} after; "
        f"a majority of those present is now {after.present_voting // 2 + 1}, "
        f"was {before.present_voting // 2 + 1}"
    )
    run.outcome("present", f"{after.present_voting} of {after.registered_voting}")
    if "snapshot" in s:
        snap = s["snapshot"]
        comp = composition(run, sitting, str(snap["key"]), str(snap["label"]))
        run.result.compositions.append(comp)
        top = max(comp.groups, key=lambda g: g.present.value)
        verdict = "an absolute majority" if top.present.value * 2 > comp.present else "no majority"
        run.line(f"{top.faction}: {comp.share(top.faction)} of those present, {verdict}")
        run.outcome("majority", f"{top.faction} {comp.share(top.faction)}: {verdict}")


def _natural(key: str) -> tuple[str, int]:
    head, _, tail = key.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (key, 0)


def _mover(run: Run, sitting: str, mover: Any) -> str:
    """The member who moves: named, or the first delegate present of a faction."""
    if isinstance(mover, Mapping):
        st = show(run, sitting)
        for k in sorted(st.delegates, key=_natural):
            d = st.delegates[k]
            if d.faction == mover["faction"] and d.presence is Presence.PRESENT:
                return d.holder
        raise InvalidInput(f"act {run.here().key}: no delegate of {mover['faction']} present")
    return run.spec.person(str(mover)).number


def _move(run: Run, sitting: str, m: Mapping[str, Any]) -> None:
    run.x(
        c.MoveMotion(
            run.org,
            sitting,
            str(m["key"]),
            str(m["kind"]),
            str(m["text"]),
            member=_mover(run, sitting, m["mover"]),
        )
    )


@step("vote")
def vote(run: Run, s: Mapping[str, Any]) -> None:
    """Move a motion, put it to a counted show of hands with the sources' tally,
    and record the outcome Sovet's majority rule computes; dissent as named."""
    sitting = str(s["sitting"])
    _move(run, sitting, s["motion"])
    put(run, sitting, str(s["motion"]["key"]), s["poll"], str(s["motion"].get("title", "")))
    if "dissent" in s:
        names, facts = run.spec.facts.names(s["dissent"], "dissent")
        for fact in facts:
            run.use(Figure(len(names), (fact,)))
        for name in names:
            run.x(
                c.EnterDissent(
                    run.org,
                    sitting,
                    str(s["motion"]["key"]),
                    f"{run.spec.person(name).name} voted against.",
                    member=run.spec.person(name).number,
                )
            )
        run.line(f"dissent entered in the minutes: {', '.join(names)}")


@step("rivals")
def rivals(run: Run, s: Mapping[str, Any]) -> None:
    """Rival texts voted in order; the first adopted wins and the others are not put;
    none adopted is "no majority" (M11; Pre-Parliament, 18 October)."""
    sitting = str(s["sitting"])
    for item in s["motions"]:
        _move(run, sitting, item["motion"])
    keys = tuple(str(item["motion"]["key"]) for item in s["motions"])
    run.x(c.DeclareRivals(run.org, sitting, str(s["key"]), keys))
    for item in s["motions"]:
        key = str(item["motion"]["key"])
        view = run.x(c.ShowMotion(run.org, sitting, key))
        if view.motion.state not in OPEN:
            run.line(f"{key}: not put ({view.motion.state}): a rival text was adopted")
            run.outcome(key, "not put")
            continue
        if "poll" not in item:
            run.x(c.NotPutMotion(run.org, sitting, key, "The sources record no vote on it."))
            run.line(f"{key}: not put, the sources record no vote on it")
            run.outcome(key, "not put")
            continue
        put(run, sitting, key, item["poll"], str(item["motion"].get("title", "")))
    group = run.x(c.ShowMotion(run.org, sitting, keys[0])).rivals
    verdict = "no majority for any" if group.no_majority else f"{group.winner} adopted"
    run.line(f"rival texts {s['key']}: {verdict}")
    run.outcome(str(s["key"]), verdict)


def put(run: Run, sitting: str, motion: str, p: Mapping[str, Any], title: str = "") -> PollRecord:
    """Open a show-of-hands poll on ``motion``, close it with the tally and decide."""
    key = str(p["key"])
    titles = {motion: title or motion}
    run.use(Figure(0, (), (run.spec.rule_assumption,)))
    view = run.x(c.ShowMotion(run.org, sitting, motion))
    run.x(c.OpenPoll(run.org, key, sitting, view.motion.text, motion=motion, rule=run.spec.rule))
    poll = run.x(c.ShowPoll(run.org, key))
    body = run.sittings[sitting]
    voters = Figure(
        len(poll.voters),
        tuple(x for f in run.sources.get(body, {}).values() for x in f.facts),
        (*(x for f in run.sources.get(body, {}).values() for x in f.assumptions), "attendance"),
    )
    voters = Figure(
        voters.value, tuple(dict.fromkeys(voters.facts)), tuple(dict.fromkeys(voters.assumptions))
    )
    tally = _tally(run, key, p, voters.value)
    for fig in tally.values():
        run.use(fig)
    estimated = bool(p.get("estimated", False))
    note = str(p.get("note", ""))
    conflict = p.get("conflict")
    if conflict is not None:
        other = _tally(run, key, {"tally": {"fact": conflict["fact"]}}, voters.value)
        other_text = "–".join(str(other[k].value) for k in CHOICES)
        note = (
            note + " " if note else ""
        ) + f"Conflicting record: {conflict['fact']} gives {other_text}."
    closed = run.x(
        c.ClosePoll(
            run.org,
            key,
            tally["for"].value,
            tally["against"].value,
            tally["abstain"].value,
            estimated=estimated,
            note=note or ("Estimate." if estimated else ""),
        )
    )
    run.x(c.DecideMotion(run.org, sitting, motion, key))
    sources = [x for fig in tally.values() for x in fig.sources]
    facts = tuple(dict.fromkeys(x for x in sources if x in run.spec.facts))
    assumed = tuple(
        dict.fromkeys([*(x for x in sources if x not in run.spec.facts), run.spec.rule_assumption])
    )
    for fact in p.get("agrees", []):
        run.result.facts.setdefault(str(fact), run.spec.facts.get(str(fact)))
    record = PollRecord(
        act=run.here().key,
        key=key,
        sitting=sitting,
        body=body,
        motion=motion,
        question=view.motion.text,
        for_=tally["for"],
        against=tally["against"],
        abstain=tally["abstain"],
        voters=voters,
        needed=Figure(closed.needed, facts, assumed),
        adopted=closed.adopted,
        estimated=closed.estimated,
        explanation=closed.explanation,
        expected=p.get("expect"),
        note=note,
        title=titles.get(motion, motion),
    )
    run.result.polls.append(record)
    flag = " (estimate)" if closed.estimated else ""
    run.line(
        f"{motion}: {record.outcome} {record.tally()}{flag}, {voters.value} voting present; "
        f"{closed.explanation}"
    )
    run.outcome(motion, f"{record.outcome} {record.tally()}{flag}")
    if conflict is not None:
        _conflict(run, record, str(conflict["fact"]), poll, voters.value)
    if record.expected and record.expected != record.outcome:
        run.line(f"{motion}: history records it {record.expected}")
    return record


def _tally(run: Run, poll: str, p: Mapping[str, Any], voters: int) -> dict[str, Figure]:
    """The tally of a poll: an override's, or each count read from its fact (or the
    override of that count); ``rest`` is every other voter present."""
    override = None if run.overrides is None else run.overrides.tally(run.here().key, poll)
    if override is not None:
        return override  # type: ignore[no-any-return]
    spec = p["tally"]
    out: dict[str, Figure] = {}
    rest: str | None = None
    for choice in CHOICES:
        ref = spec.get(choice)
        if isinstance(ref, Mapping) and "rest" in ref:
            rest = choice
            continue
        if ref is None:
            if "fact" not in spec:
                raise InvalidInput(f"act {run.here().key}, poll {poll}: no count for {choice!r}")
            ref = {"fact": spec["fact"], "field": choice}
        out[choice] = run.spec.facts.figure(ref, f"act {run.here().key}, poll {poll}, {choice}")
    if rest is not None:
        n = voters - sum(f.value for f in out.values())
        if n < 0:
            raise InvalidInput(
                f"act {run.here().key}, poll {poll}: more counted than {voters} voters"
            )
        out[rest] = Figure(n, (), (str(spec[rest]["rest"]), "attendance"))
    return {k: out[k] for k in CHOICES}


def _conflict(run: Run, record: PollRecord, fact: str, poll: Any, voters: int) -> None:
    other = _tally(run, record.key, {"tally": {"fact": fact}}, voters)
    for fig in other.values():
        run.use(fig)
    decision = poll.decide(
        Tally(other["for"].value, other["against"].value, other["abstain"].value)
    )
    run.result.conflicts.append(
        ConflictRecord(
            run.here().key,
            record.key,
            record,
            fact,
            other["for"],
            other["against"],
            other["abstain"],
            decision.adopted,
            decision.needed,
        )
    )
    verdict = "adopted" if decision.adopted else "rejected"
    run.line(
        f"{record.motion}: {fact} gives {other['for'].value}–{other['against'].value}–"
        f"{other['abstain'].value}: {verdict} under the same rule"
    )


@step("agenda")
def agenda(run: Run, s: Mapping[str, Any]) -> None:
    """The presidium's order of the day (M11)."""
    sitting = str(s["sitting"])
    names, facts = run.spec.facts.names(s["items"], "items")
    for fact in facts:
        run.use(Figure(len(names), (fact,)))
    items = tuple((f"item-{i}", name) for i, name in enumerate(names, 1))
    run.x(c.CreateAgenda(run.org, sitting, items))
    run.x(c.AdoptAgenda(run.org, sitting))
    run.line(f"order of the day: {'; '.join(names)}")


@step("close-sitting")
def close_sitting(run: Run, s: Mapping[str, Any]) -> None:
    if "time" in s:
        run.at(str(s["time"]))
    run.x(c.SetSittingStatus(run.org, str(s["sitting"]), "closed"))
