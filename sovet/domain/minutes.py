"""Minutes of a sitting, derived from its events (mechanism M28).

The minutes are a pure function of the record: every act of the sitting becomes a
numbered entry (opened, item taken up, speech, motion moved, amendment, vote with its
tally and the majority rule applied, declaration, recess, dissent), in the order of
the record. They are never rewritten: :class:`Minutes` only grows, and a correction
is a new entry (``minutes.correct``). "The minutes of the Congress are not preserved"
(002 l. 2500): here they cannot be lost apart from the record.

Events of other parts of Sovet are entered too: the sitting's own events (opening,
walkouts, status) by their payload, anything else in a generic form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sovet.domain.errors import InvalidInput
from sovet.domain.events import Event
from sovet.domain.exact import parse_time

Payload = Mapping[str, Any]
Render = Callable[[Payload], tuple[str, str]]

# Housekeeping of the speakers' lists: who asked for the floor is not minuted; who
# was given it, and how long they spoke, is.
LEFT_OUT = frozenset({"speakers.open", "speakers.request", "speakers.withdraw"})


@dataclass(frozen=True)
class MinuteEntry:
    number: int
    kind: str
    text: str
    op: str
    at: datetime | None
    subjects: tuple[str, ...]


def _by(p: Payload) -> str:
    parts = [p.get("delegate"), p.get("faction") and f"faction {p['faction']}"]
    return " for ".join(str(x) for x in parts if x) or "?"


def _tally(p: Payload) -> str:
    if p.get("for_") is None:
        return "no count recorded"
    text = f"{p['for_']} for, {p['against']} against, {p.get('abstain') or 0} abstaining"
    if p.get("estimated"):
        text += " (estimated by the chair, not counted)"
    return text


def _vote(p: Payload) -> tuple[str, str]:
    outcome = "adopted" if p["adopted"] else "rejected"
    rule = f"; {p['rule']}" if p.get("rule") else ""
    return "vote", f"motion {p['motion']} {outcome}: {_tally(p)}{rule}. Text put: {p['text']}"


def _amendment(p: Payload) -> tuple[str, str]:
    change = (
        f"replace {p['find']!r} by {p['text']!r}"
        if p.get("find") is not None
        else f"replace the whole text by {p['text']!r}"
    )
    return "amendment", f"{p['mover']} moves amendment {p['motion']} to {p['amends']}: {change}"


def _moved(p: Payload) -> tuple[str, str]:
    acts = f" (ratifying {', '.join(p['acts'])})" if p.get("acts") else ""
    faction = f" for faction {p['faction']}" if p.get("faction") else ""
    return "motion", f"{p['mover']}{faction} moves {p['kind']} {p['motion']}{acts}: {p['text']}"


def _agenda(p: Payload) -> tuple[str, str]:
    items = "; ".join(f"{n}. {title}" for n, (_, title) in enumerate(p["items"], start=1))
    return "agenda", f"order of the day proposed: {items or 'no items'}"


def _voted(p: Payload) -> str:
    return " by vote" if p.get("by_vote") else ""


def _recess_granted(p: Payload) -> tuple[str, str]:
    until = f" until {p['until']}" if p.get("until") else ""
    return "recess", f"recess {p['key']} begins, granted by the {p['by']}{until}"


def _speech(p: Payload) -> tuple[str, str]:
    over = ", over the time limit" if p["over_limit"] else ""
    text = f"{p['speaker']} spoke from {p['started']} to {p['ended']}{over}"
    return "speech", text


def _called(p: Payload) -> tuple[str, str]:
    point = " on a point of order" if p["point_of_order"] else ""
    return "speech", f"{p['speaker']} has the floor{point} (item {p['item']})"


def _opened(p: Payload) -> tuple[str, str]:
    status = ", consultative" if p.get("consultative") else ""
    via = f", convened by convocation {p['convocation']}" if p.get("convocation") else ""
    return "opened", f"sitting {p.get('key')} of {p.get('body')} opened{via}{status}"


RENDERERS: dict[str, Render] = {
    "sitting.open": _opened,
    "sitting.walkout": lambda p: (
        "walkout",
        f"faction {p['faction']} withdraws ({len(p['mandates'])} delegates): {p['declaration']}",
    ),
    "sitting.set-status": lambda p: ("status", f"sitting is {p['new']} {p['reason']}".strip()),
    "agenda.create": _agenda,
    "agenda.add-item": lambda p: ("agenda", f"item {p['item']} added{_voted(p)}: {p['title']}"),
    "agenda.remove-item": lambda p: ("agenda", f"item {p['item']} removed{_voted(p)}"),
    "agenda.reorder": lambda p: ("agenda", f"items reordered{_voted(p)}: {', '.join(p['order'])}"),
    "agenda.adopt": lambda p: ("agenda", "order of the day adopted"),
    "agenda.take-up": lambda p: ("item", f"item {p['item']} taken up{_voted(p)}"),
    "agenda.close-item": lambda p: (
        "item",
        f"item {p['item']} " + ("concluded" if p["done"] else "set aside"),
    ),
    "speakers.call": _called,
    "speakers.log-speech": _speech,
    "speakers.close": lambda p: ("speech", f"list of speakers on item {p['item']} closed by vote"),
    "motion.move": _moved,
    "motion.amend": _amendment,
    "motion.withdraw": lambda p: ("withdrawn", f"motion {p['motion']} withdrawn by {p['by']}"),
    "motion.defer": lambda p: (
        "deferred",
        f"motion {p['motion']} held back from the vote by {p['by']} {p['reason']}".strip(),
    ),
    "motion.resume": lambda p: ("motion", f"motion {p['motion']} brought back by {p['by']}"),
    "motion.not-put": lambda p: ("not-put", f"motion {p['motion']} not put: {p['reason']}"),
    "motion.decide": _vote,
    "motion.declare-rivals": lambda p: (
        "rivals",
        f"rival texts {p['key']} to be voted in turn: {', '.join(p['motions'])}",
    ),
    "motion.dissent": lambda p: (
        "dissent",
        f"{p['by']} has its dissent from the decision on {p['motion']} entered"
        + (f": {p['text']}" if p.get("text") else ""),
    ),
    "declaration.enter": lambda p: ("declaration", f"declaration by {_by(p)}: {p['text']}"),
    "recess.request": lambda p: ("recess", f"{p['by']} asks for recess {p['key']}: {p['reason']}"),
    "recess.grant": _recess_granted,
    "recess.refuse": lambda p: ("recess", f"recess {p['key']} refused by the {p['by']}"),
    "recess.end": lambda p: ("recess", f"recess {p['key']} ends; the sitting resumes"),
    "minutes.correct": lambda p: (
        "correction",
        f"correction of entry {p['entry']} by {p['by']}: {p['text']}",
    ),
}


def _generic(op: str, p: Payload) -> tuple[str, str]:
    shown = [f"{k} {v}" for k, v in p.items() if k not in ("sitting", "at") and v not in (None, "")]
    return "act", f"{op}: {'; '.join(shown)}"


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value, "at")
    except InvalidInput:
        pass
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def minutes_from(
    events: Iterable[Event], *, sitting: str | None = None, start: int = 1
) -> list[MinuteEntry]:
    """The minute entries of ``events``, numbered from ``start``, in the order given.

    With ``sitting``, only the events whose subjects name that sitting are entered.
    Requests to speak are left out (:data:`LEFT_OUT`); events without a renderer of
    their own are entered in a generic form, so nothing of the sitting is lost.
    """
    out: list[MinuteEntry] = []
    for event in events:
        if event.op in LEFT_OUT:
            continue
        subjects = event.subjects()
        if sitting is not None and f"sitting:{sitting}" not in subjects:
            continue
        payload = event.payload()
        render = RENDERERS.get(event.op)
        kind, text = render(payload) if render else _generic(event.op, payload)
        at = _time(payload.get("at", payload.get("started")))
        out.append(MinuteEntry(start + len(out), kind, text, event.op, at, subjects))
    return out


@dataclass(frozen=True)
class Minutes:
    """The minutes of a sitting: append-only. :meth:`extend` returns longer minutes;
    no entry is ever changed or removed."""

    sitting: str
    entries: tuple[MinuteEntry, ...] = ()

    def extend(self, events: Iterable[Event]) -> Minutes:
        new = minutes_from(events, sitting=self.sitting, start=len(self.entries) + 1)
        return Minutes(self.sitting, self.entries + tuple(new))
