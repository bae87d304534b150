"""Failed logins: at most ``failures`` per login and address within ``window``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LoginPolicy:
    """Five failures per account and address in fifteen minutes close further attempts
    from that address until the oldest of them is fifteen minutes old (OWASP's
    authentication cheat sheet: throttle per account, not only per address)."""

    failures: int = 5
    window: timedelta = timedelta(minutes=15)

    def retry_after(self, failures: Sequence[datetime], now: datetime) -> int | None:
        """Seconds to wait before another attempt is taken, None when one is taken now."""
        recent = sorted(at for at in failures if at > now - self.window)
        if len(recent) < self.failures:
            return None
        # The attempt is taken again once fewer than ``failures`` remain in the window.
        frees = recent[-self.failures] + self.window
        return max(1, math.ceil((frees - now).total_seconds()))
