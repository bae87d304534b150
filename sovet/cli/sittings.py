"""``sovet sitting|poll|instruction``: sittings, polls and imperative mandates."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sovet.cli.runtime import console, reports_errors, run
from sovet.services import commands as c

sitting_app = typer.Typer(help="Sittings: open, register delegates, attendance, walkouts.")
poll_app = typer.Typer(help="Polls: open, cast (named ballots), close, show.")
instruction_app = typer.Typer(help="Instructions of constituencies to their delegates.")


@sitting_app.command("open")
@reports_errors
def sitting_open(
    org: str,
    key: str,
    body: Annotated[str, typer.Option(help="the body that sits")],
    quorum: Annotated[str, typer.Option(help="share of registered voting delegates")] = "1/2",
    majority_base: Annotated[str, typer.Option(help="cast, present-voting, ...")] = "cast",
) -> None:
    """Open a sitting of a body (operation sitting.open)."""
    run(c.OpenSitting(org, key, body, quorum, majority_base))
    console.print(f"opened sitting {key} of {body}")


@sitting_app.command("register")
@reports_errors
def sitting_register(org: str, sitting: str, mandate: list[str]) -> None:
    """Register delegates by their mandates (operation sitting.register)."""
    run(c.RegisterDelegate(org, sitting, tuple(mandate)))
    console.print(f"registered {len(mandate)} delegate(s)")


@sitting_app.command("attend")
@reports_errors
def sitting_attend(
    org: str,
    sitting: str,
    presence: Annotated[str, typer.Argument(help="present, withdrawn or absent")],
    mandate: list[str],
) -> None:
    """Record delegates present or withdrawn (operation sitting.attend)."""
    run(c.ChangeAttendance(org, sitting, tuple(mandate), presence))
    console.print(f"{len(mandate)} delegate(s) now {presence}")


@sitting_app.command("walkout")
@reports_errors
def sitting_walkout(org: str, sitting: str, faction: str, declaration: str) -> None:
    """Record a faction's walkout with its declaration (operation sitting.walkout)."""
    run(c.DeclareWalkout(org, sitting, faction, declaration))
    console.print(f"faction {faction} walked out")


@sitting_app.command("show")
@reports_errors
def sitting_show(org: str, sitting: str) -> None:
    """Show delegates, attendance, quorum and bases (operation sitting.show)."""
    s = run(c.ShowSitting(org, sitting))
    b = s.bases()
    table = Table(title=f"Sitting {s.key} of {s.body} ({s.status})", title_justify="left")
    for col in ("mandate", "holder", "faction", "credential", "presence"):
        table.add_column(col)
    for d in s.delegates.values():
        table.add_row(d.mandate, d.holder, d.faction or "", str(d.credential), str(d.presence))
    console.print(table)
    console.print(
        f"seats {b.seats}; voting delegates registered {b.registered_voting}, present "
        f"{b.present_voting}; quorum {b.quorum_needed} — "
        + ("[green]quorate[/]" if b.quorate else "[red]not quorate[/]")
    )


@poll_app.command("open")
@reports_errors
def poll_open(
    org: str,
    key: str,
    sitting: Annotated[str, typer.Option()],
    question: Annotated[str, typer.Option()],
    motion: str | None = None,
    mode: Annotated[str, typer.Option(help="show-of-hands, roll-call or secret")] = (
        "show-of-hands"
    ),
    unit: Annotated[str, typer.Option(help="delegate, card, delegation, ...")] = "delegate",
    rule: Annotated[str, typer.Option(help="simple, absolute-present, two-thirds, ...")] = (
        "simple"
    ),
) -> None:
    """Open a poll in a sitting (operation poll.open)."""
    run(c.OpenPoll(org, key, sitting, question, motion, mode, unit, rule))
    console.print(f"opened poll {key}")


@poll_app.command("cast")
@reports_errors
def poll_cast(
    org: str,
    poll: str,
    choice: Annotated[str, typer.Argument(help="for, against or abstain")],
    voter: Annotated[str, typer.Option("--for-member", help="the member whose vote is recorded")],
) -> None:
    """Record a named ballot of a roll call (operation ballot.cast). Secret ballots are
    cast by the members themselves, never recorded for them."""
    receipt = run(c.CastBallot(org, poll, choice, voter))
    console.print(f"recorded {choice} for member {receipt.voter} in poll {poll}")


@poll_app.command("close")
@reports_errors
def poll_close(
    org: str,
    poll: str,
    for_: Annotated[int | None, typer.Option("--for", help="show of hands: counted for")] = None,
    against: int | None = None,
    abstain: int | None = None,
    estimated: Annotated[bool, typer.Option(help="the chair's estimate, not a count")] = False,
    note: str = "",
) -> None:
    """Close a poll and count it (operation poll.close)."""
    closed = run(c.ClosePoll(org, poll, for_, against, abstain, estimated, note))
    console.print(closed.explanation)


@poll_app.command("show")
@reports_errors
def poll_show(org: str, poll: str) -> None:
    """Show a poll and its outcome (operation poll.show)."""
    p = run(c.ShowPoll(org, poll))
    console.print(f"poll {p.key} ({p.mode}, {p.unit}, {p.rule}): {p.question}")
    console.print(f"{len(p.voters)} voters; status {p.status}")
    if p.outcome is not None:
        console.print(p.outcome.explanation)


@instruction_app.command("adopt")
@reports_errors
def instruction_adopt(
    org: str,
    key: str,
    constituency: Annotated[str, typer.Option()],
    motion: Annotated[str, typer.Option()],
    direction: Annotated[str, typer.Option(help="for, against or abstain")],
    advisory: Annotated[bool, typer.Option(help="advisory instead of binding")] = False,
    text: str = "",
) -> None:
    """Adopt a constituency's instruction to its delegates (operation instruction.adopt)."""
    run(c.AdoptInstruction(org, key, constituency, motion, direction, not advisory, text))
    console.print(f"instruction {key}: {'advisory' if advisory else 'binding'} {direction}")
