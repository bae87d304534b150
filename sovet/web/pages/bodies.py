"""A member's councils and mandates, the organisation's bodies, and a body's page
with its composition drawn as a hemicycle."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request, Response

from sovet.report.hemicycle import SeatGroup, hemicycle_svg
from sovet.services import commands as c
from sovet.services.handlers.overview import Composition
from sovet.web.pages.common import CURSOR, Key, Org, pages
from sovet.web.render import page
from sovet.web.session import Who, run

router = pages()

# Faction colours, left to right across the hall, each dark enough to stand out on
# white and told apart by the list beside the drawing, never by colour alone.
PALETTE = ("#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037")
NO_FACTION = "#616161"
VACANT = "#9e9e9e"

Cursor = Annotated[str | None, Query(pattern=CURSOR)]
Number = Annotated[str, Path(pattern=r"^[^/\s]{1,40}$")]


def seat_groups(made: Composition) -> list[SeatGroup]:
    """The composition as the hemicycle's groups: factions in their order, then the
    members of no faction, then the vacant seats (drawn hollow)."""
    groups = [
        SeatGroup(f.name, f.seats, PALETTE[i % len(PALETTE)] if f.faction else NO_FACTION)
        for i, f in enumerate(made.factions)
    ]
    if made.vacant:
        groups.append(SeatGroup("vacant", made.vacant, VACANT, present=0))
    return groups


@router.get("/orgs/{org}/me")
def my_councils(request: Request, who: Who, org: Org) -> Response:
    """The logged-in member's councils, the delegates representing them, their mandates."""
    view = run(request, who, c.ShowCouncils(org))
    return page(request, who, "me.html", org=org, view=view)


@router.get("/orgs/{org}/members/{number}")
def member_councils(request: Request, who: Who, org: Org, number: Number) -> Response:
    view = run(request, who, c.ShowCouncils(org, number))
    return page(request, who, "me.html", org=org, view=view)


@router.get("/orgs/{org}")
def organisation(request: Request, who: Who, org: Org) -> Response:
    bodies = run(request, who, c.ListBodies(org))
    return page(request, who, "organisation.html", org=org, bodies=bodies)


@router.get("/orgs/{org}/bodies/{body}")
def body(
    request: Request,
    who: Who,
    org: Org,
    body: Key,
    members_after: Cursor = None,
    mandates_after: Cursor = None,
) -> Response:
    """A body: its hemicycle and factions, its members and mandates a page at a time,
    and its sittings."""
    view = run(request, who, c.ShowBody(org, body))
    made = run(request, who, c.ShowComposition(org, body))
    groups = seat_groups(made)
    drawing = hemicycle_svg(groups, title=f"Seats of {made.name} by faction", width=420)
    members = run(request, who, c.ListMembers(org, body, 25, members_after))
    mandates = run(request, who, c.ListMandates(org, body, 25, mandates_after))
    sittings = run(request, who, c.ListSittings(org, 50, body=body))
    return page(
        request,
        who,
        "body.html",
        org=org,
        view=view,
        made=made,
        groups=groups,
        drawing=drawing,
        members=members,
        mandates=mandates,
        sittings=sittings,
        members_after=members_after,
        mandates_after=mandates_after,
    )
