"""``sovet demo``: the replay of Petrograd 1917 on the embedded SQLite default."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sovet.bootstrap import bootstrap
from sovet.cli.runtime import console, reports_errors
from sovet.ledger import dumps_jsonl, verify_jsonl
from sovet.report.html import LedgerSummary, render_report
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.services.replay import HistoricalClock, ReplayResult, ReplaySpec, load_replay, replay
from sovet.services.replay.records import ActResult
from sovet.services.replay.whatif import Change, changes, parse_overrides, with_overrides


@reports_errors
def demo(
    out: Annotated[
        Path, typer.Option(help="folder for the demo's database, ledger export and report")
    ] = Path("sovet-demo"),
    what_if: Annotated[
        Path | None,
        typer.Option(
            "--what-if",
            help="YAML overrides (skip an act, another presidium method, another tally); "
            "replays them too and lists the outcomes that change",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Replay Petrograd 1917, from the Soviet's re-elections to the Second Congress,
    through Sovet's operations; write a report with every figure's source."""
    spec = load_replay()
    overrides = None
    if what_if is not None:
        overrides = parse_overrides(what_if.read_text("utf-8"), str(what_if), spec)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = out / "sovet.db"
    console.rule(f"[bold]{spec.name}")
    result = _replay(spec, db, None, "replaying the acts")
    _narrate(result)
    app = bootstrap(f"sqlite:///{db}", migrate_schema=False)
    actor = Actor.operator()
    ledger_path = out / "ledger.jsonl"
    ledger_path.write_text(dumps_jsonl(app.bus.execute(actor, c.ExportLedger(result.org))), "utf-8")
    check = verify_jsonl(ledger_path)
    rebuilt = app.bus.execute(actor, c.ReplayLedger(result.org))
    found: list[Change] = []
    described = ""
    if overrides is not None:
        other = _replay(
            with_overrides(spec, overrides), out / "what-if.db", overrides, "replaying the what-if"
        )
        found = changes(result, other)
        described = f"{overrides.name} ({'; '.join(overrides.describe())})"
        _print_changes(found, described)
    report = out / "report.html"
    summary = LedgerSummary(check.count, check.ok, rebuilt.ok, str(ledger_path), check.reason or "")
    report.write_text(
        render_report(result, spec, summary, changes=found, what_if=described), "utf-8"
    )
    console.print(
        f"ledger: {check.count} entries written to {ledger_path}; "
        + ("[green]the chain verifies[/]" if check.ok else f"[red]BROKEN: {check.reason}[/]")
    )
    console.print(
        "replay: "
        + (
            "[green]state rebuilt from the ledger equals the stored state[/]"
            if rebuilt.ok
            else "[red]" + "; ".join(rebuilt.differences) + "[/]"
        )
    )
    console.print(f"report: {report} — every figure with its source, the assumptions, the halls")
    console.print(
        f"browse it: [bold]sovet --database sqlite:///{db} serve[/] "
        f"(or [bold]sovet --database sqlite:///{db} org tree {result.org}[/])"
    )
    if not (check.ok and rebuilt.ok):
        raise typer.Exit(1)


def _replay(spec: ReplaySpec, db: Path, overrides: object, label: str) -> ReplayResult:
    app = bootstrap(f"sqlite:///{db}")
    clock = HistoricalClock()
    bus = Bus(app.uow, clock)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[act]}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=len(spec.acts), act="")

        def advance(act: ActResult, done: int, total: int) -> None:
            progress.update(task, completed=done, act=act.key)

        return replay(bus, clock, spec, overrides=overrides, progress=advance)


def _narrate(result: ReplayResult) -> None:
    """One or two lines per act: its dates in both calendars, its sources, its outcome."""
    for act in result.acts:
        when = f"{act.date.short()} O.S. / {act.gregorian.short()} N.S. {act.time}"
        style = "yellow" if act.skipped else "bold"
        console.print(f"[dim]{when}[/]  [{style}]{act.title}[/]", highlight=False)
        facts = f"[dim]\\[{', '.join(act.facts)}][/]"
        if act.later is not None:
            console.print(f"    [yellow]↷ {act.lines[-1]}[/] {facts}", highlight=False)
            continue
        summary = "; ".join(f"{k}: {v}" for k, v in act.outcomes.items())
        console.print(f"    → {summary} {facts}", highlight=False)
    for k in result.conflicts:
        console.print(
            f"[magenta]conflicting records[/] on {k.recorded.motion}: "
            f"{k.recorded.for_.facts[0]} {k.recorded.tally()} ({k.recorded.outcome}), "
            f"{k.other_fact} {k.other_for.value}–{k.other_against.value}–"
            f"{k.other_abstain.value} ({'adopted' if k.other_adopted else 'rejected'})",
            highlight=False,
        )
    for d in result.date_checks:
        if d.days_off:
            console.print(
                f"[magenta]date check[/]: {d.fact} writes {d.written.words()}; "
                f"the act's date is {d.computed.words()}",
                highlight=False,
            )
    unexpected = [p for p in result.polls if p.expected and p.expected != p.outcome]
    for p in unexpected:
        console.print(f"[red]{p.motion}: {p.outcome}, history records it {p.expected}[/]")
    console.print(
        f"{len(result.facts)} facts and {len(result.assumptions)} assumptions behind "
        f"{sum(1 for a in result.acts if not a.skipped)} acts replayed; "
        f"{sum(1 for a in result.acts if a.later)} awaiting operations"
    )


def _print_changes(found: list[Change], described: str) -> None:
    table = Table(title=f"What if: {described}", title_justify="left")
    for col in ("act", "outcome", "as history", "under the override"):
        table.add_column(col)
    for ch in found:
        table.add_row(ch.act, ch.what, ch.history, ch.override)
    if not found:
        table.add_row("—", "no outcome changes", "", "")
    console.print(table)
