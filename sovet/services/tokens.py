"""Secrets handed to people (invitation links, session cookies, API tokens) and the
digests they are kept by: a store holds only the SHA-256 of a secret, so a copy of the
database lets nobody in. The secrets are 256 random bits, so a plain hash suffices
(unlike a password, nothing about them can be guessed)."""

from __future__ import annotations

import hashlib
import secrets


def new_secret() -> str:
    """A fresh secret: 32 random bytes, URL-safe text."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The SHA-256 of ``secret`` in hex: what stores keep instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
