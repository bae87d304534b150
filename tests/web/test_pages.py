"""Every page: shown to whom the bus allows, refused with a 403 page naming the
permission to whom it does not; errors shown with what is wrong and their status."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.web.conftest import Browser

Visit = Callable[[str | None], Browser]

# Each page a member may read, with something the page must show.
MEMBER_PAGES = [
    ("/orgs/union/me", "Delegates sent by"),
    ("/orgs/union", "District council"),
    ("/orgs/union/bodies/district", "Seats by faction"),
    ("/orgs/union/bodies/north", "Members on its roll"),
    ("/orgs/union/members/2", "Ben"),
    ("/orgs/union/sittings", "s1"),
    ("/orgs/union/sittings/s1", "Attendance and quorum"),
    ("/orgs/union/sittings/s1/live", "Quorate"),
    ("/orgs/union/polls", "Freeze the rents?"),
    ("/orgs/union/polls/pd", "Adopted"),
    ("/orgs/union/elections", "stv-scottish"),
    ("/orgs/union/elections/e1", "Tallies round by round"),
    ("/orgs/union/recalls", "r1"),
    ("/orgs/union/recalls/r1", "Signatures"),
    ("/orgs/union/orders", "Orders"),
    ("/orgs/union/admin", "Structure"),
]


@pytest.mark.parametrize(("url", "shows"), MEMBER_PAGES)
def test_a_member_sees_the_page_and_a_stranger_is_refused_naming_the_permission(
    visit: Visit, url: str, shows: str
) -> None:
    ben = visit("ben")
    assert shows in ben.page(url)
    refused = visit(None).get(url)
    assert refused.status_code == 403
    assert "anonymous may not" in refused.text and "it needs member" in refused.text
    assert 'href="/login?next=' in refused.text


@pytest.mark.parametrize(
    ("url", "shows"),
    [("/orgs/union/decrees", "Decree on Rent"), ("/orgs/union/decrees/rent", "No eviction.")],
)
def test_decrees_are_public(visit: Visit, url: str, shows: str) -> None:
    assert shows in visit(None).page(url)


def test_my_councils_show_the_delegates_of_each_tier_and_my_mandates(visit: Visit) -> None:
    page = visit("ada").page("/orgs/union/me")
    assert "District council" in page and "Congress" in page
    assert "d1" in page and "d2" in page and "e1-1" in page
    assert "My mandates" in page and "district-c" in page


def test_a_body_page_draws_its_hemicycle_with_the_figures_beside(visit: Visit) -> None:
    page = visit("ben").page("/orgs/union/bodies/district")
    assert page.count('class="seat present"') == 3 and page.count('class="seat empty"') == 2
    assert "<title>Seats of District council by faction</title>" in page
    assert "vacant" in page and "Greens" in page


def test_members_and_mandates_are_paged(visit: Visit) -> None:
    ben = visit("ben")
    first = ben.page("/orgs/union/bodies/north")
    assert "Ada" in first and "next page" not in first.lower()
    later = ben.page("/orgs/union/bodies/district?mandates_after=d2")
    assert "d4" in later and ">d1<" not in later


def test_the_ledger_is_the_auditors_and_verifies(visit: Visit) -> None:
    refused = visit("ben").get("/orgs/union/ledger")
    assert refused.status_code == 403
    assert "ben may not ledger.page in organisation union: it needs auditor" in refused.text
    eddie = visit("eddie")  # the administrator may do anything in the organisation
    page = eddie.page("/orgs/union/ledger")
    assert "<code>org.create</code>" in page and "decree.disseminate" in page
    later = eddie.page("/orgs/union/ledger?after=20")
    assert ">21<" in later and "<code>org.create</code>" not in later
    verified = eddie.page("/orgs/union/ledger/verification")
    assert "Verified." in verified and "equals the stored state" in verified


def test_a_decrees_compliance_drills_down_a_branch(visit: Visit) -> None:
    ben = visit("ben")
    whole = ben.page("/orgs/union/decrees/rent")
    assert "Rents are frozen." in whole and "2 bodies in scope" in whole
    assert 'href="/orgs/union/decrees/rent?under=north"' in whole
    north = ben.page("/orgs/union/decrees/rent?under=north")
    assert "below north" in north and "Back to the whole scope" in north


def test_a_decree_is_public_and_its_compliance_the_members(visit: Visit) -> None:
    page = visit(None).page("/orgs/union/decrees/rent")
    assert "Decree on Rent" in page and "Log in</a> as a member" in page


def test_an_unknown_thing_is_a_404_page_naming_it(visit: Visit) -> None:
    answer = visit("ben").get("/orgs/union/polls/nothing")
    assert answer.status_code == 404
    assert "organisation union has no poll &#39;nothing&#39;" in answer.text


def test_a_malformed_address_is_a_422_page_naming_the_part(visit: Visit) -> None:
    answer = visit("ben").get("/orgs/union/ledger?after=x")
    assert answer.status_code == 422
    assert "after:" in answer.text


def test_the_front_page_sends_a_member_to_their_councils(visit: Visit) -> None:
    answer = visit("ben").get("/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/orgs/union/me"
    anonymous = visit(None).page("/")
    assert 'href="/orgs/union"' in anonymous and "Log in" in anonymous


def test_a_stale_session_is_told_to_log_in_again_and_forgotten(visit: Visit) -> None:
    answer = visit(None).get("/orgs/union/me", headers={"Cookie": "sovet_session=stale"})
    assert answer.status_code == 401 and "log in again" in answer.text
    assert 'sovet_session=""' in answer.headers["set-cookie"]


def test_static_files_are_served(visit: Visit) -> None:
    htmx = visit(None).get("/static/htmx.min.js")
    assert htmx.status_code == 200 and htmx.text.startswith("/* htmx 2.0.11")
    assert visit(None).get("/static/live.js").status_code == 200


def test_the_api_is_served_beside_the_pages(visit: Visit) -> None:
    ben = visit("ben")
    answer = ben.get("/api/v1/orgs/union/bodies/district")
    assert answer.status_code == 200 and answer.json()["body"]["key"] == "district"


def test_an_address_without_a_page_is_a_404_page_and_the_api_keeps_json(visit: Visit) -> None:
    page = visit("ben").get("/orgs/union/nowhere/at/all")
    assert page.status_code == 404 and "no page at /orgs/union/nowhere/at/all" in page.text
    assert page.headers["content-type"].startswith("text/html")
    api = visit("ben").get("/api/v1/nowhere")
    assert api.status_code == 404 and api.json()["error"] == "not-found"
