"""Dissemination of a decree down the tree, each body's response, and the compliance
count (mechanism M13).

**Scope.** The bodies below a body are those whose membership and seats flow into
it — its sections (``section-of`` links) and the bodies that fill its seats
(constituencies whose source is a lower body) — and the bodies a
``decrees-apply-to`` link names. A decree's scope is reached breadth first from the
issuing body: each body at its smallest tier (1 = directly below), with as its
*parent* the body it was reached through (the smallest key among the parents at the
tier above, so that the dissemination tree is the same on every database and in
replay). A scope may start at named roots instead of the whole tree and stop at a
depth.

**Responses.** Every body in scope starts as ``sent``. It reports ``received``,
``acknowledged``, ``adopted`` (locally) and ``implemented`` in that order, possibly
skipping steps, never going back; it may refuse with reasons at any point before it
has implemented, and may reconsider a refusal by acknowledging, adopting or
implementing. No reply is not a refusal: a body still at ``sent`` or ``received``
counts as *silent* (the seeds' "917 organisations, 50 replied" is the count of
those that replied).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sovet.domain.errors import InvalidInput, InvalidTransition, NotFound
from sovet.domain.organisation import Organisation
from sovet.domain.structure import LinkKind


class ReceiptState(StrEnum):
    SENT = "sent"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ADOPTED = "adopted"
    IMPLEMENTED = "implemented"
    REFUSED = "refused"


LADDER: tuple[ReceiptState, ...] = (
    ReceiptState.SENT,
    ReceiptState.RECEIVED,
    ReceiptState.ACKNOWLEDGED,
    ReceiptState.ADOPTED,
    ReceiptState.IMPLEMENTED,
)
SILENT = frozenset({ReceiptState.SENT, ReceiptState.RECEIVED})
# The order of the summary's columns.
STATES: tuple[ReceiptState, ...] = (*LADDER, ReceiptState.REFUSED)
MAX_TIERS = 64  # a bound for the scope's walk where decrees-apply-to links form a loop


@dataclass(frozen=True)
class Reach:
    """How a decree reaches a body: its tier below the issuing body, and the body it
    was reached through."""

    tier: int
    parent: str


# -- scope ------------------------------------------------------------------------
def below(org: Organisation) -> dict[str, set[str]]:
    """Each body's bodies directly below it, for dissemination (see the module)."""
    edges: dict[str, set[str]] = {}
    for link in org.links:
        if link.kind is LinkKind.SECTION_OF:
            edges.setdefault(link.target, set()).add(link.source)
        elif link.kind is LinkKind.DECREES_APPLY_TO:
            edges.setdefault(link.source, set()).add(link.target)
    for c in org.constituencies.values():
        if c.source != c.body:
            edges.setdefault(c.body, set()).add(c.source)
    return edges


def check_roots(org: Organisation, issuing: str, roots: Iterable[str]) -> tuple[str, ...]:
    """Each root is the issuing body or a body below it."""
    roots = tuple(roots)
    if not roots:
        return roots
    whole = reach_scope(org, issuing, (), None)
    for root in roots:
        org.body(root)
        if root != issuing and root not in whole:
            raise InvalidInput(
                f"scope root {root} is not below {issuing}: a decree binds only bodies below "
                "the body that issues it"
            )
    return roots


def reach_scope(
    org: Organisation, issuing: str, roots: Iterable[str], depth: int | None
) -> dict[str, Reach]:
    """The bodies a decree of ``issuing`` reaches, breadth first (see the module)."""
    edges = below(org)
    limit = min(depth or MAX_TIERS, MAX_TIERS)
    tier_now: dict[str, str] = {}
    for root in tuple(roots) or (issuing,):
        if root == issuing:
            for child in edges.get(issuing, ()):
                tier_now[child] = issuing
        else:
            tier_now[root] = issuing
    reached: dict[str, Reach] = {}
    tier = 1
    while tier_now and tier <= limit:
        for body, parent in tier_now.items():
            if body != issuing:
                reached[body] = Reach(tier, parent)
        following: dict[str, str] = {}
        for parent in sorted(tier_now):
            for child in edges.get(parent, ()):
                if child in reached or child == issuing or child in following:
                    continue
                following[child] = parent
        tier_now, tier = following, tier + 1
    return reached


@dataclass(frozen=True)
class Sent:
    """What a dissemination reached: how many bodies, on how many tiers, and the
    digest of the scope's listing (:func:`scope_digest`)."""

    bodies: int
    tiers: int
    digest: str

    @classmethod
    def of(cls, reach: Mapping[str, Reach]) -> Sent:
        tiers = max((r.tier for r in reach.values()), default=0)
        return cls(len(reach), tiers, scope_digest(reach))


def scope_digest(reach: Mapping[str, Reach]) -> str:
    """SHA-256 of the scope's canonical listing: one line ``body tier parent`` per
    body, sorted by body key, UTF-8, each line ending in a newline."""
    h = hashlib.sha256()
    for body in sorted(reach):
        r = reach[body]
        h.update(f"{body} {r.tier} {r.parent}\n".encode())
    return h.hexdigest()


