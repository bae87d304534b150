"""The executive side on SQLite and PostgreSQL: the three named cases of
countersignature and allegiance, the MRC's commissars at district headquarters, and
commissions, executives and conferences kept as streams, each followed by a clean
replay of the ledger."""

from __future__ import annotations

from sovet.services.bus import Bus
from tests import executive_scenarios as scenarios
from tests import government_scenarios as government


def test_an_order_valid_for_one_unit_and_not_for_another_while_authority_is_contested(
    sql_bus: Bus,
) -> None:
    scenarios.valid_for_one_unit_not_another(sql_bus)


def test_an_order_becomes_valid_when_the_second_of_two_countersignatures_arrives(
    sql_bus: Bus,
) -> None:
    scenarios.valid_at_the_second_countersignature(sql_bus)


def test_a_recalled_commissars_countersignature_no_longer_counts(sql_bus: Bus) -> None:
    scenarios.recalled_countersignature_no_longer_counts(sql_bus)


def test_mrc_district_hq_commissars_any_one_of_three_countersigns(sql_bus: Bus) -> None:
    scenarios.mrc_any_one_of_three(sql_bus)


def test_council_of_commissars_with_a_post_left_open(sql_bus: Bus) -> None:
    government.sovnarkom_formed(sql_bus)


def test_commission_seats_bureau_and_garrison_conference(sql_bus: Bus) -> None:
    government.mrc_regulations_and_garrison_conference(sql_bus)
