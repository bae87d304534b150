"""The pages in a real browser: Debian's Chromium, driven by Playwright, against the
server (pages and API) run by uvicorn on a free port over a SQLite file. Each test
saves screenshots under tests/web/screenshots/ (not kept in git) to look at."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from sovet.server import create_app
from sovet.services import commands as c
from sovet.services.permissions import Actor
from sovet.web.pages.live import LiveSettings
from tests.web.world import PASSWORD, World, build, installation

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parent / "screenshots"
OP = Actor.operator()

expect.set_options(timeout=15_000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    sovet = installation(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'sovet.db'}")
    yield build(sovet)
    sovet.engine.dispose()


@pytest.fixture(scope="module")
def base(world: World) -> Iterator[str]:
    """The server's address; it runs in a thread for the module's tests."""
    app = create_app(world.sovet)
    app.state.live = LiveSettings(interval=0.2, lifetime=20.0)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    end = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < end and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(chromium: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """New browser contexts (each its own cookies), closed after the test; each page
    in them fails the test on a script error."""
    made: list[BrowserContext] = []
    errors: list[str] = []

    def new() -> BrowserContext:
        ctx = chromium.new_context(viewport={"width": 1100, "height": 900})
        ctx.on("page", lambda page: page.on("pageerror", lambda e: errors.append(str(e))))
        made.append(ctx)
        return ctx

    yield new
    for ctx in made:
        ctx.close()
    assert errors == []


def logged_in(new: Callable[[], BrowserContext], base: str, login: str) -> Page:
    page = new().new_page()
    page.goto(f"{base}/login")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Logged in as {login}")).to_be_visible()
    return page


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_log_in_from_the_front_page_by_keyboard(
    base: str, context: Callable[[], BrowserContext]
) -> None:
    page = context().new_page()
    page.goto(base)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, "login-1-skip-link")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Login").fill("ada")
    page.get_by_label("Password").fill("not the password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("wrong login or password")
    shot(page, "login-2-refused")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada")
    expect(page.get_by_role("heading", name="District council")).to_be_visible()
    assert page.url == f"{base}/orgs/union/me"
    shot(page, "login-3-my-councils")


def test_cast_a_secret_ballot_and_see_the_receipt(
    base: str, world: World, context: Callable[[], BrowserContext]
) -> None:
    world.bus.execute(OP, c.OpenPoll("union", "ballot", "s1", "Call a rent strike?", mode="secret"))
    page = logged_in(context, base, "ben")
    page.goto(f"{base}/orgs/union/sittings/s1")
    page.get_by_role("link", name="ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call a rent strike?")
    page.get_by_label("For").check()
    shot(page, "ballot-1-form")
    page.get_by_role("button", name="Cast my ballot").click()
    receipt = page.locator(".receipt")
    expect(receipt).to_have_text(re.compile(r"^[0-9a-f]{32}$"))
    expect(page.locator("#live-results")).to_contain_text("1 of 3 voters have voted")
    expect(page.get_by_text("You have voted in this poll.")).to_be_visible()
    shot(page, "ballot-2-receipt")


def test_the_chair_opens_and_closes_a_poll_while_another_member_watches_live(
    base: str, world: World, context: Callable[[], BrowserContext]
) -> None:
    chair = logged_in(context, base, "ada")
    chair.goto(f"{base}/orgs/union/sittings/s1")
    chair.get_by_label("Key").fill("strike")
    chair.get_by_label("Question").fill("Strike on Monday?")
    chair.get_by_label("Mode").select_option("roll-call")
    shot(chair, "live-1-chair-opens")
    chair.get_by_role("button", name="Open the poll").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("Strike on Monday?")

    watcher = logged_in(context, base, "cyril")
    watcher.goto(f"{base}/orgs/union/polls/strike")
    results = watcher.locator("#live-results")
    expect(results).to_contain_text("0 of 3 voters have voted")
    watcher.evaluate("window.notReloaded = true")
    shot(watcher, "live-2-watcher-before")

    voter = logged_in(context, base, "ben")
    voter.goto(f"{base}/orgs/union/polls/strike")
    voter.get_by_label("Against").check()
    voter.get_by_role("button", name="Cast my ballot").click()
    expect(voter.get_by_text("recorded for member 2")).to_be_visible()
    chair.reload()
    chair.get_by_label("For").check()
    chair.get_by_role("button", name="Cast my ballot").click()
    expect(results).to_contain_text("2 of 3 voters have voted")
    shot(watcher, "live-3-watcher-two-voted")

    chair.get_by_role("button", name="Close and count").click()
    expect(chair.locator("#live-results")).to_contain_text("Closed.")
    expect(results).to_contain_text("Closed.")
    expect(results).to_contain_text("Not adopted")
    expect(watcher.locator("#ballot-section")).to_be_hidden()
    assert watcher.evaluate("window.notReloaded") is True, "the results came without a reload"
    shot(watcher, "live-4-watcher-closed")
    shot(chair, "live-5-chair-closed")


def test_sign_a_recall_petition(base: str, context: Callable[[], BrowserContext]) -> None:
    page = logged_in(context, base, "cyril")
    page.get_by_role("link", name="Recalls").click()
    page.get_by_role("link", name="r1").click()
    expect(page.locator("#signature-count")).to_contain_text("0 of the 1 needed")
    shot(page, "recall-1-petition")
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_text("You have signed this petition.")).to_be_visible()
    expect(page.locator("#signature-count")).to_contain_text("the threshold is reached")
    shot(page, "recall-2-signed")


def test_acknowledge_a_decree(base: str, context: Callable[[], BrowserContext]) -> None:
    page = logged_in(context, base, "cyril")
    page.get_by_role("link", name="Decrees").click()
    page.get_by_role("link", name="Decree on Rent").click()
    expect(page.get_by_text("2 bodies in scope")).to_be_visible()
    expect(page.get_by_text("0 answered, 2 silent")).to_be_visible()
    page.get_by_label("Body", exact=True).select_option("north")
    page.get_by_label("Acknowledged").check()
    shot(page, "decree-1-form")
    page.get_by_role("button", name="Send the response").click()
    expect(page.get_by_role("status")).to_contain_text("The response of north is recorded.")
    expect(page.get_by_text("1 answered, 1 silent")).to_be_visible()
    page.get_by_role("link", name="north").first.click()
    expect(page.get_by_role("heading", name="Compliance below north")).to_be_visible()
    shot(page, "decree-2-acknowledged")
