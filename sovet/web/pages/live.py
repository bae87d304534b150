"""A poll's live results as server-sent events (``text/event-stream``).

The endpoint reads the poll's tally (``poll.tally``, through the bus as every page
does) every ``interval`` seconds and sends it, as the HTML of the page's results
part, whenever it has changed: an event ``counts`` with that HTML as its data. Once
the poll is closed it sends the outcome and an event ``closed``, and ends. A stream
also ends after ``lifetime`` seconds, and the browser's EventSource then opens a new
one (after the ``retry`` it was told), so that no connection is held for ever; a
comment line keeps an idle connection from being dropped by proxies in between.
Without JavaScript the page shows the same results on reload.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from sovet.services import commands as c
from sovet.services.handlers.overview import PollTally
from sovet.web.pages.common import Key, Org, pages
from sovet.web.render import html
from sovet.web.session import Visitor, Who, installation

router = pages()


@dataclass(frozen=True)
class LiveSettings:
    interval: float = 1.0  # seconds between reads of the tally
    lifetime: float = 300.0  # seconds before a stream ends and the browser reconnects
    keepalive: float = 15.0  # seconds of silence before a comment line is sent


def settings_of(request: Request) -> LiveSettings:
    found = getattr(request.app.state, "live", None)
    return found if isinstance(found, LiveSettings) else LiveSettings()


def event(name: str, data: str) -> str:
    """One server-sent event; every line of ``data`` gets its own ``data:`` field."""
    lines = "".join(f"data: {line}\n" for line in (data.splitlines() or [""]))
    return f"event: {name}\n{lines}\n"


def _read(request: Request, who: Visitor, org: str, poll: str) -> PollTally:
    return installation(request).bus.execute(who.actor, c.ShowTally(org, poll))  # type: ignore[no-any-return]


async def stream(
    request: Request, who: Visitor, org: str, poll: str, first: PollTally
) -> AsyncIterator[str]:
    live = settings_of(request)
    yield f"retry: {int(live.interval * 1000)}\n\n"
    tally, last, quiet = first, "", time.monotonic()
    ends = time.monotonic() + live.lifetime
    while True:
        shown = html("_tally.html", org=org, tally=tally, who=who)
        if shown != last:
            yield event("counts", shown)
            last, quiet = shown, time.monotonic()
        if tally.status == "closed":
            yield event("closed", tally.poll)
            return
        if time.monotonic() >= ends or await request.is_disconnected():
            return
        if time.monotonic() - quiet >= live.keepalive:
            yield ": still counting\n\n"
            quiet = time.monotonic()
        await asyncio.sleep(live.interval)
        tally = await run_in_threadpool(_read, request, who, org, poll)


@router.get("/orgs/{org}/polls/{poll}/events")
async def poll_events(request: Request, who: Who, org: Org, poll: Key) -> Response:
    """The poll's results as they change. The first read happens before the stream
    starts, so that a refusal (403) or an unknown poll (404) is an ordinary answer."""
    first = await run_in_threadpool(_read, request, who, org, poll)
    return StreamingResponse(
        stream(request, who, org, poll, first),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
