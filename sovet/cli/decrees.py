"""``sovet decree|act``: decrees down the tree, compliance, and local acts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sovet.cli.runtime import console, reports_errors, run
from sovet.domain.dissemination import STATES, Compliance, Tallies
from sovet.services import commands as c

decree_app = typer.Typer(help="Decrees: issue, send down, responses, compliance.")
act_app = typer.Typer(help="A body's own acts and their conflicts with higher decrees.")


@decree_app.command("issue")
@reports_errors
def decree_issue(
    org: str,
    key: str,
    sitting: Annotated[str, typer.Option(help="the sitting that adopted the motion")],
    motion: Annotated[str, typer.Option(help="the adopted motion of kind decree")],
    number: Annotated[str, typer.Option(help="the decree's number in the body's series")],
    title: Annotated[str, typer.Option(help="the decree's title")],
    effective: Annotated[str, typer.Option(help="effective date, YYYY-MM-DD")],
    until: Annotated[str, typer.Option(help="provisional clause, in words")] = "",
    until_body: Annotated[str | None, typer.Option(help="the body that may end it")] = None,
    root: Annotated[list[str] | None, typer.Option(help="scope roots (default: all below)")] = None,
    depth: Annotated[int | None, typer.Option(help="at most this many tiers down")] = None,
) -> None:
    """Issue a decree from an adopted decree motion (operation decree.issue)."""
    run(
        c.IssueDecree(
            org, key, sitting, motion, number, title, effective,
            until=until, until_body=until_body, roots=tuple(root or ()), depth=depth,
        )
    )  # fmt: skip
    console.print(f"issued decree {key} (No. {number})")


@decree_app.command("send")
@reports_errors
def decree_send(
    org: str,
    decree: str,
    channel: Annotated[str, typer.Option(help="how it is sent (telegraph, post, ...)")] = "ledger",
) -> None:
    """Send a decree to every body in its scope (operation decree.disseminate)."""
    sent = run(c.DisseminateDecree(org, decree, channel))
    console.print(
        f"decree {decree} sent to {sent.bodies:,} bodies on {sent.tiers} tier(s); "
        f"scope digest {sent.digest}"
    )


@decree_app.command("respond")
@reports_errors
def decree_respond(
    org: str,
    decree: str,
    body: str,
    state: Annotated[
        str, typer.Argument(help="received, acknowledged, adopted, implemented, refused")
    ],
    reason: Annotated[str, typer.Option(help="reasons, for a refusal")] = "",
) -> None:
    """Record a body's response to a decree (operation decree.respond)."""
    run(c.RespondToDecree(org, decree, body, state, reason))
    console.print(f"{body}: {state}")


@decree_app.command("end")
@reports_errors
def decree_end(org: str, decree: str, by: str, reason: str) -> None:
    """End a decree by the body its provisional clause names, or repeal it (decree.end)."""
    run(c.EndDecree(org, decree, by, reason))
    console.print(f"decree {decree} ended by {by}")


@decree_app.command("list")
@reports_errors
def decree_list(org: str, body: Annotated[str | None, typer.Option()] = None) -> None:
    """List decrees (operation decree.list)."""
    table = Table(title=f"Decrees of {org}", title_justify="left")
    for col in ("decree", "body", "No.", "title", "effective", "status"):
        table.add_column(col)
    for d in run(c.ListDecrees(org, body)):
        table.add_row(d.key, d.body, d.number, d.title, d.effective, d.status)
    console.print(table)


def _row(name: str, t: Tallies) -> list[str]:
    return [name, f"{t.total:,}", *(f"{t[s.value]:,}" for s in STATES[2:]), f"{t.silent:,}"]


def print_compliance(comp: Compliance) -> None:
    """The compliance table: the whole part of the scope, by tier, by branch."""
    table = Table(
        title=f"Decree {comp.decree}: compliance at or below {comp.under}", title_justify="left"
    )
    for col in ("", "bodies", *(s.value for s in STATES[2:]), "silent"):
        table.add_column(col, justify="right" if col else "left")
    table.add_row(*_row("all", comp.whole), style="bold")
    for tier, t in comp.by_tier:
        table.add_row(*_row(f"tier {tier}", t))
    for branch, t in comp.branches:
        table.add_row(*_row(f"↳ {branch}", t))
    console.print(table)
    w = comp.whole
    console.print(f"{w.total:,} bodies in scope, {w.replied:,} replied, {w.silent:,} silent")
    for body, act in comp.conflicts:
        console.print(f"[yellow]conflict:[/] {body}'s act {act} is declared in conflict")


@decree_app.command("compliance")
@reports_errors
def decree_compliance(
    org: str,
    decree: str,
    under: Annotated[str | None, typer.Option(help="drill down below this body")] = None,
) -> None:
    """How the bodies in scope responded, by tier and branch (decree.compliance)."""
    print_compliance(run(c.ShowCompliance(org, decree, under)))


@act_app.command("adopt")
@reports_errors
def act_adopt(
    org: str,
    body: str,
    key: str,
    title: str,
    text: str,
    number: Annotated[int | None, typer.Option(help="default: next of the body's series")] = None,
) -> None:
    """A body adopts an act of its own (operation act.adopt)."""
    n = run(c.AdoptLocalAct(org, body, key, title, text, number))
    console.print(f"{body} adopted act No. {n} ({key})")


@act_app.command("conflict")
@reports_errors
def act_conflict(org: str, body: str, act: str, decree: str, by: str, reason: str) -> None:
    """Declare a local act in conflict with a decree (operation act.declare-conflict)."""
    run(c.DeclareConflict(org, body, act, decree, by, reason))
    console.print(f"{body}'s act {act} flagged in conflict with decree {decree}")


@act_app.command("list")
@reports_errors
def act_list(org: str, body: str) -> None:
    """A body's acts and the conflicts declared on them (operation act.list)."""
    book = run(c.ShowActs(org, body))
    table = Table(title=f"Acts of {body}", title_justify="left")
    for col in ("No.", "act", "title"):
        table.add_column(col)
    for a in sorted(book.acts.values(), key=lambda a: a.number):
        table.add_row(str(a.number), a.key, a.title)
    console.print(table)
    for x in book.conflicts:
        console.print(
            f"[yellow]conflict:[/] act {x.act} with decree {x.decree} ({x.by}: {x.reason})"
        )
