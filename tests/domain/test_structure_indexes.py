"""The organisation's lookups stay right as the structure grows after they were first
asked (they are kept up to date rather than rebuilt on every question)."""

from __future__ import annotations

import pytest

from sovet.domain.errors import StructureError
from sovet.domain.organisation import Organisation


def test_lookups_and_the_cycle_check_see_what_is_added_after_them() -> None:
    org = Organisation.create("o", "O")
    org.set_norm("one", "fixed", seats=1)
    for key in ("top", "mid", "low", "sec"):
        org.create_body(key, key, "council")
    org.create_constituency("c1", "top", "mid", norm="one")
    assert [c.key for c in org.constituencies_of("top")] == ["c1"]
    assert org.sections_of("top") == []
    org.create_constituency("c2", "mid", "low", norm="one")
    org.create_constituency("c3", "top", "low", norm="one")
    org.link("sec", "top", "section-of")
    assert [c.key for c in org.constituencies_of("top")] == ["c1", "c3"]
    assert org.sections_of("top") == ["sec"]
    assert sorted(org.children("top")) == ["low", "mid", "sec"]
    with pytest.raises(StructureError, match="cycle"):
        org.create_constituency("c4", "low", "top", norm="one")
    org.create_body("new", "new", "council")
    with pytest.raises(StructureError, match="cycle"):
        org.link("top", "sec", "section-of")
    org.create_constituency("c5", "new", "top", norm="one")
    with pytest.raises(StructureError, match="cycle"):
        org.create_constituency("c6", "low", "new", norm="one")
