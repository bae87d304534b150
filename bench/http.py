"""Concurrent ballot casting over HTTP against ``sovet serve`` on PostgreSQL, against
casting through the service layer at the same concurrency, in the same run.

    .venv/bin/python bench/http.py [--voters 2000] [--concurrency 32] [--repeat 3]
                                   [--workers 2] [--mode roll-call|secret]

Set up once, not timed: a scratch PostgreSQL database; an organisation whose congress
sits with ``--voters`` delegates present (tests/polls_setup.py, as bench/cast.py); an
account and a Bearer token scoped to ``ballot.cast`` for each delegate; and
``sovet serve --workers N`` (uvicorn, N server processes) started as a subprocess on
that database, with its output going to a file.

``--workers`` defaults to 2, the cores of the machine this was written on; the client
threads, the server processes and PostgreSQL all share them.

Each round opens two polls of the same kind (``--mode``, roll call by default), one
for each side, and times:

- HTTP: ``--concurrency`` client threads, each holding one keep-alive connection
  (``http.client``), post ``/api/v1/ops/ballot.cast`` for every delegate, each
  authenticated as that delegate by its own token. Timed from the first request to
  the last answer; every answer must be 200. A cast's latency runs from sending its
  request to reading its whole answer.
- Service: the same delegates cast through the bus directly, in this process, from
  ``--concurrency`` threads (what bench/cast.py times: permission, the poll's header
  under a share lock, eligibility, one-ballot-per-voter key, commit).

Each side's ballots are counted in the database afterwards (they must all be there).
Rates are ballots per second; ratio = HTTP rate / service rate (target >= 0.5). The
two sides alternate which goes first from round to round, so that load from other
processes on the machine hits both. A first round (round 0) warms both sides up and
is not counted: each server process builds its routes' matching state on its first
requests, and the connection pools fill. The figures printed are medians over the
``--repeat`` rounds after it (latency: the median over rounds of each round's median
and 99th percentile).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder leads sys.path, where this module would hide the
# standard library's ``http`` package: the repository's root takes its place.
HERE = Path(__file__).resolve().parent
for entry in [p for p in sys.path if Path(p or ".").resolve() == HERE]:
    sys.path.remove(entry)
sys.path.insert(0, str(HERE.parent))

import argparse
import http.client
import json
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import text

from bench._pg import median, scratch_database
from sovet.bootstrap import App, bootstrap
from sovet.services import commands as c
from sovet.services.permissions import Actor
from tests.api.served import Server, voter_tokens
from tests.polls_setup import sitting_with_delegates, voter

ORG = "httpbench"


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def http_round(
    port: int, poll: str, tokens: dict[str, str], concurrency: int
) -> tuple[float, list[float]]:
    """Cast every voter's ballot over HTTP; the rate and each cast's latency."""
    local = threading.local()

    def cast(number: str) -> float:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        body = json.dumps({"org": ORG, "poll": poll, "choice": "for"})
        headers = {
            "Authorization": f"Bearer {tokens[number]}",
            "Content-Type": "application/json",
        }
        t0 = time.perf_counter()
        conn.request("POST", "/api/v1/ops/ballot.cast", body, headers)
        answer = conn.getresponse()
        data = answer.read()
        took = time.perf_counter() - t0
        if answer.status != 200:
            raise RuntimeError(f"cast of {number} answered {answer.status}: {data!r}")
        return took

    connections: list[http.client.HTTPConnection] = []

    def connect(_: int) -> None:
        # Open every connection before the clock starts, as a client keeping them alive
        # would have.
        local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        local.conn.connect()
        connections.append(local.conn)
        barrier.wait()

    barrier = threading.Barrier(concurrency)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(connect, range(concurrency)))
        t0 = time.perf_counter()
        latencies = list(pool.map(cast, tokens))
        elapsed = time.perf_counter() - t0
    for conn in connections:
        conn.close()
    return len(tokens) / elapsed, latencies


def service_round(app: App, poll: str, numbers: list[str], concurrency: int) -> float:
    """Cast every voter's ballot through the bus; the rate."""

    def cast(number: str) -> None:
        app.bus.execute(voter(number, ORG), c.CastBallot(ORG, poll, "for"))

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        t0 = time.perf_counter()
        list(pool.map(cast, numbers))
        elapsed = time.perf_counter() - t0
    return len(numbers) / elapsed


