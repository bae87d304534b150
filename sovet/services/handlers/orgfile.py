"""Importing a whole organisation from its YAML document."""

from __future__ import annotations

from sovet.domain.errors import AlreadyExists
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.orgfile import build, parse_document
from sovet.services.permissions import Permission


@operation("org.import", command=c.ImportOrganisation, permission=Permission.SITE_ADMIN)
def import_organisation(cmd: c.ImportOrganisation, ctx: Context) -> str:
    """Create an organisation from a YAML document; all of it or nothing.

    The ledger records each act the import performs (org.create, body.create, ...)
    so that replay rebuilds it like any other history.
    """
    doc = parse_document(cmd.document, cmd.source)
    if ctx.uow.orgs.exists(doc.organisation.key):
        raise AlreadyExists(f"organisation {doc.organisation.key!r} already exists")
    org, _members, _mandates = build(doc)
    ctx.uow.orgs.add(org)
    return org.key
