"""Every chart at a phone's 390 px and a laptop's 1280 px: named for screen readers, inside its
frame, and kept as a picture in docs/screens/ (look at them after a chart changes)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.shared import ISSUE_LINK, ROOT, open_app

SCREENS = ROOT / "docs" / "screens"
SIZES = [(390, 844), (1280, 800)]
CHARTS = {
    "retake": "Your latest score 209",
    "targets": "The middle half",
    "study": "Your calendar from today",
    "projection": "Your practice tests",
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_chart_is_named_fits_and_is_pictured(browser: Browser, server: str, size):
    width, height = size
    ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    pg = ctx.new_page()
    SCREENS.mkdir(parents=True, exist_ok=True)
    try:
        for path, name in CHARTS.items():
            open_app(pg, f"{server}/{path}?{ISSUE_LINK}")
            frame = pg.get_by_test_id("stPlotlyChart").first
            expect(frame).to_be_visible(timeout=30_000)
            # Named: the chart's frame is a figure whose accessible name is the one-sentence alt.
            assert frame.get_attribute("role") == "figure"
            label = frame.get_attribute("aria-label") or ""
            assert label.startswith(name), (path, label)
            frame.scroll_into_view_if_needed()
            pg.evaluate("() => window.scrollBy(0, -120)")  # clear of the sticky menu bar
            pg.wait_for_selector(".js-plotly-plot .main-svg")
            pg.wait_for_timeout(500)
            frame.screenshot(path=str(SCREENS / f"{path}-{width}.png"))
            # Nothing drawn beyond the chart's own box: every text and mark stays inside the svg.
            outside = pg.evaluate(
                """() => {
                    const svg = document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect();
                    return [...document.querySelectorAll('.js-plotly-plot text, .js-plotly-plot .point, .js-plotly-plot .js-line')]
                        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0)
                        .filter(r => r.left < svg.left - 1 || r.right > svg.right + 1).length;
                }"""
            )
            assert outside == 0, (path, width, outside)
            # The plot area takes most of the width (on a phone the calendar's row labels once left it 120 of 390 px).
            plot, whole = pg.evaluate(
                """() => [document.querySelector('.js-plotly-plot .nsewdrag').getBoundingClientRect().width,
                          document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().width]"""
            )
            if path != "targets":  # its rows are the specialties' names: they are what the chart is read by
                assert plot >= 0.7 * whole, (path, width, plot, whole)
    finally:
        ctx.close()
