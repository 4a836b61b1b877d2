"""StepWise in real Chromium: links restore inputs, inputs rewrite links, pages keep the profile."""

from __future__ import annotations

import asyncio
import re
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from bench.client import Session
from stepwise.registry import PAGES
from tests.browser.shared import ARTIFACTS, FULL, HEADINGS, READY, ROOT, SERVER_LOG, menu, open_app, query, top_bar, visible_result

# The heaviest link a page may get: many attempts and practice tests, several unreadable values.
LONG = (
    "attempts="
    + ",".join(f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15))
    + "&practice="
    + ",".join(f"nbme{10 + i % 9}:{220 + i}@2026-{1 + i % 10:02d}-{1 + i:02d}" for i in range(28))
    + "&score=abc&specialty=%3Cscript%3E&today=2026-11-20"
)
PATHS = [p.url_path for p in PAGES]
# Each page's heading, the proof that the page itself ran.


def details(pg: Page):
    """Open "Change details" at the top of the page: the profile's inputs, in a dialog."""
    pg.get_by_role("button", name="Change details").click()
    dialog = pg.get_by_role("dialog")
    expect(dialog.get_by_label("Latest score (three-digit)")).to_be_visible(timeout=30_000)
    return dialog


def apply_details(pg: Page) -> None:
    pg.get_by_role("dialog").get_by_role("button", name="Show my answers").click()
    expect(pg.get_by_role("dialog")).to_have_count(0, timeout=30_000)
    pg.wait_for_selector(READY)


def date_value(scope, label: str) -> str:
    """A Streamlit date input's value, read from its year / month / day fields."""
    parts = [scope.get_by_role("spinbutton", name=f"{part}, {label}").get_attribute("aria-valuenow") for part in ("year", "month", "day")]
    return "{}-{:0>2}-{:0>2}".format(*parts)


def test_a_full_link_restores_every_input(page: Page, server: str):
    open_app(page, f"{server}/?{FULL}")
    expect(top_bar(page)).to_contain_text("Step 2 CK 216 failed on 2026-08-01 (attempt 2)")
    sb = details(page)
    expect(sb.get_by_label("Latest score (three-digit)")).to_have_value("216")
    expect(sb.get_by_test_id("stTextInputField")).to_have_value("2026-01-10, 2026-08-01")
    expect(sb.get_by_label("Failed attempts at other Steps")).to_have_value("1")
    expect(sb.get_by_label("Protected study weeks available")).to_have_value("8")
    assert date_value(sb, "Planned exam date") == "2027-01-15"
    for label, shown in (
        ("Exam of the latest result", "Step 2 CK"),
        ("Target specialty", "Internal Medicine"),
        ("Application cycle", "Applying this cycle"),
        ("A USMLE retake exception applies to me", "no"),
    ):
        expect(sb.get_by_role("combobox", name=label)).to_have_value(shown)
    assert date_value(sb, "Compute as of (optional)") == "2026-11-20"
    page.keyboard.press("Escape")  # closed without a change: the link stays as it was
    expect(page.get_by_role("dialog")).to_have_count(0, timeout=30_000)
    assert query(page)["score"] == "216"
    # The practice tests sit in the projection page's table.
    menu(page).get_by_role("link", name="Projection").click()
    expect(page.get_by_text("If you sat now", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMain")).to_contain_text("2027-01-15")
    table = page.get_by_test_id("stTable").first
    expect(table).to_contain_text("NBME 12")
    expect(table).to_contain_text("Free 120")
    assert query(page)["practice"] == "nbme12:228@2026-10-01,uwsa2:245@2026-10-20,free120:72@2026-10-25"


def test_changing_an_input_changes_the_link(page: Page, server: str):
    open_app(page, f"{server}/retake?score=219&attempts=2026-08-01&today=2026-11-20")
    expect(page.get_by_role("heading", name="Retake not permitted")).to_be_visible()
    details(page).get_by_label("Latest score (three-digit)").fill("205")
    apply_details(page)
    expect(page.get_by_role("heading", name="Retake required")).to_be_visible(timeout=30_000)
    expect(top_bar(page)).to_contain_text("Step 2 CK 205 failed on 2026-08-01")
    assert query(page)["score"] == "205"


def test_moving_between_pages_keeps_the_profile(page: Page, server: str):
    open_app(page, f"{server}/?{FULL}")
    before = query(page)
    menu(page).get_by_role("link", name="Targets").click()
    expect(page.get_by_role("heading", name="What Step 2 CK score do I need?")).to_be_visible(timeout=30_000)
    page.wait_for_selector(READY)
    assert urlsplit(page.url).path == "/targets"
    assert query(page) == before
    expect(top_bar(page)).to_contain_text("Step 2 CK 216")


def test_the_phone_menu_keeps_the_profile_and_back_returns(browser, server: str):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    open_app(pg, f"{server}/retake?{FULL}")
    before = query(pg)
    pg.get_by_test_id("stExpandSidebarButton").click()  # on a phone the menu sits behind the >> button
    menu(pg).get_by_role("link", name="Study plan").click()
    expect(pg.get_by_role("heading", name="How long must I study?")).to_be_visible(timeout=30_000)
    pg.wait_for_selector(READY)
    assert urlsplit(pg.url).path == "/study" and query(pg) == before
    pg.go_back()
    expect(pg.get_by_role("heading", name="Should I retake?")).to_be_visible(timeout=30_000)
    pg.wait_for_selector(READY)
    assert query(pg) == before
    ctx.close()


def test_retake_link_shows_the_verdict_heading(page: Page, server: str):
    # 205 fails 218; practice since then 232 and 236, both at or above the 228 aim (218 + 10) and clear of
    # 218 + 9: the post-fail article's flowchart keeps the date (docs/decisions.md, the "sit" row at the aim).
    open_app(
        page,
        f"{server}/retake?score=205&attempts=2026-09-01&practice=nbme13:232@2026-10-10,uwsa1:236@2026-11-01&exam_date=2027-01-20&today=2026-11-20",
    )
    expect(page.get_by_role("heading", name="Retake required")).to_be_visible()
    expect(page.get_by_role("heading", name="Sit as planned")).to_be_visible()


def test_bad_values_are_named_on_any_page(page: Page, server: str):
    open_app(page, f"{server}/study?score=abc&specialty=%3Cscript%3Ealert(1)%3C/script%3E&today=2026-99-99")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Some values in the link were not used")).to_be_visible()
    body = main.inner_text()
    assert "score: 'abc' is not a whole number" in body and "today:" in body and "specialty:" in body
    assert page.locator("script:has-text('alert(1)')").count() == 0
    expect(page.get_by_role("heading", name="How long must I study?")).to_be_visible()


def test_targets_chart_has_a_row_per_specialty(page: Page, server: str):
    open_app(page, f"{server}/targets?prior_fails=1&specialty=internal-medicine&score=230&attempts=2026-08-01&today=2026-11-20")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=30_000)
    ticks = chart.locator(".yaxislayer-above .ytick text")
    expect(ticks).to_have_count(23)
    assert "Internal Medicine" in ticks.all_text_contents()


def test_study_timeline_renders_and_ics_downloads(page: Page, server: str):
    open_app(page, f"{server}/study?score=209&attempts=2026-01-10,2026-04-10,2026-08-10&exam_date=2027-03-01&weeks=12&today=2026-11-20")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=30_000)
    assert "Earliest permitted attempt" in chart.text_content()
    page.get_by_role("button", name="Downloads").click()
    with page.expect_download() as info:
        page.get_by_role("dialog").get_by_role("button", name="Calendar (.ics)").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR") and b"Earliest permitted attempt" in data and b"DTSTART;VALUE=DATE:20270210" in data


