"""Operations on members: add one, change affiliation, import a roll."""

from __future__ import annotations

import hashlib

from sovet.domain import events as ev
from sovet.domain.errors import AlreadyExists
from sovet.domain.members import Member
from sovet.domain.roll import (
    check_roll,
    needs_trimming,
    read_roll,
    roll_header_ok,
    split_text,
)
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.permissions import Permission


@operation("member.add", command=c.AddMember, permission=Permission.ORG_ADMIN)
def add_member(cmd: c.AddMember, ctx: Context) -> str:
    """Add one member to the roll of a base council."""
    org = ctx.uow.orgs.get(cmd.org)
    if ctx.uow.members.taken(cmd.org, [cmd.number]):
        raise AlreadyExists(f"member number {cmd.number} is already on the roll of {cmd.org}")
    org.add_member(Member(cmd.number, cmd.name, cmd.council, cmd.faction, cmd.email))
    return cmd.number


@operation("member.affiliate", command=c.AffiliateMember, permission=Permission.ORG_ADMIN)
def affiliate_member(cmd: c.AffiliateMember, ctx: Context) -> None:
    """Move a member into a faction, between factions, or out of any faction."""
    org = ctx.uow.orgs.get(cmd.org)
    org.affiliate(ctx.uow.members.get(cmd.org, cmd.number), cmd.faction)


@operation("roll.import", command=c.ImportRoll, permission=Permission.ORG_ADMIN)
def import_roll(cmd: c.ImportRoll, ctx: Context) -> int:
    """Import a member roll from CSV; all rows or none.

    A roll that needs no trimming is handed to the store at once, which may load it
    while its rows are checked here; a failed check rolls the load back with the rest.
    """
    org = ctx.uow.orgs.get(cmd.org)
    progress = cmd.progress if callable(cmd.progress) else None
    digest = hashlib.sha256(cmd.text.encode("utf-8")).hexdigest()
    load = None
    tidy = not needs_trimming(cmd.text)
    if tidy and roll_header_ok(cmd.text):
        load = ctx.uow.members.begin_roll_load(cmd.org, digest, cmd.text)
    try:
        table = read_roll(cmd.text, cmd.source, tidy=tidy)
        if progress is not None:
            progress(table.size // 2)
        check_roll(
            table,
            source=cmd.source,
            councils=org.bodies.keys(),
            factions=org.factions.keys(),
            taken=None if load else (lambda numbers: ctx.uow.members.taken(cmd.org, numbers)),
        )
    finally:
        clash = load.wait() if load is not None else set()
    if clash:
        check_roll(
            table,
            source=cmd.source,
            councils=org.bodies.keys(),
            factions=org.factions.keys(),
            taken=lambda _numbers: clash,
        )
    parts = split_text(table.canonical_text(), cmd.part_size)
    for number, text in enumerate(parts, start=1):
        org.record(ev.RollImported(cmd.source, digest, number, len(parts), text))
    if progress is not None:
        progress(table.size)
    return table.size
