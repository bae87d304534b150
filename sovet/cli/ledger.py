"""``sovet ledger export|verify|replay``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sovet.cli.runtime import console, errors, reports_errors, run
from sovet.ledger import dumps_jsonl, verify_jsonl
from sovet.services import commands as c

ledger_app = typer.Typer(help="The ledger: export, verify, replay.")


@ledger_app.command("export")
@reports_errors
def ledger_export(
    org: str,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write")] = None,
) -> None:
    """Write the organisation's chain as JSON Lines (operation ledger.export)."""
    text = dumps_jsonl(run(c.ExportLedger(org)))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")


@ledger_app.command("verify")
def ledger_verify(path: Path) -> None:
    """Verify an exported chain with the standard library alone; exit 1 naming the first
    bad entry and why."""
    result = verify_jsonl(path)
    if result.ok:
        console.print(f"OK: {result.count} entries, head {result.head_hash}")
        return
    errors.print(f"FAILED: {result.reason}", style="bold red", markup=False, highlight=False)
    raise typer.Exit(1)


@ledger_app.command("replay")
@reports_errors
def ledger_replay(org: str) -> None:
    """Rebuild the organisation from its ledger and compare with the stored state
    (operation ledger.replay); exit 1 on any difference."""
    report = run(c.ReplayLedger(org))
    chain = "verifies" if report.chain_ok else f"is BROKEN: {report.chain_problem}"
    console.print(f"{report.entries} entries; the chain {chain}")
    if report.matches:
        console.print("state rebuilt from the ledger equals the stored state")
        return
    errors.print("state rebuilt from the ledger differs from the stored state:", style="red")
    for line in report.differences:
        errors.print(f"  {line}", markup=False, highlight=False)
    raise typer.Exit(1)
