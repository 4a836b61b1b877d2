"""What the browser tests share: the flags Chromium runs with, where a page is ready, the links and menu helpers. Not a test module."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]


CHROMIUM = os.environ.get("STEPWISE_CHROMIUM", "/usr/bin/chromium")


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


ARTIFACTS = ROOT / "artifacts"


SERVER_LOG = ROOT / "artifacts" / "server.log"


def open_app(pg: Page, url: str) -> None:
    """Open a link and wait until its script run has finished and drawn the page title.

    The app reports "notRunning" also before its first run starts, so the title is awaited first.
    """
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stMain] h1", timeout=60_000)
    settle(pg)


def settle(pg: Page, quiet_ms: int = 1200, limit_ms: int = 60_000) -> None:
    """Wait for a finished run whose drawing has stopped changing (elements arrive a beat late)."""
    waited, last, same_since = 0, None, 0
    while waited < limit_ms:
        pg.wait_for_selector(READY, timeout=limit_ms)
        now = pg.evaluate("() => document.querySelector('[data-testid=stMain]')?.innerText.length ?? -1")
        if now == last:
            if waited - same_since >= quiet_ms:
                return
        else:
            last, same_since = now, waited
        pg.wait_for_timeout(200)
        waited += 200
    raise TimeoutError("the page kept changing")


FULL = (
    "exam=step2ck&score=216&attempts=2026-01-10,2026-08-01&prior_fails=1&specialty=internal-medicine"
    "&practice=nbme12:228@2026-10-01,uwsa2:245@2026-10-20,free120:72@2026-10-25&exam_date=2027-01-15"
    "&weeks=8&cycle=applying&exception=no&today=2026-11-20"
)


HEADINGS = {
    "": "What happened?",
    "retake": "Should I retake?",
    "targets": "What Step 2 CK score do I need?",
    "study": "How long must I study?",
    "projection": "Where are my practice tests heading?",
    "summary": "Summary",
    "sources": "Sources",
}


def query(pg: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(pg.url).query).items()}


def menu(pg: Page):
    """The page menu in the sidebar (app_pages/menu.py), open beside the page in a wide window."""
    return pg.get_by_test_id("stSidebar")


def top_bar(pg: Page):
    """The one-line profile at the top of every page."""
    return pg.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first


def visible_result(pg: Page) -> list[str]:
    """What a page concludes: its headings, verdict boxes and metrics, in order."""
    sel = "[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] h3, [data-testid=stAlert], [data-testid=stMetric]"
    return [t.strip() for t in pg.locator(sel).all_inner_texts()]


ISSUE_LINK = (
    "exam=step2ck&score=209&attempts=2026-09-20&prior_fails=1&specialty=pediatrics"
    "&practice=nbme11:201@2026-10-20,nbme12:210@2026-11-01,uwsa1:222@2026-11-10,free120:68@2026-11-18"
    "&exam_date=2027-01-25&weeks=10&cycle=reapplying&exception=no&today=2026-11-20"
)
