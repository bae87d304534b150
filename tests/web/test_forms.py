"""Forms as a browser without JavaScript sends them: logging in and out, a ballot and
its receipt, a poll opened and closed by the chair, a petition signed, a decree
acknowledged; each refused without the session's CSRF token, and refusals and domain
errors shown on the page with their status."""

from __future__ import annotations

import re
from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.permissions import Actor
from tests.web.conftest import Browser
from tests.web.world import PASSWORD, World

Visit = Callable[[str | None], Browser]


def test_logging_in_and_out(visit: Visit) -> None:
    nobody = visit(None)
    wrong = nobody.post("/login", data={"login": "ben", "password": "nope"})
    assert wrong.status_code == 401 and "wrong login or password" in wrong.text
    assert 'value="ben"' in wrong.text  # the login stays in the form
    answer = nobody.post(
        "/login",
        data={"login": "ben", "password": PASSWORD, "next": "/orgs/union/recalls"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/orgs/union/recalls"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    nobody.page("/orgs/union/me")
    assert nobody.submit("/logout").status_code == 303
    assert nobody.get("/orgs/union/me").status_code == 403


def test_the_login_form_goes_back_only_to_this_site(visit: Visit) -> None:
    answer = visit(None).post(
        "/login",
        data={"login": "ben", "password": PASSWORD, "next": "//elsewhere.example/"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


def test_a_form_without_the_csrf_token_is_refused(visit: Visit, world: World) -> None:
    ben = visit("ben")
    ben.page("/orgs/union/recalls/r1")
    answer = ben.post("/orgs/union/recalls/r1/sign", data={}, follow_redirects=False)
    assert answer.status_code == 403 and "CSRF token" in answer.text
    forged = ben.post("/orgs/union/recalls/r1/sign", data={"csrf_token": "forged"})
    assert forged.status_code == 403
    assert "0</strong> of the" in ben.page("/orgs/union/recalls/r1")
    assert visit("ben").post("/logout").status_code == 403


def open_poll(world: World, key: str, mode: str) -> None:
    world.bus.execute(Actor.operator(), c.OpenPoll("union", key, "s1", "Strike?", mode=mode))


def test_a_secret_ballot_gives_a_receipt_shown_once(visit: Visit, world: World) -> None:
    open_poll(world, "strike", "secret")
    ben = visit("ben")
    page = ben.page("/orgs/union/polls/strike")
    assert "Cast my ballot" in page and "0 of 3 voters have voted" in page
    answer = ben.submit("/orgs/union/polls/strike/ballot", {"choice": "for"})
    assert answer.status_code == 200
    receipt = re.search(r'class="receipt">([0-9a-f]{32})<', answer.text)
    assert receipt is not None and "1 of 3 voters have voted" in answer.text
    again = ben.submit("/orgs/union/polls/strike/ballot", {"choice": "against"})
    assert again.status_code == 409 and "has already voted in poll strike" in again.text
    assert receipt[1] not in ben.page("/orgs/union/polls/strike")
    assert "You have voted in this poll." in ben.page("/orgs/union/polls/strike")


def test_a_named_ballot_is_recorded_and_a_non_voter_refused(visit: Visit, world: World) -> None:
    open_poll(world, "roll", "roll-call")
    dina = visit("dina")
    dina.page("/orgs/union/polls/roll")
    answer = dina.submit("/orgs/union/polls/roll/ballot", {"choice": "against"})
    assert "recorded for member 4" in answer.text
    cyril = visit("cyril")
    assert "not among this poll" in cyril.page("/orgs/union/polls/roll")
    refused = cyril.submit("/orgs/union/polls/roll/ballot", {"choice": "for"})
    assert refused.status_code == 403 and "member 3 may not vote in poll roll" in refused.text
    bad = dina.submit("/orgs/union/polls/roll/ballot", {"choice": "maybe"})
    assert bad.status_code in (409, 422)


def test_the_chair_opens_and_closes_a_poll(visit: Visit) -> None:
    ada = visit("ada")
    assert "Open a poll" in ada.page("/orgs/union/sittings/s1")
    opened = ada.submit(
        "/orgs/union/sittings/s1/polls",
        {"key": "adjourn", "question": "Adjourn?", "mode": "show-of-hands", "rule": "simple"},
    )
    assert opened.status_code == 303 and opened.headers["location"] == "/orgs/union/polls/adjourn"
    assert "Close the poll" in ada.page("/orgs/union/polls/adjourn")
    too_many = ada.submit("/orgs/union/polls/adjourn/close", {"for": "9", "against": "0"})
    assert too_many.status_code == 422 and "9 hands counted but only 3 may vote" in too_many.text
    closed = ada.submit(
        "/orgs/union/polls/adjourn/close", {"for": "2", "against": "1", "abstain": "0"}
    )
    assert closed.status_code == 303
    page = ada.page("/orgs/union/polls/adjourn")
    assert "Closed." in page and "Adopted" in page and "Close the poll" not in page
    taken = ada.submit("/orgs/union/sittings/s1/polls", {"key": "adjourn", "question": "Again?"})
    assert taken.status_code == 409 and "adjourn" in taken.text


def test_only_the_chair_may_open_or_close_a_poll(visit: Visit, world: World) -> None:
    ben = visit("ben")
    assert "Open a poll" not in ben.page("/orgs/union/sittings/s1")
    refused = ben.submit("/orgs/union/sittings/s1/polls", {"key": "p9", "question": "Q?"})
    assert refused.status_code == 403
    assert "ben may not poll.open in organisation union, body district: it needs body-chair" in (
        refused.text
    )
    open_poll(world, "strike", "secret")
    assert "Close the poll" not in ben.page("/orgs/union/polls/strike")
    assert ben.submit("/orgs/union/polls/strike/close").status_code == 403


def test_an_elector_signs_a_recall_petition_and_withdraws(visit: Visit) -> None:
    cyril = visit("cyril")
    assert "Sign the petition" in cyril.page("/orgs/union/recalls/r1")
    signed = cyril.submit("/orgs/union/recalls/r1/sign")
    assert signed.status_code == 303
    page = cyril.page("/orgs/union/recalls/r1")
    assert "You have signed this petition." in page and "1</strong> of the" in page
    twice = cyril.submit("/orgs/union/recalls/r1/sign")
    assert twice.status_code == 409
    assert cyril.submit("/orgs/union/recalls/r1/withdraw").status_code == 303
    assert "Sign the petition" in cyril.page("/orgs/union/recalls/r1")


def test_a_member_of_another_constituency_may_not_sign(visit: Visit) -> None:
    dina = visit("dina")
    dina.page("/orgs/union/recalls/r1")
    refused = dina.submit("/orgs/union/recalls/r1/sign")
    assert refused.status_code == 403
    assert "member 4 is no elector of constituency north-d" in refused.text


def test_a_secretary_acknowledges_a_decree_for_their_body(visit: Visit) -> None:
    cyril = visit("cyril")
    page = cyril.page("/orgs/union/decrees/rent")
    assert "Report what your body did" in page and '<option value="north">' in page
    assert '<option value="south">' not in page
    answered = cyril.submit(
        "/orgs/union/decrees/rent/respond", {"body": "north", "state": "acknowledged"}
    )
    assert answered.status_code == 303
    after = cyril.page(answered.headers["location"])
    assert "The response of north is recorded." in after
    back = cyril.submit("/orgs/union/decrees/rent/respond", {"body": "north", "state": "received"})
    assert back.status_code == 409 and "already acknowledged" in back.text
    refusal = cyril.submit(
        "/orgs/union/decrees/rent/respond", {"body": "north", "state": "refused"}
    )
    assert refusal.status_code == 422 and "a refusal must give its reasons" in refusal.text


def test_a_member_without_a_role_may_not_answer_for_a_body(visit: Visit) -> None:
    ben = visit("ben")
    assert "Report what your body did" not in ben.page("/orgs/union/decrees/rent")
    refused = ben.submit(
        "/orgs/union/decrees/rent/respond", {"body": "north", "state": "acknowledged"}
    )
    assert refused.status_code == 403 and "it needs body-secretary" in refused.text


def test_too_many_failed_logins_are_refused_for_a_while(visit: Visit) -> None:
    nobody = visit(None)
    for _ in range(5):
        assert nobody.post("/login", data={"login": "ben", "password": "nope"}).status_code == 401
    closed = nobody.post("/login", data={"login": "ben", "password": PASSWORD})
    assert closed.status_code == 429 and "too many failed logins for ben" in closed.text
    assert int(closed.headers["retry-after"]) > 0
