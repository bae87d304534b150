"""Operations of elections of mandates: open, declare, fill a seat from the list (M03, M04).

An election is kept as the stream of its events (``election:<key>``). Declaring it
and filling a seat from its list record the winners' mandates with
:meth:`Organisation.record_mandate` in the same transaction, so the ledger reads
``election.declare`` followed by one ``mandate.record`` per seat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sovet.count import (
    ApprovalProfile,
    BallotKind,
    CountError,
    RankedProfile,
    TieBreaker,
    TiePolicy,
    get_method,
)
from sovet.domain.elections import Elected, Election, ElectionMethod
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.exact import choice, parse_fraction
from sovet.domain.members import Mandate
from sovet.domain.organisation import Organisation
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_election(uow: UnitOfWork, org: str, key: str) -> Election:
    return Election.replay(uow.streams.load(org, f"election:{key}"))


def stream_exists(uow: UnitOfWork, org: str, stream: str) -> bool:
    try:
        uow.streams.load(org, stream)
    except NotFound:
        return False
    return True


def record_seat(
    ctx: Context, org: Organisation, seat: Elected, body: str, constituency: str | None
) -> None:
    """Record the mandate of a seat won (elected, allotted or succeeded to)."""
    try:
        ctx.uow.mandates.get(org.key, seat.mandate)
    except NotFound:
        pass
    else:
        raise AlreadyExists(f"organisation {org.key} already has a mandate {seat.mandate!r}")
    holder = ctx.uow.members.get(org.key, seat.holder)
    mandate = Mandate(seat.mandate, body, constituency, holder.number, seat.faction)
    org.record_mandate(mandate, holder)


def off_the_roll(ctx: Context, org: str, names: Sequence[str]) -> set[str]:
    """Candidates no longer on the organisation's roll: not eligible for a seat."""
    return set(names) - ctx.uow.members.taken(org, list(names))


def fill_seat(
    ctx: Context, org: Organisation, election: Election, mandate: str, ineligible: Iterable[str]
) -> Elected:
    """The seat of ``mandate`` goes to the next on its list; the successor's mandate is
    recorded. The caller has checked that the mandate has ended."""
    seat = next((s for s in election.current() if s.mandate == mandate), None)
    if seat is None:
        raise NotFound(f"election {election.key}: mandate {mandate} is none of its current seats")
    names = election.lists.get(seat.faction or "", ())
    barred = set(ineligible) | off_the_roll(ctx, org.key, names)
    successor = election.fill_from_list(seat.holder, barred)
    org.pending.extend(election.pending)
    record_seat(ctx, org, successor, election.body, election.constituency)
    return successor


@operation("election.open", command=c.OpenElection, permission=Permission.ORG_ADMIN)
def open_election(cmd: c.OpenElection, ctx: Context) -> str:
    """Open an election (or a by-election for a vacated seat) with its candidates fixed."""
    org = ctx.uow.orgs.get(cmd.org)
    _check_where(ctx, org, cmd)
    if stream_exists(ctx.uow, cmd.org, f"election:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has an election {cmd.key!r}")
    names = list(cmd.candidates) + [m for _, members in cmd.lists for m in members]
    missing = off_the_roll(ctx, cmd.org, names)
    if missing:
        raise NotFound(f"election {cmd.key}: {', '.join(sorted(missing))} not on the roll")
    for faction in [f for _, f in cmd.factions] + [f for f, _ in cmd.lists]:
        org.faction(faction)
    factions = _candidate_factions(ctx, cmd)
    threshold = parse_fraction(cmd.threshold, f"election {cmd.key}: threshold")
    if cmd.vacancy is not None:
        election = _by_election(cmd, factions)
    else:
        election = Election.open(
            cmd.key,
            cmd.body,
            cmd.constituency,
            cmd.seats,
            cmd.method,
            candidates=cmd.candidates,
            factions=factions,
            lists=_lists(cmd),
            apportionment=cmd.apportionment,
            threshold=threshold,
            term_ends=cmd.term_ends,
        )
    org.pending.extend(election.pending)
    return cmd.key


def _check_where(ctx: Context, org: Organisation, cmd: c.OpenElection) -> None:
    """The body exists; the constituency exists and fills that body; a vacancy is an
    ended mandate of that body and constituency."""
    org.body(cmd.body)
    if cmd.constituency is not None:
        constituency = org.constituencies.get(cmd.constituency)
        if constituency is None:
            raise NotFound(f"organisation {org.key} has no constituency {cmd.constituency!r}")
        if constituency.body != cmd.body:
            raise InvalidInput(
                f"election {cmd.key}: constituency {constituency.key} fills seats of "
                f"{constituency.body}, not {cmd.body}"
            )
    if cmd.vacancy is None:
        return
    vacated = ctx.uow.mandates.get(cmd.org, cmd.vacancy)
    if vacated.active:
        raise InvalidInput(
            f"by-election {cmd.key}: mandate {vacated.key} is still {vacated.status}; "
            "only a vacated seat is filled by by-election"
        )
    if vacated.body != cmd.body or (
        vacated.constituency is not None and vacated.constituency != cmd.constituency
    ):
        raise InvalidInput(
            f"by-election {cmd.key}: mandate {vacated.key} was a seat of {vacated.body} "
            f"from {vacated.constituency}, not of {cmd.body} from {cmd.constituency}"
        )


