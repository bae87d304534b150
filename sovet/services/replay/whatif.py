"""What if: replay the same acts under overrides and list the outcomes that change.

An override file is YAML::

    name: The Right stays, and the presidium is counted by D'Hondt
    overrides:
      - {act: congress-walkout, skip: true}             # the act does not happen
      - {act: congress-presidium, method: dhondt}       # seats by a method, not the agreement
      - {act: cc-16-october, poll: cc-16-oct-lenin,     # another tally for one poll
         tally: {for: 19, against: 2, abstain: 4}}

Every overridden figure is recorded as resting on the assumption ``what-if`` (the
file), so the report still names a source for each number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import yaml

from sovet.count.apportionment import APPORTIONMENT
from sovet.domain.errors import InvalidInput
from sovet.services.replay.records import ReplayResult
from sovet.services.replay.spec import Figure, ReplaySpec
from sovet.services.scenario import Assumption

WHAT_IF = "what-if"


@dataclass(frozen=True)
class Override:
    act: str
    skip: bool = False
    method: str | None = None
    poll: str | None = None
    tally: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class Overrides:
    name: str
    source: str
    items: tuple[Override, ...]

    def skips(self, act: str) -> bool:
        return any(o.act == act and o.skip for o in self.items)

    def skip_reason(self, act: str) -> str:
        return f"skipped by the what-if file {self.source}"

    def method(self, act: str) -> str | None:
        return next((o.method for o in self.items if o.act == act and o.method), None)

    def tally(self, act: str, poll: str) -> dict[str, Figure] | None:
        for o in self.items:
            if o.act == act and o.poll == poll and o.tally is not None:
                return {
                    k: Figure(v, (), (WHAT_IF,))
                    for k, v in zip(("for", "against", "abstain"), o.tally, strict=True)
                }
        return None

    def describe(self) -> tuple[str, ...]:
        out = []
        for o in self.items:
            if o.skip:
                out.append(f"{o.act}: not replayed")
            if o.method:
                out.append(f"{o.act}: seats by {o.method} instead of the agreement")
            if o.tally:
                out.append(f"{o.act}, poll {o.poll}: tally {o.tally[0]}–{o.tally[1]}–{o.tally[2]}")
        return tuple(out)


def parse_overrides(text: str, source: str, spec: ReplaySpec) -> Overrides:
    """Read and check an override file against the replay: each names an act of it;
    ``skip`` an act that is replayed; ``method`` an apportionment method, for an act
    that allots seats; ``poll`` one of the act's polls, with a whole-number tally."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{source}: not YAML: {exc}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("overrides"), list):
        raise InvalidInput(f"{source}: expected a mapping with a list 'overrides'")
    items = tuple(
        _override(o, f"{source}: overrides.{i}", spec) for i, o in enumerate(data["overrides"])
    )
    if not items:
        raise InvalidInput(f"{source}: no overrides")
    return Overrides(str(data.get("name") or source), source, items)


def _override(o: Any, where: str, spec: ReplaySpec) -> Override:
    if not isinstance(o, Mapping) or "act" not in o:
        raise InvalidInput(f"{where}: expected a mapping naming an 'act'")
    unknown = set(o) - {"act", "skip", "method", "poll", "tally"}
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    act = spec.act(str(o["act"]))
    kinds = [str(s.get("do")) for s in act.steps]
    if act.later is not None or act.key == "structure" or not kinds:
        raise InvalidInput(f"{where}: act {act.key} cannot be overridden")
    method = o.get("method")
    if method is not None and (method not in APPORTIONMENT or "allot" not in kinds):
        raise InvalidInput(
            f"{where}: method {method!r} needs an act that allots seats and one of "
            + ", ".join(sorted(APPORTIONMENT))
        )
    tally = None
    poll = o.get("poll")
    if poll is not None or "tally" in o:
        if poll not in _polls(act.steps):
            raise InvalidInput(
                f"{where}: act {act.key} has no poll {poll!r}; it has {_polls(act.steps)}"
            )
        t = o.get("tally")
        if not isinstance(t, Mapping):
            raise InvalidInput(f"{where}: poll {poll} needs a tally of for, against and abstain")
        values = [t.get(k, 0) for k in ("for", "against", "abstain")]
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
            raise InvalidInput(f"{where}: a tally is three whole numbers >= 0, got {dict(t)}")
        tally = (values[0], values[1], values[2])
    skip = bool(o.get("skip", False))
    if not (skip or method or tally):
        raise InvalidInput(f"{where}: say what to change (skip, method, or poll and tally)")
    return Override(act.key, skip, method, poll, tally)


def _polls(steps: Any) -> list[str]:
    found: list[str] = []
    if isinstance(steps, Mapping):
        if "poll" in steps and isinstance(steps["poll"], Mapping) and "key" in steps["poll"]:
            found.append(str(steps["poll"]["key"]))
        for v in steps.values():
            found += _polls(v)
    elif isinstance(steps, list | tuple):
        for v in steps:
            found += _polls(v)
    return list(dict.fromkeys(found))


def with_overrides(spec: ReplaySpec, overrides: Overrides) -> ReplaySpec:
    """The spec with the what-if file listed among its assumptions."""
    what = f"What if: {overrides.name} ({'; '.join(overrides.describe())})"
    why = f"Set by the what-if file {overrides.source}, not by the sources."
    assumptions = {**spec.assumptions, WHAT_IF: Assumption(what, why, WHAT_IF)}
    return replace(spec, assumptions=assumptions)


@dataclass(frozen=True)
class Change:
    act: str
    title: str
    what: str
    history: str
    override: str


def changes(history: ReplayResult, other: ReplayResult) -> list[Change]:
    """Every outcome that differs between the history and the override, act by act."""
    out: list[Change] = []
    for act in history.acts:
        theirs = other.act(act.key)
        labels = list(dict.fromkeys([*act.outcomes, *theirs.outcomes]))
        for label in labels:
            mine, new = act.outcomes.get(label, "—"), theirs.outcomes.get(label, "—")
            if mine != new:
                out.append(Change(act.key, act.title, label, mine, new))
    return out
