"""Accounts: logins of members and site administrators, sessions, API tokens, and the
actor each stands for when the bus checks a permission."""

from sovet.accounts.errors import (
    AccountError,
    CsrfRefused,
    InvitationUnusable,
    LoginFailed,
    NotAuthenticated,
    TooManyAttempts,
)
from sovet.accounts.model import Account, NewSession, NewToken, Session, TokenInfo
from sovet.accounts.service import Accounts

__all__ = [
    "Account",
    "AccountError",
    "Accounts",
    "CsrfRefused",
    "InvitationUnusable",
    "LoginFailed",
    "NewSession",
    "NewToken",
    "NotAuthenticated",
    "Session",
    "TokenInfo",
    "TooManyAttempts",
]
