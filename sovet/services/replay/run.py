"""Running a replay: each act at its historical instant, each step through the bus.

The replay is a user of Sovet like any other: it holds an :class:`Actor` and calls
``Bus.execute`` with the same commands the CLI and the API send, so the ledger it
leaves is an ordinary one (exported, verified and replayed by the demo). Only the
clock is historical: :class:`HistoricalClock` gives every operation of an act the
act's instant (its Julian date converted to the Gregorian, at Petrograd time, in
UTC), so that ledger times follow 1917.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sovet.domain.calendar import HistoricalDate
from sovet.domain.errors import InvalidInput
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus
from sovet.services.permissions import Actor
from sovet.services.replay.records import ActResult, DateCheckRecord, ReplayResult
from sovet.services.replay.spec import ActSpec, Figure, ReplaySpec

Step = Callable[["Run", Mapping[str, Any]], None]
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    """Register the function that performs steps ``do: name`` of an act."""

    def register(fn: Step) -> Step:
        if name in STEPS:
            raise ValueError(f"replay step {name!r} is registered twice")
        STEPS[name] = fn
        return fn

    return register


class HistoricalClock:
    """The bus's clock during a replay: the instant of the act being replayed.

    It never goes back, so that the ledger's times stay in order (a verifier
    refuses an entry earlier than the one before it).
    """

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(1917, 1, 1, tzinfo=UTC)

    def set(self, instant: datetime) -> None:
        if instant < self.now:
            raise InvalidInput(
                f"the replay's clock cannot go back from {self.now.isoformat()} "
                f"to {instant.isoformat()}: acts must be in order"
            )
        self.now = instant

    def __call__(self) -> datetime:
        return self.now


def instant(date: HistoricalDate, time: str, utc_offset: str) -> datetime:
    """The UTC instant of a local clock ``time`` ("22:40") on ``date`` (any calendar),
    at a fixed offset from Greenwich ("+02:00")."""
    try:
        hours, minutes = (int(x) for x in time.split(":"))
        sign = -1 if utc_offset.startswith("-") else 1
        oh, om = (int(x) for x in utc_offset.lstrip("+-").split(":"))
        zone = timezone(sign * timedelta(hours=oh, minutes=om))
        g = date.gregorian()
        local = datetime(g.year, g.month, g.day, hours, minutes, tzinfo=zone)
    except ValueError:
        raise InvalidInput(f"time {time!r} or offset {utc_offset!r} is not HH:MM") from None
    return local.astimezone(UTC)


@dataclass
class Run:
    """The state of one replay: the bus it calls, and what it has recorded so far."""

    bus: Bus
    actor: Actor
    clock: HistoricalClock
    spec: ReplaySpec
    result: ReplayResult
    overrides: Any = None  # sovet.services.replay.whatif.Overrides
    act: ActSpec | None = None
    current: ActResult | None = None
    sittings: dict[str, str] = field(default_factory=dict)  # sitting -> body
    sources: dict[str, dict[str, Figure]] = field(default_factory=dict)  # body -> faction
    presence: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sitting -> sources
    cache: dict[str, Any] = field(default_factory=dict)  # the structure's names and links

    @property
    def org(self) -> str:
        return self.result.org

    def x(self, command: object) -> Any:
        """Execute one command through the bus, as the replay's actor."""
        return self.bus.execute(self.actor, command)

    # -- the record ------------------------------------------------------------
    def here(self) -> ActResult:
        if self.current is None:
            raise InvalidInput("no act is being replayed")
        return self.current

    def line(self, text: str) -> None:
        self.here().lines.append(text)

    def outcome(self, label: str, text: str) -> None:
        self.here().outcomes[label] = text

    def figure(self, ref: Any, where: str) -> Figure:
        fig = self.spec.facts.figure(ref, f"act {self.here().key}: {where}")
        self.use(fig)
        return fig

    def assumed(self, key: str) -> Figure:
        """A figure-less assumption used by a step (attendance, the majority rule)."""
        if key not in self.spec.assumptions:
            raise InvalidInput(f"act {self.here().key}: no assumption {key!r} is listed")
        self.use(Figure(0, (), (key,)))
        return Figure(0, (), (key,))

    def use(self, fig: Figure) -> None:
        for fact in fig.facts:
            self.result.facts.setdefault(fact, self.spec.facts.get(fact))
        for key in fig.assumptions:
            self.result.assumptions.setdefault(key, self.spec.assumptions[key])
            if self.current is not None and key not in self.current.assumptions:
                self.current.assumptions.append(key)

    def at(self, time: str) -> None:
        """Move the clock to ``time`` on the act's day."""
        act = self.act
        if act is None:
            raise InvalidInput("no act is being replayed")
        self.clock.set(instant(act.date, time, self.spec.utc_offset))

    # -- reads through the bus ---------------------------------------------------
    def export(self) -> dict[str, Any]:
        return dict(self.x(c.ExportOrganisation(self.org)))

    def mandates(self, bodies: set[str], faction: str | None = None) -> list[dict[str, Any]]:
        """Active mandates in ``bodies`` (of ``faction``), in key order."""
        ended = {"recalled", "resigned", "expired"}
        found = [
            m
            for m in self.export()["mandates"]
            if m["body"] in bodies
            and m.get("status", "elected") not in ended
            and (faction is None or m.get("faction") == faction)
        ]
        return sorted(found, key=lambda m: _natural(m["key"]))

    def structure(self) -> dict[str, Any]:
        """The organisation's structure as exported once (bodies, factions, links and
        constituencies do not change during a replay; statuses are not read from it)."""
        if "structure" not in self.cache:
            doc = self.export()
            self.cache["structure"] = {
                k: doc[k] for k in ("bodies", "factions", "links", "constituencies")
            }
        return dict(self.cache["structure"])

    def council(self, body: str) -> set[str]:
        """A body and its sections (the Petrograd Soviet sits in two)."""
        links = self.structure()["links"]
        return {body} | {
            lk["source"] for lk in links if lk["kind"] == "section-of" and lk["target"] == body
        }

    def roll(self, rows: Sequence[tuple[str, str, str, str | None]], source: str) -> None:
        """Put people on the roll in one ``roll.import`` (all or none)."""
        if not rows:
            return
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["number", "name", "council", "faction"])
        for number, name, council, faction in rows:
            writer.writerow([number, name, council, faction or ""])
        self.x(c.ImportRoll(self.org, source, out.getvalue()))

    def number(self, prefix: str, faction: str, n: int) -> str:
        return f"{prefix}-{self.spec.faction_codes[faction]}-{n}"


