"""The report in a real browser (headless Chromium): it renders, draws the halls and
loads nothing but itself."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_the_report_renders_in_chromium(report: Path, tmp_path: Path) -> None:
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(report.as_uri())
        assert page.title().startswith("Petrograd 1917")
        hall = page.locator("#hall-congress-after-walkout svg.hemicycle")
        box = hall.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
        assert hall.locator("circle.seat.empty").count() == 70
        assert page.locator(".poll").count() == 13
        assert page.locator("#facts tr[id^=fact-]").count() > 40
        page.locator("#halls").scroll_into_view_if_needed()
        shot = tmp_path / "halls.png"
        page.screenshot(path=str(shot))
        full = tmp_path / "report.png"
        page.screenshot(path=str(full), full_page=True)
        height = page.evaluate("document.documentElement.scrollHeight")
        browser.close()
    assert errors == []
    assert requests == [report.as_uri()]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert full.stat().st_size > 100_000 and height > 5000
