"""Accounts over HTTP: logging in, the session cookie's flags, CSRF, the rate limit,
invitations (single use, expiry), API tokens and their scope, and roles granted
through the bus becoming what an account may do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from sovet.bootstrap import App
from sovet.services import commands as c
from sovet.services.permissions import Actor
from tests.api.conftest import Clock
from tests.factories import small_union

PASSWORD = "correct horse battery"  # noqa: S105


@pytest.fixture
def union(sovet_file: App, operator: Actor) -> App:
    """The small union, with an account for member 1 (Ada) and a site administrator."""
    small_union(sovet_file.bus, operator)
    sovet_file.accounts.create("ada", PASSWORD, org="union", member="1")
    sovet_file.accounts.create("root", PASSWORD + "!", site_admin=True)
    return sovet_file


def log_in(http: TestClient, login: str = "ada", password: str = PASSWORD) -> str:
    """Log in; the client keeps the cookie; returns the CSRF token."""
    answer = http.post("/api/v1/auth/login", json={"login": login, "password": password})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["csrf_token"])


def test_login_sets_a_secure_http_only_same_site_cookie(union: App, http: TestClient) -> None:
    answer = http.post("/api/v1/auth/login", json={"login": "ada", "password": PASSWORD})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["login"], body["org"], body["member"]) == ("ada", "union", "1")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("sovet_session=")
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    me = http.get("/api/v1/auth/me").json()
    assert me["login"] == "ada" and me["member_of"] == ["union"] and me["admin_of"] == []
    assert "$argon2" not in answer.text + http.get("/api/v1/auth/me").text


def test_a_member_reads_the_tree_and_is_refused_an_administrators_act(
    union: App, http: TestClient
) -> None:
    csrf = log_in(http)
    assert http.get("/api/v1/orgs/union").json()["org"] == "union"
    refused = http.post(
        "/api/v1/ops/body.create",
        json={"org": "union", "key": "east", "name": "East", "kind": "council"},
        headers={"X-CSRF-Token": csrf},
    )
    assert refused.status_code == 403
    assert (
        refused.json()["detail"]
        == "ada may not body.create in organisation union: it needs org-admin"
    )


def test_wrong_password_and_unknown_login_are_refused_alike(union: App, http: TestClient) -> None:
    wrong = http.post("/api/v1/auth/login", json={"login": "ada", "password": "not it at all"})
    unknown = http.post("/api/v1/auth/login", json={"login": "nobody", "password": PASSWORD})
    for answer in (wrong, unknown):
        assert answer.status_code == 401
        assert answer.json() == {"error": "login-failed", "detail": "wrong login or password"}
        assert "set-cookie" not in answer.headers


def test_five_failures_close_the_login_from_that_address_for_fifteen_minutes(
    union: App, http: TestClient, clock: Clock
) -> None:
    for _ in range(5):
        answer = http.post("/api/v1/auth/login", json={"login": "ada", "password": "guess guess"})
        assert answer.status_code == 401
        clock.now += timedelta(seconds=30)
    # even the right password is not tried now
    closed = http.post("/api/v1/auth/login", json={"login": "ada", "password": PASSWORD})
    assert closed.status_code == 429
    assert closed.json()["error"] == "too-many-attempts"
    # the first failure was 2.5 minutes ago: 12.5 minutes to wait
    assert closed.headers["Retry-After"] == str(int(timedelta(minutes=12.5).total_seconds()))
    # another account from the same address is not affected
    assert (
        http.post(
            "/api/v1/auth/login", json={"login": "root", "password": PASSWORD + "!"}
        ).status_code
        == 200
    )
    clock.now += timedelta(minutes=12, seconds=31)
    assert (
        http.post("/api/v1/auth/login", json={"login": "ada", "password": PASSWORD}).status_code
        == 200
    )


def test_a_form_post_with_the_session_cookie_but_no_csrf_token_is_refused(
    union: App, http: TestClient
) -> None:
    csrf = log_in(http)
    refused = http.post("/api/v1/auth/logout", data={"reason": "done"})
    assert refused.status_code == 403
    assert refused.json()["error"] == "csrf-refused"
    forged = http.post("/api/v1/auth/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 403
    assert http.get("/api/v1/auth/me").json()["login"] == "ada"  # still logged in
    cookie = http.cookies["sovet_session"]
    done = http.post("/api/v1/auth/logout", data={"csrf_token": csrf})
    assert done.status_code == 200
    assert http.get("/api/v1/auth/me").json()["login"] == "anonymous"
    http.cookies.set("sovet_session", cookie, domain="testserver.local")
    assert http.get("/api/v1/auth/me").status_code == 401  # the old cookie's session is gone


def test_a_json_post_with_the_session_cookie_needs_the_csrf_header(
    union: App, http: TestClient
) -> None:
    csrf = log_in(http)
    body = {"org": "union", "number": "6", "name": "Flo", "council": "north"}
    assert http.post("/api/v1/ops/member.add", json=body).status_code == 403
    assert (
        http.post(
            "/api/v1/ops/org.tree", json={"org": "union"}, headers={"X-CSRF-Token": csrf}
        ).status_code
        == 200
    )


def test_roles_granted_through_the_bus_are_what_the_account_may_do(
    union: App, http: TestClient, operator: Actor
) -> None:
    csrf = log_in(http)
    headers = {"X-CSRF-Token": csrf}
    open_sitting = {"org": "union", "key": "s1", "body": "district"}
    assert (
        http.post("/api/v1/ops/sitting.open", json=open_sitting, headers=headers).status_code == 403
    )
    union.bus.execute(operator, c.GrantRole("union", "1", "chair", "district"))
    assert (
        http.post("/api/v1/ops/sitting.open", json=open_sitting, headers=headers).status_code == 200
    )
    me = http.get("/api/v1/auth/me").json()
    assert me["roles"] == [{"org": "union", "body": "district", "roles": ["chair"]}]
    union.bus.execute(operator, c.GrantRole("union", "1", "administrator"))
    assert http.get("/api/v1/auth/me").json()["admin_of"] == ["union"]
    entries = union.bus.execute(operator, c.ExportLedger("union"))
    assert [e.op for e in entries if e.op.startswith("role.")] == ["role.grant", "role.grant"]
    assert all("password" not in str(e.payload) and "csrf" not in str(e.payload) for e in entries)


def test_an_invitation_opens_an_account_once(union: App, http: TestClient, operator: Actor) -> None:
    [invitation] = union.bus.execute(operator, c.InviteMembers("union", ("2",)))
    body = {"token": invitation.secret, "login": "ben", "password": "ben's password"}
    opened = http.post("/api/v1/auth/invitation", json=body)
    assert opened.status_code == 201, opened.text
    assert (opened.json()["login"], opened.json()["member"]) == ("ben", "2")
    assert http.get("/api/v1/auth/me").json()["login"] == "ben"
    again = http.post("/api/v1/auth/invitation", json={**body, "login": "ben2"})
    assert again.status_code == 410
    assert again.json() == {
        "error": "invitation-unusable",
        "detail": "this invitation has been used already",
    }
    unknown = http.post("/api/v1/auth/invitation", json={**body, "token": "made-up"})
    assert unknown.status_code == 404
    # the member now has an account: no second invitation
    second = http.post("/api/v1/auth/login", json={"login": "root", "password": PASSWORD + "!"})
    refused = http.post(
        "/api/v1/ops/account.invite",
        json={"org": "union", "members": ["2"]},
        headers={"X-CSRF-Token": second.json()["csrf_token"]},
    )
    assert refused.status_code == 409
    assert "member 2 of union already has the account ben" in refused.json()["detail"]


def test_an_invitation_expires(union: App, http: TestClient, operator: Actor, clock: Clock) -> None:
    [invitation] = union.bus.execute(operator, c.InviteMembers("union", ("3",), valid_days=2))
    clock.now += timedelta(days=2)
    late = http.post(
        "/api/v1/auth/invitation",
        json={"token": invitation.secret, "login": "cyril", "password": "cy's password"},
    )
    assert late.status_code == 410
    assert "expired" in late.json()["detail"]


def test_an_invitation_needs_a_proper_login_and_password(
    union: App, http: TestClient, operator: Actor
) -> None:
    [invitation] = union.bus.execute(operator, c.InviteMembers("union", ("3",)))
    short = http.post(
        "/api/v1/auth/invitation",
        json={"token": invitation.secret, "login": "cyril", "password": "short"},
    )
    assert short.status_code == 422
    taken = http.post(
        "/api/v1/auth/invitation",
        json={"token": invitation.secret, "login": "ada", "password": "long enough now"},
    )
    assert taken.status_code == 409
    # neither attempt used the link up
    ok = http.post(
        "/api/v1/auth/invitation",
        json={"token": invitation.secret, "login": "cyrus", "password": "long enough now"},
    )
    assert ok.status_code == 201


def test_an_api_token_acts_within_its_scope_only(
    union: App, http: TestClient, operator: Actor
) -> None:
    union.bus.execute(operator, c.GrantRole("union", "1", "administrator"))
    csrf = log_in(http)
    made = http.post(
        "/api/v1/auth/tokens",
        json={"name": "tree reader", "operations": ["org.tree", "member.*"], "orgs": ["union"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    assert token.startswith("sovet_")
    bearer = TestClient(http.app, base_url="https://testserver")
    bearer.headers["Authorization"] = f"Bearer {token}"
    assert bearer.post("/api/v1/ops/org.tree", json={"org": "union"}).status_code == 200
    added = bearer.post(
        "/api/v1/ops/member.add",
        json={"org": "union", "number": "6", "name": "Flo", "council": "north"},
    )
    assert added.status_code == 200  # no CSRF token: a Bearer request carries no cookie
    refused = bearer.post(
        "/api/v1/ops/body.create",
        json={"org": "union", "key": "east", "name": "East", "kind": "council"},
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "ada may not body.create in organisation union: outside the scope of its token"
    )
    # a token cannot make tokens (it could widen its own scope), nor manage them
    assert bearer.post("/api/v1/auth/tokens", json={"name": "wider"}).status_code == 401
    assert bearer.get("/api/v1/auth/tokens").status_code == 401
    listed = http.get("/api/v1/auth/tokens").json()
    assert [t["name"] for t in listed] == ["tree reader"] and listed[0]["token"] is None
    assert (
        http.delete(
            f"/api/v1/auth/tokens/{listed[0]['id']}", headers={"X-CSRF-Token": csrf}
        ).status_code
        == 200
    )
    revoked = bearer.post("/api/v1/ops/org.tree", json={"org": "union"})
    assert revoked.status_code == 401
    assert revoked.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_scoped_to_an_organisation_cannot_act_elsewhere(
    union: App, http: TestClient, operator: Actor
) -> None:
    csrf = log_in(http, "root", PASSWORD + "!")
    made = http.post(
        "/api/v1/auth/tokens",
        json={"name": "union only", "orgs": ["union"]},
        headers={"X-CSRF-Token": csrf},
    )
    bearer = {"Authorization": f"Bearer {made.json()['token']}"}
    create = http.post(
        "/api/v1/ops/org.create", json={"key": "other", "name": "Other"}, headers=bearer
    )
    assert create.status_code == 403 and "outside the scope" in create.json()["detail"]
    assert http.post("/api/v1/ops/org.list", json={}, headers=bearer).status_code == 200


def test_a_token_naming_no_operation_is_refused(union: App, http: TestClient) -> None:
    csrf = log_in(http)
    answer = http.post(
        "/api/v1/auth/tokens",
        json={"name": "typo", "operations": ["org.tre"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == "'org.tre' names no operation"


def test_a_stale_session_cookie_is_refused_not_taken_as_nobody(
    union: App, http: TestClient, clock: Clock
) -> None:
    log_in(http)
    clock.now += timedelta(hours=13)
    answer = http.get("/api/v1/orgs/union")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "the session has ended: log in again"
