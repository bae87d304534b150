"""The HTML report: every figure names its source, the assumptions are listed, both
calendars are right, and nothing is loaded from anywhere."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.scenario.conftest import History

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


class Page(HTMLParser):
    """Collects, for every text with a digit, the attributes of its ancestors."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.digits: list[tuple[str, list[dict[str, str]]]] = []
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.times: list[tuple[dict[str, str], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        self.elements.append((tag, a))
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if "head" in tags or "style" in tags:
            return
        if tags and tags[-1] == "time":
            self.times.append((self.stack[-1][1], data))
        if re.search(r"\d", data):
            self.digits.append((data.strip(), [a for _, a in self.stack]))


@pytest.fixture(scope="module")
def page(report: Path) -> tuple[str, Page]:
    html = report.read_text("utf-8")
    parsed = Page()
    parsed.feed(html)
    return html, parsed


def test_every_number_on_the_page_names_its_source(page: tuple[str, Page]) -> None:
    _html, p = page
    unsourced = [
        text
        for text, ancestors in p.digits
        if not any(a.get("data-sources") or a.get("data-kind") for a in ancestors)
    ]
    assert unsourced == [], unsourced
    assert len(p.digits) > 300


def test_every_source_named_is_on_the_page(page: tuple[str, Page]) -> None:
    _html, p = page
    named = [a["data-sources"] for _, a in p.elements if "data-sources" in a]
    assert any(el.get("class") == "fig" for _, el in p.elements)
    for refs in named:
        assert refs.strip(), "an empty data-sources"
        for ref in refs.split():
            assert f"fact-{ref}" in p.ids or f"assumption-{ref}" in p.ids, ref


def test_the_figures_are_there_with_their_facts(page: tuple[str, Page]) -> None:
    _html, p = page
    figs = {
        (a.get("data-sources", "").split()[0] if a.get("data-sources") else "")
        for _, a in p.elements
        if a.get("class") == "fig"
    }
    for fact in (
        "congress2-opening-composition",
        "cc-10-oct-insurrection-vote",
        "cc-16-oct-lenin-resolution-002",
        "cc-16-oct-lenin-resolution-004",
        "preparl-sr-formula-vote",
        "congress2-land-decree-vote",
        "cec-composition-002",
        "congress2-presidium-proposal",
    ):
        assert fact in figs, fact


def test_the_assumptions_are_listed_with_their_reasons(
    page: tuple[str, Page], history: History
) -> None:
    html, p = page
    for key in history.result.assumptions:
        assert f"assumption-{key}" in p.ids
    for key in ("soviet-spring-shares", "walkout-split", "quorum-half", "majority-rule"):
        assert f'id="assumption-{key}"' in html
        assert history.spec.assumptions[key].why.split("(")[0][:40] in html.replace("&#39;", "'")


def test_both_calendars_are_right_on_every_date_shown(page: tuple[str, Page]) -> None:
    """Each date cell carries its day in the Gregorian calendar (``datetime``); the
    acts' Old Style cells are checked against New Style by adding 13 days (the gap
    from 1900 to 2100), independently of the calendar module."""
    _html, p = page
    checked = 0
    for attrs, text in p.times:
        if attrs.get("data-kind") != "date" or "datetime" not in attrs:
            continue
        day, month, year = text.split()
        shown = date(int(year), MONTHS[month], int(day))
        gregorian = date.fromisoformat(attrs["datetime"])
        assert gregorian - shown in (timedelta(0), timedelta(days=13)), (text, attrs)
        checked += 1
    assert checked >= 2 * 28


def test_the_halls_are_drawn(page: tuple[str, Page]) -> None:
    html, _p = page
    after = html.split('id="hall-congress-after-walkout"')[1].split("</svg>")[0]
    assert after.count("<circle") == 650
    assert after.count("seat empty") == 70
    soviet = html.split('id="hall-soviet-2"')[1].split("</svg>")[0]
    assert soviet.count("<circle") == 900


def test_the_page_is_self_contained(page: tuple[str, Page]) -> None:
    html, p = page
    assert "<script" not in html
    for _tag, attrs in p.elements:
        for name in ("src", "href"):
            value = attrs.get(name, "")
            assert not value or value.startswith("#"), value
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_the_report_names_the_acts_awaiting_operations_and_the_ledger(
    page: tuple[str, Page], history: History
) -> None:
    html, _p = page
    for act in history.result.acts:
        assert f'id="act-{act.key}"' in html
    assert "the hash chain verifies" in html
    assert "equals the stored state" in html
