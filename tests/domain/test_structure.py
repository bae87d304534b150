"""Rules of the structure: keys, kinds, links without cycles, constituencies."""

from __future__ import annotations

import pytest

from sovet.domain import events as ev
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound, StructureError
from sovet.domain.organisation import Organisation


def org_with(*bodies: str) -> Organisation:
    org = Organisation.create("org", "Org")
    for key in bodies:
        org.create_body(key, key.title(), "council")
    return org


def test_create_records_past_tense_events() -> None:
    org = org_with("a")
    assert [type(e) for e in org.pending] == [ev.OrganisationCreated, ev.BodyCreated]
    assert org.pending[1].subjects() == ("body:a",)


@pytest.mark.parametrize("key", ["", "Upper", "with space", "-lead", "x" * 81, "ü"])
def test_bad_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidInput, match="key"):
        org_with().create_body(key, "B", "council")


def test_unknown_body_kind_names_the_choices() -> None:
    with pytest.raises(InvalidInput, match=r"unknown body kind 'parliament'.*council"):
        org_with().create_body("b", "B", "parliament")


def test_duplicate_body_key() -> None:
    with pytest.raises(AlreadyExists, match="body 'a'"):
        org_with("a").create_body("a", "Again", "council")


def test_fixed_body_needs_size() -> None:
    with pytest.raises(InvalidInput, match="needs a size"):
        org_with().create_body("p", "Presidium", "presidium", seat_rule="fixed")


def test_section_link_cycle_is_refused_and_named() -> None:
    org = org_with("a", "b", "c")
    org.link("a", "b", "section-of")
    org.link("b", "c", "section-of")
    with pytest.raises(StructureError, match="cycle: c -> a -> b -> c"):
        org.link("c", "a", "section-of")


def test_constituency_cycle_is_refused() -> None:
    org = org_with("base", "district", "city")
    org.create_constituency("b-d", "district", "base")
    org.create_constituency("d-c", "city", "district")
    with pytest.raises(StructureError, match="cycle"):
        org.create_constituency("c-b", "base", "city")


def test_controls_links_may_form_loops() -> None:
    # Control is not hierarchy: a congress controls its executive, which may
    # supervise bodies that send delegates to the congress.
    org = org_with("congress", "executive")
    org.link("congress", "executive", "controls")
    org.link("executive", "congress", "controls")
    assert len(org.links) == 2


def test_self_link_and_duplicate_link() -> None:
    org = org_with("a", "b")
    with pytest.raises(StructureError):
        org.link("a", "a", "controls")
    org.link("a", "b", "controls")
    with pytest.raises(AlreadyExists):
        org.link("a", "b", "controls")


def test_link_to_unknown_body() -> None:
    with pytest.raises(NotFound, match="no body 'ghost'"):
        org_with("a").link("a", "ghost", "section-of")


def test_constituency_curia_must_be_one_of_the_body_s() -> None:
    org = Organisation.create("org", "Org")
    org.create_body("soviet", "Soviet", "council", curiae=["workers", "soldiers"])
    org.create_body("factory", "Factory", "council")
    with pytest.raises(InvalidInput, match="no curia 'peasants'"):
        org.create_constituency("f", "soviet", "factory", curia="peasants")
    org.create_constituency("f", "soviet", "factory", curia="workers")


def test_constituency_with_unknown_norm() -> None:
    org = org_with("a", "b")
    with pytest.raises(NotFound, match="no norm 'nope'"):
        org.create_constituency("x", "a", "b", norm="nope")


def test_faction_split_requires_members_of_that_faction() -> None:
    from sovet.domain.members import Member

    org = org_with("a")
    org.create_faction("srs", "SRs")
    org.create_faction("other", "Other")
    inside = Member("1", "A", "a", "srs")
    outside = Member("2", "B", "a", "other")
    with pytest.raises(InvalidInput, match="member 2 is not in faction srs"):
        org.split_faction("srs", "left-srs", "Left SRs", [inside, outside])
    event = org.split_faction("srs", "left-srs", "Left SRs", [inside])
    assert event.payload() == {
        "faction": "srs",
        "new_key": "left-srs",
        "new_name": "Left SRs",
        "members": ["1"],
    }
    assert org.factions["left-srs"].parent == "srs"


def test_member_checks() -> None:
    from sovet.domain.members import Member

    org = org_with("a")
    with pytest.raises(NotFound, match="no body 'b'"):
        org.add_member(Member("1", "A", "b"))
    with pytest.raises(NotFound, match="no faction 'x'"):
        org.add_member(Member("1", "A", "a", "x"))
    with pytest.raises(InvalidInput, match="email"):
        org.add_member(Member("1", "A", "a", None, "not-an-address"))
    with pytest.raises(InvalidInput, match="member number"):
        org.add_member(Member("1 2", "A", "a"))


def test_events_round_trip_through_their_payload() -> None:
    org = org_with("a", "b")
    org.set_norm("n", "per-members", per=10, minimum=1, maximum=5, rounding="up")
    org.create_constituency("c", "a", "b", norm="n", membership_override=7)
    for event in org.pending:
        assert ev.event_from_entry(event.op, event.payload()) == event
