"""Replaying a built-in scenario's history through Sovet's own operations.

:func:`load_replay` reads the acts of a scenario with the facts they rest on;
:func:`replay` performs them through a :class:`~sovet.services.bus.Bus` whose clock is
a :class:`HistoricalClock`, and returns a :class:`ReplayResult` that the CLI narrates
and :mod:`sovet.report` renders; :mod:`sovet.services.replay.whatif` replays the same
acts under overrides and lists the outcomes that change.
"""

from sovet.services.replay.records import ReplayResult
from sovet.services.replay.run import HistoricalClock, instant, replay
from sovet.services.replay.spec import Figure, ReplaySpec, load_replay

__all__ = [
    "Figure",
    "HistoricalClock",
    "ReplayResult",
    "ReplaySpec",
    "instant",
    "load_replay",
    "replay",
]
