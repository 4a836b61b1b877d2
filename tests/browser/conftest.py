"""A real `streamlit run` on a free port, and Debian's Chromium driven by Playwright.

These tests never skip: without Chromium at /usr/bin/chromium they fail, so CI cannot pass
without having run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.client import start_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("STEPWISE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ARTIFACTS = ROOT / "artifacts"


SERVER_LOG = ROOT / "artifacts" / "server.log"


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A freshly started `streamlit run app.py` (as `make run` does), its output kept."""
    srv = start_server(log=SERVER_LOG)
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    yield pg
    ctx.close()


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
