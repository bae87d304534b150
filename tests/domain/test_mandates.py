"""The mandate lifecycle and credentials (M03, M08)."""

from __future__ import annotations

import pytest

from sovet.domain.errors import InvalidTransition, MandateRevoked
from sovet.domain.members import (
    ENDED,
    TRANSITIONS,
    CredentialStatus,
    Mandate,
    MandateStatus,
)


def mandate(status: MandateStatus = MandateStatus.ELECTED) -> Mandate:
    return Mandate("m1", "soviet", "factory", "42", status=status)


def test_elected_then_confirmed_then_suspended_and_reinstated() -> None:
    m = mandate().moved_to(MandateStatus.CONFIRMED)
    m = m.moved_to(MandateStatus.SUSPENDED).moved_to(MandateStatus.CONFIRMED)
    assert m.status is MandateStatus.CONFIRMED and m.active


@pytest.mark.parametrize(
    "start", [MandateStatus.ELECTED, MandateStatus.CONFIRMED, MandateStatus.SUSPENDED]
)
@pytest.mark.parametrize("end", sorted(ENDED))
def test_a_mandate_can_end_at_any_time(start: MandateStatus, end: MandateStatus) -> None:
    ended = mandate(start).moved_to(end)
    assert not ended.active


@pytest.mark.parametrize("end", sorted(ENDED))
def test_an_ended_mandate_cannot_change(end: MandateStatus) -> None:
    for target in MandateStatus:
        with pytest.raises(MandateRevoked, match="m1 has ended"):
            mandate(end).moved_to(target)


def test_confirmed_cannot_go_back_to_elected() -> None:
    with pytest.raises(InvalidTransition, match="from confirmed to elected"):
        mandate(MandateStatus.CONFIRMED).moved_to(MandateStatus.ELECTED)


def test_transition_table_covers_every_status() -> None:
    assert set(TRANSITIONS) == set(MandateStatus)


def test_credentials_only_for_active_mandates() -> None:
    assert mandate().with_credential(CredentialStatus.ADVISORY).credential is (
        CredentialStatus.ADVISORY
    )
    with pytest.raises(MandateRevoked):
        mandate(MandateStatus.RECALLED).with_credential(CredentialStatus.VOTING)
