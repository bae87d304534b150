"""The replay's data: its acts, the facts they rest on and the assumptions they make.

A replay file (``sovet/scenarios/<name>.yaml``) lists acts in order; each has a Julian
date as the sources give it, the facts it rests on and its steps. Every number in a
step is a *figure reference* (see :func:`Facts.figure`): read from a fact of the
copied facts file, or assumed with a named reason. Loading checks that every fact
and assumption referenced exists, so that no figure reaches the replay unsourced.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sovet import scenarios
from sovet.domain.calendar import HistoricalDate, julian
from sovet.domain.errors import InvalidInput
from sovet.services.scenario import Assumption


@dataclass(frozen=True)
class Figure:
    """A number and where it comes from: fact ids, assumption keys, or both."""

    value: int
    facts: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (self.facts or self.assumptions):
            raise InvalidInput(f"figure {self.value} has neither a fact nor an assumption")

    @property
    def sources(self) -> tuple[str, ...]:
        return self.facts + self.assumptions

    def plus(self, other: Figure) -> Figure:
        return Figure(
            self.value + other.value,
            tuple(dict.fromkeys(self.facts + other.facts)),
            tuple(dict.fromkeys(self.assumptions + other.assumptions)),
        )


@dataclass(frozen=True)
class Later:
    """An act whose operations Sovet does not have yet: shown, and skipped."""

    operations: tuple[str, ...]
    what: str


@dataclass(frozen=True)
class DateCheck:
    """A source that dates the act in the other calendar, to be checked."""

    fact: str
    written: HistoricalDate


@dataclass(frozen=True)
class ActSpec:
    key: str
    title: str
    date: HistoricalDate  # Julian, as the sources give it
    time: str
    time_assumed: bool
    facts: tuple[str, ...]
    steps: tuple[Mapping[str, Any], ...] = ()
    later: Later | None = None
    date_assumption: str | None = None
    date_checks: tuple[DateCheck, ...] = ()


@dataclass(frozen=True)
class Person:
    number: str
    name: str
    council: str
    faction: str | None
    aliases: tuple[str, ...] = ()


class Facts:
    """The copied facts file: each record by id, and figure references resolved."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = {str(r["id"]): r for r in records}

    def __contains__(self, fact: str) -> bool:
        return fact in self.records

    def get(self, fact: str) -> dict[str, Any]:
        try:
            return self.records[fact]
        except KeyError:
            raise InvalidInput(f"no fact {fact!r} in the scenario's facts") from None

    def field(self, fact: str, name: str) -> Any:
        """A figure of a fact; ``derived.NAME`` reads the facts file's own arithmetic."""
        record = self.get(fact)
        part, key = ("derived", name[8:]) if name.startswith("derived.") else ("figures", name)
        values = record.get(part) or {}
        if key not in values:
            raise InvalidInput(f"fact {fact} has no {part} field {key!r}")
        return values[key]

    def figure(self, ref: Any, where: str) -> Figure:
        """Resolve a figure reference.

        ``{fact: F, field: X}`` is the number the fact states (an optional
        ``assumption`` names how it is read); ``{fact: F, unanimous: true}`` is a
        count of 0 where the fact records a unanimous result; ``{assumed: N,
        assumption: K}`` is a number the sources do not give.
        """
        if not isinstance(ref, Mapping):
            raise InvalidInput(f"{where}: a figure must name its fact or assumption, not {ref!r}")
        assumption = (str(ref["assumption"]),) if "assumption" in ref else ()
        if "assumed" in ref:
            if not assumption:
                raise InvalidInput(f"{where}: an assumed figure needs its assumption")
            return Figure(_whole(ref["assumed"], where), (), assumption)
        if "fact" not in ref:
            raise InvalidInput(f"{where}: a figure needs 'fact' or 'assumed', got {dict(ref)}")
        fact = str(ref["fact"])
        if ref.get("unanimous"):
            result = str(self.field(fact, "result"))
            if "unanimous" not in result or "almost" in result:
                raise InvalidInput(f"{where}: fact {fact} does not record a unanimous result")
            return Figure(0, (fact,), assumption)
        value = self.field(fact, str(ref.get("field", "")))
        return Figure(_whole(value, f"{where} (fact {fact}, field {ref.get('field')})"),
                      (fact,), assumption)  # fmt: skip

    def names(self, ref: Any, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A list of names: given in the data, or a fact's list field. Returns the names
        and the facts they come from."""
        if isinstance(ref, list):
            return tuple(str(n) for n in ref), ()
        if isinstance(ref, Mapping) and "fact" in ref:
            value = self.field(str(ref["fact"]), str(ref.get("field", "")))
            if not isinstance(value, list):
                raise InvalidInput(
                    f"{where}: fact {ref['fact']} field {ref.get('field')} is no list"
                )
            return tuple(str(n) for n in value), (str(ref["fact"]),)
        raise InvalidInput(f"{where}: expected a list of names or a fact's list, got {ref!r}")


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(f"{where}: {value!r} is not a whole number the replay can use")
    return value


@dataclass(frozen=True)
class ReplaySpec:
    name: str
    structure: str
    facts: Facts
    acts: tuple[ActSpec, ...]
    assumptions: Mapping[str, Assumption]
    persons: tuple[Person, ...]
    faction_codes: Mapping[str, str]
    utc_offset: str
    offset_assumption: str
    default_time: str
    time_assumption: str
    rule: str
    rule_assumption: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    def act(self, key: str) -> ActSpec:
        for act in self.acts:
            if act.key == key:
                return act
        raise InvalidInput(f"the replay has no act {key!r}")

    def person(self, name: str) -> Person:
        """A named person by member number, name or alias (as a fact spells it)."""
        wanted = name.strip().lower()
        for p in self.persons:
            if wanted in (p.number, *(a.lower() for a in p.aliases)) or p.name.lower().endswith(
                " " + wanted
            ):
                return p
        raise InvalidInput(f"the replay names no person {name!r}")


def load_replay(name: str = "petrograd1917-replay") -> ReplaySpec:
    """Read and check a built-in replay file (see :func:`parse_replay`)."""
    return parse_replay(scenarios.load(name), name)


def parse_replay(data: Mapping[str, Any], name: str) -> ReplaySpec:
    """Check a replay document: every fact and assumption it references exists."""
    try:
        facts = Facts(scenarios.load_list(str(data["facts"])))
        assumptions = {
            str(a["key"]): Assumption(str(a["what"]), str(a["why"]), str(a["key"]))
            for a in data["assumptions"]
        }
        structure = str(data["structure"])
        for a in scenarios.load(structure).get("assumptions", []):
            if a.get("key"):
                assumptions[str(a["key"])] = Assumption(str(a["what"]), str(a["why"]), a["key"])
        spec = ReplaySpec(
            name=str(data["name"]),
            structure=structure,
            facts=facts,
            acts=tuple(_act(a) for a in data["acts"]),
            assumptions=assumptions,
            persons=tuple(
                Person(
                    str(p["number"]),
                    str(p["name"]),
                    str(p["council"]),
                    p.get("faction"),
                    tuple(p.get("aliases", ())),
                )
                for p in data["persons"]
            ),
            faction_codes={str(k): str(v) for k, v in data["factions"].items()},
            utc_offset=str(data["local_time"]["utc_offset"]),
            offset_assumption=str(data["local_time"]["assumption"]),
            default_time=str(data["default_time"]["time"]),
            time_assumption=str(data["default_time"]["assumption"]),
            rule=str(data["majority_rule"]["rule"]),
            rule_assumption=str(data["majority_rule"]["assumption"]),
            extra={
                "seat_sources": {
                    str(k): tuple(str(x) for x in v)
                    for k, v in data.get("seat_sources", {}).items()
                },
                "calendar_checks": tuple(dict(x) for x in data.get("calendar_checks", ())),
            },
        )
    except (KeyError, TypeError) as exc:
        raise InvalidInput(f"replay {name} is malformed: missing or bad {exc}") from None
    check_references(spec, data)
    return spec


def _act(a: Mapping[str, Any]) -> ActSpec:
    key = str(a["key"])
    later = a.get("later")
    return ActSpec(
        key=key,
        title=str(a["title"]),
        date=julian(str(a["julian"])),
        time=str(a.get("time", "")),
        time_assumed="time" not in a,
        facts=tuple(str(f) for f in a["facts"]),
        steps=tuple(a.get("steps", ())),
        later=None if later is None else Later(tuple(later["operations"]), str(later["what"])),
        date_assumption=a.get("date_assumption"),
        date_checks=tuple(
            DateCheck(str(d["fact"]), _written(d["written"], key)) for d in a.get("date_checks", ())
        ),
    )


def _written(value: Mapping[str, Any], act: str) -> HistoricalDate:
    from sovet.domain.calendar import gregorian

    if "gregorian" in value:
        return gregorian(str(value["gregorian"]))
    if "julian" in value:
        return julian(str(value["julian"]))
    raise InvalidInput(f"act {act}: a date check needs a gregorian or julian date")


def check_references(spec: ReplaySpec, data: Mapping[str, Any]) -> None:
    """Every fact id and assumption key anywhere in the acts exists; act keys are unique."""
    keys = [a.key for a in spec.acts]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise InvalidInput(f"replay {spec.name}: acts {', '.join(twice)} appear twice")
    for where, kind, ref in _references(data["acts"], "acts"):
        if kind == "fact" and ref not in spec.facts:
            raise InvalidInput(f"{where}: no fact {ref!r} in the scenario's facts")
        if kind == "assumption" and ref not in spec.assumptions:
            raise InvalidInput(f"{where}: no assumption {ref!r} is listed")
    for ref in (spec.offset_assumption, spec.time_assumption, spec.rule_assumption):
        if ref not in spec.assumptions:
            raise InvalidInput(f"replay {spec.name}: no assumption {ref!r} is listed")
    for body, refs in spec.extra["seat_sources"].items():
        for ref in refs:
            if ref not in spec.facts and ref not in spec.assumptions:
                raise InvalidInput(
                    f"seat_sources.{body}: {ref!r} is neither a fact nor an assumption"
                )
    for check in spec.extra["calendar_checks"]:
        if str(check.get("fact")) not in spec.facts:
            raise InvalidInput(f"calendar_checks: no fact {check.get('fact')!r}")


_REF_KEYS = {
    "fact": "fact",
    "facts": "fact",
    "agrees": "fact",
    "assumption": "assumption",
    "rest": "assumption",
    "date_assumption": "assumption",
}


def _references(node: Any, where: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, Mapping):
        label = f"{where} ({node['key']})" if isinstance(node.get("key"), str) else where
        for k, v in node.items():
            kind = _REF_KEYS.get(str(k))
            if kind is not None and isinstance(v, str):
                yield label, kind, v
            elif kind is not None and isinstance(v, list):
                for item in v:
                    yield label, kind, str(item)
            else:
                yield from _references(v, f"{label}.{k}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _references(item, f"{where}.{i}")
