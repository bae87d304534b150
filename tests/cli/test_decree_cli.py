"""The decree and act commands: issue, send down, respond, compliance, local acts."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sovet.bootstrap import bootstrap
from sovet.cli.main import app
from tests.decrees.setup import adopted_decree_motion, federation

runner = CliRunner(env={"COLUMNS": "200"})


def test_a_decree_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "decrees.db"
    built = bootstrap(f"sqlite:///{db}")
    federation(built.bus)
    adopted_decree_motion(built.bus)
    built.engine.dispose()

    def run(*args: str) -> tuple[int, str]:
        r = runner.invoke(app, ["--database", f"sqlite:///{db}", *args])
        return r.exit_code, r.output

    issue = ("decree", "issue", "fed", "land", "--sitting", "s1", "--motion", "land",
             "--number", "2", "--title", "Decree on Land", "--effective", "1917-10-26",
             "--until", "until the Constituent Assembly")  # fmt: skip
    assert run(*issue)[0] == 0
    code, out = run("decree", "send", "fed", "land", "--channel", "telegraph")
    assert code == 0 and "sent to 11 bodies on 3 tier(s)" in out
    assert run("decree", "respond", "fed", "land", "n-1", "implemented")[0] == 0
    code, out = run("decree", "respond", "fed", "land", "n-2", "refused")
    assert code == 2 and "must give its reasons" in out
    assert run("decree", "respond", "fed", "land", "n-2", "refused", "--reason", "No.")[0] == 0
    code, out = run("decree", "compliance", "fed", "land")
    assert code == 0 and "11 bodies in scope, 2 replied, 9 silent" in out
    code, out = run("decree", "compliance", "fed", "land", "--under", "n-city")
    assert code == 0 and "3 bodies in scope, 2 replied, 1 silent" in out
    assert run("act", "adopt", "fed", "n-2", "estates", "Estates", "Estates stay.")[0] == 0
    code, out = run("act", "conflict", "fed", "n-2", "estates", "land", "n-2", "We keep them.")
    assert code == 0
    code, out = run("act", "list", "fed", "n-2")
    assert code == 0 and "conflict" in out and "estates" in out
    code, out = run("decree", "list", "fed")
    assert code == 0 and "in-force" in out
    assert run("ledger", "replay", "fed")[0] == 0
