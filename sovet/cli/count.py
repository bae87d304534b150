"""``sovet count``: count a ballot file with a registered method and show each round."""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.status import Status
from rich.table import Table
from rich.text import Text

from sovet.count import CountError, Result, Round
from sovet.services import counting

BIG_READ = 100_000  # lines read before a status line appears


class TieChoice(StrEnum):
    forward = "forward"
    backward = "backward"
    lot = "lot"
    chair = "chair"


class FormatChoice(StrEnum):
    blt = "blt"
    soi = "soi"
    soc = "soc"
    toc = "toc"
    csv = "csv"


class SkippedChoice(StrEnum):
    skip = "skip"
    exhaust = "exhaust"


class OvervoteChoice(StrEnum):
    exhaust = "exhaust"
    skip = "skip"


class DuplicateChoice(StrEnum):
    ignore_later = "ignore-later"
    exhaust = "exhaust"


def count_command(
    file: Annotated[
        Path | None, typer.Argument(help="Ballot file: .blt, .soi, .soc, .toc or .csv (.gz too).")
    ] = None,
    method: Annotated[
        str | None, typer.Option("--method", "-m", help="Method id (see --list).")
    ] = None,
    seats: Annotated[
        int | None,
        typer.Option(min=1, help="Seats to fill (default: the file's, else 1)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    seed: Annotated[int | None, typer.Option(help="Seed for draws by lot.")] = None,
    ties: Annotated[
        TieChoice | None,
        typer.Option(help="Tie policy (default: the method's own, stated in its docs)."),
    ] = None,
    chair: Annotated[
        str | None, typer.Option(help="Casting order for --ties chair, comma-separated.")
    ] = None,
    format: Annotated[
        FormatChoice | None, typer.Option(help="File format (default: from the extension).")
    ] = None,
    skipped: Annotated[
        SkippedChoice, typer.Option(help="CSV: a skipped rank is passed over or ends the ballot.")
    ] = SkippedChoice.skip,
    overvote: Annotated[
        OvervoteChoice, typer.Option(help="CSV: an overvote ends the ballot or is passed over.")
    ] = OvervoteChoice.exhaust,
    duplicates: Annotated[
        DuplicateChoice,
        typer.Option(help="CSV: a repeated candidate is ignored or ends the ballot."),
    ] = DuplicateChoice.ignore_later,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option", "-o", help="KEY=VALUE passed to the method, e.g. batch_elimination=true."
        ),
    ] = None,
    list_methods: Annotated[
        bool, typer.Option("--list", help="List the counting methods and exit.")
    ] = False,
) -> None:
    """Count a ballot file (BLT, PrefLib or CSV) and show every round and the result."""
    out = Console(soft_wrap=False)
    try:
        if list_methods:
            out.print(_methods_table())
            return
        if file is None or method is None:
            raise CountError("give a ballot FILE and --method (or --list to see the methods)")
        ties_breaker = counting.tie_breaker(ties.value if ties else None, seed, _names(chair))
        counting.method(method)  # an unknown method fails before a long read
        options = _options(option or [])
        rules = counting.CsvRules(
            skipped=skipped.value, overvote=overvote.value, duplicates=duplicates.value
        )
        ballots = _read(file, format.value if format else None, rules)
        with _status(ballots.profile.total_weight):
            result = counting.count_profile(
                ballots.profile,
                method,
                seats,
                file_seats=ballots.seats,
                ties=ties_breaker,
                options=options,
            )
    except (CountError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(result.to_json())
        return
    _show(out, result, ballots)


def _read(file: Path, format: str | None, rules: counting.CsvRules) -> counting.BallotFile:
    err = Console(stderr=True)
    status: list[Status] = []

    def progress(lines: int) -> None:
        if lines < BIG_READ:
            return
        if not status:
            status.append(err.status(""))
            status[0].start()
        status[0].update(f"Reading {file.name}: {lines:,} lines")

    try:
        return counting.read_file(file, format=format, csv_rules=rules, progress=progress)
    finally:
        if status:
            status[0].stop()


class _status:
    """A 'Counting...' status on stderr for counts of many ballots."""

    def __init__(self, ballots: int) -> None:
        self._status = Console(stderr=True).status("Counting...") if ballots > BIG_READ else None

    def __enter__(self) -> None:
        if self._status is not None:
            self._status.start()

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.stop()


def _names(text: str | None) -> list[str]:
    return [n.strip() for n in (text or "").split(",") if n.strip()]


def _options(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CountError(f"--option takes KEY=VALUE, not {pair!r}")
        out[key.strip()] = _value(value.strip())
    return out


def _value(text: str) -> Any:
    if text.lower() in ("true", "yes", "on"):
        return True
    if text.lower() in ("false", "no", "off"):
        return False
    try:
        return int(text)
    except ValueError:
        return text


def _methods_table() -> Table:
    table = Table(title="Counting methods")
    table.add_column("id", no_wrap=True)
    for column in ("name", "ballots", "seats"):
        table.add_column(column)
    table.add_column("source", min_width=20)
    for info in counting.list_methods():
        table.add_row(info.id, info.name, str(info.ballot), str(info.seats), info.source)
    return table


def _show(out: Console, result: Result, ballots: counting.BallotFile) -> None:
    meta = ballots.meta
    title = f"{meta.get('title') or ''}".strip()
    heading = f"{title + ' - ' if title else ''}{result.method}, {result.seats} seat(s)"
    out.print(Text(heading), soft_wrap=True)
    out.print(Text(_read_summary(meta)), style="dim", soft_wrap=True)
    if result.rounds:
        for table in _round_tables(out, result, ballots.profile.candidates):
            out.print(table)
    elif result.scores:
        out.print(_scores_table(result))
    elif result.ranking:
        out.print(Text(f"Ranking: {' > '.join(result.ranking)}"), soft_wrap=True)
    for tie in result.all_ties():
        seed = f" (seed {tie.seed})" if tie.seed is not None else ""
        line = f"Tie among {', '.join(tie.among)} ({tie.purpose}): {tie.rule} chose {tie.chosen}"
        out.print(Text(line + seed), soft_wrap=True)
    for note in result.notes:
        out.print(Text(f"Note: {note}"), style="dim", soft_wrap=True)
    elected = f"Elected: {', '.join(result.elected) or '(none)'}"
    out.print(Text(elected, style="bold green"), soft_wrap=True)


def _read_summary(meta: dict[str, Any]) -> str:
    parts = [f"{meta.get('ballots', 0):,} ballots read ({meta.get('format', '?')})"]
    if meta.get("blank"):
        parts.append(f"{meta['blank']:,} blank, not counted")
    for mark, weight in (meta.get("marks") or {}).items():
        parts.append(f"{weight:,} with {mark} marks")
    if meta.get("withdrawn"):
        parts.append(f"withdrawn: {', '.join(meta['withdrawn'])}")
    return "; ".join(parts)


def fmt(value: Fraction | int) -> str:
    """An exact number for display: whole numbers as they are, others to 5 decimals
    (truncated)."""
    v = Fraction(value)
    if v.denominator == 1:
        return f"{v.numerator:,}"
    sign = "-" if v < 0 else ""
    whole, frac = divmod(abs(v.numerator) * 100_000 // v.denominator, 100_000)
    return f"{sign}{whole:,}.{frac:05d}".rstrip("0").rstrip(".")


def _order(result: Result, candidates: tuple[str, ...]) -> list[str]:
    last: dict[str, Fraction] = {}
    gone: dict[str, int] = {}
    for r in result.rounds:
        for c, v in r.tallies.items():
            last[c] = v
        for c in r.excluded:
            gone[c] = r.number
    rest = [c for c in candidates if c not in result.elected]
    rest.sort(key=lambda c: (-gone.get(c, 10**9), -last.get(c, Fraction(0))))
    return [*result.elected, *rest]


def _cell(r: Round, c: str, done: set[str]) -> Text:
    if c in r.elected:
        done.add(c)
        return Text(f"{fmt(r.tallies.get(c, Fraction(0)))} elected", style="bold green")
    if c in r.excluded:
        done.add(c)
        return Text(f"{fmt(r.tallies.get(c, Fraction(0)))} out", style="red")
    if c not in r.tallies:
        return Text("")
    return Text(fmt(r.tallies[c]), style="dim" if c in done else "")


def _round_tables(out: Console, result: Result, candidates: tuple[str, ...]) -> list[Table]:
    rows = _order(result, candidates)
    name_width = max(len(c) for c in [*rows, "Exhausted"])
    cells: dict[str, list[Text]] = {c: [] for c in rows}
    done: set[str] = set()
    for r in result.rounds:
        for c in rows:
            cells[c].append(_cell(r, c, done))
    exhausted = [Text(fmt(r.exhausted), style="dim") for r in result.rounds]
    width = max([len(t.plain) for col in cells.values() for t in col] + [len(fmt(0)), 8]) + 3
    per_table = max(1, (out.width - name_width - 4) // width)
    tables = []
    for start in range(0, len(result.rounds), per_table):
        stop = min(start + per_table, len(result.rounds))
        caption = f"Quota: {fmt(result.quota)}" if result.quota is not None else None
        table = Table(
            caption=caption,
            title=f"Rounds {start + 1}-{stop}" if stop > start + 1 else f"Round {start + 1}",
        )
        table.add_column("Candidate", no_wrap=True, min_width=name_width)
        for r in result.rounds[start:stop]:
            table.add_column(f"R{r.number}", justify="right", no_wrap=True)
        for c in rows:
            table.add_row(c, *cells[c][start:stop])
        table.add_row(Text("Exhausted", style="dim"), *exhausted[start:stop])
        tables.append(table)
    return tables


def _scores_table(result: Result) -> Table:
    table = Table(title="Scores")
    table.add_column("Candidate", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    scores = result.scores or {}
    order = list(result.ranking or sorted(scores, key=lambda c: -scores[c]))
    for c in order:
        style = "bold green" if c in result.elected else ""
        table.add_row(Text(c, style=style), fmt(scores.get(c, Fraction(0))))
    return table
