"""STV under the Scottish local government rules (SSI 2007/42, Schedule 1, rules 45-52)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from sovet.count._piles import PileBackend, open_piles, truncate
from sovet.count.errors import EmptyProfile, InvalidCount
from sovet.count.profiles import RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker, TiePolicy

DECIMALS = 5  # rule 48(3): "to five decimal places (any remainder being ignored)"
SOURCE = (
    "The Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1, "
    "rules 45-52 (weighted inclusive Gregory, transfer values truncated to 5 decimals)"
)


@register(
    "stv-scottish",
    name="STV (Scottish rules)",
    ballot=BallotKind.RANKED,
    seats=Seats.MANY,
    source=SOURCE,
)
def stv_scottish(
    profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None
) -> Result:
    """Single transferable vote as counted at Scottish local government elections.

    Source: the Scottish Local Government Elections Order 2007 (SSI 2007/42),
    Schedule 1, rules 45-52.

    - Quota (rule 46): floor(valid ballots / (seats + 1)) + 1.
    - A candidate whose votes equal or exceed the quota at any stage is elected
      (rule 47), during an exclusion as well as after a surplus.
    - Surplus (rules 48-49): the largest surplus is transferred first, one per stage.
      Every ballot the candidate holds passes to its next continuing preference with
      the value surplus × (its value) / (candidate's total), truncated to five decimal
      places (weighted inclusive Gregory); the candidate keeps the quota. Values are
      kept as Fractions that are exact multiples of 0.00001.
    - Exclusion (rules 50-51): when no surplus remains, the continuing candidate with
      the fewest votes is excluded and all their ballots pass on at their current
      values, in one stage.
    - Last vacancies (rule 52): when the continuing candidates are as many as the
      vacancies left, they are elected and nothing more is transferred.

    Ties (equal surpluses, rule 49(2)-(3); equal lowest, rule 51): the statute looks
    at the most recent preceding stage at which the tied candidates had unequal
    votes, then decides by lot. That is the default here (``TiePolicy.BACKWARD``,
    lot with seed 0); another ``ties`` policy may be passed. Candidates elected at
    the same stage are listed by votes, equal votes in ballot-paper order.

    Records every stage: tallies going in, elected, excluded, the surplus's transfer
    value (for a ballot of value one), value transferred, and cumulative
    non-transferable value (exhausted ballots plus truncation remainders), so that
    the tallies plus ``exhausted`` always equal the valid votes.
    """
    return _count(profile, seats, ties, fast=True)


def stv_scottish_reference(
    profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None
) -> Result:
    """The same count on plain-Python piles (the reference for the numpy path)."""
    return _count(profile, seats, ties, fast=False)


def _count(profile: RankedProfile, seats: int, ties: TieBreaker | None, *, fast: bool) -> Result:
    if not 1 <= seats <= profile.n_candidates:
        raise InvalidCount(f"cannot fill {seats} seats from {profile.n_candidates} candidates")
    piles = open_piles(profile, DECIMALS, fast=fast)
    if piles.valid_weight == 0:
        raise EmptyProfile("the profile has no ballot ranking any candidate")
    tb = ties if ties is not None else TieBreaker(TiePolicy.BACKWARD)
    count = _Count(piles, profile.candidates, seats, tb)
    count.run()
    return Result(
        method="stv-scottish",
        seats=seats,
        elected=tuple(profile.candidates[c] for c in count.elected),
        rounds=tuple(count.rounds),
        quota=Fraction(count.quota),
        seed=tb.seed,
        notes=(f"quota {count.quota} = floor({piles.valid_weight} / {seats + 1}) + 1",),
    )


@dataclass
class _Stage:
    """What one stage does after its tallies are taken."""

    elected: list[int] = field(default_factory=list)
    excluded: tuple[int, ...] = ()
    transfer_values: dict[str, Fraction] = field(default_factory=dict)
    transferred: dict[str, Fraction] = field(default_factory=dict)
    note: str = ""


class _Count:
    def __init__(self, piles: PileBackend, names: Sequence[str], seats: int, tb: TieBreaker):
        self.piles, self.names, self.seats, self.tb = piles, names, seats, tb
        self.quota = piles.valid_weight // (seats + 1) + 1
        self.tallies = piles.first_preferences()
        self.continuing = list(range(len(names)))
        self.elected: list[int] = []
        self.pending: list[int] = []  # elected with a surplus not yet transferred
        self.lost = Fraction(0)  # non-transferable value so far
        self.rounds: list[Round] = []

    def run(self) -> None:
        while True:
            now = {self.names[c]: v for c, v in self.tallies.items()}
            lost_before = self.lost
            stage = _Stage(elected=self._reach_quota())
            done = self._finish(stage)
            if not done:
                if self.pending:
                    self._surplus(stage, now)
                else:
                    self._exclude(stage, now)
            self._record(now, lost_before, stage)
            if done:
                return

    def _reach_quota(self) -> list[int]:
        """Rule 47: continuing candidates at or over the quota, highest first."""
        newly = [c for c in self.continuing if self.tallies[c] >= self.quota]
        newly.sort(key=lambda c: (-self.tallies[c], c))
        for c in newly:
            self.continuing.remove(c)
            self.elected.append(c)
            if self.tallies[c] > self.quota:
                self.pending.append(c)
        return newly

    def _finish(self, stage: _Stage) -> bool:
        """All seats filled, or rule 52: the continuing fill the last vacancies."""
        vacancies = self.seats - len(self.elected)
        if vacancies <= 0:
            stage.note = "all seats filled"
            return True
        if len(self.continuing) <= vacancies:
            last = sorted(self.continuing, key=lambda c: (-self.tallies[c], c))
            self.elected.extend(last)
            stage.elected.extend(last)
            self.continuing = []
            stage.note = "rule 52: the continuing candidates fill the last vacancies"
            return True
        return False

    def _surplus(self, stage: _Stage, now: Mapping[str, Fraction]) -> None:
        """Rules 48-49: transfer the largest surplus."""
        top = max(self.tallies[c] for c in self.pending)
        tied = [self.names[c] for c in self.pending if self.tallies[c] == top]
        pick = self.tb.pick(tied, "order", self._history(now), prefer_low=False)
        src = self.names.index(pick)
        self.pending.remove(src)
        total = self.tallies[src]
        surplus = total - self.quota
        moved = self.piles.transfer([src], self.continuing, (surplus, total))
        unit = truncate(surplus / total, DECIMALS)
        stage.transfer_values[pick] = unit
        gained = self._credit({src: surplus}, moved.received, stage)
        papers = moved.exhausted
        self.lost += surplus - gained
        stage.note = (
            f"surplus of {pick} ({surplus}) transferred, {unit} per ballot of value one "
            f"(rule 48); non-transferable {papers}, "
            f"truncation remainder {surplus - gained - papers}"
        )

    def _exclude(self, stage: _Stage, now: Mapping[str, Fraction]) -> None:
        """Rules 50-51: exclude the lowest; its ballots pass on at their values."""
        low = min(self.tallies[c] for c in self.continuing)
        tied = [self.names[c] for c in self.continuing if self.tallies[c] == low]
        pick = self.tb.pick(tied, "exclude", self._history(now), prefer_low=True)
        out = self.names.index(pick)
        self.continuing.remove(out)
        moved = self.piles.transfer([out], self.continuing)
        self._credit({out: low}, moved.received, stage)
        del self.tallies[out]
        self.lost += moved.exhausted
        stage.excluded = (out,)
        stage.note = f"{pick} excluded (rule 50); non-transferable {moved.exhausted}"

    def _credit(
        self, taken: Mapping[int, Fraction], received: Mapping[int, Fraction], stage: _Stage
    ) -> Fraction:
        gained = Fraction(0)
        for c, v in taken.items():
            self.tallies[c] -= v
            stage.transferred[self.names[c]] = -v
        for c, v in received.items():
            if v:
                self.tallies[c] += v
                stage.transferred[self.names[c]] = v
                gained += v
        return gained

    def _history(self, now: Mapping[str, Fraction]) -> list[Mapping[str, Fraction]]:
        return [r.tallies for r in self.rounds] + [now]

    def _record(self, now: Mapping[str, Fraction], lost: Fraction, stage: _Stage) -> None:
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                tallies=now,
                elected=tuple(self.names[c] for c in stage.elected),
                excluded=tuple(self.names[c] for c in stage.excluded),
                transfer_values=stage.transfer_values,
                transferred=stage.transferred,
                exhausted=lost,
                ties=self.tb.take(),
                note=stage.note,
            )
        )
