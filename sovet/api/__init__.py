"""The web API (FastAPI): every operation of the bus, reads for browsing, accounts."""

from sovet.api.app import PREFIX, create_app

__all__ = ["PREFIX", "create_app"]
