"""Decrees with their compliance by body, drillable branch by branch, and the form by
which a body's chair or secretary reports what the body did (M13); orders with their
signatures and whether they bind each addressee (M17)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request, Response

from sovet.domain.errors import DomainError, NotEntitled
from sovet.services import commands as c
from sovet.web.errors import Problem
from sovet.web.pages.common import KEY, After, FormKey, Key, Org, Text, pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, run

router = pages()

Under = Annotated[str | None, Query(pattern=KEY)]


@router.get("/orgs/{org}/decrees")
def decrees(request: Request, who: Who, org: Org) -> Response:
    listed = run(request, who, c.ListDecrees(org))
    return page(request, who, "decrees.html", org=org, listed=listed)


def decree_page(
    request: Request,
    who: Visitor,
    org: str,
    key: str,
    under: str | None = None,
    problem: Problem | None = None,
    done: str | None = None,
) -> Response:
    view = run(request, who, c.ShowDecree(org, key))
    try:
        compliance = run(request, who, c.ShowCompliance(org, key, under))
    except NotEntitled:
        compliance = None  # a decree is public, its compliance log is the members'
    bodies = run(request, who, c.ListBodies(org)) if who.logged_in else []
    # The bodies the visitor may answer for (the one permission rule, asked so that the
    # form offers those; the bus decides when it is sent).
    answering = [b for b in bodies if who.may("decree.respond", org, b.key)]
    return page(
        request,
        who,
        "decree.html",
        org=org,
        view=view,
        decree=view.decree,
        compliance=compliance,
        answering=answering,
        problem=problem,
        done=done,
    )


@router.get("/orgs/{org}/decrees/{decree}")
def decree(
    request: Request,
    who: Who,
    org: Org,
    decree: Key,
    under: Under = None,
    answered: Annotated[str | None, Query(pattern=KEY)] = None,
) -> Response:
    return decree_page(request, who, org, decree, under, done=answered)


@router.post("/orgs/{org}/decrees/{decree}/respond")
def respond(
    request: Request,
    who: Who,
    org: Org,
    decree: Key,
    body: FormKey,
    state: Annotated[str, Form(max_length=40)],
    reason: Text = "",
) -> Response:
    """A body reports what it did with the decree: received, acknowledged, adopted,
    implemented, or refused with its reasons."""
    try:
        run(request, who, c.RespondToDecree(org, decree, body, state, reason))
    except DomainError as exc:
        return decree_page(request, who, org, decree, problem=Problem(exc))
    return see_other(f"/orgs/{org}/decrees/{decree}?answered={body}")


@router.get("/orgs/{org}/orders")
def orders(request: Request, who: Who, org: Org, after: After = None) -> Response:
    listed = run(request, who, c.ListOrders(org, 50, after))
    return page(request, who, "orders.html", org=org, listed=listed, after=after)


@router.get("/orgs/{org}/orders/{order}")
def order(request: Request, who: Who, org: Org, order: Key) -> Response:
    view = run(request, who, c.ShowOrder(org, order))
    return page(request, who, "order.html", org=org, view=view)
