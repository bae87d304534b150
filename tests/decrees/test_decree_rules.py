"""The pure rules of a decree and of a body's local acts (M13)."""

from __future__ import annotations

import pytest

from sovet.domain.decrees import Annex, Decree, DecreeStatus, Scope
from sovet.domain.dissemination import Reach, Sent
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotCompetent
from sovet.domain.local_acts import ActBook


def decree(**kw: object) -> Decree:
    args: dict[str, object] = dict(
        body="congress",
        number="2",
        title="Decree on Land",
        text="Landlord property is abolished.",
        sitting="s1",
        motion="land",
        effective="1917-10-26",
    )
    args.update(kw)
    return Decree.issue("land", **args)  # type: ignore[arg-type]


def test_annexes_bind_or_guide_and_replay_gives_the_same_decree() -> None:
    d = decree(
        annexes=[Annex("instructions", "Peasant instructions", "All land to the people.")],
        until="until the Constituent Assembly",
        until_body="constituent",
        scope=Scope(("north",), 2),
    )
    assert d.annexes[0].binding is False
    d.disseminate("telegraph", Sent.of({"north": Reach(1, "congress"), "n-1": Reach(2, "north")}))
    again = Decree.replay(d.pending)
    again.pending.clear()
    d.pending.clear()
    assert again == d
    assert (d.status, d.reached, d.tiers) == (DecreeStatus.IN_FORCE, 2, 2)


@pytest.mark.parametrize(
    ("kw", "error", "match"),
    [
        ({"effective": "26.10.1917"}, InvalidInput, "YYYY-MM-DD"),
        ({"number": " "}, InvalidInput, "number"),
        ({"title": ""}, InvalidInput, "name must not be empty"),
        ({"scope": Scope((), 0)}, InvalidInput, "depth"),
        ({"scope": Scope(("a", "a"))}, InvalidInput, "named twice"),
        ({"until_body": "constituent"}, InvalidInput, "in words"),
        ({"annexes": [Annex("a", "A", "x"), Annex("a", "B", "y")]}, AlreadyExists, "twice"),
    ],
)
def test_issue_refuses_malformed_decrees(kw: dict[str, object], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        decree(**kw)


def test_dissemination_happens_once_and_needs_a_scope() -> None:
    d = decree()
    with pytest.raises(InvalidInput, match="reaches no body"):
        d.disseminate("post", Sent.of({}))
    d.disseminate("post", Sent.of({"a": Reach(1, "congress")}))
    with pytest.raises(InvalidTransition, match="sent down already"):
        d.disseminate("post", Sent.of({"a": Reach(1, "congress")}))


def test_a_provisional_decree_ends_by_its_named_body_or_repeal() -> None:
    d = decree(until="until the Constituent Assembly", until_body="constituent")
    with pytest.raises(NotCompetent, match="congress or constituent"):
        d.end("north", "no")
    d.end("constituent", "The Assembly decided otherwise.")
    assert d.status is DecreeStatus.ENDED
    with pytest.raises(InvalidTransition, match="ended already"):
        d.end("congress", "again")
    with pytest.raises(InvalidTransition, match="has ended"):
        d.require_in_force()


def test_local_acts_have_their_own_numbering() -> None:
    book = ActBook("moscow")
    assert (
        book.adopt("hiring", "Revolutionary Decree No. 1", "Shop committees consent.").number == 1
    )
    assert book.adopt("later", "Later", "x", number=5).number == 5
    assert book.adopt("next", "Next", "y").number == 6
    with pytest.raises(AlreadyExists, match=r"No\. 5"):
        book.adopt("dup", "Dup", "z", number=5)
    with pytest.raises(InvalidInput, match="at least 1"):
        book.adopt("zero", "Zero", "z", number=0)
    assert ActBook.rebuild("moscow", book.pending).acts == book.acts


def test_conflicts_are_declared_once_by_either_body() -> None:
    book = ActBook("moscow")
    book.adopt("hiring", "Hiring", "Consent.")
    with pytest.raises(NotCompetent, match="not by petrograd"):
        book.declare_conflict("hiring", "land", by="petrograd", issuing="congress", reason="r")
    book.declare_conflict("hiring", "land", by="moscow", issuing="congress", reason="We differ.")
    with pytest.raises(AlreadyExists, match="already declared"):
        book.declare_conflict("hiring", "land", by="congress", issuing="congress", reason="r")
