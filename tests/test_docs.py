"""Docs stay honest: every operation, counting method and CLI command is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.main import get_command

import sovet.services.handlers  # noqa: F401
from sovet.cli.main import app
from sovet.count import METHODS
from sovet.services.bus import OPERATIONS

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_has_its_page(name: str) -> None:
    page = DOCS / "operations" / f"{name}.md"
    assert page.exists(), f"docs/operations/{name}.md is missing"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {name}"), f"{page} must start with '# {name}'"
    assert str(OPERATIONS[name].permission) in text, f"{page} must name its permission"


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_counting_method_has_its_page(method: str) -> None:
    assert (DOCS / "counting" / f"{method}.md").exists(), f"docs/counting/{method}.md is missing"


def _commands(group: typer.core.TyperGroup, prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}".strip()
        out.append((full, cmd))
        if hasattr(cmd, "commands"):
            out += _commands(cmd, full)
    return out


def test_every_cli_command_has_help() -> None:
    root = get_command(app)
    for name, cmd in _commands(root):  # type: ignore[arg-type]
        assert (cmd.help or "").strip(), f"'sovet {name}' has no help text"


def test_readme_names_every_cli_group() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    root = get_command(app)
    for name in root.commands:  # type: ignore[attr-defined]
        assert f"sovet {name}" in readme, f"README does not mention 'sovet {name}'"
