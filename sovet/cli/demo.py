"""``sovet demo``: the 1917 scenario on the embedded SQLite default."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sovet.bootstrap import bootstrap
from sovet.cli.runtime import console, reports_errors
from sovet.cli.tree import print_tree
from sovet.ledger import dumps_jsonl, verify_jsonl
from sovet.services import commands as c
from sovet.services.permissions import Actor
from sovet.services.scenario import build_structure, load_scenario


@reports_errors
def demo(
    out: Annotated[
        Path, typer.Option(help="folder for the demo's database and ledger export")
    ] = Path("sovet-demo"),
) -> None:
    """Replay the 1917 scenario into a fresh SQLite database and show what it built."""
    scenario = load_scenario("petrograd1917")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = out / "sovet.db"
    app = bootstrap(f"sqlite:///{db}")
    actor = Actor.operator()
    console.rule(f"[bold]{scenario.name}")
    with console.status("building the structure through org.import ..."):
        org = build_structure(app.bus, actor, scenario)
    print_tree(app.bus.execute(actor, c.ShowTree(org)))
    _figures(scenario)
    ledger_path = out / "ledger.jsonl"
    ledger_path.write_text(dumps_jsonl(app.bus.execute(actor, c.ExportLedger(org))), "utf-8")
    check = verify_jsonl(ledger_path)
    replay = app.bus.execute(actor, c.ReplayLedger(org))
    console.print(
        f"ledger: {check.count} entries written to {ledger_path}; "
        + ("[green]the chain verifies[/]" if check.ok else f"[red]BROKEN: {check.reason}[/]")
    )
    console.print(
        "replay: "
        + (
            "[green]state rebuilt from the ledger equals the stored state[/]"
            if replay.ok
            else "[red]" + "; ".join(replay.differences) + "[/]"
        )
    )
    console.print(
        f"database: {db}  — look around with "
        f"[bold]sovet --database sqlite:///{db} org tree {org}[/]"
    )
    if not (check.ok and replay.ok):
        raise typer.Exit(1)


def _figures(scenario: object) -> None:
    figures = Table(title="Figures and their sources", title_justify="left")
    for col in ("figure", "value", "fact id"):
        figures.add_column(col)
    for f in scenario.figures:  # type: ignore[attr-defined]
        figures.add_row(f.what + (f" ({f.note})" if f.note else ""), f"{f.value:,}", f.fact)
    console.print(figures)
    assumptions = Table(title="Assumptions (figures the sources do not give)", title_justify="left")
    assumptions.add_column("assumed")
    assumptions.add_column("why")
    for a in scenario.assumptions:  # type: ignore[attr-defined]
        assumptions.add_row(a.what, a.why)
    console.print(assumptions)
