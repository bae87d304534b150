"""The roles a member holds: per body and per organisation (sovet.domain.roles)."""

from __future__ import annotations

import pytest

from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.organisation import Organisation
from sovet.domain.role_events import RoleGranted, RoleRevoked
from sovet.domain.roles import BODY_ROLES, ORG_ROLES, MemberRoles, RoleHeld
from sovet.services.permissions import Role


@pytest.fixture
def org() -> Organisation:
    org = Organisation.create("union", "Union")
    org.create_body("district", "District council", "council")
    return org


def test_a_body_role_names_a_body_of_the_organisation(org: Organisation) -> None:
    roles = MemberRoles("1")
    event = roles.grant(org, "chair", "district")
    assert event == RoleGranted("1", "chair", "district")
    assert event.stream() == "roles:1"
    assert event.subjects() == ("member:1", "body:district")
    assert roles.in_bodies() == {"district": frozenset({"chair"})}
    with pytest.raises(NotFound, match="organisation union has no body 'atlantis'"):
        roles.grant(org, "chair", "atlantis")
    with pytest.raises(InvalidInput, match="'administrator' is no role in body district"):
        roles.grant(org, "administrator", "district")


def test_an_organisation_role_names_no_body(org: Organisation) -> None:
    roles = MemberRoles("1")
    roles.grant(org, "administrator")
    roles.grant(org, "auditor")
    assert roles.in_organisation() == frozenset({"administrator", "auditor"})
    with pytest.raises(InvalidInput, match="'chair' is no role in an organisation"):
        roles.grant(org, "chair")


def test_a_role_is_held_once_in_one_place(org: Organisation) -> None:
    roles = MemberRoles("1")
    roles.grant(org, "auditor", "district")
    roles.grant(org, "auditor")  # the organisation's auditor is another place
    with pytest.raises(AlreadyExists, match="already holds the role auditor in body district"):
        roles.grant(org, "auditor", "district")


def test_only_a_role_held_is_revoked(org: Organisation) -> None:
    roles = MemberRoles("1")
    with pytest.raises(NotFound, match="member 1 holds no role 'chair' in body district"):
        roles.revoke("chair", "district")
    roles.grant(org, "chair", "district")
    event = roles.revoke("chair", "district", "  re-elected  ")
    assert event == RoleRevoked("1", "chair", "district", "re-elected")
    assert roles.in_bodies() == {}
    assert [e.op for e in roles.pending] == ["role.grant", "role.revoke"]


def test_roles_are_the_replay_of_the_members_stream(org: Organisation) -> None:
    events = [
        RoleGranted("1", "chair", "district"),
        RoleGranted("1", "administrator"),
        RoleRevoked("1", "chair", "district"),
        RoleGranted("1", "secretary", "district"),
    ]
    roles = MemberRoles.replay("1", events)
    assert roles.listed() == [
        RoleHeld("1", "administrator", None),
        RoleHeld("1", "secretary", "district"),
    ]
    assert roles.pending == []


def test_a_malformed_member_number_is_refused(org: Organisation) -> None:
    with pytest.raises(InvalidInput, match="member number"):
        MemberRoles("two words").grant(org, "administrator")


def test_the_body_roles_are_the_roles_permissions_know() -> None:
    assert set(BODY_ROLES) == {str(r) for r in Role}
    assert set(ORG_ROLES) == {"administrator", "auditor"}
