"""``sovet org|body|norm|constituency|faction|member|roll|mandate|credential``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sovet.cli.runtime import console, reports_errors, run
from sovet.cli.tree import print_tree
from sovet.domain.errors import InvalidInput
from sovet.services import commands as c

org_app = typer.Typer(help="Organisations: create, import, export, list, show the tree.")
body_app = typer.Typer(help="Bodies and the links between them.")
norm_app = typer.Typer(help="Representation norms.")
constituency_app = typer.Typer(help="Constituencies: who fills a body's seats.")
faction_app = typer.Typer(help="Factions: create, split.")
member_app = typer.Typer(help="Members: add one, change affiliation.")
roll_app = typer.Typer(help="Member rolls: import from CSV.")
mandate_app = typer.Typer(help="Mandates: record, change status.")
credential_app = typer.Typer(help="Credentials: voting, advisory, guest.")


@org_app.command("create")
@reports_errors
def org_create(
    key: str,
    name: str,
    calendar: Annotated[str, typer.Option(help="gregorian, or julian for historical data")] = (
        "gregorian"
    ),
) -> None:
    """Create an organisation (operation org.create)."""
    run(c.CreateOrganisation(key, name, calendar))
    console.print(f"created organisation {key}")


@org_app.command("list")
@reports_errors
def org_list() -> None:
    """List the organisations (operation org.list)."""
    for key in run(c.ListOrganisations()):
        console.print(key)


@org_app.command("import")
@reports_errors
def org_import(path: Path) -> None:
    """Create an organisation from a YAML file; all of it or nothing (operation org.import)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InvalidInput(f"{path}{where}: not valid YAML ({exc})") from None
    key = run(c.ImportOrganisation(document, str(path)))
    console.print(f"imported organisation {key} from {path}")


@org_app.command("export")
@reports_errors
def org_export(
    key: str,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write")] = None,
) -> None:
    """Write an organisation as YAML (operation org.export)."""
    text = yaml.safe_dump(run(c.ExportOrganisation(key)), sort_keys=False, allow_unicode=True)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")


@org_app.command("tree")
@reports_errors
def org_tree(key: str) -> None:
    """Show the bodies with their seats and represented membership (operation org.tree)."""
    print_tree(run(c.ShowTree(key)))


@body_app.command("create")
@reports_errors
def body_create(
    org: str,
    key: str,
    name: str,
    kind: Annotated[str, typer.Option(help="council, congress, executive, section, unit, ...")],
    level: str = "",
    seat_rule: Annotated[str, typer.Option(help="sum, apportioned or fixed")] = "sum",
    size: int | None = None,
    method: str = "sainte-lague",
    curia: Annotated[list[str] | None, typer.Option(help="a curia (repeatable)")] = None,
    membership: Annotated[int | None, typer.Option(help="a stated membership")] = None,
) -> None:
    """Create a body (operation body.create)."""
    run(
        c.CreateBody(
            org, key, name, kind, level, seat_rule, size, method, tuple(curia or ()), membership
        )
    )
    console.print(f"created body {key}")


@body_app.command("link")
@reports_errors
def body_link(org: str, source: str, target: str, kind: str) -> None:
    """Link two bodies, e.g. SOURCE section-of TARGET (operation body.link)."""
    run(c.LinkBodies(org, source, target, kind))
    console.print(f"linked {source} {kind} {target}")


@body_app.command("status")
@reports_errors
def body_status(org: str, key: str, status: str) -> None:
    """Record a body's status: constituted, private-conference, defunct (body.set-status)."""
    run(c.SetBodyStatus(org, key, status))
    console.print(f"body {key} is now {status}")


@norm_app.command("set")
@reports_errors
def norm_set(
    org: str,
    key: str,
    kind: Annotated[str, typer.Option(help="fixed or per-members")],
    seats: int | None = None,
    per: int | None = None,
    minimum: int = 0,
    maximum: int | None = None,
    rounding: Annotated[str, typer.Option(help="down, up or nearest")] = "down",
    curia: str | None = None,
) -> None:
    """Define a representation norm (operation norm.set)."""
    run(c.SetNorm(org, key, kind, seats, per, minimum, maximum, rounding, curia))
    console.print(f"norm {key} set")


