"""Why the accounts service refuses to let someone in."""

from __future__ import annotations


class AccountError(Exception):
    """Authentication or a session's safeguard refuses the request."""


class NotAuthenticated(AccountError):
    """The session or token presented is unknown, expired or revoked."""


class LoginFailed(NotAuthenticated):
    """Wrong login or password (which of the two is not said)."""


class TooManyAttempts(AccountError):
    """Too many failed logins for this account from this address; ``retry_after`` is
    the number of seconds until the next attempt is taken."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class InvitationUnusable(AccountError):
    """The invitation link has been used already, or has expired."""


class CsrfRefused(AccountError):
    """A form or request sent with the session cookie lacks the session's CSRF token."""