def _candidate_factions(ctx: Context, cmd: c.OpenElection) -> dict[str, str]:
    """Each candidate's faction: as given, else the member's faction on the roll."""
    out = dict(cmd.factions)
    if len(out) != len(cmd.factions):
        raise InvalidInput(f"election {cmd.key}: a candidate is given a faction twice")
    for number in cmd.candidates:
        if number not in out:
            faction = ctx.uow.members.get(cmd.org, number).faction
            if faction is not None:
                out[number] = faction
    return out


def _lists(cmd: c.OpenElection) -> dict[str, tuple[str, ...]] | None:
    lists = dict(cmd.lists)
    if len(lists) != len(cmd.lists):
        raise InvalidInput(f"election {cmd.key}: a faction is given two lists")
    return lists or None


def _by_election(cmd: c.OpenElection, factions: dict[str, str]) -> Election:
    if cmd.seats != 1 or cmd.lists:
        raise InvalidInput(f"by-election {cmd.key}: one seat, filled by candidates, not lists")
    return Election.by_election(
        cmd.key,
        cmd.body,
        cmd.constituency,
        cmd.vacancy or "",
        candidates=cmd.candidates,
        method=cmd.method,
        factions=factions,
        term_ends=cmd.term_ends,
    )


@operation("election.declare", command=c.DeclareElection, permission=Permission.ORG_ADMIN)
def declare_election(cmd: c.DeclareElection, ctx: Context) -> list[Elected]:
    """Count the ballots, declare the winners and record their mandates."""
    org = ctx.uow.orgs.get(cmd.org)
    election = load_election(ctx.uow, cmd.org, cmd.election)
    barred = set(cmd.ineligible) | off_the_roll(ctx, cmd.org, election.all_candidates())
    ties = TieBreaker(choice(TiePolicy, cmd.ties, "tie policy"), seed=cmd.seed)
    if election.method is ElectionMethod.PARTY_LIST:
        if cmd.ballots:
            raise InvalidInput(f"election {election.key} is held on lists: give votes per list")
        seated = election.declare(_votes(election.key, cmd.votes), ineligible=barred, ties=ties)
    else:
        if cmd.votes:
            raise InvalidInput(f"election {election.key} counts ballots, not votes per list")
        profile = _profile(election, cmd.ballots, barred)
        seated = election.declare(profile, ineligible=barred, ties=ties)
    org.pending.extend(election.pending)
    for seat in seated:
        record_seat(ctx, org, seat, election.body, election.constituency)
    return seated


def _votes(key: str, votes: Sequence[tuple[str, int]]) -> dict[str, int]:
    out = dict(votes)
    if len(out) != len(votes):
        raise InvalidInput(f"election {key}: a list is given votes twice")
    return out


def _profile(
    election: Election, ballots: Sequence[tuple[Sequence[str], int]], barred: set[str]
) -> RankedProfile | ApprovalProfile:
    """The ballots as the method's profile over the eligible candidates; a name of an
    ineligible candidate is passed over, as if it were not on the ballot."""
    eligible = [name for name in election.candidates if name not in barred]
    rows = [(tuple(n for n in names if n not in barred), weight) for names, weight in ballots]
    try:
        if get_method(election.method).ballot is BallotKind.RANKED:
            return RankedProfile.from_rankings(eligible, rows)
        return ApprovalProfile.from_sets(eligible, [(set(names), w) for names, w in rows])
    except CountError as exc:
        raise InvalidInput(f"election {election.key}: {exc}") from exc


@operation("election.fill-from-list", command=c.FillFromList, permission=Permission.ORG_ADMIN)
def fill_from_list(cmd: c.FillFromList, ctx: Context) -> Elected:
    """Give a vacated seat to the next on its list and record the successor's mandate."""
    org = ctx.uow.orgs.get(cmd.org)
    election = load_election(ctx.uow, cmd.org, cmd.election)
    vacated = ctx.uow.mandates.get(cmd.org, cmd.mandate)
    if vacated.active:
        raise InvalidInput(
            f"election {cmd.election}: mandate {vacated.key} is still {vacated.status}; "
            "a seat is filled from the list once vacated"
        )
    return fill_seat(ctx, org, election, cmd.mandate, cmd.ineligible)


@operation("election.due", command=c.DueElections, permission=Permission.MEMBER)
def due_elections(cmd: c.DueElections, ctx: Context) -> list[str]:
    """The elections whose winners' term has ended, so that a re-election is due."""
    now = ctx.clock()
    keys = sorted(
        {
            stream
            for stream, _seq, _op, _payload in ctx.uow.streams.all(cmd.org)
            if stream.startswith("election:")
        }
    )
    return [
        key.split(":", 1)[1]
        for key in keys
        if load_election(ctx.uow, cmd.org, key.split(":", 1)[1]).is_due(now)
    ]
