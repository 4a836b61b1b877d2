"""Time from opening a shared link to the page drawn, in headless Debian Chromium.

Each StepWise page with the full-profile link, and the bare app, each app on its own server
(warmed by one run), the visits interleaved so a busy moment on a shared machine hits both.
Every visit is a fresh browser context (nothing cached); the clock runs from navigation until
the script run has finished (``[data-testid="stApp"][data-test-script-state="notRunning"]``
with the page's title drawn) and as many plotly charts have drawn their SVG as the run sent.
Median of --repeats. Goal: within 1.3x the bare app.

    python bench/browser.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, sync_playwright

from bench.client import BARE, FULL, PAGES, Session, start_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GOAL = 1.3
# Run finished, the title drawn (the app also says notRunning before its first run starts),
# and as many charts drawn as the run sent (plotly's code loads lazily, after the run ends).
DRAWN = """charts => {
  const app = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  if (!app || !document.querySelector('[data-testid="stMain"] h1')) return false;
  return document.querySelectorAll('.js-plotly-plot .main-svg').length >= charts;
}"""


async def _charts(port: int, page: str) -> int:
    async with Session(port, page, FULL) as s:
        return (await s.run()).elements["plotly_chart"]


def charts_on(port: int, page: str) -> int:
    """How many plotly charts a run of the page sends (each draws at least one .main-svg)."""
    return asyncio.run(_charts(port, page))


def visit(browser: Browser, url: str, charts: int) -> float:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = ctx.new_page()
    t0 = time.perf_counter()
    pg.goto(url)
    pg.wait_for_function(DRAWN, arg=charts, timeout=60_000, polling=50)
    seconds = time.perf_counter() - t0
    ctx.close()
    return seconds


def measure(repeats: int) -> tuple[float, dict[str, float]]:
    """Median seconds: the bare app, and each StepWise page."""
    bare_srv, srv = start_server(BARE), start_server("app.py")
    try:
        # How many charts each page sends; also each server's first run (imports, rules).
        bare_charts = charts_on(bare_srv.port, "")
        charts = {page: charts_on(srv.port, page) for page in PAGES}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                visit(browser, f"{bare_srv.url}/?{FULL}", bare_charts)  # the browser's own warm-up
                # Interleaved, so a busy moment on a shared machine hits both apps alike.
                times: dict[str, list[float]] = {page: [] for page in [BARE, *PAGES]}
                for _ in range(repeats):
                    times[BARE].append(visit(browser, f"{bare_srv.url}/?{FULL}", bare_charts))
                    for page, n in charts.items():
                        times[page].append(visit(browser, f"{srv.url}/{page}?{FULL}", n))
                bare = statistics.median(times.pop(BARE))
                pages = {page: statistics.median(ts) for page, ts in times.items()}
            finally:
                browser.close()
    finally:
        bare_srv.stop()
        srv.stop()
    return bare, pages


def report(bare: float, pages: dict[str, float]) -> None:
    print(f"browser, link to page drawn: bare app {bare * 1000:.0f} ms")
    worst = 0.0
    for page, seconds in pages.items():
        worst = max(worst, seconds / bare)
        print(f"  {page or 'start':12} {seconds * 1000:6.0f} ms ({seconds / bare:.2f}x)")
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL}x): {'met' if worst <= GOAL else 'not met'}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    report(*measure(max(ap.parse_args().repeats, 1)))
