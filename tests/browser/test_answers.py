"""In Chromium: one link gives one answer on every page, the answer comes first at both sizes, and
the practice-test inputs change the link and the range."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from stepwise.assess import assess
from stepwise.profile import parse_profile
from stepwise.registry import PAGES
from stepwise.rules import load_rules
from tests.browser.shared import ARTIFACTS, ISSUE_LINK, open_app

SIZES = [(390, 844), (1280, 800)]
# What answers each page's question: its verdict box, or the first key figure.
ANSWER = {
    "": "[data-testid=stMain] [data-testid=stRadio]",  # the situations to choose from
    "sources": "[data-testid=stMain] h2",
}
DEFAULT_ANSWER = "[data-testid=stMain] h2, [data-testid=stMain] [data-testid=stAlert]"


def the_assessment():
    rules = load_rules()
    return assess(rules, parse_profile({k: v[-1] for k, v in parse_qs(ISSUE_LINK).items()}, rules, dt.date(2026, 11, 22)))


def main_text(pg: Page) -> str:
    return pg.get_by_test_id("stMain").inner_text()


def test_the_issue_link_gives_the_same_verdict_gap_and_range_on_every_page(page: Page, server: str):
    a = the_assessment()
    delay = a.readiness.heading  # "Delay to <the chosen date> (<how much later>)"
    gap = f"{a.gap:.0f} points"
    now = f"{a.projection.now.low:.0f}–{a.projection.now.high:.0f}"
    expected = {
        "retake": ["Retake required", delay, gap],
        "study": [f"{a.weeks.text} of dedicated study", delay, gap],
        "targets": ["aim for 240–249", f"{a.gap:.0f} points short of 240"],
        "projection": [now, *(f"{o.label}: {o.exam_on}" for o in a.options)],
        "summary": [a.headline, gap, now],
    }
    for path, figures in expected.items():
        open_app(page, f"{server}/{path}?{ISSUE_LINK}")
        body = main_text(page)
        for figure in figures:
            assert figure in body, (path, figure)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_answer_comes_first_and_nothing_scrolls_sideways(browser: Browser, server: str, size):
    width, height = size
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for entry in PAGES:
            open_app(pg, f"{server}/{entry.url_path}?{ISSUE_LINK}")
            pg.screenshot(path=str(ARTIFACTS / f"answer-{entry.name}-{width}.png"))
            first = pg.locator(ANSWER.get(entry.url_path, DEFAULT_ANSWER)).first
            expect(first).to_be_visible()
            box = first.bounding_box()
            assert box is not None and box["y"] + min(box["height"], 40) <= height, (entry.name, box)
            assert pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, entry.name
    finally:
        ctx.close()


def test_adding_a_practice_test_in_the_browser_changes_the_range_and_the_link(page: Page, server: str):
    open_app(page, f"{server}/projection?practice=nbme12:230@2026-10-01&today=2026-11-20")
    before = page.get_by_test_id("stMain").locator("h2").first.inner_text()
    page.get_by_role("button", name="Edit practice tests").click()
    form = page.get_by_role("dialog")
    choose = form.get_by_role("combobox", name="Form")
    choose.click()
    choose.fill("UWSA 1")
    choose.press("Enter")
    form.get_by_role("spinbutton", name="Score").fill("250")
    for part, value in (("year", "2026"), ("month", "11"), ("day", "01")):
        field = form.get_by_role("spinbutton", name=f"{part}, Date taken")
        field.click()
        field.press_sequentially(value)
    form.get_by_role("button", name="Add test").click()
    expect(page).to_have_url(re.compile("uwsa1%3A250%402026-11-01|uwsa1:250@2026-11-01"), timeout=30_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(page.get_by_test_id("stTable").first).to_contain_text("UWSA 1")
    after = page.get_by_test_id("stMain").locator("h2").first.inner_text()
    assert after != before
    practice = parse_qs(urlsplit(page.url).query)["practice"][-1]
    assert practice == "nbme12:230@2026-10-01,uwsa1:250@2026-11-01"
