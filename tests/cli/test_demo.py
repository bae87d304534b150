"""``sovet demo --what-if``: the replay under overrides, and the outcomes that change."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sovet.cli.main import app

runner = CliRunner(env={"COLUMNS": "200"})


def test_demo_with_a_what_if_lists_the_changes_and_writes_them_into_the_report(
    tmp_path: Path,
) -> None:
    overrides = tmp_path / "no-walkout.yaml"
    overrides.write_text(
        "name: The Right stays\noverrides:\n  - {act: congress-walkout, skip: true}\n", "utf-8"
    )
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out), "--what-if", str(overrides)])
    assert result.exit_code == 0, result.output
    assert "What if: The Right stays" in result.output
    assert "adopted 566–2–12" in result.output and "adopted 636–2–12" in result.output
    assert "the chain verifies" in result.output
    report = (out / "report.html").read_text("utf-8")
    assert 'id="what-if"' in report and "adopted 636–2–12" in report
    assert (out / "what-if.db").exists() and (out / "sovet.db").exists()


def test_a_bad_what_if_file_is_refused_before_anything_is_replayed(tmp_path: Path) -> None:
    overrides = tmp_path / "bad.yaml"
    overrides.write_text("overrides:\n  - {act: congress-walkout, method: dhondt}\n", "utf-8")
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out), "--what-if", str(overrides)])
    assert result.exit_code == 2
    assert "needs an act that allots seats" in result.output
    assert not out.exists()