@constituency_app.command("create")
@reports_errors
def constituency_create(
    org: str,
    key: str,
    body: Annotated[str, typer.Option(help="the body whose seats it fills")],
    source: Annotated[str, typer.Option(help="the electing body (its roll, or a lower body)")],
    norm: str | None = None,
    curia: str | None = None,
    membership: Annotated[int | None, typer.Option(help="a stated membership")] = None,
) -> None:
    """Create a constituency (operation constituency.create)."""
    run(c.CreateConstituency(org, key, body, source, norm, curia, membership))
    console.print(f"created constituency {key}")


@faction_app.command("create")
@reports_errors
def faction_create(org: str, key: str, name: str, party: str | None = None) -> None:
    """Create a faction (operation faction.create)."""
    run(c.CreateFaction(org, key, name, party))
    console.print(f"created faction {key}")


@faction_app.command("split")
@reports_errors
def faction_split(
    org: str,
    faction: str,
    new_key: str,
    new_name: str,
    member: Annotated[list[str], typer.Option(help="a member who leaves (repeatable)")],
) -> None:
    """Split a faction: the named members form a new one (operation faction.split)."""
    run(c.SplitFaction(org, faction, new_key, new_name, tuple(member)))
    console.print(f"{len(member)} member(s) left {faction} for {new_key}")


@member_app.command("add")
@reports_errors
def member_add(
    org: str,
    number: str,
    name: str,
    council: Annotated[str, typer.Option(help="the member's base council")],
    faction: str | None = None,
    email: str | None = None,
) -> None:
    """Add a member (operation member.add)."""
    run(c.AddMember(org, number, name, council, faction, email))
    console.print(f"added member {number}")


@member_app.command("affiliate")
@reports_errors
def member_affiliate(
    org: str,
    number: str,
    faction: Annotated[str | None, typer.Argument(help="the faction; omit to leave all")] = None,
) -> None:
    """Move a member into a faction, or out of any (operation member.affiliate)."""
    run(c.AffiliateMember(org, number, faction))
    console.print(f"member {number} is now in {faction or 'no faction'}")


@roll_app.command("import")
@reports_errors
def roll_import(org: str, path: Path) -> None:
    """Import a member roll: number,name,council[,faction][,email] (operation roll.import).

    A malformed row stops the import with its line number; nothing is written.
    """
    text = path.read_text(encoding="utf-8-sig")
    total = max(0, text.count("\n") - 1)
    with Progress(
        TextColumn("[bold]checking roll"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("roll", total=total or None)
        count = run(
            c.ImportRoll(org, path.name, text, progress=lambda n: bar.update(task, completed=n))
        )
        bar.update(task, completed=count)
    console.print(f"imported {count} members into {org}")


@mandate_app.command("record")
@reports_errors
def mandate_record(
    org: str,
    key: str,
    body: Annotated[str, typer.Option()],
    holder: Annotated[str, typer.Option(help="the member's number")],
    constituency: str | None = None,
    faction: str | None = None,
) -> None:
    """Record a mandate (operation mandate.record)."""
    run(c.RecordMandate(org, key, body, holder, constituency, faction))
    console.print(f"recorded mandate {key}")


@mandate_app.command("status")
@reports_errors
def mandate_status(org: str, key: str, status: str, reason: str = "") -> None:
    """Move a mandate along its lifecycle (operation mandate.set-status)."""
    run(c.SetMandateStatus(org, key, status, reason))
    console.print(f"mandate {key} is now {status}")


@credential_app.command("issue")
@reports_errors
def credential_issue(org: str, mandate: str, credential: str) -> None:
    """Issue a credential: voting, advisory or guest (operation credential.issue)."""
    run(c.IssueCredential(org, mandate, credential))
    console.print(f"mandate {mandate} holds a {credential} credential")
