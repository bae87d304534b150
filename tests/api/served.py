"""``sovet serve`` run as a separate process on a database that already holds a poll,
with an API token for each voter: shared by the crash-safety test and bench/http.py."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from argon2 import PasswordHasher

from sovet.accounts import Accounts
from sovet.accounts.passwords import Passwords
from sovet.bootstrap import App
from sovet.storage.accounts_store import SqlAccountStore

SOVET = Path(sys.executable).with_name("sovet")
# Accounts are made here in their hundreds: the production Argon2 profile (64 MiB,
# tens of milliseconds a hash) would only slow the setup. Requests never hash.
CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def voter_tokens(app: App, org: str, numbers: list[str], threads: int = 8) -> dict[str, str]:
    """An account for each member number (login ``v-<number>``) and a Bearer token
    scoped to ``ballot.cast`` in ``org``; member number -> token."""
    accounts = Accounts(SqlAccountStore(app.engine), passwords=CHEAP)

    def make(number: str) -> tuple[str, str]:
        login = f"v-{number}".lower()
        accounts.create(login, f"password-{number}", org=org, member=number)
        return number, accounts.create_token(login, "vote", ["ballot.cast"], [org]).secret

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return dict(pool.map(make, numbers))


def admin_token(app: App, login: str = "site-admin") -> str:
    """A site administrator's unscoped token (to close polls and read the ledger)."""
    accounts = Accounts(SqlAccountStore(app.engine), passwords=CHEAP)
    accounts.create(login, "password-of-the-site-admin", site_admin=True)
    return accounts.create_token(login, "admin").secret


class Server:
    """``sovet --database URL serve`` on a free port, in its own process group (so that
    the supervisor and its workers can be killed together), its output in ``log``."""

    def __init__(self, url: str, log: Path, *, workers: int = 1) -> None:
        self.url = url
        self.log = log
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, seconds: float = 180) -> Server:
        env = {k: v for k, v in os.environ.items() if k != "SOVET_DATABASE_URL"}
        command = [str(SOVET), "--database", self.url, "serve", "--port", str(self.port)]
        command += ["--workers", str(self.workers)]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.log.parent,
                start_new_session=True,
            )
        self._wait_ready(seconds)
        return self

    def _wait_ready(self, seconds: float) -> None:
        assert self.proc is not None
        start = self.log.stat().st_size if self.log.exists() else 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            printed = self.log.read_bytes()[start:].decode(errors="replace")
            if len(re.findall(r"Application startup complete", printed)) >= self.workers:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"sovet serve exited with {self.proc.returncode}:\n{printed}")
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"sovet serve was not ready within {seconds}s:\n{printed}")

    def kill(self) -> None:
        """SIGKILL the supervisor and every worker at once: nothing gets to clean up."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        else:
            with contextlib.suppress(ProcessLookupError):  # a worker left behind
                os.killpg(self.proc.pid, signal.SIGKILL)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