def test_projection_chart_has_all_its_traces(page: Page, server: str):
    # The retake article's example the day before the exam, then a fail and tests since: history and counted apart.
    url = f"{server}/projection?practice=nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,uwsa2:245@2025-12-20&exam_date=2025-12-28&today=2025-12-27"
    open_app(page, url)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=30_000)
    legend = chart.locator(".legend").text_content()
    for name in ("Practice tests", "Trend", "If you sat now", "On 2025-12-28"):
        assert name in legend, name
    assert "Pass 218" in chart.text_content()
    open_app(
        page,
        f"{server}/projection?score=209&attempts=2026-09-20&practice=nbme12:230@2026-09-01,nbme13:215@2026-10-20,uwsa1:220@2026-11-10&today=2026-11-20",
    )
    legend = page.locator(".js-plotly-plot").first.locator(".legend").text_content()
    for name in ("Before your last attempt", "Since your last attempt", "Real score 209"):
        assert name in legend, name


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PAGES])
def test_share_link_reproduces_each_page_in_a_fresh_browser(browser, server: str, path: str):
    first = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = first.new_page()
    open_app(pg, f"{server}/{path}?{FULL}")
    main_text = visible_result(pg)
    pg.get_by_role("button", name="Share").click()  # the top bar's Share: the link in a dialog
    link = pg.get_by_role("dialog").get_by_test_id("stCode").inner_text().strip()
    first.close()
    assert "today=2026-11-20" in link and link.split("?")[0].endswith("/" + path)
    fresh = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg2 = fresh.new_page()
    open_app(pg2, link.replace("http://localhost:8501", server))
    expect(pg2.get_by_role("heading", name=HEADINGS[path]).first).to_be_visible()
    assert query(pg2) == {k: v[-1] for k, v in parse_qs(FULL).items()}
    again = visible_result(pg2)
    fresh.close()
    assert again == main_text and len(again) >= 3


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PAGES])
def test_phone_width_has_no_horizontal_overflow(browser, server: str, path: str):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    open_app(pg, f"{server}/{path}?{FULL}")
    pg.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"phone-{path or 'start'}.png"))
    overflow = pg.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
        " && !e.closest('[data-testid=stDataFrame], .js-plotly-plot, [data-testid=stCode], [data-testid=stTable]')).length"
    )
    width = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    ctx.close()
    assert width <= 0 and overflow == 0


def test_server_logs_no_query_strings(page: Page, server: str):
    marker = "231"
    open_app(
        page, f"{server}/projection?score={marker}&attempts=2026-08-02&practice=nbme13:229@2026-07-03&specialty=pathology&today=2026-11-20"
    )
    details(page).get_by_label("Protected study weeks available").fill("17")
    apply_details(page)
    expect(page).to_have_url(re.compile("weeks=17"), timeout=30_000)
    logged = SERVER_LOG.read_text()
    for secret in ("score=", "2026-08-02", "nbme13:229", "pathology", "weeks=17"):
        assert secret not in logged, secret


def test_every_page_fits_the_message_size_limit(server: str):
    """config.toml keeps server.maxMessageSize small; a page message above it would be replaced
    by an error. Keep a fourfold margin, checked with the heaviest links."""
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxMessageSize"] * 1_000_000
    port = urlsplit(server).port

    async def largest(path: str, q: str) -> int:
        async with Session(port, path, q) as s:
            result = await s.run()
            assert not result.errors, result.errors
            return result.largest

    # Playwright's sync API holds this thread's event loop: run the client on its own thread.
    with ThreadPoolExecutor(1) as pool:
        for path in PATHS:
            for q in (FULL, LONG):
                assert pool.submit(asyncio.run, largest(path, q)).result() * 4 < limit, path
