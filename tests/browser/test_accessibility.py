"""axe-core in Chromium: every page at a phone's and a laptop's size, whole page, for several
profiles and with each dialog open, has no violation of any impact.

axe-playwright-python carries its own copy of axe-core (pinned in requirements-dev.txt), injected
into the page; Chromium is Debian's (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from stepwise.registry import PAGES
from tests.browser.shared import FULL, ISSUE_LINK, READY, open_app, settle

SIZES = [(390, 844), (1280, 800)]
PROFILES = {
    "empty": "",
    "full": FULL,
    "issue": ISSUE_LINK,
    # A low pass that cannot be retaken; a Step 1 fail; a third fail (the last attempt left).
    "low-pass": "score=219&attempts=2026-08-01&specialty=dermatology&today=2026-11-20",
    "step1-fail": "exam=step1&result=fail&attempts=2026-10-01&today=2026-11-20",
    "last-attempt": "score=205&attempts=2025-01-10,2025-06-10,2026-08-01&specialty=family-medicine&exam_date=2027-02-20&today=2026-11-20",
}
AXE = Axe()


def violations(pg: Page) -> list[str]:
    """Every axe violation on the page, whatever its impact, as 'rule: target' lines."""
    found = AXE.run(pg).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']}" for v in found for n in v["nodes"]]


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(browser: Browser, request) -> Iterator[Page]:
    width, height = request.param
    ctx = browser.new_context(viewport={"width": width, "height": height})
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("profile", list(PROFILES))
def test_no_axe_violation_on_any_page(sized: Page, server: str, profile: str):
    found = {}
    for entry in PAGES:
        open_app(sized, f"{server}/{entry.url_path}?{PROFILES[profile]}")
        found[entry.name] = violations(sized)
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def open_dialog(pg: Page, button: str | re.Pattern[str]) -> None:
    pg.get_by_test_id("stMain").get_by_role("button", name=button).first.click()
    expect(pg.get_by_role("dialog")).to_be_visible(timeout=30_000)
    pg.wait_for_selector(READY)
    settle(pg)


def close_dialog(pg: Page) -> None:
    pg.keyboard.press("Escape")
    expect(pg.get_by_role("dialog")).to_have_count(0, timeout=30_000)
    pg.wait_for_selector(READY)


# The top bar's two dialogs on every page; each page's own dialog where it has one.
OWN_DIALOG = {
    "": "Open the worked examples",
    "retake": re.compile(r"^When "),  # when a passed Step can be retaken
    "targets": "How programs weigh a fail",
    "study": "Downloads",
    "projection": "Edit practice tests",
    "summary": "Downloads",
}


def test_no_axe_violation_with_a_dialog_open(sized: Page, server: str):
    found = {}
    for entry in PAGES:
        link = PROFILES["low-pass"] if entry.url_path == "retake" else FULL
        open_app(sized, f"{server}/{entry.url_path}?{link}")
        for button in ("Change details", "Share", OWN_DIALOG.get(entry.url_path)):
            if button is None:
                continue
            open_dialog(sized, button)
            found[f"{entry.name}: {button}"] = violations(sized)
            close_dialog(sized)
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_a_menu_link_shows_a_visible_focus_mark(browser: Browser, server: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    try:
        open_app(pg, f"{server}/?{FULL}")
        link = pg.get_by_test_id("stSidebar").get_by_role("link", name="Targets")  # the menu: app_pages/menu.py
        link.focus()
        pg.keyboard.press("Shift+Tab")  # a focus reached by the keyboard: :focus-visible
        pg.keyboard.press("Tab")
        outline = link.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
        assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
        assert outline[2] in ("rgb(0, 114, 178)",), outline
    finally:
        ctx.close()


def test_the_phone_menu_button_says_pages(browser: Browser, server: str):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        open_app(pg, f"{server}/?{FULL}")
        button = pg.get_by_test_id("stExpandSidebarButton")
        expect(button).to_be_visible()
        after = button.evaluate("e => getComputedStyle(e, '::after').content")
        assert after == '"Pages"'
    finally:
        ctx.close()
