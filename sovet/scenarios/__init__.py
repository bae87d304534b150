"""Built-in scenarios: YAML documents shipped with the package.

``petrograd1917.yaml`` is the 1917 scenario's structure, ``petrograd1917-replay.yaml``
its acts from the Soviet's re-elections to the Second Congress, and
``petrograd1917-facts.yaml`` the records of the facts file ``seed-facts.yaml`` (which
accompanies Sovet's historical sources) that they use, copied so that the package
stands alone. Every figure names the fact it comes from, and every figure the
sources do not give is listed under ``assumptions`` with the reason.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def _read(name: str) -> Any:
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load(name: str) -> dict[str, Any]:
    """Read a built-in scenario by name (e.g. ``"petrograd1917"``)."""
    data = _read(name)
    if not isinstance(data, dict):
        raise ValueError(f"scenario {name} is not a mapping")
    return data


def load_list(name: str) -> list[dict[str, Any]]:
    """Read a built-in list of records by name (e.g. ``"petrograd1917-facts"``)."""
    data = _read(name)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError(f"{name} is not a list of records")
    return data
