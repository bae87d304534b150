"""One decree disseminated to 100,000 bodies and its compliance summary computed, on
PostgreSQL, against a bare ``INSERT … SELECT`` of the same rows in the same run.

    .venv/bin/python bench/disseminate.py [--bodies 100000] [--repeat 3]

The organisation (a congress over regions, districts and local soviets, every
delegation a constituency) is built once through ``org.import``; the congress then
adopts ``--repeat`` decrees. Each round times, side by side:

- Sovet: ``decree.disseminate`` through the bus (permission, the decree's stream,
  the scope walked over the body graph and written as the dissemination log in one
  statement, the digest, the ledger entry, commit), then ``decree.compliance``
  (the summary by tier and by branch);
- bare: ``INSERT INTO … SELECT`` of the same number of rows from the bodies table
  into a table with the same columns and keys, committed.

Ratio = bare time / Sovet time (target >= 0.3). Medians of the rounds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._pg import median, scratch_database
from sovet.bootstrap import bootstrap
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

OPERATOR = Actor.operator()
ORG = "nation"


def structure(bodies: int) -> dict[str, object]:
    """A congress over 20 regions, 400 districts and local soviets: ``bodies`` below
    the congress in all."""
    regions = [f"r{i}" for i in range(20)]
    districts = [f"d{i}" for i in range(400)]
    locals_ = [f"l{i}" for i in range(bodies - len(regions) - len(districts))]
    rows = [{"key": "congress", "name": "Congress", "kind": "congress", "level": "national"}]
    cons = []
    for key in regions:
        rows.append({"key": key, "name": key, "kind": "council", "level": "regional"})
        cons.append({"key": f"c-{key}", "body": "congress", "source": key, "norm": "one"})
    for i, key in enumerate(districts):
        rows.append({"key": key, "name": key, "kind": "council", "level": "district"})
        parent = regions[i % len(regions)]
        cons.append({"key": f"c-{key}", "body": parent, "source": key, "norm": "one"})
    for i, key in enumerate(locals_):
        rows.append({"key": key, "name": key, "kind": "council", "level": "base"})
        parent = districts[i % len(districts)]
        cons.append({"key": f"c-{key}", "body": parent, "source": key, "norm": "one"})
    return {
        "organisation": {"key": ORG, "name": "Nation"},
        "norms": [{"key": "one", "kind": "fixed", "seats": 1}],
        "bodies": rows,
        "constituencies": cons,
        "members": [{"number": str(i), "name": f"M{i}", "council": "l0"} for i in (1, 2)],
        "mandates": [
            {"key": f"d{i}-m", "body": "congress", "holder": str(i), "constituency": f"c-r{i}"}
            for i in (1, 2)
        ],
    }


def decrees(bus: Bus, count: int) -> list[str]:
    """The congress adopts and issues ``count`` decrees (not yet sent down)."""
    bus.execute(OPERATOR, c.OpenSitting(ORG, "s1", "congress"))
    bus.execute(OPERATOR, c.RegisterDelegate(ORG, "s1", ("d1-m", "d2-m")))
    bus.execute(OPERATOR, c.ChangeAttendance(ORG, "s1", ("d1-m", "d2-m"), "present"))
    keys = []
    for i in range(count):
        key = f"decree-{i}"
        bus.execute(OPERATOR, c.MoveMotion(ORG, "s1", key, "decree", f"Decree {i}.", member="1"))
        bus.execute(OPERATOR, c.OpenPoll(ORG, f"p{i}", "s1", "Adopt?", motion=key))
        bus.execute(OPERATOR, c.ClosePoll(ORG, f"p{i}", 2, 0, 0))
        bus.execute(OPERATOR, c.DecideMotion(ORG, "s1", key, f"p{i}"))
        bus.execute(
            OPERATOR,
            c.IssueDecree(ORG, key, "s1", key, str(i + 1), f"Decree {i}", "2026-01-01"),
        )
        keys.append(key)
    return keys


BARE_TABLE = """
CREATE TABLE bare_receipts (
    org VARCHAR(80) NOT NULL, decree VARCHAR(80) NOT NULL, body VARCHAR(80) NOT NULL,
    tier INTEGER NOT NULL, parent VARCHAR(80) NOT NULL, state VARCHAR(16) NOT NULL,
    reason TEXT NOT NULL, conflict VARCHAR(80),
    PRIMARY KEY (org, decree, body)
);
CREATE INDEX ix_bare_parent ON bare_receipts (org, decree, parent)"""

BARE_INSERT = text(
    "INSERT INTO bare_receipts (org, decree, body, tier, parent, state, reason) "
    "SELECT org, :decree, key, 1, 'congress', 'sent', '' FROM bodies "
    "WHERE org = :org AND key <> 'congress'"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with scratch_database("sovet_bench_disseminate") as url:
        app = bootstrap(url)
        t0 = time.perf_counter()
        app.bus.execute(OPERATOR, c.ImportOrganisation(structure(args.bodies)))
        print(
            f"built {args.bodies:,} bodies below the congress in {time.perf_counter() - t0:.1f} s"
        )
        keys = decrees(app.bus, args.repeat)
        with app.engine.begin() as conn:
            for statement in BARE_TABLE.split(";"):
                conn.exec_driver_sql(statement)
        sovet_times: list[float] = []
        bare_times: list[float] = []
        for key in keys:
            t0 = time.perf_counter()
            with app.engine.begin() as conn:
                n = conn.execute(BARE_INSERT, {"org": ORG, "decree": key}).rowcount
            bare_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sent = app.bus.execute(OPERATOR, c.DisseminateDecree(ORG, key))
            summary = app.bus.execute(OPERATOR, c.ShowCompliance(ORG, key))
            sovet_times.append(time.perf_counter() - t0)
            if not (sent.bodies == n == summary.whole.total == args.bodies):
                raise SystemExit(f"counts differ: sent {sent.bodies}, bare {n}, summary {summary}")
            print(
                f"{key}: Sovet {sovet_times[-1]:.3f} s ({sent.bodies:,} bodies, "
                f"{sent.tiers} tiers), bare INSERT … SELECT {bare_times[-1]:.3f} s"
            )
        report = app.bus.execute(OPERATOR, c.ReplayLedger(ORG))
        app.engine.dispose()
    s, b = median(sovet_times), median(bare_times)
    print(
        f"median of {len(keys)}: Sovet {s:.3f} s, bare {b:.3f} s, ratio {b / s:.2f} "
        f"(target >= 0.3); replay of the ledger {'matches' if report.ok else 'DIFFERS'}"
    )


if __name__ == "__main__":
    main()
