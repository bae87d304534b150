"""The 1917 replay, run once per test session into a fresh SQLite database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sovet.bootstrap import bootstrap
from sovet.ledger import dumps_jsonl, verify_jsonl
from sovet.report.html import LedgerSummary, render_report
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.services.replay import HistoricalClock, ReplayResult, ReplaySpec, load_replay, replay


@dataclass(frozen=True)
class History:
    spec: ReplaySpec
    result: ReplayResult
    bus: Bus
    db: Path


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    db = tmp_path_factory.mktemp("replay") / "sovet.db"
    app = bootstrap(f"sqlite:///{db}")
    clock = HistoricalClock()
    bus = Bus(app.uow, clock)
    spec = load_replay()
    return History(spec, replay(bus, clock, spec), app.bus, db)


@pytest.fixture(scope="session")
def report(history: History, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The replay's report, written as ``sovet demo`` writes it."""
    actor = Actor.operator()
    folder = tmp_path_factory.mktemp("report")
    ledger = folder / "ledger.jsonl"
    ledger.write_text(dumps_jsonl(history.bus.execute(actor, c.ExportLedger(history.result.org))))
    check = verify_jsonl(ledger)
    rebuilt = history.bus.execute(actor, c.ReplayLedger(history.result.org))
    summary = LedgerSummary(check.count, check.ok, rebuilt.ok, str(ledger))
    path = folder / "report.html"
    path.write_text(render_report(history.result, history.spec, summary), "utf-8")
    return path