def _natural(key: str) -> tuple[str, int]:
    head, _, tail = key.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (key, 0)


Progress = Callable[[ActResult, int, int], None]


def replay(
    bus: Bus,
    clock: HistoricalClock,
    spec: ReplaySpec,
    *,
    overrides: Any = None,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> ReplayResult:
    """Replay every act of ``spec`` in order through ``bus`` (whose clock is ``clock``).

    An act declared for later is skipped, with the operations it still needs noted,
    while any of them is missing from the bus's registry; an act an override skips
    is noted as such. Returns the record of what every act did.
    """
    import sovet.services.replay.steps  # noqa: F401  (registers the steps)

    result = ReplayResult(spec.name, "")
    run = Run(bus, actor or Actor.operator(), clock, spec, result, overrides)
    for ref in (spec.offset_assumption, spec.time_assumption, spec.rule_assumption):
        result.assumptions[ref] = spec.assumptions[ref]
    total = len(spec.acts)
    for i, act in enumerate(spec.acts):
        here = ActResult(act.key, act.title, act.date, act.time or spec.default_time, act.facts)
        result.acts.append(here)
        run.act, run.current = act, here
        for fact in act.facts:
            result.facts.setdefault(fact, spec.facts.get(fact))
        if act.later is not None and (_missing(act) or not act.steps):
            _later(run, act)
        elif overrides is not None and overrides.skips(act.key):
            here.skipped_by = overrides.skip_reason(act.key)
            here.lines.append(f"not replayed: {here.skipped_by}")
            here.outcomes["act"] = "not replayed"
        else:
            _perform(run, act)
        if progress is not None:
            progress(here, i + 1, total)
    if result.org:
        result.tree = run.x(c.ShowTree(result.org))
        result.faction_names = {f["key"]: f["name"] for f in run.structure()["factions"]}
    return result


def _missing(act: ActSpec) -> tuple[str, ...]:
    """The operations an act declared for later needs and the bus does not have."""
    operations = () if act.later is None else act.later.operations
    return tuple(op for op in operations if op not in OPERATIONS)


def _later(run: Run, act: ActSpec) -> None:
    here = run.here()
    here.later = act.later
    here.missing = _missing(act)
    if here.missing:
        here.lines.append(f"skipped until Sovet has {', '.join(here.missing)}")
    else:
        here.lines.append("skipped: its operations exist now, its steps are not yet written")
    here.outcomes["act"] = "skipped"


def _perform(run: Run, act: ActSpec) -> None:
    time = act.time or run.spec.default_time
    if act.time_assumed:
        run.use(Figure(0, (), (run.spec.time_assumption,)))
    if act.date_assumption:
        run.use(Figure(0, (), (act.date_assumption,)))
    run.at(time)
    for n, s in enumerate(act.steps):
        kind = str(s.get("do", ""))
        if kind not in STEPS:
            raise InvalidInput(f"act {act.key}, step {n}: unknown step {kind!r}")
        STEPS[kind](run, s)
    for check in act.date_checks:
        computed = act.date.to(check.written.calendar)
        record = DateCheckRecord(act.key, check.fact, check.written, computed)
        run.result.date_checks.append(record)
        run.result.facts.setdefault(check.fact, run.spec.facts.get(check.fact))
        if record.days_off:
            run.line(
                f"{check.fact} dates it {check.written.words()}; {act.date.words()} is "
                f"{computed.words()}: {abs(record.days_off)} day(s) "
                f"{'late' if record.days_off > 0 else 'early'}"
            )
