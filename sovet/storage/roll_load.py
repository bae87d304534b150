"""Loading a roll on PostgreSQL while the service checks it.

The COPY runs in a thread on the unit of work's own connection, inside a savepoint,
while the calling thread checks the rows in Python (it does not touch the connection
until it calls ``wait``). The two cores work at once; a failed check rolls everything
back with the unit of work.
"""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

from psycopg import errors as pg_errors

from sovet.domain.errors import InvalidInput


def copy_roll(raw: Any, text: str) -> None:
    """COPY a roll's canonical text into members (org from the ``sovet.org`` setting)."""
    header = next(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None])))
    columns = [h.strip().lower() for h in header]
    nullable = [c for c in columns if c in ("faction", "email")]
    options = "FORMAT csv, HEADER true"
    if nullable:
        options += f", FORCE_NULL ({', '.join(nullable)})"
    with (
        raw.cursor() as cur,
        cur.copy(f"COPY members ({', '.join(columns)}) FROM STDIN WITH ({options})") as copy,
    ):
        copy.write(text)


class PostgresRollLoad:
    def __init__(self, raw: Any, org: str, text: str) -> None:
        self.raw = raw
        self.org = org
        self.text = text
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="roll-load", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.raw.cursor() as cur:
                cur.execute("SAVEPOINT roll_load")
                cur.execute("SELECT set_config('sovet.org', %s, true)", (self.org,))
            try:
                copy_roll(self.raw, self.text)
            except BaseException:
                with self.raw.cursor() as cur:
                    cur.execute("ROLLBACK TO SAVEPOINT roll_load")
                raise
            with self.raw.cursor() as cur:
                cur.execute("RELEASE SAVEPOINT roll_load")
        except BaseException as exc:  # handed to the waiting thread
            self.error = exc

    def wait(self) -> set[str]:
        self.thread.join()
        if self.error is None:
            return set()
        if isinstance(self.error, pg_errors.UniqueViolation):
            return self._taken()
        raise InvalidInput(f"the database refused the roll: {self.error}") from self.error

    def _taken(self) -> set[str]:
        rows = csv.reader(io.StringIO(self.text))
        col = [h.strip().lower() for h in next(rows)].index("number")
        numbers = [r[col] for r in rows if r]
        with self.raw.cursor() as cur:
            cur.execute(
                "SELECT number FROM members WHERE org = %s AND number = ANY(%s)",
                (self.org, numbers),
            )
            return {row[0] for row in cur.fetchall()}
