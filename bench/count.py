"""Counting speed: Sovet against other Python libraries, on the same ballots, in one run.

    .venv/bin/python bench/count.py            # 1,000,000 ballots, 10 and 20 candidates
    .venv/bin/python bench/count.py --quick    # 100,000 ballots, short budgets
    .venv/bin/python bench/count.py --big      # 10,000,000 x 20: Sovet and numpy only

Ballots are complete rankings drawn (seeded) under impartial culture (every ranking
equally likely) and under a two-dimensional spatial model (voters and candidates
standard normal in the plane; a voter ranks candidates by distance). Methods: IRV,
STV with 3 and 7 seats, Schulze.

What is timed:

- Sovet end to end: ``RankedProfile.from_array`` on the raw (n, candidates) array
  (validation and deduplication included) plus the count; Sovet count only: the
  count on a profile built beforehand. Both are the median of 3 repetitions.
- numpy reference (IRV only): the straightforward count, one first-preference
  ``bincount`` pass per round over the full ballot array.
- Each peer: building the library's own ballot input from the raw array (one entry
  per ballot, as its documentation shows; votelib's native input is a mapping of
  rankings to counts, built with a Counter) plus its count. One repetition, in a
  forked process killed when it exceeds the time budget. Before any timing each
  library is imported and run once on 60 ballots, so that imports and just-in-time
  compilation (numba, in pref_voting) are not timed. A peer runs at 10,000
  ballots, then at 100,000 and 1,000,000 while the previous size, scaled up, fits the
  budget. Its time is reported at the largest size it finished; below the full size
  the ratio is a per-ballot ratio against Sovet at the full size, labelled as such.

Winners are compared with Sovet's on the same ballots (the first k of the array for a
peer that ran at k); mismatches are printed. Differences of rule (quota, rounding,
transfer) between libraries can legitimately change an STV winner.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.count_peers import PEERS, Peer
from sovet.count import METHODS, RankedProfile

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
METHOD_CASES = (("irv", 1), ("stv", 3), ("stv", 7), ("schulze", 1))


def sovet_method(method: str, seats: int) -> Callable[[RankedProfile], tuple[str, ...]]:
    func = METHODS[
        "irv" if method == "irv" else "schulze" if method == "schulze" else "stv-scottish"
    ]
    if method == "stv":
        return lambda p: func.func(p, seats).elected
    return lambda p: func.func(p).elected


def label(method: str, seats: int) -> str:
    return {"irv": "IRV", "schulze": "Schulze"}.get(method, f"STV {seats}")


# ---------------------------------------------------------------- ballots


def impartial(n_ballots: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n_ballots, n), dtype=np.int16)
    step = 1_000_000
    for start in range(0, n_ballots, step):
        stop = min(start + step, n_ballots)
        out[start:stop] = np.argsort(rng.random((stop - start, n)), axis=1)
    return out


def spatial(n_ballots: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    cands = rng.standard_normal((n, 2))
    out = np.empty((n_ballots, n), dtype=np.int16)
    step = 1_000_000
    for start in range(0, n_ballots, step):
        stop = min(start + step, n_ballots)
        voters = rng.standard_normal((stop - start, 2))
        dist = ((voters[:, None, :] - cands[None, :, :]) ** 2).sum(axis=2)
        out[start:stop] = np.argsort(dist, axis=1, kind="stable")
    return out


CULTURES = {"impartial": impartial, "spatial": spatial}


# ---------------------------------------------------------------- reference


def numpy_irv(raw: np.ndarray, n: int) -> int:
    """Straightforward IRV: each round one bincount of first continuing preferences."""
    alive = np.ones(n, dtype=bool)
    rows = np.arange(raw.shape[0])
    while True:
        mask = alive[raw]
        top = raw[rows, mask.argmax(axis=1)]
        tally = np.bincount(top[mask.any(axis=1)], minlength=n).astype(np.int64)
        best = int(np.argmax(np.where(alive, tally, -1)))
        if 2 * tally[best] > tally[alive].sum() or alive.sum() == 1:
            return best
        alive[int(np.argmin(np.where(alive, tally, np.iinfo(np.int64).max)))] = False


# ---------------------------------------------------------------- timing


def median_time(func: Callable[[], Any], reps: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(reps):
        start = time.perf_counter()
        value = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def _child(
    conn: Any, peer: Peer, method: str, seats: int, raw: np.ndarray, names: list[str]
) -> None:
    warnings.filterwarnings("ignore")
    start = time.perf_counter()
    try:
        winners = peer.run(method, seats, raw, names)
        conn.send(("ok", time.perf_counter() - start, tuple(sorted(winners))))
    except BaseException as exc:
        conn.send(("error", time.perf_counter() - start, f"{type(exc).__name__}: {exc}"[:160]))
    finally:
        conn.close()


def run_peer(
    peer: Peer, method: str, seats: int, raw: np.ndarray, names: list[str], budget: float
) -> tuple[str, float, Any]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, peer, method, seats, raw, names))
    proc.start()
    child.close()
    if parent.poll(budget):
        status = parent.recv()
        proc.join()
        return status
    proc.kill()
    proc.join()
    return ("timeout", budget, None)


@dataclass
class PeerResult:
    peer: str
    size: int = 0
    seconds: float = 0.0
    winners: tuple[str, ...] = ()
    agree: bool | None = None
    note: str = ""


@dataclass
class Case:
    method: str
    seats: int
    n: int
    culture: str
    ballots: int
    sovet_e2e: float = 0.0
    sovet_count: float = 0.0
    sovet_winners: tuple[str, ...] = ()
    numpy_ref: float | None = None
    peers: list[PeerResult] = field(default_factory=list)


def escalate(
    peer: Peer,
    case: Case,
    raw: np.ndarray,
    names: list[str],
    budget: float,
    sovet_at: Callable[[int], tuple[str, ...]],
) -> PeerResult:
    """Run at growing sizes while the last one, scaled up tenfold, fits the budget.

    A failure (e.g. a tie the library cannot break) is noted and the next size tried.
    """
    result = PeerResult(peer.name)
    notes = []
    for size in [s for s in SIZES if s <= case.ballots]:
        status, seconds, payload = run_peer(
            peer, case.method, case.seats, raw[:size], names, budget
        )
        if status == "timeout":
            notes.append(f"over the {budget:.0f} s budget at {short(size)}")
            break
        if status == "error":
            notes.append(f"failed at {short(size)}: {payload}")
        else:
            result.size, result.seconds = size, seconds
            result.winners = tuple(payload)
            result.agree = result.winners == tuple(sorted(sovet_at(size)))
        if seconds * 10 * 1.2 > budget:
            break
    result.note = "; ".join(notes)
    return result


# ---------------------------------------------------------------- report


def short(size: int) -> str:
    return f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def ratio(case: Case, r: PeerResult) -> float:
    """Peer time over Sovet's end-to-end time, per ballot when the peer ran smaller."""
    return (r.seconds / r.size) / (case.sovet_e2e / case.ballots)


