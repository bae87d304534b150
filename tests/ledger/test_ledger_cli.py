"""``python -m sovet.ledger verify``: output and exit status 0 / 1 / 2."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovet.ledger
from sovet.ledger import Entry, dumps_jsonl
from sovet.ledger.cli import main
from tests.ledger.ledger_strategies import sample_chain


def write(path: Path, entries: list[Entry]) -> Path:
    path.write_bytes(dumps_jsonl(entries).encode("utf-8"))
    return path


def test_the_module_runs_standalone_with_only_the_standard_library(tmp_path: Path) -> None:
    """A copy of sovet/ledger alone, run without site-packages (-S), verifies a chain."""
    package = tmp_path / "sovet"
    shutil.copytree(Path(sovet.ledger.__file__).parent, package / "ledger")
    (package / "__init__.py").write_text("", encoding="utf-8")
    chain = sample_chain(size=3)
    export = write(tmp_path / "chain.jsonl", chain)
    done = subprocess.run(
        [sys.executable, "-S", "-E", "-m", "sovet.ledger", "verify", str(export)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"OK: 3 entries, head {chain[-1].hash}\n"


def test_ok_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chain = sample_chain(size=3)
    export = write(tmp_path / "chain.jsonl", chain)
    assert main(["verify", str(export)]) == 0
    assert capsys.readouterr().out == f"OK: 3 entries, head {chain[-1].hash}\n"
    args = ["verify", str(export), "--org", "1", "--head", chain[-1].hash, "--count", "3"]
    assert main(args) == 0


def test_a_bad_entry_exits_1_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = dumps_jsonl(sample_chain(size=3)).replace("Совет 1", "Совет 9")
    export = tmp_path / "chain.jsonl"
    export.write_text(text, encoding="utf-8")
    assert main(["verify", str(export)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAILED: line 2: entry 2: hash mismatch (stored ")


def test_a_truncated_chain_exits_1_against_the_published_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = sample_chain(size=3)
    export = write(tmp_path / "chain.jsonl", chain[:2])
    assert main(["verify", str(export)]) == 0
    capsys.readouterr()
    assert main(["verify", str(export), "--count", "3"]) == 1
    assert capsys.readouterr().out == (
        "FAILED: the chain has 2 entries, expected 3: entry 3 is missing\n"
    )
    assert main(["verify", str(export), "--head", chain[-1].hash]) == 1


def test_several_organisations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = sample_chain("a", 2), sample_chain("b", 1)
    export = write(tmp_path / "chains.jsonl", [a[0], b[0], a[1]])
    assert main(["verify", str(export)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "OK: 3 entries in 2 organisations",
        f"  organisation 'a': 2 entries, head {a[-1].hash}",
        f"  organisation 'b': 1 entry, head {b[-1].hash}",
    ]
    heads = ["--head", f"a={a[-1].hash}", "--head", f"b={b[-1].hash}"]
    assert main(["verify", str(export), *heads, "--count", "a=2", "--count", "b=1"]) == 0
    assert main(["verify", str(export), "--count", "a=2", "--count", "b=2"]) == 1
    assert main(["verify", str(export), "--org", "a"]) == 1


def test_a_malformed_file_exits_2_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "chain.jsonl"
    export.write_bytes(dumps_jsonl(sample_chain(size=2)).encode() + b'{"v":1\n')
    assert main(["verify", str(export)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {export}: line 3: not valid JSON")


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "missing.jsonl")]) == 2
    assert "error: cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "three"], "is not a whole number"),
        (["--head", "nothex"], "64 hexadecimal digits"),
        (["--count", "1", "--count", "x=1"], "give one value"),
        (["--count", "2", "--count", "3"], "give one value"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    export = write(tmp_path / "chain.jsonl", sample_chain(size=1))
    assert main(["verify", str(export), *args]) == 2
    assert message in capsys.readouterr().err


def test_standard_input_and_lenient_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spaced = dumps_jsonl(sample_chain(size=2)).replace(",", ", ").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(spaced)))
    assert main(["verify", "-"]) == 2
    assert "not in canonical form" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(spaced)))
    assert main(["verify", "-", "--lenient"]) == 0


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert "verify" in capsys.readouterr().err
