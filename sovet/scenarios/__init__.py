"""Built-in scenarios: YAML documents shipped with the package.

``petrograd1917.yaml`` is the 1917 scenario. Its figures come from the facts file
``seed-facts.yaml`` that accompanies Sovet's historical sources; every figure names
the fact it comes from (``source``), and every figure the sources do not give is
listed under ``assumptions``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load(name: str) -> dict[str, Any]:
    """Read a built-in scenario by name (e.g. ``"petrograd1917"``)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"scenario {name} is not a mapping")
    return data
