"""What if: overrides are checked against the replay, and the outcomes that change are
listed act by act."""

from __future__ import annotations

import pytest

from sovet.bootstrap import bootstrap
from sovet.domain.calendar import julian
from sovet.domain.errors import InvalidInput
from sovet.services.bus import Bus
from sovet.services.replay import HistoricalClock, load_replay, replay
from sovet.services.replay.records import ActResult, ReplayResult
from sovet.services.replay.whatif import (
    WHAT_IF,
    Change,
    changes,
    parse_overrides,
    with_overrides,
)
from tests.scenario.conftest import History

SPEC = load_replay()
OVERRIDES = """
name: The Right stays, the presidium by D'Hondt, and 004's tally
overrides:
  - {act: congress-walkout, skip: true}
  - {act: congress-presidium, method: dhondt}
  - {act: cc-16-october, poll: cc-16-oct-lenin, tally: {for: 19, against: 2, abstain: 4}}
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("overrides: []", "no overrides"),
        ("[1, 2]", "expected a mapping with a list 'overrides'"),
        ("overrides: [{act: storming-of-the-winter-palace, skip: true}]", "no act 'storming"),
        ("overrides: [{act: congress-walkout}]", "say what to change"),
        ("overrides: [{act: congress-walkout, method: dhondt}]", "needs an act that allots"),
        ("overrides: [{act: congress-presidium, method: lottery}]", "one of dhondt"),
        ("overrides: [{act: cc-16-october, poll: nope, tally: {for: 1}}]", "has no poll 'nope'"),
        (
            "overrides: [{act: cc-16-october, poll: cc-16-oct-lenin, tally: {for: -1}}]",
            "three whole numbers",
        ),
        ("overrides: [{act: mrc-created, skip: true}]", "cannot be overridden"),
        ("overrides: [{act: structure, skip: true}]", "cannot be overridden"),
        ("overrides: [{act: congress-walkout, skip: true, when: now}]", "unknown field"),
        ("overrides: [", "not YAML"),
    ],
)
def test_bad_overrides_are_named(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_overrides(text, "what-if.yaml", SPEC)


def test_overrides_answer_for_their_acts() -> None:
    o = parse_overrides(OVERRIDES, "what-if.yaml", SPEC)
    assert o.skips("congress-walkout") and not o.skips("proclamation")
    assert o.method("congress-presidium") == "dhondt" and o.method("cec-elected") is None
    tally = o.tally("cc-16-october", "cc-16-oct-lenin")
    assert tally is not None
    assert [f.value for f in tally.values()] == [19, 2, 4]
    assert all(f.assumptions == (WHAT_IF,) for f in tally.values())
    assert o.tally("cc-16-october", "cc-16-oct-zinoviev") is None
    spec = with_overrides(SPEC, o)
    assert WHAT_IF in spec.assumptions and WHAT_IF not in SPEC.assumptions
    assert "D'Hondt" in spec.assumptions[WHAT_IF].what


def test_changes_lists_only_what_differs() -> None:
    def result(outcomes: dict[str, str]) -> ReplayResult:
        act = ActResult("a", "An act", julian("1917-10-25"), "12:00", ("f",))
        act.outcomes.update(outcomes)
        return ReplayResult("r", "o", acts=[act])

    history = result({"vote": "adopted 20–2–3", "seats": "14"})
    other = result({"vote": "adopted 19–2–4", "seats": "14", "act": "not replayed"})
    assert changes(history, other) == [
        Change("a", "An act", "vote", "adopted 20–2–3", "adopted 19–2–4"),
        Change("a", "An act", "act", "—", "not replayed"),
    ]


@pytest.fixture(scope="module")
def what_if(tmp_path_factory: pytest.TempPathFactory) -> ReplayResult:
    overrides = parse_overrides(OVERRIDES, "what-if.yaml", SPEC)
    app = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('what-if') / 'w.db'}")
    clock = HistoricalClock()
    return replay(Bus(app.uow, clock), clock, with_overrides(SPEC, overrides), overrides=overrides)


def test_the_outcomes_that_change_under_the_overrides(
    history: History, what_if: ReplayResult
) -> None:
    found = {
        (ch.act, ch.what): (ch.history, ch.override) for ch in changes(history.result, what_if)
    }
    assert found[("congress-walkout", "act")] == ("—", "not replayed")
    assert found[("congress-walkout", "present")] == ("580 of 650", "—")
    assert found[("cc-16-october", "lenin-resolution")] == ("adopted 20–2–3", "adopted 19–2–4")
    assert found[("proclamation", "proclamation")] == ("adopted 566–2–12", "adopted 636–2–12")
    assert found[("land-decree", "land-decree")] == ("adopted 571–1–8", "adopted 641–1–8")
    assert found[("peace-decree", "congress-second: present")] == ("580 of 650", "650 of 650")
    history_seats, override_seats = found[("congress-presidium", "allotment")]
    assert history_seats.startswith("agreement: bolsheviks 14")
    assert override_seats.startswith("dhondt: bolsheviks 17")
    # outcomes the overrides do not reach stay as they were
    assert ("cc-10-october", "insurrection") not in found
    assert ("cec-elected", "allotment") not in found


def test_overridden_figures_rest_on_the_what_if_assumption(what_if: ReplayResult) -> None:
    lenin = next(p for p in what_if.polls if p.key == "cc-16-oct-lenin")
    assert lenin.for_.assumptions == (WHAT_IF,)
    assert WHAT_IF in what_if.assumptions
    presidium = next(a for a in what_if.allotments if a.key == "congress-presidium")
    assert presidium.method == "dhondt"
    assert all(f.assumptions == (WHAT_IF,) for f in presidium.allocation.values())
    assert presidium.taken["bolsheviks"] == 17
    walkout = what_if.act("congress-walkout")
    assert walkout.skipped and walkout.skipped_by
