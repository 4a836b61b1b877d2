"""A real `streamlit run` on a free port, and Debian's Chromium driven by Playwright.

These tests never skip: without Chromium at /usr/bin/chromium they fail, so CI cannot pass
without having run them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.client import start_server
from tests.browser.shared import CHROMIUM, FLAGS, SERVER_LOG


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
