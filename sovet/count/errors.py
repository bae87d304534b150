"""Errors raised by the counting library."""


class CountError(Exception):
    """Base class: a count cannot be carried out as asked."""


class EmptyProfile(CountError):
    """No ballots (or no valid ballots) to count."""


class InvalidBallot(CountError):
    """A ballot names an unknown candidate, ranks one twice, or is otherwise malformed."""


class InvalidCount(CountError):
    """Seats, thresholds or options are impossible for this profile."""


class TieUnresolved(CountError):
    """A tie arose that the declared tie policy cannot settle (e.g. no casting vote given)."""


class FormatError(CountError):
    """A ballot file is malformed; the message names the line."""

    def __init__(self, message: str, *, line: int | None = None, source: str | None = None) -> None:
        where = ""
        if source is not None:
            where += f"{source}"
        if line is not None:
            where += f"{':' if where else 'line '}{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.line = line
        self.source = source