# -- responses --------------------------------------------------------------------
def parse_state(value: str) -> ReceiptState:
    try:
        state = ReceiptState(value)
    except ValueError:
        allowed = ", ".join(s.value for s in STATES[1:])
        raise InvalidInput(f"unknown response {value!r}; expected one of: {allowed}") from None
    if state is ReceiptState.SENT:
        raise InvalidInput("'sent' is set by dissemination; a body reports what it did")
    return state


def check_response(
    decree: str, body: str, current: ReceiptState, new: ReceiptState, reason: str
) -> None:
    """The response rule of the module docstring."""
    where = f"decree {decree}, body {body}"
    if new is ReceiptState.REFUSED:
        if not reason.strip():
            raise InvalidInput(f"{where}: a refusal must give its reasons")
        if current in (ReceiptState.REFUSED, ReceiptState.IMPLEMENTED):
            raise InvalidTransition(f"{where}: cannot refuse a decree already {current}")
        return
    if current is ReceiptState.REFUSED:
        if new in SILENT:
            raise InvalidTransition(
                f"{where}: a refusal is reconsidered by acknowledging, adopting or "
                f"implementing, not by reporting {new}"
            )
        return
    if LADDER.index(new) <= LADDER.index(current):
        raise InvalidTransition(f"{where}: the decree is already {current}; cannot report {new}")


# -- compliance -----------------------------------------------------------------
@dataclass(frozen=True)
class Tallies:
    """How many bodies are in each state (every state present, zero when none)."""

    counts: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Tallies:
        unknown = set(counts) - {s.value for s in STATES}
        if unknown:
            raise InvalidInput(f"unknown receipt states {sorted(unknown)}")
        return cls(tuple((s.value, int(counts.get(s.value, 0))) for s in STATES))

    def __getitem__(self, state: str) -> int:
        return dict(self.counts)[state]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def silent(self) -> int:
        return sum(n for s, n in self.counts if ReceiptState(s) in SILENT)

    @property
    def replied(self) -> int:
        return self.total - self.silent


@dataclass(frozen=True)
class Compliance:
    """A decree's compliance below ``under`` (the issuing body for the whole scope):
    the tallies of the bodies in that part of the scope, by tier, and one row per
    body directly below ``under`` covering its whole branch, to drill down."""

    decree: str
    under: str
    whole: Tallies
    by_tier: tuple[tuple[int, Tallies], ...]
    branches: tuple[tuple[str, Tallies], ...]
    conflicts: tuple[tuple[str, str], ...] = ()  # (body, local act) flagged in conflict


def branches_below(under: str, receipts: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """For receipts ``(body, parent)`` of a dissemination tree: every body at or below
    ``under`` mapped to the body directly below ``under`` whose branch it is in
    (``None`` for ``under`` itself, when it is in scope)."""
    children: dict[str, list[str]] = {}
    bodies: set[str] = set()
    for body, parent in receipts:
        children.setdefault(parent, []).append(body)
        bodies.add(body)
    out: dict[str, str | None] = {under: None} if under in bodies else {}
    stack = [(child, child) for child in children.get(under, ())]
    while stack:
        body, branch = stack.pop()
        out[body] = branch
        stack.extend((c, branch) for c in children.get(body, ()))
    return out


def count_below(
    under: str, log: Iterable[tuple[str, int, str, str]]
) -> list[tuple[int, str | None, str, int]]:
    """Counts ``(tier, branch, state, bodies)`` of the log's rows ``(body, tier,
    parent, state)`` at or below ``under`` (branches as :func:`branches_below`)."""
    rows = {body: (tier, parent, state) for body, tier, parent, state in log}
    branch = branches_below(under, ((b, r[1]) for b, r in rows.items()))
    out: dict[tuple[int, str | None, str], int] = {}
    for body, br in branch.items():
        tier, _, state = rows[body]
        out[(tier, br, state)] = out.get((tier, br, state), 0) + 1
    return [(*k, n) for k, n in out.items()]


def summarise(
    decree: str,
    under: str,
    rows: Iterable[tuple[int, str | None, str, int]],
    conflicts: Iterable[tuple[str, str]] = (),
) -> Compliance:
    """Compliance from counts ``(tier, branch, state, bodies)`` of the bodies at or
    below ``under`` (``branch`` as :func:`branches_below` gives it)."""
    whole: dict[str, int] = {}
    tiers: dict[int, dict[str, int]] = {}
    branches: dict[str, dict[str, int]] = {}
    seen = False
    for tier, branch, state, n in rows:
        seen = True
        whole[state] = whole.get(state, 0) + n
        per_tier = tiers.setdefault(tier, {})
        per_tier[state] = per_tier.get(state, 0) + n
        if branch is not None:
            per_branch = branches.setdefault(branch, {})
            per_branch[state] = per_branch.get(state, 0) + n
    if not seen:
        raise NotFound(f"decree {decree} reaches no body at or below {under}")
    return Compliance(
        decree=decree,
        under=under,
        whole=Tallies.of(whole),
        by_tier=tuple((t, Tallies.of(tiers[t])) for t in sorted(tiers)),
        branches=tuple((b, Tallies.of(branches[b])) for b in sorted(branches)),
        conflicts=tuple(sorted(conflicts)),
    )