def peer_cell(case: Case, r: PeerResult) -> str:
    if not r.size:
        return f"- ({r.note})"
    note = f"  [{r.note}]" if r.note else ""
    if r.size == case.ballots:
        return f"{fmt_s(r.seconds)} at {r.size:,} = {ratio(case, r):.1f}x Sovet{note}"
    return (
        f"{fmt_s(r.seconds)} at {r.size:,} = per-ballot {ratio(case, r):.0f}x Sovet "
        f"at {case.ballots:,}{note}"
    )


def summary_cell(case: Case, r: PeerResult | None) -> str:
    if r is None or not r.size:
        return "-"
    if r.size == case.ballots:
        return f"{r.seconds:.2f}s {ratio(case, r):.1f}x"
    return f"{r.seconds:.2f}s@{short(r.size)} {ratio(case, r):.0f}x/b"


def print_case(case: Case) -> None:
    print(
        f"\n{label(case.method, case.seats)}, {case.n} candidates, {case.culture}, "
        f"{case.ballots:,} ballots"
    )
    print(
        f"  Sovet end to end {fmt_s(case.sovet_e2e)}, count only {fmt_s(case.sovet_count)} "
        f"(median of 3); elected {', '.join(case.sovet_winners)}"
    )
    if case.numpy_ref is not None:
        print(
            f"  numpy reference (bincount per round) {fmt_s(case.numpy_ref)} "
            f"= {case.numpy_ref / case.sovet_e2e:.2f}x Sovet end to end"
        )
    for r in case.peers:
        agree = "" if r.agree is None else ("winners agree" if r.agree else "WINNERS DIFFER")
        detail = f"{peer_cell(case, r)}  {agree}".rstrip()
        if r.agree is False:
            detail += f" (peer: {', '.join(r.winners)})"
        print(f"  {r.peer:<13} {detail}")
    sys.stdout.flush()


def print_summary(cases: list[Case], peers: list[Peer]) -> None:
    print("\nSummary. Sovet: median of 3, end to end (profile from the raw array + count)")
    print("and count only. Peer: one run; time and ratio peer/Sovet end to end at the full")
    print("size; '@100k' = ran only at 100,000 ballots (budget), the ratio is then per ballot")
    print("('x/b') against Sovet at the full size. '-' = not run or not finished (see above).")
    header = ["method", "cand", "culture", "Sovet e2e", "count only", "numpy ref"]
    header += [p.name for p in peers]
    rows = [header]
    for c in cases:
        by_peer = {r.peer: r for r in c.peers}
        row = [
            label(c.method, c.seats),
            str(c.n),
            c.culture,
            fmt_s(c.sovet_e2e),
            fmt_s(c.sovet_count),
            fmt_s(c.numpy_ref) if c.numpy_ref is not None else "",
        ]
        row.extend(summary_cell(c, by_peer.get(p.name)) for p in peers)
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())


