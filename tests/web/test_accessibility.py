"""What every page keeps for people using a keyboard or a screen reader: a language, a
skip link to the main landmark, one first-level heading, a label for every form
control, a name for every drawing and button, and headings in order."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from sovet.services import commands as c
from sovet.services.permissions import Actor
from tests.web.conftest import Browser
from tests.web.world import World

Visit = Callable[[str | None], Browser]

PAGES = [
    ("eddie", "/orgs/union/me"),
    ("eddie", "/orgs/union"),
    ("eddie", "/orgs/union/bodies/district"),
    ("eddie", "/orgs/union/sittings"),
    ("ada", "/orgs/union/sittings/s1"),
    ("eddie", "/orgs/union/polls"),
    ("ben", "/orgs/union/polls/open"),
    ("ada", "/orgs/union/polls/hands"),
    ("eddie", "/orgs/union/elections/e1"),
    ("cyril", "/orgs/union/recalls"),
    ("cyril", "/orgs/union/recalls/r1"),
    ("cyril", "/orgs/union/decrees"),
    ("cyril", "/orgs/union/decrees/rent"),
    ("eddie", "/orgs/union/orders"),
    ("eddie", "/orgs/union/ledger"),
    ("eddie", "/orgs/union/ledger/verification"),
    ("eddie", "/orgs/union/admin"),
    (None, "/login"),
    (None, "/"),
    ("ben", "/orgs/union/ledger"),  # a refusal is a page too
]

CONTROLS = {"input", "select", "textarea"}
UNLABELLED = {"hidden", "submit", "button"}


class Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, dict[str, str | None], bool]] = []
        self.headings: list[int] = []
        self.mains: list[dict[str, str | None]] = []
        self.svgs: list[dict[str, str | None]] = []
        self.svg_titled: list[bool] = []
        self.buttons: list[str] = []
        self._label_depth = 0
        self._button: list[str] | None = None
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a":
            self.links.append(str(a.get("href")))
        elif tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        elif tag in CONTROLS and a.get("type") not in UNLABELLED:
            self.controls.append((tag, a, self._label_depth > 0))
        elif tag in ("h1", "h2", "h3", "h4") and not self._in_svg:
            self.headings.append(int(tag[1]))
        elif tag == "main":
            self.mains.append(a)
        elif tag == "svg":
            self._in_svg += 1
            self.svgs.append(a)
            self.svg_titled.append(False)
        elif tag == "title" and self._in_svg:
            self.svg_titled[-1] = True
        elif tag == "button":
            self._button = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth -= 1
        elif tag == "svg":
            self._in_svg -= 1
        elif tag == "button" and self._button is not None:
            self.buttons.append("".join(self._button).strip())
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button.append(data)


@pytest.fixture
def polls(world: World) -> None:
    op = Actor.operator()
    world.bus.execute(op, c.OpenPoll("union", "open", "s1", "Strike?", mode="secret"))
    world.bus.execute(op, c.OpenPoll("union", "hands", "s1", "Adjourn?"))


@pytest.mark.parametrize(("login", "url"), PAGES)
@pytest.mark.usefixtures("polls")
def test_the_page_keeps_its_landmarks_labels_and_names(
    visit: Visit, login: str | None, url: str
) -> None:
    answer = visit(login).get(url)
    assert answer.status_code in (200, 403), answer.text
    page = Structure()
    page.feed(answer.text)
    assert page.lang == "en"
    assert page.links[0] == "#main", "the first link skips to the content"
    assert [m.get("id") for m in page.mains] == ["main"]
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    for tag, attrs, wrapped in page.controls:
        named = wrapped or attrs.get("aria-label") or attrs.get("aria-labelledby")
        assert named or attrs.get("id") in page.label_for, f"{tag} {attrs} has no label"
    for attrs, titled in zip(page.svgs, page.svg_titled, strict=True):
        assert attrs.get("role") == "img" and titled, "a drawing needs a role and a title"
    assert all(page.buttons), "every button says what it does"


def test_focus_is_always_visible_and_the_skip_link_shows_on_focus(visit: Visit) -> None:
    css = visit(None).get("/static/sovet.css").text
    assert ":focus-visible" in css and "outline: 3px solid" in css
    assert ".skip:focus { top: 0.5rem; }" in css
    assert "outline: none" not in css.replace("main:focus { outline: none; }", "")
