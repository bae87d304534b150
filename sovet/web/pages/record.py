"""The ledger browser: an organisation's entries a page at a time, and verification
of the chain with the state rebuilt from it (``ledger.replay``) (M28, M30)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import Query, Request, Response

from sovet.ledger.canonical import thaw
from sovet.services import commands as c
from sovet.web.pages.common import Org, pages
from sovet.web.render import page
from sovet.web.session import Who, run

router = pages()

Seq = Annotated[str | None, Query(pattern=r"^[0-9]{1,10}$")]


SHOWN_CHARACTERS = 2000  # a roll's entry holds up to a million characters of CSV


def payload_text(payload: object) -> str:
    """An entry's payload as JSON, cut short where it is long (the export has it whole)."""
    text = json.dumps(thaw(payload), ensure_ascii=False, sort_keys=True, indent=1)
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]}\n… ({len(text)} characters in all)"


@router.get("/orgs/{org}/ledger")
def ledger(request: Request, who: Who, org: Org, after: Seq = None) -> Response:
    entries = run(request, who, c.ListLedger(org, 50, after))
    return page(
        request, who, "ledger.html", org=org, entries=entries, after=after, text=payload_text
    )


@router.get("/orgs/{org}/ledger/verification")
def verification(request: Request, who: Who, org: Org) -> Response:
    """Verify the hash chain and compare the state rebuilt from it with the stored state."""
    report = run(request, who, c.ReplayLedger(org))
    return page(request, who, "verification.html", org=org, report=report)