def warm_up(peers: list[Peer]) -> None:
    """Import each peer and run every method once on a few ballots, before any timing,
    so that import time and just-in-time compilation (numba in pref_voting) are not
    counted: the forked runs inherit the loaded modules and compiled code."""
    warnings.filterwarnings("ignore")
    raw = impartial(60, 5, seed=0)
    names = [f"c{i:02d}" for i in range(5)]
    for peer in peers:
        for method, seats in METHOD_CASES:
            if method in peer.methods:
                with contextlib.suppress(Exception):  # e.g. a tie; the timed runs report it
                    peer.run(method, min(seats, 3), raw, names)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---------------------------------------------------------------- main


def run_dataset(
    n: int, culture: str, ballots: int, budget: float, reps: int, peers: list[Peer]
) -> list[Case]:
    raw = CULTURES[culture](ballots, n, seed=1000 * n + len(culture))
    names = [f"c{i:02d}" for i in range(n)]
    profile = RankedProfile.from_array(names, raw)
    cases = []
    for method, seats in METHOD_CASES:
        case = Case(method, seats, n, culture, ballots)
        run_case(case, raw, names, profile, budget, reps, peers)
        print_case(case)
        cases.append(case)
    return cases


def run_case(
    case: Case,
    raw: np.ndarray,
    names: list[str],
    profile: RankedProfile,
    budget: float,
    reps: int,
    peers: list[Peer],
) -> None:
    count = sovet_method(case.method, case.seats)
    case.sovet_e2e, case.sovet_winners = median_time(
        lambda: count(RankedProfile.from_array(names, raw)), reps
    )
    case.sovet_count, _ = median_time(lambda: count(profile), reps)
    if case.method == "irv":
        case.numpy_ref, best = median_time(lambda: numpy_irv(raw, case.n), reps)
        if (names[best],) != case.sovet_winners:
            print(f"  numpy reference elects {names[best]}, Sovet {case.sovet_winners}")
    cache: dict[int, tuple[str, ...]] = {case.ballots: case.sovet_winners}

    def sovet_at(size: int) -> tuple[str, ...]:
        if size not in cache:
            cache[size] = count(RankedProfile.from_array(names, raw[:size]))
        return cache[size]

    for peer in peers:
        if case.method in peer.methods:
            case.peers.append(escalate(peer, case, raw, names, budget, sovet_at))
        else:
            case.peers.append(PeerResult(peer.name, note=peer.methods_note(case.method)))


def run_big(reps: int, ballots: int = 10_000_000, n: int = 20) -> None:
    names = [f"c{i:02d}" for i in range(n)]
    print(f"--big: {ballots:,} ballots x {n} candidates, impartial culture")
    start = time.perf_counter()
    raw = impartial(ballots, n, seed=20)
    print(f"  generated in {fmt_s(time.perf_counter() - start)}; peak RSS {peak_rss_mb():,.0f} MB")
    ref, best = median_time(lambda: numpy_irv(raw, n), 1)
    rss = peak_rss_mb()
    print(f"  numpy reference IRV {fmt_s(ref)} (elected {names[best]}); peak RSS {rss:,.0f} MB")
    for method, seats in (("irv", 1), ("stv", 3)):
        count = sovet_method(method, seats)
        e2e, winners = median_time(
            lambda count=count: count(RankedProfile.from_array(names, raw)), reps
        )
        print(
            f"  Sovet {label(method, seats)} end to end {fmt_s(e2e)} (median of {reps}), "
            f"{e2e / ref:.2f}x the numpy reference; elected {', '.join(winners)}; "
            f"peak RSS {peak_rss_mb():,.0f} MB"
        )
    build, profile = median_time(lambda: RankedProfile.from_array(names, raw), 1)
    print(f"  Sovet profile from the raw array {fmt_s(build)} ({len(profile.weights):,} unique)")
    for method, seats in (("irv", 1), ("stv", 3)):
        count = sovet_method(method, seats)
        only, _ = median_time(lambda count=count: count(profile), reps)
        print(f"  Sovet {label(method, seats)} count only {fmt_s(only)}")
    print(f"  peak RSS {peak_rss_mb():,.0f} MB (the whole process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 ballots, short budgets")
    parser.add_argument("--big", action="store_true", help="10,000,000 x 20, Sovet and numpy")
    parser.add_argument("--budget", type=float, help="seconds a peer may take at one size")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    if args.big:
        run_big(reps=1)
        return
    ballots = 100_000 if args.quick else 1_000_000
    budget = args.budget or (5.0 if args.quick else 20.0)
    peers = [p for p in PEERS if p.available()]
    for p in PEERS:
        if not p.available():
            print(f"{p.name}: not run - {p.unavailable}")
    warm_up(peers)
    versions = ", ".join(f"{p.name} {p.version}" for p in peers)
    print(f"peers: {versions}; budget {budget:.0f} s per peer and size")
    cases: list[Case] = []
    start = time.perf_counter()
    for n in (10, 20):
        for culture in CULTURES:
            cases += run_dataset(n, culture, ballots, budget, 3, peers)
    print_summary(cases, peers)
    print(f"\ntotal {fmt_s(time.perf_counter() - start)}; peak RSS {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
