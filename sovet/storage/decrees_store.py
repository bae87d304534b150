"""Storage of decrees and their dissemination log.

Dissemination is one ``INSERT … SELECT`` over the body graph: a recursive walk that
places every body at its smallest tier below the issuing body, reached through the
smallest parent key at the tier above — the rule of
:func:`sovet.domain.dissemination.reach_scope`, which the tests hold this query to
on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select, text, update

from sovet.domain.dissemination import MAX_TIERS, Reach, ReceiptState, Sent, scope_digest
from sovet.storage import tables as t

# ``e`` in both statements is the edges below each body, as dissemination walks
# them: (parent, child).
#
# Tier 1: the issuing body's children (when it is a root, or no roots are named) and
# every other root; each is its own branch.
_FIRST = """INSERT INTO decree_receipts (org, decree, body, tier, parent, branch, state, reason)
SELECT :org, :decree, child, 1, CAST(:issuing AS VARCHAR), child, 'sent', '' FROM (
    SELECT e.child FROM (
    SELECT target AS parent, source AS child FROM links
     WHERE org = :org AND kind = 'section-of'
    UNION ALL
    SELECT source, target FROM links WHERE org = :org AND kind = 'decrees-apply-to'
    UNION ALL
    SELECT body, source FROM constituencies WHERE org = :org AND source <> body
) e
     WHERE e.parent = CAST(:issuing AS VARCHAR) AND e.child <> CAST(:issuing AS VARCHAR)
       AND {whole}
    UNION
    SELECT body FROM ({roots}) r WHERE body <> CAST(:issuing AS VARCHAR)
) seeds"""

# Tier t: the bodies below tier t-1 not yet reached, each through its smallest parent
# (in code-point order) and in that parent's branch.
_NEXT = """INSERT INTO decree_receipts (org, decree, body, tier, parent, branch, state, reason)
SELECT :org, :decree, c.child, CAST(:tier AS INTEGER), c.parent, p.branch, 'sent', ''
  FROM (
    SELECT e.child, MIN(e.parent{collate}) AS parent FROM (
    SELECT target AS parent, source AS child FROM links
     WHERE org = :org AND kind = 'section-of'
    UNION ALL
    SELECT source, target FROM links WHERE org = :org AND kind = 'decrees-apply-to'
    UNION ALL
    SELECT body, source FROM constituencies WHERE org = :org AND source <> body
) e
      JOIN decree_receipts r ON r.org = :org AND r.decree = :decree
       AND r.tier = CAST(:tier AS INTEGER) - 1 AND r.body = e.parent
     WHERE e.child <> CAST(:issuing AS VARCHAR) AND NOT EXISTS (
        SELECT 1 FROM decree_receipts x
         WHERE x.org = :org AND x.decree = :decree AND x.body = e.child)
     GROUP BY e.child
  ) c
  JOIN decree_receipts p ON p.org = :org AND p.decree = :decree AND p.body = c.parent"""

_PLAN_SETTINGS = (
    "SELECT set_config('enable_nestloop', :nestloop, true), set_config('jit', :jit, true)"
)
_CURRENT_SETTINGS = "SELECT current_setting('enable_nestloop'), current_setting('jit')"

# PostgreSQL hashes the listing itself, so that a hundred thousand rows need not
# travel to Python; elsewhere the rows are read in key order and hashed there.
_DIGEST_PG = """SELECT encode(sha256(convert_to(COALESCE(string_agg(
    body || ' ' || tier || ' ' || parent || chr(10), '' ORDER BY body COLLATE "C"), ''),
    'UTF8')), 'hex')
  FROM decree_receipts WHERE org = :org AND decree = :decree"""


class SqlDecrees:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def numbered(self, org: str, body: str, number: str) -> str | None:
        q = select(t.decrees.c.key).where(
            t.decrees.c.org == org, t.decrees.c.body == body, t.decrees.c.number == number
        )
        return self.conn.execute(q).scalar()

    def send(
        self, org: str, decree: str, issuing: str, roots: Sequence[str], depth: int | None
    ) -> Sent:
        """Write the dissemination log (every body ``sent``), tier by tier, as
        :func:`sovet.domain.dissemination.reach_scope` places them."""
        postgres = self.conn.dialect.name == "postgresql"
        params: dict[str, object] = {"org": org, "decree": decree, "issuing": issuing}
        params.update({f"root{i}": r for i, r in enumerate(roots)})
        rows = " UNION ALL ".join(
            f"SELECT CAST(:root{i} AS VARCHAR) AS body" for i in range(len(roots))
        )
        first = _FIRST.format(
            whole="1 = 1" if not roots or issuing in roots else "1 = 0",
            roots=rows or "SELECT CAST(NULL AS VARCHAR) AS body",
        )
        if postgres:
            # The log's rows of this decree are new: the planner's statistics cannot
            # know them, and a nested loop over them would be quadratic. Hash joins
            # are linear whatever the statistics say; JIT compiling would cost more
            # than it saves on statements this short.
            before = self.conn.execute(text(_CURRENT_SETTINGS)).one()
            self.conn.execute(text(_PLAN_SETTINGS), {"nestloop": "off", "jit": "off"})
        reached = self.conn.execute(text(first), params).rowcount
        tiers = 1 if reached else 0
        nxt = text(_NEXT.format(collate=' COLLATE "C"' if postgres else ""))
        for tier in range(2, min(depth or MAX_TIERS, MAX_TIERS) + 1):
            added = self.conn.execute(nxt, params | {"tier": tier}).rowcount
            if not added:
                break
            reached, tiers = reached + added, tier
        if postgres:
            digest = self.conn.execute(text(_DIGEST_PG), params).scalar_one()
            self.conn.execute(text(_PLAN_SETTINGS), {"nestloop": before[0], "jit": before[1]})
        else:
            r = t.decree_receipts.c
            listing = self.conn.execute(
                select(r.body, r.tier, r.parent)
                .where(r.org == org, r.decree == decree)
                .order_by(r.body)
            )
            digest = scope_digest({b: Reach(tier, p) for b, tier, p in listing})
        return Sent(reached, tiers, digest)

    def receipt(self, org: str, decree: str, body: str) -> ReceiptState | None:
        r = t.decree_receipts.c
        q = select(r.state).where(r.org == org, r.decree == decree, r.body == body)
        state = self.conn.execute(q).scalar()
        return None if state is None else ReceiptState(state)

    def counts(self, org: str, decree: str) -> list[tuple[int, str | None, str, int]]:
        r = t.decree_receipts.c
        q = (
            select(r.tier, r.branch, r.state, func.count())
            .where(r.org == org, r.decree == decree)
            .group_by(r.tier, r.branch, r.state)
        )
        return [(int(a), b, c, int(n)) for a, b, c, n in self.conn.execute(q)]

    def log(self, org: str, decree: str) -> list[tuple[str, int, str, str]]:
        r = t.decree_receipts.c
        q = select(r.body, r.tier, r.parent, r.state).where(r.org == org, r.decree == decree)
        return [tuple(row) for row in self.conn.execute(q)]  # type: ignore[misc]

    def conflicts(self, org: str, decree: str) -> list[tuple[str, str]]:
        r = t.decree_receipts.c
        q = select(r.body, r.conflict).where(
            r.org == org, r.decree == decree, r.conflict.is_not(None)
        )
        return [(b, a) for b, a in self.conn.execute(q)]

    def receipts(self, org: str) -> list[tuple[str, str, int, str, str, str, str, str]]:
        r = t.decree_receipts.c
        q = select(
            r.decree, r.body, r.tier, r.parent, r.branch, r.state, r.reason, r.conflict
        ).where(r.org == org)
        return [(*row[:7], row[7] or "") for row in self.conn.execute(q)]

    def listing(self, org: str) -> list[tuple[str, str, str, str, str, str]]:
        d = t.decrees.c
        q = select(d.key, d.body, d.number, d.title, d.effective, d.status).where(d.org == org)
        return [tuple(row) for row in self.conn.execute(q.order_by(d.position))]  # type: ignore[misc]


def project_issued(conn: Connection, org: str, key: str, values: dict[str, object]) -> None:
    position = conn.execute(
        select(func.count()).select_from(t.decrees).where(t.decrees.c.org == org)
    ).scalar_one()
    conn.execute(t.decrees.insert().values(org=org, key=key, position=position, **values))


def project_status(conn: Connection, org: str, key: str, status: str) -> None:
    conn.execute(
        update(t.decrees)
        .where(t.decrees.c.org == org, t.decrees.c.key == key)
        .values(status=status)
    )


def project_response(
    conn: Connection, org: str, decree: str, body: str, state: str, reason: str
) -> None:
    r = t.decree_receipts.c
    conn.execute(
        update(t.decree_receipts)
        .where(r.org == org, r.decree == decree, r.body == body)
        .values(state=state, reason=reason)
    )


def project_conflict(conn: Connection, org: str, decree: str, body: str, act: str) -> None:
    r = t.decree_receipts.c
    conn.execute(
        update(t.decree_receipts)
        .where(r.org == org, r.decree == decree, r.body == body)
        .values(conflict=act)
    )
