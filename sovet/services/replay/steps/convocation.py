"""Steps of convening: the demand for a congress, its summons and postponement (M07,
M09), and a body's standing changed (a private conference, a body dissolved, M06)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sovet.domain.calendar import julian
from sovet.services import commands as c
from sovet.services.replay.run import Run, instant, step
from sovet.services.replay.steps.people import body_names


def _opening(run: Run, s: Mapping[str, Any]) -> str:
    """The opening instant the sources give (a Julian date and local time), in UTC."""
    day = julian(str(s["opens"]))
    return instant(day, str(s.get("time", run.spec.default_time)), run.spec.utc_offset).isoformat()


@step("convocation")
def convocation(run: Run, s: Mapping[str, Any]) -> None:
    """Set up the convocation of a congress by its convener, record a member body's
    demand for it and the convener's summons with the date the sources give."""
    key, body, convener = str(s["key"]), str(s["body"]), str(s["convener"])
    names = body_names(run)
    run.x(c.CreateConvocation(run.org, key, body, convener))
    if "demand" in s:
        by = str(s["demand"]["by"])
        obliged = run.x(c.DemandConvocation(run.org, key, by))
        run.line(
            f"{names[by]} demands the {names[body]}; the convener is "
            + ("now obliged to summon it" if obliged else "not yet obliged by the demands")
        )
        run.outcome("demand", "obliges the convener" if obliged else "does not oblige the convener")
    summon = s["summon"]
    quorum = summon["quorum"]
    run.assumed(str(quorum["assumption"]))
    opens = julian(str(summon["opens"]))
    competent = run.x(
        c.SummonConvocation(
            run.org,
            key,
            convener,
            _opening(run, summon),
            str(summon["place"]),
            quorum=str(quorum["value"]),
        )
    )
    run.line(
        f"{names[convener]} summons the {names[body]} for {opens.words()} "
        f"({opens.gregorian().words()}) at {summon['place']}"
        + ("" if competent else "; it is not the competent convener")
    )
    run.outcome("summons", f"opens {opens.iso()} O.S.")


@step("postpone")
def postpone(run: Run, s: Mapping[str, Any]) -> None:
    opens = julian(str(s["opens"]))
    run.x(
        c.PostponeConvocation(
            run.org, str(s["convocation"]), str(s["by"]), _opening(run, s), str(s["reason"])
        )
    )
    run.line(f"opening moved to {opens.words()} ({opens.gregorian().words()})")
    run.outcome("opening", f"{opens.iso()} O.S.")


@step("body-status")
def body_status(run: Run, s: Mapping[str, Any]) -> None:
    body, status = str(s["body"]), str(s["status"])
    run.x(c.SetBodyStatus(run.org, body, status))
    run.line(f"{body_names(run)[body]} is now recorded as {status}")
    run.outcome(body, status)
