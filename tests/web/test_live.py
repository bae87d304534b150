"""What updates while a page is open: a poll's results as server-sent events, a
sitting's attendance and quorum, and a roll import's progress."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from fastapi import FastAPI

from sovet.services import commands as c
from sovet.services.permissions import Actor
from sovet.web.pages.live import LiveSettings, event
from tests.web.conftest import Browser
from tests.web.world import World

Visit = Callable[[str | None], Browser]
OP = Actor.operator()


def events_of(text: str) -> list[tuple[str, str]]:
    """The (event, data) pairs of a server-sent event stream."""
    out = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        name = next((ln[7:] for ln in lines if ln.startswith("event: ")), None)
        if name is not None:
            out.append((name, "\n".join(ln[6:] for ln in lines if ln.startswith("data: "))))
    return out


def test_an_event_carries_every_line_of_its_data() -> None:
    assert event("counts", "<p>\n1 of 3</p>") == "event: counts\ndata: <p>\ndata: 1 of 3</p>\n\n"
    assert event("closed", "") == "event: closed\ndata: \n\n"


def test_the_results_stream_sends_each_change_then_the_outcome(
    visit: Visit, world: World, app: FastAPI
) -> None:
    app.state.live = LiveSettings(interval=0.05, lifetime=30.0, keepalive=0.5)
    world.bus.execute(OP, c.OpenPoll("union", "strike", "s1", "Strike?", mode="secret"))
    watcher = visit("cyril")  # no voter: a member watching

    def vote_then_close() -> None:
        for number, choice in (("1", "for"), ("2", "for"), ("4", "against")):
            time.sleep(0.3)
            voter = Actor(f"m{number}", member=number, member_of=frozenset({"union"}))
            world.bus.execute(voter, c.CastBallot("union", "strike", choice))
        time.sleep(0.3)
        world.bus.execute(OP, c.ClosePoll("union", "strike"))

    chair = threading.Thread(target=vote_then_close)
    chair.start()
    answer = watcher.get("/orgs/union/polls/strike/events")
    chair.join()
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/event-stream")
    seen = events_of(answer.text)
    counts = [data for name, data in seen if name == "counts"]
    assert "0 of 3 voters have voted" in counts[0]
    assert any("2 of 3 voters have voted" in data for data in counts)
    assert "Adopted" in counts[-1] and "Closed." in counts[-1]
    assert seen[-1] == ("closed", "strike")
    # sent only when changed: no two events in a row alike
    assert all(a != b for a, b in itertools.pairwise(counts))
    assert answer.text.startswith("retry: 50\n\n")


def test_a_stream_ends_after_its_lifetime_for_the_browser_to_reconnect(
    visit: Visit, world: World, app: FastAPI
) -> None:
    app.state.live = LiveSettings(interval=0.05, lifetime=0.3, keepalive=0.1)
    world.bus.execute(OP, c.OpenPoll("union", "strike", "s1", "Strike?", mode="roll-call"))
    answer = visit("ben").get("/orgs/union/polls/strike/events")
    assert [name for name, _ in events_of(answer.text)] == ["counts"]
    assert ": still counting" in answer.text


def test_the_results_stream_is_refused_like_the_page(visit: Visit) -> None:
    refused = visit(None).get("/orgs/union/polls/pd/events")
    assert refused.status_code == 403 and "it needs member" in refused.text
    assert visit("ben").get("/orgs/union/polls/nothing/events").status_code == 404


def test_the_poll_page_subscribes_and_shows_results_without_script(visit: Visit) -> None:
    page = visit("ben").page("/orgs/union/polls/pd")
    assert 'data-live-events="/orgs/union/polls/pd/events"' in page
    assert "Closed." in page and "<noscript>Reload the page" in page


def test_the_sitting_part_shows_attendance_as_it_changes(visit: Visit, world: World) -> None:
    ben = visit("ben")
    part = ben.page("/orgs/union/sittings/s1/live")
    assert 'hx-trigger="every 3s' in part and "3 voting delegates present of 3" in part
    world.bus.execute(OP, c.ChangeAttendance("union", "s1", ("d1", "d2"), "withdrawn"))
    part = ben.page("/orgs/union/sittings/s1/live")
    assert "No quorum" in part and "1 voting delegates present of 3" in part


def wait_for_import(browser: Browser, url: str, seconds: float = 30) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        part = browser.get(url + "/progress").text
        if "Importing" not in part:
            return part
        time.sleep(0.05)
    raise AssertionError("the import did not end")


def test_a_roll_import_runs_in_the_background_with_its_progress(visit: Visit) -> None:
    eddie = visit("eddie")
    assert "Import a member roll" in eddie.page("/orgs/union/admin")
    rows = "".join(f"{100 + i},Member {i},south\n" for i in range(200))
    answer = eddie.submit(
        "/orgs/union/admin/roll",
        files={"roll": ("more.csv", f"number,name,council\n{rows}".encode(), "text/csv")},
    )
    assert answer.status_code == 303
    url = answer.headers["location"]
    page = eddie.page(url)
    assert "<progress" in page and "Importing a member roll" in page
    part = wait_for_import(eddie, url)
    assert "Imported 200 members" in part and 'max="200"' in part and 'value="200"' in part
    assert "hx-get" not in part  # polling stops once the import has ended
    assert "Member 7" in eddie.page("/orgs/union/bodies/south?members_after=105")


def test_a_bad_roll_is_refused_whole_naming_its_line(visit: Visit) -> None:
    eddie = visit("eddie")
    eddie.page("/orgs/union/admin")
    text = "number,name,council\n200,Ann,south\n201,Bob,atlantis\n"
    answer = eddie.submit("/orgs/union/admin/roll", files={"roll": ("bad.csv", text.encode())})
    url = answer.headers["location"]
    part = wait_for_import(eddie, url)
    assert "nothing was imported" in part and "bad.csv, line 3" in part
    failed = eddie.get(url)
    assert failed.status_code == 422 and "atlantis" in failed.text
    assert "Ann" not in eddie.page("/orgs/union/bodies/south")


def test_a_roll_import_by_a_member_is_refused_naming_the_permission(visit: Visit) -> None:
    ben = visit("ben")
    assert "Import a member roll" not in ben.page("/orgs/union/admin")
    answer = ben.submit(
        "/orgs/union/admin/roll", files={"roll": ("r.csv", b"number,name,council\n300,X,south\n")}
    )
    url = answer.headers["location"]
    wait_for_import(ben, url)
    refused = ben.get(url)
    assert refused.status_code == 403
    assert "ben may not roll.import in organisation union: it needs org-admin" in refused.text
    # another account does not see the import at all
    assert visit("eddie").get(url).status_code == 404


def test_a_roll_that_is_not_utf8_is_refused_at_once(visit: Visit) -> None:
    eddie = visit("eddie")
    eddie.page("/orgs/union/admin")
    answer = eddie.submit("/orgs/union/admin/roll", files={"roll": ("r.csv", b"\xff\xfe\x00")})
    assert answer.status_code == 422 and "UTF-8" in answer.text
