"""Passwords: Argon2id hashes (DESIGN.md, Security: "passwords hashed with Argon2"),
by argon2-cffi with its default parameters (RFC 9106's second recommended option)."""

from __future__ import annotations

import re
from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sovet.domain.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 1024
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
# Names the ledger already uses for actors that are no account.
RESERVED = frozenset({"anonymous", "operator", "system"})


def check_login(login: str) -> str:
    """A login is 3-40 lower-case letters, digits, '.', '_' or '-', starting with a
    letter or digit (so that it is a safe ledger actor name and URL part), and not a
    name the ledger gives actors that are no account (``operator``, ``anonymous``)."""
    if not isinstance(login, str) or not _LOGIN.match(login):
        raise InvalidInput(
            f"login {login!r} is invalid: use 3-40 lower-case letters, digits, '.', '_' or '-'"
        )
    if login in RESERVED:
        raise InvalidInput(f"login {login!r} is reserved")
    return login


def check_password(password: str) -> str:
    """A password is 10 to 1024 characters; any characters."""
    if not isinstance(password, str) or not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidInput(f"a password must be {MIN_LENGTH} to {MAX_LENGTH} characters long")
    return password


class Passwords:
    """Hashing and verification with one hasher (tests may pass a cheaper one)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()

    def hash(self, password: str) -> str:
        return self.hasher.hash(check_password(password))

    @cached_property
    def _decoy(self) -> str:
        return self.hasher.hash("a password nobody has")

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether ``password`` matches the stored hash; with no hash (an unknown
        login), a decoy is verified instead, so the answer takes as long either way."""
        try:
            return self.hasher.verify(stored or self._decoy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self.hasher.check_needs_rehash(stored)
