"""Keys: the stable, human-readable identifiers of things within an organisation."""

from __future__ import annotations

import re

from sovet.domain.errors import InvalidInput

_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")


def check_key(value: str, what: str) -> str:
    """A key is 1-80 characters of lower-case letters, digits, '.', '_' or '-'.

    Keys appear in the ledger's subjects (``body:petrograd-soviet``) and in URLs, so
    they are restricted to characters that need no escaping anywhere.
    """
    if not isinstance(value, str) or not _KEY.match(value):
        raise InvalidInput(
            f"{what} key {value!r} is invalid: use 1-80 lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter or digit"
        )
    return value


def check_name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{what} name must not be empty")
    if len(value) > 300:
        raise InvalidInput(f"{what} name is longer than 300 characters")
    return value.strip()
