"""Sovet: a council-democracy engine.

Pure rules live in :mod:`sovet.count`, :mod:`sovet.ledger` and :mod:`sovet.domain`;
:mod:`sovet.services` holds the operations and their ports, :mod:`sovet.storage`
implements those ports, and the interfaces (:mod:`sovet.cli`, :mod:`sovet.api`, later
the web pages) call only the services.
"""

__version__ = "0.1.0"
