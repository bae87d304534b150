"""Imports every module that registers counting methods (order is the listing order)."""

import importlib

_MODULES = (
    "sovet.count.majority",
    "sovet.count.plurality",
    "sovet.count.positional",
    "sovet.count.condorcet",
    "sovet.count.irv",
    "sovet.count.stv_scottish",
    "sovet.count.stv_meek",
    "sovet.count.apportionment",
)

for _name in _MODULES:
    importlib.import_module(_name)
