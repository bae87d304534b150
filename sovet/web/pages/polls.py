"""Polls: the list, a poll's page with the ballot and its receipt, the chair's form
to close it, and its live results as server-sent events; elections with every round
of their count as a table and a bar chart."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

from fastapi import Form, Request, Response

from sovet.domain.errors import DomainError
from sovet.domain.polls import PollMode
from sovet.services import commands as c
from sovet.services.handlers.polls import Receipt
from sovet.web.charts import exact, round_svg, shown
from sovet.web.errors import Problem
from sovet.web.pages.common import After, Key, Org, Text, pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, run

router = pages()

Count = Annotated[int | None, Form(ge=0, le=10**9)]


@router.get("/orgs/{org}/polls")
def polls(request: Request, who: Who, org: Org, after: After = None) -> Response:
    listed = run(request, who, c.ListPolls(org, 50, after))
    return page(request, who, "polls.html", org=org, listed=listed, after=after)


def poll_page(
    request: Request,
    who: Visitor,
    org: str,
    key: str,
    *,
    receipt: Receipt | None = None,
    problem: Problem | None = None,
) -> Response:
    poll = run(request, who, c.ShowPoll(org, key))
    tally = run(request, who, c.ShowTally(org, key))
    return page(
        request,
        who,
        "poll.html",
        org=org,
        poll=poll,
        tally=tally,
        receipt=receipt,
        problem=problem,
        show_of_hands=poll.mode is PollMode.SHOW_OF_HANDS,
        chair=who.may("poll.close", org, poll.body),
    )


@router.get("/orgs/{org}/polls/{poll}")
def poll(request: Request, who: Who, org: Org, poll: Key) -> Response:
    return poll_page(request, who, org, poll)


@router.post("/orgs/{org}/polls/{poll}/ballot")
def cast(
    request: Request,
    who: Who,
    org: Org,
    poll: Key,
    choice: Annotated[str, Form(max_length=16)],
) -> Response:
    """Cast the visitor's ballot; the answer shows the receipt (for a secret ballot, the
    code to look for in the published list of counted ballots). It is shown this once:
    the page is not redirected, and a second sending is refused as a second ballot."""
    try:
        receipt = run(request, who, c.CastBallot(org, poll, choice))
    except DomainError as exc:
        return poll_page(request, who, org, poll, problem=Problem(exc))
    return poll_page(request, who, org, poll, receipt=receipt)


@router.post("/orgs/{org}/polls/{poll}/close")
def close(
    request: Request,
    who: Who,
    org: Org,
    poll: Key,
    for_: Annotated[int | None, Form(alias="for", ge=0, le=10**9)] = None,
    against: Count = None,
    abstain: Count = None,
    estimated: Annotated[bool, Form()] = False,
    note: Text = "",
) -> Response:
    """The chair closes the poll: ballots are counted and sealed; a show of hands takes
    the chair's count (or an estimate, flagged as one, with the chair's words)."""
    command = c.ClosePoll(org, poll, for_, against, abstain, estimated, note)
    try:
        run(request, who, command)
    except DomainError as exc:
        return poll_page(request, who, org, poll, problem=Problem(exc))
    return see_other(f"/orgs/{org}/polls/{poll}")


# -- elections ------------------------------------------------------------------------
@router.get("/orgs/{org}/elections")
def elections(request: Request, who: Who, org: Org, after: After = None) -> Response:
    listed = run(request, who, c.ListElections(org, 50, after))
    return page(request, who, "elections.html", org=org, listed=listed, after=after)


def rounds_of(result: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Each round of a count with its chart, scaled to the largest tally of the count."""
    rounds = result.get("rounds") or []
    tallies = [exact(v) for r in rounds for v in r["tallies"].values()]
    scale = max(tallies, default=Fraction(1))
    out = []
    for r in rounds:
        chart = round_svg(
            r["tallies"],
            elected=r["elected"],
            excluded=r["excluded"],
            scale=scale,
            quota=result.get("quota"),
            title=f"Round {r['number']}: tallies",
            ident=f"{key}-{r['number']}",
        )
        out.append({**r, "chart": chart})
    return out


@router.get("/orgs/{org}/elections/{election}")
def election(request: Request, who: Who, org: Org, election: Key) -> Response:
    """An election and its count: every round as a table (candidates by round) and as a
    bar chart, with those elected and excluded in each."""
    view = run(request, who, c.ShowElection(org, election))
    counts = [
        {
            "count": count,
            "rounds": rounds_of(count.result, f"{election}-{i}"),
            "candidates": list(
                dict.fromkeys(k for r in count.result.get("rounds") or [] for k in r["tallies"])
            ),
        }
        for i, count in enumerate(view.counts)
    ]
    return page(request, who, "election.html", org=org, view=view, counts=counts, shown=shown)
