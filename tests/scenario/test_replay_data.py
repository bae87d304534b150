"""The replay's data: acts in order, every figure sourced, dates converted right."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest

from sovet import scenarios
from sovet.domain.errors import InvalidInput
from sovet.services.replay import instant, load_replay
from sovet.services.replay.spec import Facts, Figure, parse_replay

SPEC = load_replay()
DATA = scenarios.load("petrograd1917-replay")
FACTS = {r["id"]: r for r in scenarios.load_list("petrograd1917-facts")}


def test_every_act_names_facts_that_are_in_the_copied_file() -> None:
    for act in SPEC.acts:
        assert act.facts, f"act {act.key} names no fact"
        for fact in act.facts:
            assert fact in FACTS, f"act {act.key}: {fact} is not in petrograd1917-facts.yaml"


def test_the_copied_facts_keep_their_sources() -> None:
    for fid, record in FACTS.items():
        assert record["source"].startswith(("001_", "002_", "003_", "004_")), fid
        assert isinstance(record["source_line"], int), fid
        assert record["quote"].strip(), fid
        assert record["calendar"] in ("julian", "gregorian", "unknown"), fid


def test_acts_are_in_chronological_order() -> None:
    times = [instant(a.date, a.time or SPEC.default_time, SPEC.utc_offset) for a in SPEC.acts]
    assert times == sorted(times)


def test_every_act_date_converts_thirteen_days_ahead() -> None:
    """1917 lies between 1 March 1900 and 28 February 2100 (Julian), where New Style is
    Old Style plus 13 days: an independent check of the conversion on every act."""
    for act in SPEC.acts:
        assert act.date.calendar == "julian"
        old = date(act.date.year, act.date.month, act.date.day)
        assert act.date.gregorian().as_date() == old + timedelta(days=13), act.key


def test_an_act_at_night_is_stored_in_utc() -> None:
    opens = SPEC.act("congress-opens")
    at = instant(opens.date, opens.time, SPEC.utc_offset)
    assert at.isoformat() == "1917-11-07T20:40:00+00:00"  # 22.40 in Petrograd, 25 Oct O.S.


def test_every_assumption_key_used_is_listed() -> None:
    used = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("assumption", "rest", "date_assumption") and isinstance(v, str):
                    used.add(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(DATA["acts"])
    assert used <= set(SPEC.assumptions)
    for key in used:
        assumption = SPEC.assumptions[key]
        assert assumption.what.strip() and assumption.why.strip(), key


def test_acts_declared_for_later_name_their_operations() -> None:
    later = {a.key: a.later.operations for a in SPEC.acts if a.later is not None}
    assert later == {
        "mrc-created": ("commission.create", "commission.fill-seat"),
        "mrc-commissars": ("office.appoint",),
        "countersign-rule": ("allegiance.declare", "policy.set"),
        "order-refused": ("order.issue", "order.refuse"),
        "land-decree-disseminated": ("decree.issue", "decree.disseminate"),
        "land-decree-answered": ("decree.respond",),
    }


# -- figure references ----------------------------------------------------------------

F = Facts(
    [
        {"id": "v", "figures": {"for": 20, "against": 2, "result": "unanimous", "words": "half"}},
        {
            "id": "w",
            "figures": {"for": "almost unanimously", "result": "almost unanimously"},
            "derived": {"voting": 25},
        },
    ]
)


def test_a_figure_reads_its_fact() -> None:
    assert F.figure({"fact": "v", "field": "for"}, "here") == Figure(20, ("v",))
    assert F.figure({"fact": "w", "field": "derived.voting"}, "here").value == 25
    assert F.figure({"fact": "v", "unanimous": True}, "here") == Figure(0, ("v",))
    assumed = F.figure({"assumed": 7, "assumption": "k"}, "here")
    assert assumed.value == 7 and assumed.assumptions == ("k",) and assumed.facts == ()


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ({"fact": "v", "field": "words"}, "'half' is not a whole number"),
        ({"fact": "w", "field": "for"}, "'almost unanimously' is not a whole number"),
        ({"fact": "x", "field": "for"}, "no fact 'x'"),
        ({"fact": "v", "field": "nothing"}, "no figures field 'nothing'"),
        ({"fact": "w", "unanimous": True}, "does not record a unanimous result"),
        ({"assumed": 3}, "needs its assumption"),
        (12, "must name its fact or assumption"),
    ],
)
def test_a_bad_figure_reference_is_named(ref: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        F.figure(ref, "act a: poll p")


def test_a_figure_needs_a_source() -> None:
    with pytest.raises(InvalidInput, match="neither a fact nor an assumption"):
        Figure(3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["acts"][9]["facts"].append("no-such-fact"), "no fact 'no-such-fact'"),
        (
            lambda d: d["acts"][1].__setitem__("date_assumption", "nobody-said"),
            "no assumption 'nobody-said'",
        ),
        (lambda d: d["acts"].append(dict(d["acts"][2])), "appear twice"),
        (lambda d: d["seat_sources"].__setitem__("x", ["made-up"]), "neither a fact nor"),
    ],
)
def test_unsourced_data_is_refused_when_loaded(change: Any, message: str) -> None:
    data = copy.deepcopy(DATA)
    change(data)
    with pytest.raises(InvalidInput, match=message):
        parse_replay(data, "edited")
