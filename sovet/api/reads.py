"""Read endpoints (GET) for browsing: organisations, bodies, members, mandates,
sittings, polls, elections with their rounds, decrees with their compliance, orders
with their validity, roles and the ledger. Each builds the
command of a read operation and hands it to the bus, which checks the permission;
lists come a page at a time, with the link to the next page (``next``, and a
``Link: <...>; rel="next"`` header)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from sovet.api.auth import current_actor
from sovet.api.errors import RESPONSES
from sovet.api.ops import run
from sovet.api.serialise import to_json
from sovet.services import commands as c
from sovet.services.paging import MAX_LIMIT, Page
from sovet.services.permissions import Actor

KEY = r"^[a-z0-9][a-z0-9_.-]{0,79}$"
NUMBER = r"^\S{1,40}$"
CURSOR = r"^\S{1,80}$"

Org = Annotated[str, Path(pattern=KEY, description="the organisation's key")]
Key = Annotated[str, Path(pattern=KEY)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
After = Annotated[str | None, Query(pattern=CURSOR, description="the cursor: `next` of a page")]
Who = Annotated[Actor, Depends(current_actor)]

router = APIRouter(prefix="/orgs", responses=RESPONSES)


def page_answer(request: Request, page: Page[Any]) -> JSONResponse:
    """A page as ``{"items": [...], "next": link or null}``."""
    link = None if page.next is None else str(request.url.include_query_params(after=page.next))
    headers = {} if link is None else {"Link": f'<{link}>; rel="next"'}
    return JSONResponse({"items": to_json(page.items), "next": link}, headers=headers)


def answer(request: Request, actor: Actor, command: object) -> JSONResponse:
    return JSONResponse(to_json(run(request, actor, command)))


@router.get("", operation_id="list-organisations", tags=["organisations"])
def organisations(request: Request, actor: Who) -> JSONResponse:
    """The keys of the organisations here (``org.list``)."""
    return answer(request, actor, c.ListOrganisations())


@router.get("/{org}", operation_id="show-organisation", tags=["organisations"])
def organisation(request: Request, actor: Who, org: Org) -> JSONResponse:
    """The organisation's tree of bodies with seats and membership (``org.tree``)."""
    return answer(request, actor, c.ShowTree(org))


@router.get("/{org}/bodies", operation_id="list-bodies", tags=["organisations"])
def bodies(request: Request, actor: Who, org: Org) -> JSONResponse:
    """The organisation's bodies (``body.list``)."""
    return answer(request, actor, c.ListBodies(org))


@router.get("/{org}/bodies/{body}", operation_id="show-body", tags=["organisations"])
def body(request: Request, actor: Who, org: Org, body: Key) -> JSONResponse:
    """One body with its seats, constituencies and links (``body.show``)."""
    return answer(request, actor, c.ShowBody(org, body))


@router.get("/{org}/members", operation_id="list-members", tags=["organisations"])
def members(
    request: Request,
    actor: Who,
    org: Org,
    council: Annotated[str | None, Query(pattern=KEY)] = None,
    limit: Limit = 50,
    after: After = None,
) -> JSONResponse:
    """Members of the roll, by number, a page at a time (``member.list``)."""
    return page_answer(request, run(request, actor, c.ListMembers(org, council, limit, after)))


@router.get("/{org}/mandates", operation_id="list-mandates", tags=["mandates"])
def mandates(
    request: Request,
    actor: Who,
    org: Org,
    body: Annotated[str | None, Query(pattern=KEY)] = None,
    limit: Limit = 50,
    after: After = None,
) -> JSONResponse:
    """Mandates by key, a page at a time (``mandate.list``)."""
    return page_answer(request, run(request, actor, c.ListMandates(org, body, limit, after)))


@router.get("/{org}/roles", operation_id="list-roles", tags=["accounts"])
def roles(
    request: Request,
    actor: Who,
    org: Org,
    member: Annotated[str | None, Query(pattern=NUMBER)] = None,
) -> JSONResponse:
    """Roles held in the organisation (``role.list``)."""
    return answer(request, actor, c.ListRoles(org, member))


@router.get("/{org}/sittings", operation_id="list-sittings", tags=["sittings"])
def sittings(
    request: Request, actor: Who, org: Org, limit: Limit = 50, after: After = None
) -> JSONResponse:
    """Sittings by key, a page at a time (``sitting.list``)."""
    return page_answer(request, run(request, actor, c.ListSittings(org, limit, after)))


