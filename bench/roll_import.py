"""Roll import and ledger appends on PostgreSQL, against the bare database in the same run.

    .venv/bin/python bench/roll_import.py [--members 1000000] [--appends 2000] [--repeat 3]

1. A seeded CSV roll of ``--members`` members over 1,000 base councils is imported
   through the service layer (``roll.import``: parse, check every row, ledger entries
   carrying the rows, COPY into ``members``), and the same file is loaded by
   PostgreSQL's own ``COPY … FROM STDIN (FORMAT csv)`` into a bare table with no keys.
   Ratio = COPY time / Sovet time (target >= 0.3).
2. ``--appends`` ledger appends, each its own transaction through the ledger store
   (lock the chain head, chain the entry, insert it, move the head), against as many
   bare single-row INSERT transactions. Ratio = Sovet rate / bare rate (target >= 0.5).

Each measurement is repeated ``--repeat`` times and the median is printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._pg import median, scratch_database
from sovet.bootstrap import bootstrap
from sovet.domain.events import MemberAffiliated
from sovet.services import commands as c
from sovet.services.permissions import Actor

COUNCILS = 1000


def make_roll(path: Path, members: int, seed: int = 1917) -> None:
    rng = random.Random(seed)
    factions = ["reds", "greens", ""]
    with path.open("w", encoding="utf-8") as out:
        out.write("number,name,council,faction,email\n")
        for i in range(members):
            council = f"c{rng.randrange(COUNCILS)}"
            out.write(f"m{i:08d},Member {i},{council},{factions[i % 3]},m{i}@example.org\n")


def structure(org: str) -> dict[str, object]:
    return {
        "organisation": {"key": org, "name": "Benchmark federation"},
        "factions": [{"key": "reds", "name": "Reds"}, {"key": "greens", "name": "Greens"}],
        "bodies": [
            {"key": f"c{i}", "name": f"Council {i}", "kind": "council"} for i in range(COUNCILS)
        ],
    }


def time_sovet_import(url: str, roll: Path, run: int) -> float:
    app = bootstrap(url)
    org = f"bench{run}"
    operator = Actor.operator()
    app.bus.execute(operator, c.ImportOrganisation(structure(org)))
    t0 = time.perf_counter()
    text_ = roll.read_text(encoding="utf-8")
    count = app.bus.execute(operator, c.ImportRoll(org, roll.name, text_))
    elapsed = time.perf_counter() - t0
    app.engine.dispose()
    assert count > 0
    return elapsed


def time_bare_copy(url: str, roll: Path, run: int) -> float:
    app = bootstrap(url, migrate_schema=False)
    table = f"bare_roll_{run}"
    with app.engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE {table} (number text, name text, council text, "
                          "faction text, email text)"))  # fmt: skip
    t0 = time.perf_counter()
    with app.engine.begin() as conn:
        raw = conn.connection.driver_connection
        with (
            raw.cursor() as cur,
            cur.copy(  # type: ignore[union-attr]
                f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)"
            ) as copy,
            roll.open("rb") as f,
        ):
            while chunk := f.read(1 << 20):
                copy.write(chunk)
    elapsed = time.perf_counter() - t0
    app.engine.dispose()
    return elapsed


def time_ledger_appends(url: str, n: int, run: int) -> float:
    app = bootstrap(url)
    org = f"ledger{run}"
    operator = Actor.operator()
    app.bus.execute(operator, c.CreateOrganisation(org, "Ledger benchmark"))
    event = MemberAffiliated("1", None, "reds")
    t0 = time.perf_counter()
    for _ in range(n):
        with app.engine.begin() as conn:
            from sovet.storage.ledger_store import SqlLedger

            SqlLedger(conn).append(org, "bench", lambda: datetime.now(UTC), [event])
    elapsed = time.perf_counter() - t0
    app.engine.dispose()
    return n / elapsed


def time_bare_inserts(url: str, n: int, run: int) -> float:
    app = bootstrap(url, migrate_schema=False)
    table = f"bare_log_{run}"
    with app.engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE {table} (id serial primary key, at text, "
                          "op text, payload text)"))  # fmt: skip
    stmt = text(f"INSERT INTO {table} (at, op, payload) VALUES (:at, :op, :payload)")
    t0 = time.perf_counter()
    for _ in range(n):
        with app.engine.begin() as conn:
            conn.execute(stmt, {"at": datetime.now(UTC).isoformat(), "op": "member.affiliate",
                                "payload": '{"new":"reds","number":"1","old":null}'})  # fmt: skip
    elapsed = time.perf_counter() - t0
    app.engine.dispose()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--appends", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    roll = out / f"roll-{args.members}.csv"
    if not roll.exists():
        print(f"writing {roll} ...")
        make_roll(roll, args.members)
    with scratch_database("sovet_bench_roll") as url:
        bootstrap(url).engine.dispose()  # build the schema once, outside the timings
        sovet_t, copy_t, append_r, insert_r = [], [], [], []
        for run in range(args.repeat):
            # side by side in each repetition, alternating which goes first
            pair = [("copy", time_bare_copy), ("sovet", time_sovet_import)]
            for name, fn in pair if run % 2 else reversed(pair):
                (copy_t if name == "copy" else sovet_t).append(fn(url, roll, run))
            pair2 = [("bare", time_bare_inserts), ("ledger", time_ledger_appends)]
            for name, fn in pair2 if run % 2 else reversed(pair2):
                (insert_r if name == "bare" else append_r).append(fn(url, args.appends, run))
            print(f"run {run + 1}: import {sovet_t[-1]:.2f}s vs COPY {copy_t[-1]:.2f}s; "
                  f"ledger {append_r[-1]:.0f}/s vs INSERT {insert_r[-1]:.0f}/s")  # fmt: skip
    s, b = median(sovet_t), median(copy_t)
    a, i = median(append_r), median(insert_r)
    print()
    print(f"roll import, {args.members:,} members (median of {args.repeat}):")
    print(f"  Sovet roll.import      {s:8.2f} s  ({args.members / s:,.0f} members/s)")
    print(f"  PostgreSQL bare COPY   {b:8.2f} s  ({args.members / b:,.0f} rows/s)")
    print(f"  ratio COPY/Sovet       {b / s:8.2f}   (target >= 0.3)")
    print(f"ledger appends, {args.appends:,} single-entry transactions (median of {args.repeat}):")
    print(f"  Sovet ledger append    {a:8.0f} /s")
    print(f"  bare INSERT            {i:8.0f} /s")
    print(f"  ratio Sovet/bare       {a / i:8.2f}   (target >= 0.5)")


if __name__ == "__main__":
    main()
