"""Sittings: the list, and a sitting's page with its attendance and quorum, agenda
and speakers' list updating live (htmx polls the live part; without JavaScript a
reload shows the same), its polls, and the chair's form to open one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Request, Response

from sovet.domain.errors import DomainError, NotFound
from sovet.services import commands as c
from sovet.web.errors import Problem
from sovet.web.pages.common import After, FormKey, Key, Org, Text, blank, pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, run

router = pages()


@router.get("/orgs/{org}/sittings")
def sittings(request: Request, who: Who, org: Org, after: After = None) -> Response:
    listed = run(request, who, c.ListSittings(org, 50, after))
    return page(request, who, "sittings.html", org=org, listed=listed, after=after)


def _optional(request: Request, who: Visitor, command: object) -> Any:
    """A part of the sitting that may not exist yet (an agenda, a speakers' list)."""
    try:
        return run(request, who, command)
    except NotFound:
        return None


def live_state(request: Request, who: Visitor, org: str, key: str) -> dict[str, Any]:
    """What the live part of a sitting's page shows."""
    sitting = run(request, who, c.ShowSitting(org, key))
    agenda = _optional(request, who, c.ShowAgenda(org, key))
    speakers = None
    if agenda is not None and agenda.current is not None:
        speakers = _optional(request, who, c.ShowSpeakers(org, key, agenda.current))
    polls = run(request, who, c.ListPolls(org, 100, sitting=key))
    return {
        "sitting": sitting,
        "bases": sitting.bases(),
        "agenda": agenda,
        "speakers": speakers,
        "polls": polls,
    }


def sitting_page(
    request: Request, who: Visitor, org: str, key: str, problem: Problem | None = None
) -> Response:
    state = live_state(request, who, org, key)
    return page(
        request,
        who,
        "sitting.html",
        org=org,
        problem=problem,
        chair=who.may("poll.open", org, state["sitting"].body),
        **state,
    )


@router.get("/orgs/{org}/sittings/{sitting}")
def sitting(request: Request, who: Who, org: Org, sitting: Key) -> Response:
    return sitting_page(request, who, org, sitting)


@router.get("/orgs/{org}/sittings/{sitting}/live")
def sitting_live(request: Request, who: Who, org: Org, sitting: Key) -> Response:
    """The live part alone, which the page fetches every few seconds."""
    state = live_state(request, who, org, sitting)
    return page(request, who, "_sitting_live.html", org=org, **state)


@router.post("/orgs/{org}/sittings/{sitting}/polls")
def open_poll(
    request: Request,
    who: Who,
    org: Org,
    sitting: Key,
    key: FormKey,
    question: Text,
    mode: Annotated[str, Form(max_length=40)] = "show-of-hands",
    rule: Annotated[str, Form(max_length=40)] = "simple",
    unit: Annotated[str, Form(max_length=40)] = "delegate",
    motion: Annotated[str | None, Form(max_length=80)] = None,
) -> Response:
    """The chair opens a poll; its voters are the voting delegates present now."""
    command = c.OpenPoll(org, key, sitting, question, blank(motion), mode, unit, rule)
    try:
        run(request, who, command)
    except DomainError as exc:
        return sitting_page(request, who, org, sitting, Problem(exc))
    return see_other(f"/orgs/{org}/polls/{key}")
