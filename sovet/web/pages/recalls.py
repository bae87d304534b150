"""Recall petitions: the list, a petition's page, and signing it (or withdrawing a
signature) as an elector of its constituency (M03)."""

from __future__ import annotations

from fastapi import Request, Response

from sovet.domain.errors import DomainError
from sovet.services import commands as c
from sovet.web.errors import Problem
from sovet.web.pages.common import After, Key, Org, pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, run

router = pages()


@router.get("/orgs/{org}/recalls")
def recalls(request: Request, who: Who, org: Org, after: After = None) -> Response:
    listed = run(request, who, c.ListRecalls(org, 50, after))
    return page(request, who, "recalls.html", org=org, listed=listed, after=after)


def recall_page(
    request: Request, who: Visitor, org: str, key: str, problem: Problem | None = None
) -> Response:
    petition = run(request, who, c.ShowRecall(org, key))
    return page(request, who, "recall.html", org=org, petition=petition, problem=problem)


@router.get("/orgs/{org}/recalls/{petition}")
def recall(request: Request, who: Who, org: Org, petition: Key) -> Response:
    return recall_page(request, who, org, petition)


def _act(request: Request, who: Visitor, org: str, key: str, command: object) -> Response:
    try:
        run(request, who, command)
    except DomainError as exc:
        return recall_page(request, who, org, key, Problem(exc))
    return see_other(f"/orgs/{org}/recalls/{key}")


@router.post("/orgs/{org}/recalls/{petition}/sign")
def sign(request: Request, who: Who, org: Org, petition: Key) -> Response:
    """Sign as oneself; the bus refuses a member who is no elector of the constituency."""
    return _act(request, who, org, petition, c.SignRecall(org, petition))


@router.post("/orgs/{org}/recalls/{petition}/withdraw")
def withdraw(request: Request, who: Who, org: Org, petition: Key) -> Response:
    return _act(request, who, org, petition, c.WithdrawSignature(org, petition))
