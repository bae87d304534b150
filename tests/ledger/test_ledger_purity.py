"""The ledger stands alone: only the standard library, nothing else from Sovet."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import sovet.ledger

PACKAGE = Path(sovet.ledger.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_ledger_imports_only_the_standard_library_and_itself() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        for name in _imported_modules(path):
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name.startswith("sovet.ledger")
            assert allowed, f"{path.name} imports {name}"
