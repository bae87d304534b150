"""Operations on mandates and credentials."""

from __future__ import annotations

from sovet.domain.errors import AlreadyExists, NotFound
from sovet.domain.members import Mandate
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.permissions import Permission


@operation("mandate.record", command=c.RecordMandate, permission=Permission.ORG_ADMIN)
def record_mandate(cmd: c.RecordMandate, ctx: Context) -> str:
    """Record a mandate won by a member in a body, from a constituency."""
    org = ctx.uow.orgs.get(cmd.org)
    try:
        ctx.uow.mandates.get(cmd.org, cmd.key)
    except NotFound:
        pass
    else:
        raise AlreadyExists(f"organisation {cmd.org} already has a mandate {cmd.key!r}")
    holder = ctx.uow.members.get(cmd.org, cmd.holder)
    mandate = Mandate(cmd.key, cmd.body, cmd.constituency, holder.number, cmd.faction)
    org.record_mandate(mandate, holder)
    return cmd.key


@operation("mandate.set-status", command=c.SetMandateStatus, permission=Permission.ORG_ADMIN)
def set_mandate_status(cmd: c.SetMandateStatus, ctx: Context) -> None:
    """Move a mandate along its lifecycle (confirmed, suspended, recalled, ...)."""
    org = ctx.uow.orgs.get(cmd.org)
    org.change_mandate(ctx.uow.mandates.get(cmd.org, cmd.key), cmd.status, cmd.reason)


@operation("credential.issue", command=c.IssueCredential, permission=Permission.CREDENTIALS)
def issue_credential(cmd: c.IssueCredential, ctx: Context) -> None:
    """Issue or change a delegate's credential: voting, advisory or guest."""
    org = ctx.uow.orgs.get(cmd.org)
    org.issue_credential(ctx.uow.mandates.get(cmd.org, cmd.mandate), cmd.credential)
