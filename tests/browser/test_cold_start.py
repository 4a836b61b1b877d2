"""A cold server's very first request is a deep link: it must run through app.py like any other.

With a ``pages/`` folder beside the entry file Streamlit would start in its legacy folder-of-pages
mode and run ``retake.py`` bare; the pages live in ``app_pages/`` so that mode never exists.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser, expect

from bench.client import start_server
from tests.browser.shared import open_app

DEEP_LINK = "/retake?exam=step2ck&score=209&attempts=2026-09-20&today=2026-11-20"


def test_first_request_to_a_cold_server_is_a_deep_link(browser: Browser):
    srv = start_server()  # its own server: nothing has run on it yet
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
        pg = ctx.new_page()
        open_app(pg, srv.url + DEEP_LINK)
        expect(pg.get_by_role("heading", name="Should I retake?")).to_be_visible()
        assert pg.get_by_test_id("stException").count() == 0
        # app.py ran: its top bar carries the profile from the link
        expect(pg.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first).to_contain_text("Step 2 CK 209")
        assert urlsplit(pg.url).path == "/retake"
        ctx.close()
    finally:
        srv.stop()