@router.get("/{org}/sittings/{sitting}", operation_id="show-sitting", tags=["sittings"])
def sitting(request: Request, actor: Who, org: Org, sitting: Key) -> JSONResponse:
    """A sitting: delegates, attendance, standing (``sitting.show``)."""
    return answer(request, actor, c.ShowSitting(org, sitting))


@router.get("/{org}/polls", operation_id="list-polls", tags=["polls"])
def polls(
    request: Request, actor: Who, org: Org, limit: Limit = 50, after: After = None
) -> JSONResponse:
    """Polls by key, a page at a time, with their outcome once closed (``poll.list``)."""
    return page_answer(request, run(request, actor, c.ListPolls(org, limit, after)))


@router.get("/{org}/polls/{poll}", operation_id="show-poll", tags=["polls"])
def poll(request: Request, actor: Who, org: Org, poll: Key) -> JSONResponse:
    """A poll: question, mode, voters, and its count once closed (``poll.show``)."""
    return answer(request, actor, c.ShowPoll(org, poll))


@router.get("/{org}/elections", operation_id="list-elections", tags=["elections"])
def elections(
    request: Request, actor: Who, org: Org, limit: Limit = 50, after: After = None
) -> JSONResponse:
    """Elections by key, a page at a time (``election.list``)."""
    return page_answer(request, run(request, actor, c.ListElections(org, limit, after)))


@router.get("/{org}/elections/{election}", operation_id="show-election", tags=["elections"])
def election(request: Request, actor: Who, org: Org, election: Key) -> JSONResponse:
    """An election and its count, every round of it (``election.show``)."""
    return answer(request, actor, c.ShowElection(org, election))


@router.get("/{org}/decrees", operation_id="list-decrees", tags=["decrees"])
def decrees(
    request: Request,
    actor: Who,
    org: Org,
    body: Annotated[str | None, Query(pattern=KEY, description="the issuing body")] = None,
) -> JSONResponse:
    """Decrees in the order issued, with their status (``decree.list``)."""
    return answer(request, actor, c.ListDecrees(org, body))


@router.get("/{org}/decrees/{decree}", operation_id="show-decree", tags=["decrees"])
def decree(request: Request, actor: Who, org: Org, decree: Key) -> JSONResponse:
    """A decree: text, annexes, provisional clause, scope, dissemination, conflicts
    (``decree.show``)."""
    return answer(request, actor, c.ShowDecree(org, decree))


@router.get("/{org}/decrees/{decree}/compliance", operation_id="show-compliance", tags=["decrees"])
def compliance(
    request: Request,
    actor: Who,
    org: Org,
    decree: Key,
    under: Annotated[str | None, Query(pattern=KEY, description="drill down below")] = None,
) -> JSONResponse:
    """How the bodies in scope answered, by tier and branch (``decree.compliance``)."""
    return answer(request, actor, c.ShowCompliance(org, decree, under))


@router.get("/{org}/orders", operation_id="list-orders", tags=["orders"])
def orders(
    request: Request, actor: Who, org: Org, limit: Limit = 50, after: After = None
) -> JSONResponse:
    """Orders by key, a page at a time (``order.list``)."""
    return page_answer(request, run(request, actor, c.ListOrders(org, limit, after)))


@router.get("/{org}/orders/{order}", operation_id="show-order", tags=["orders"])
def order(request: Request, actor: Who, org: Org, order: Key) -> JSONResponse:
    """An order: its signatures and its validity for each addressee (``order.show``)."""
    return answer(request, actor, c.ShowOrder(org, order))


@router.get("/{org}/ledger", operation_id="list-ledger", tags=["ledger"])
def ledger(
    request: Request,
    actor: Who,
    org: Org,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    after: Annotated[str | None, Query(pattern=r"^[0-9]{1,10}$")] = None,
) -> JSONResponse:
    """The organisation's ledger entries in order, a page at a time (``ledger.page``)."""
    return page_answer(request, run(request, actor, c.ListLedger(org, limit, after)))


@router.get("/{org}/ledger/verification", operation_id="verify-ledger", tags=["ledger"])
def verification(request: Request, actor: Who, org: Org) -> JSONResponse:
    """Verify the chain and compare the state rebuilt from it with the stored state
    (``ledger.replay``); ``ok`` is true when both hold."""
    report = run(request, actor, c.ReplayLedger(org))
    return JSONResponse({**to_json(report), "ok": report.ok})
