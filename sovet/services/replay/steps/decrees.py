"""Steps of a decree: issued from the adopted motion, sent down to every body in its
scope, and the bodies' answers counted (M13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sovet.services import commands as c
from sovet.services.replay.run import Run, step
from sovet.services.replay.steps.people import body_names


@step("decree")
def decree(run: Run, s: Mapping[str, Any]) -> None:
    """Issue a decree from the motion its sitting adopted, with its annex for guidance
    and its provisional clause, and send it to every body below the issuing body
    (fact ``peasant-electors-instructions``: the 242 instructions annexed)."""
    number = run.figure(s["number"], "number")
    annex = s.get("annex")
    annexes: tuple[c.AnnexSpec, ...] = ()
    if annex:
        run.figure({"fact": annex["fact"], "field": "instructions_summarised"}, "annex")
        annexes = (c.AnnexSpec(str(annex["key"]), str(annex["title"]), str(annex["text"])),)
    act = run.act
    effective = act.date.iso() if act is not None else ""
    key = str(s["key"])
    run.x(
        c.IssueDecree(
            run.org,
            key,
            str(s["sitting"]),
            str(s["motion"]),
            str(number.value),
            str(s["title"]),
            effective,
            annexes,
            until=str(s.get("until", "")),
        )
    )
    sent = run.x(c.DisseminateDecree(run.org, key))
    run.line(
        f"{s['title']} No. {number.value} issued ({s.get('until', '')}); sent to "
        f"{sent.bodies} bodies in {sent.tiers} tiers below the issuing body"
    )
    run.outcome("decree", f"No. {number.value}, sent to {sent.bodies} bodies")


@step("decree-answers")
def decree_answers(run: Run, s: Mapping[str, Any]) -> None:
    """Bodies in the decree's scope answer; the others stay silent (not a refusal)."""
    run.assumed(str(s["assumption"]))
    key = str(s["decree"])
    names = body_names(run)
    for answer in s["answers"]:
        body, state = str(answer["body"]), str(answer["state"])
        run.x(c.RespondToDecree(run.org, key, body, state, str(answer.get("reason", ""))))
        run.line(f"{names[body]}: {state}")
    counts = dict(run.x(c.ShowCompliance(run.org, key)).whole.counts)
    silent = counts.get("sent", 0) + counts.get("received", 0)
    answered = ", ".join(
        f"{state} {n}" for state, n in counts.items() if n and state not in ("sent", "received")
    )
    run.line(f"of {sum(counts.values())} bodies reached: {answered}; silent {silent}")
    run.outcome("answers", ", ".join(f"{a['body']} {a['state']}" for a in s["answers"]))