def stored(app: App, poll: str, mode: str) -> int:
    table = "poll_register" if mode == "secret" else "ballots"
    with app.engine.connect() as conn:
        query = text(f"SELECT count(*) FROM {table} WHERE org = :o AND poll = :p")
        return int(conn.execute(query, {"o": ORG, "p": poll}).scalar_one())


@dataclass
class Figures:
    """Each round's figures, per side."""

    rates: dict[str, list[float]] = field(default_factory=lambda: {"http": [], "service": []})
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)


def one_round(
    app: App, server: Server, tokens: dict[str, str], args: argparse.Namespace, run: int
) -> tuple[list[str], dict[str, float]]:
    """Open a poll per side and cast every ballot of each, the sides in this round's
    order; the order, each side's rate, and the HTTP casts' median and p99 latency."""
    order = ["http", "service"] if run % 2 == 0 else ["service", "http"]
    got: dict[str, float] = {}
    for side in order:
        poll = f"{side[0]}{run}"
        app.bus.execute(Actor.operator(), c.OpenPoll(ORG, poll, "s1", "Q", mode=args.mode))
        if side == "http":
            got[side], latencies = http_round(server.port, poll, tokens, args.concurrency)
            got["p50"], got["p99"] = percentile(latencies, 50), percentile(latencies, 99)
        else:
            got[side] = service_round(app, poll, list(tokens), args.concurrency)
        if stored(app, poll, args.mode) != args.voters:
            raise RuntimeError(f"{side}: not every ballot of poll {poll} is stored")
    return order, got


def measure(url: str, args: argparse.Namespace, log: Path) -> Figures:
    app = bootstrap(url)
    print(f"setting up {args.voters:,} delegates with accounts and tokens ...", flush=True)
    tokens = voter_tokens(app, ORG, sitting_with_delegates(app.bus, ORG, args.voters))
    figures = Figures()
    with Server(url, log, workers=args.workers) as server:
        # Round 0 warms both sides up and is not counted: a server process builds its
        # routes' matching state on its first requests, and pools open connections.
        for run in range(args.repeat + 1):
            order, got = one_round(app, server, tokens, args, run)
            print(
                f"round {run}{' (warm-up)' if run == 0 else ''}, {' then '.join(order)}:"
                f" HTTP {got['http']:.0f}/s (median {got['p50'] * 1000:.1f} ms,"
                f" p99 {got['p99'] * 1000:.1f} ms), service {got['service']:.0f}/s",
                flush=True,
            )
            if run > 0:
                for side in ("http", "service"):
                    figures.rates[side].append(got[side])
                figures.p50.append(got["p50"])
                figures.p99.append(got["p99"])
    app.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="sovet serve processes")
    parser.add_argument("--mode", choices=("roll-call", "secret"), default="roll-call")
    args = parser.parse_args()
    with scratch_database("sovet_bench_http") as url, tempfile.TemporaryDirectory() as tmp:
        figures = measure(url, args, Path(tmp) / "serve.log")
    over_http, service = median(figures.rates["http"]), median(figures.rates["service"])
    print()
    print(
        f"{args.voters:,} voters, {args.mode} poll, concurrency {args.concurrency},"
        f" sovet serve with {args.workers} worker(s); median of {args.repeat} rounds:"
    )
    print(f"  service layer (bus)   {service:8.0f} ballots/s")
    print(f"  HTTP (sovet serve)    {over_http:8.0f} ballots/s")
    print(f"  ratio HTTP / service  {over_http / service:8.2f}   (target >= 0.5)")
    p50_ms, p99_ms = median(figures.p50) * 1000, median(figures.p99) * 1000
    print(f"  HTTP cast latency     median {p50_ms:.1f} ms, p99 {p99_ms:.1f} ms")


if __name__ == "__main__":
    main()
