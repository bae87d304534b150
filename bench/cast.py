"""Concurrent ballot casting through the service layer on PostgreSQL, against bare
single-row INSERT transactions at the same concurrency, in the same run.

    .venv/bin/python bench/cast.py [--voters 2000] [--threads 32] [--repeat 3]

Sovet: each voter casts through the bus (permission, poll header under a share lock,
eligibility, one-ballot-per-voter key, commit); the poll is then closed, which seals
every ballot into the ledger (timed apart). Bare: the same number of single-row
INSERT transactions into a table with the same key. Ratio = Sovet rate / bare rate
(target >= 0.5). Medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._pg import median, scratch_database
from sovet.bootstrap import bootstrap
from sovet.services import commands as c
from sovet.services.permissions import Actor
from tests.polls_setup import sitting_with_delegates, voter


def sovet_run(url: str, voters: int, threads: int, run: int, mode: str) -> tuple[float, float]:
    app = bootstrap(url)
    org = f"cast{run}{mode[0]}"
    numbers = sitting_with_delegates(app.bus, org, voters)
    app.bus.execute(Actor.operator(), c.OpenPoll(org, "p1", "s1", "Q", mode=mode))

    def cast(number: str) -> None:
        app.bus.execute(voter(number, org), c.CastBallot(org, "p1", "for"))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(cast, numbers))
    casting = time.perf_counter() - t0
    t1 = time.perf_counter()
    closed = app.bus.execute(Actor.operator(), c.ClosePoll(org, "p1"))
    sealing = time.perf_counter() - t1
    assert closed.for_ == voters
    app.engine.dispose()
    return voters / casting, sealing


def bare_run(url: str, voters: int, threads: int, run: int) -> float:
    app = bootstrap(url, migrate_schema=False)
    table = f"bare_ballots_{run}"
    with app.engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE {table} (poll text, voter text, choice text, "
                "PRIMARY KEY (poll, voter))"
            )
        )
    stmt = text(f"INSERT INTO {table} VALUES ('p1', :v, 'for')")

    def insert(i: int) -> None:
        with app.engine.begin() as conn:
            conn.execute(stmt, {"v": f"d{i}"})

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(insert, range(voters)))
    elapsed = time.perf_counter() - t0
    app.engine.dispose()
    return voters / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with scratch_database("sovet_bench_cast") as url:
        bootstrap(url).engine.dispose()
        rows: dict[str, list[float]] = {"roll": [], "secret": [], "bare": [], "seal": []}
        for run in range(args.repeat):
            rows["bare"].append(bare_run(url, args.voters, args.threads, run))
            for mode, name in (("roll-call", "roll"), ("secret", "secret")):
                rate, seal = sovet_run(url, args.voters, args.threads, run, mode)
                rows[name].append(rate)
                rows["seal"].append(seal)
            print(
                f"run {run + 1}: bare {rows['bare'][-1]:.0f}/s, roll call "
                f"{rows['roll'][-1]:.0f}/s, secret {rows['secret'][-1]:.0f}/s"
            )
    bare = median(rows["bare"])
    print()
    print(f"{args.voters:,} voters, {args.threads} threads (median of {args.repeat}):")
    print(f"  bare INSERT transactions   {bare:8.0f} /s")
    for name, label in (("roll", "Sovet roll-call casting"), ("secret", "Sovet secret casting")):
        rate = median(rows[name])
        print(f"  {label:26} {rate:8.0f} /s   ratio {rate / bare:.2f} (target >= 0.5)")
    print(f"  sealing at close (ledger)  {median(rows['seal']):8.2f} s for {args.voters:,} ballots")


if __name__ == "__main__":
    main()
