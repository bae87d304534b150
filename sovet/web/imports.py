"""Roll imports running in the background, so that a page can show their progress.

An import is one operation (``roll.import``: all rows or none) run through the bus on
a thread of its own; its ``progress`` callback reports rows read and checked, which
the job keeps for the progress page to show. Jobs live in the memory of the server
process that started them, for an hour after they end; a server of several worker
processes shows a job's progress only to requests that reach the same process.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass, field

from sovet.domain.errors import DomainError
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

KEPT_SECONDS = 3600.0
log = logging.getLogger("sovet.web")


@dataclass
class ImportJob:
    """One roll import: who started it, how far it has got, and how it ended."""

    id: str
    org: str
    login: str
    source: str
    expected: int  # rows in the file, counted by its lines (the figure the bar fills to)
    done: int = 0
    imported: int | None = None
    error: Exception | None = None
    ended: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def running(self) -> bool:
        return self.ended is None

    def advance(self, rows: int) -> None:
        with self.lock:
            self.done = max(self.done, rows)


class ImportJobs:
    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def start(
        self, bus: Bus, actor: Actor, login: str, org: str, source: str, text: str
    ) -> ImportJob:
        rows = max(0, text.count("\n") - 1 + (0 if text.endswith("\n") else 1))
        job = ImportJob(secrets.token_urlsafe(12), org, login, source, rows)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        command = c.ImportRoll(org, source, text, progress=job.advance)
        threading.Thread(target=self._run, args=(bus, actor, job, command), daemon=True).start()
        return job

    @staticmethod
    def _run(bus: Bus, actor: Actor, job: ImportJob, command: c.ImportRoll) -> None:
        try:
            imported = bus.execute(actor, command)
        except Exception as exc:  # shown on the progress page; the unexpected is logged
            if not isinstance(exc, DomainError):
                log.exception("roll import %s failed", job.id, exc_info=exc)
            job.error = exc
        else:
            job.imported = imported
            job.advance(imported)
        finally:
            job.ended = time.monotonic()

    def get(self, job_id: str, login: str) -> ImportJob | None:
        """The job, to the account that started it only (its progress tells what the
        roll holds)."""
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.login == login else None

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self._jobs.items() if j.ended and now - j.ended > KEPT_SECONDS]:
            del self._jobs[key]
