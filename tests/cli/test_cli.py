"""The command line: the demo, imports with bad input, and the ledger commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sovet.cli.main import app

runner = CliRunner(env={"COLUMNS": "200"})


def invoke(db: Path, *args: str) -> object:
    return runner.invoke(app, ["--database", f"sqlite:///{db}", *args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


UNION = {
    "organisation": {"key": "union", "name": "Union"},
    "norms": [{"key": "n", "kind": "per-members", "per": 2, "minimum": 1}],
    "bodies": [
        {"key": "local", "name": "Local", "kind": "council"},
        {"key": "congress", "name": "Congress", "kind": "congress"},
    ],
    "constituencies": [{"key": "lc", "body": "congress", "source": "local", "norm": "n"}],
}


def write_yaml(tmp_path: Path, doc: dict[str, object]) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_demo_builds_verifies_and_replays(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "The Second Congress opens" in result.output
    assert "present: 650 of 650" in result.output
    assert "the chain verifies" in result.output
    assert "equals the stored state" in result.output
    assert (out / "ledger.jsonl").exists()
    assert (out / "report.html").exists()


def test_import_tree_export(tmp_path: Path, db: Path) -> None:
    r = invoke(db, "org", "import", str(write_yaml(tmp_path, UNION)))
    assert r.exit_code == 0, r.output
    r = invoke(db, "org", "tree", "union")
    assert r.exit_code == 0 and "Congress" in r.output
    r = invoke(db, "org", "export", "union")
    assert yaml.safe_load(r.output)["bodies"][0]["key"] == "local"


def test_unknown_body_kind_is_named_and_nothing_written(tmp_path: Path, db: Path) -> None:
    doc = json.loads(json.dumps(UNION))
    doc["bodies"][1]["kind"] = "parliament"
    r = invoke(db, "org", "import", str(write_yaml(tmp_path, doc)))
    assert r.exit_code == 2
    assert "bodies.1.kind (key 'congress')" in r.output
    assert "parliament" in r.output
    assert invoke(db, "org", "list").output.strip() == ""


def test_cycle_in_body_links_is_named_and_nothing_written(tmp_path: Path, db: Path) -> None:
    doc = json.loads(json.dumps(UNION))
    doc["links"] = [{"source": "congress", "target": "local", "kind": "section-of"}]
    r = invoke(db, "org", "import", str(write_yaml(tmp_path, doc)))
    assert r.exit_code == 2
    assert "cycle" in r.output and "congress -> local" in r.output
    assert invoke(db, "org", "list").output.strip() == ""


def test_malformed_yaml_names_the_line(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("organisation:\n  key: x\n  name: [unclosed\n", encoding="utf-8")
    r = invoke(db, "org", "import", str(path))
    assert r.exit_code == 2 and "line" in r.output and "not valid YAML" in r.output


def test_roll_import_reports_the_line_and_writes_nothing(tmp_path: Path, db: Path) -> None:
    invoke(db, "org", "import", str(write_yaml(tmp_path, UNION)))
    roll = tmp_path / "roll.csv"
    roll.write_text("number,name,council\n1,Ada,local\n2,Ben,local\n3,Cy,nowhere\n")
    r = invoke(db, "roll", "import", "union", str(roll))
    assert r.exit_code == 2
    assert "roll.csv, line 4: member 3: no body 'nowhere'" in r.output
    tree = invoke(db, "org", "tree", "union").output
    assert "0 on the roll" in tree
    roll.write_text("number,name,council\n1,Ada,local\n2,Ben,local\n")
    r = invoke(db, "roll", "import", "union", str(roll))
    assert r.exit_code == 0 and "imported 2 members" in r.output


def test_ledger_export_verify_and_tamper(tmp_path: Path, db: Path) -> None:
    invoke(db, "org", "import", str(write_yaml(tmp_path, UNION)))
    out = tmp_path / "ledger.jsonl"
    assert invoke(db, "ledger", "export", "union", "-o", str(out)).exit_code == 0
    r = invoke(db, "ledger", "verify", str(out))
    assert r.exit_code == 0 and r.output.startswith("OK:")
    lines = out.read_text().splitlines()
    lines[2] = lines[2].replace('"Local"', '"Locale"')
    out.write_text("\n".join(lines) + "\n")
    r = invoke(db, "ledger", "verify", str(out))
    assert r.exit_code == 1
    assert "entry 3" in r.output or "seq 3" in r.output


def test_ledger_replay(tmp_path: Path, db: Path) -> None:
    invoke(db, "org", "import", str(write_yaml(tmp_path, UNION)))
    r = invoke(db, "ledger", "replay", "union")
    assert r.exit_code == 0 and "equals the stored state" in r.output


def test_structure_commands(tmp_path: Path, db: Path) -> None:
    steps = [
        ["org", "create", "u", "U"],
        ["faction", "create", "u", "reds", "Reds"],
        ["norm", "set", "u", "n", "--kind", "fixed", "--seats", "3"],
        ["body", "create", "u", "a", "A", "--kind", "council"],
        ["body", "create", "u", "b", "B", "--kind", "congress"],
        ["body", "link", "u", "b", "a", "controls"],
        ["constituency", "create", "u", "ab", "--body", "b", "--source", "a", "--norm", "n"],
        ["member", "add", "u", "1", "Ada", "--council", "a", "--faction", "reds"],
        ["member", "add", "u", "2", "Ben", "--council", "a", "--faction", "reds"],
        ["faction", "split", "u", "reds", "pinks", "Pinks", "--member", "2"],
        ["member", "affiliate", "u", "1"],
        ["mandate", "record", "u", "m1", "--body", "b", "--holder", "1", "--constituency", "ab"],
        ["credential", "issue", "u", "m1", "voting"],
        ["mandate", "status", "u", "m1", "confirmed"],
        ["body", "status", "u", "a", "private-conference"],
    ]
    for step in steps:
        r = invoke(db, *step)
        assert r.exit_code == 0, (step, r.output)
    tree = invoke(db, "org", "tree", "u").output
    assert "3 seats" in tree and "private-conference" in tree
    r = invoke(db, "mandate", "status", "u", "m1", "elected")
    assert r.exit_code == 2 and "cannot go from confirmed to elected" in r.output
    assert invoke(db, "ledger", "replay", "u").exit_code == 0


def test_a_sitting_and_a_roll_call_from_the_command_line(tmp_path: Path, db: Path) -> None:
    doc = json.loads(json.dumps(UNION))
    doc["members"] = [
        {"number": str(i), "name": f"Member {i}", "council": "local"} for i in range(1, 4)
    ]
    doc["mandates"] = [
        {"key": f"m{i}", "body": "congress", "holder": str(i), "constituency": "lc"}
        for i in range(1, 4)
    ]
    assert invoke(db, "org", "import", str(write_yaml(tmp_path, doc))).exit_code == 0
    steps = [
        ["sitting", "open", "union", "s1", "--body", "congress"],
        ["sitting", "register", "union", "s1", "m1", "m2", "m3"],
        ["sitting", "attend", "union", "s1", "present", "m1", "m2", "m3"],
        [
            "poll",
            "open",
            "union",
            "p1",
            "--sitting",
            "s1",
            "--question",
            "Adopt?",
            "--mode",
            "roll-call",
        ],
        ["poll", "cast", "union", "p1", "for", "--for-member", "1"],
        ["poll", "cast", "union", "p1", "for", "--for-member", "2"],
        ["poll", "cast", "union", "p1", "against", "--for-member", "3"],
    ]
    for step in steps:
        r = invoke(db, *step)
        assert r.exit_code == 0, (step, r.output)
    r = invoke(db, "poll", "cast", "union", "p1", "for", "--for-member", "1")
    assert r.exit_code == 2 and "already voted" in r.output
    r = invoke(db, "poll", "close", "union", "p1")
    assert r.exit_code == 0 and "adopted: 2 for, 1 against" in r.output
    assert "quorate" in invoke(db, "sitting", "show", "union", "s1").output
    assert invoke(db, "ledger", "replay", "union").exit_code == 0
