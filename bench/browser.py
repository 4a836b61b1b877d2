"""Time from opening a shared link to the page's result being visible, in headless Chromium.

For each page and the baseline page (same server), cold (a new browser context: no cache)
and warm (a reload in the same context), the median over --repeats. Target: within 1.3x baseline.

    python bench/browser.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright

from bench.client import FULL, start_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What "the answer is on screen" means for each page.
VISIBLE = {
    "bench-baseline": ".js-plotly-plot",
    "": "[data-testid=stMain] h1",
    "retake": "[data-testid=stAlert] h3",
    "targets": ".js-plotly-plot",
    "study": ".js-plotly-plot",
    "projection": ".js-plotly-plot",
    "summary": ".js-plotly-plot",
    "sources": "[data-testid=stDataFrame]",
}
TARGET = 1.3


def timed(pg: Page, url: str | None, selector: str) -> float:
    t0 = time.perf_counter()
    if url is None:
        pg.reload()
    else:
        pg.goto(url)
    pg.wait_for_selector(selector, state="visible", timeout=60_000)
    return time.perf_counter() - t0


def main(repeats: int) -> int:
    srv = start_server()
    results: dict[str, tuple[float, float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            # One throwaway visit so the server's first-session costs are not charged to a page.
            ctx = browser.new_context()
            timed(ctx.new_page(), f"{srv.url}/?{FULL}", VISIBLE[""])
            ctx.close()
            for page, selector in VISIBLE.items():
                cold, warm = [], []
                for _ in range(repeats):
                    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
                    pg = ctx.new_page()
                    cold.append(timed(pg, f"{srv.url}/{page}?{FULL}", selector))
                    warm.append(timed(pg, None, selector))
                    ctx.close()
                results[page or "start"] = (statistics.median(cold), statistics.median(warm))
            browser.close()
    finally:
        srv.stop()
    base_cold, base_warm = results["bench-baseline"]
    worst = 0.0
    for name, (cold, warm) in results.items():
        rc, rw = cold / base_cold, warm / base_warm
        if name != "bench-baseline":
            worst = max(worst, rc, rw)
        print(f"browser {name}: cold {cold * 1000:.0f} ms ({rc:.2f}x), warm {warm * 1000:.0f} ms ({rw:.2f}x)")
    print(f"browser worst ratio: {worst:.2f} (target {TARGET}) {'MET' if worst <= TARGET else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    sys.exit(main(max(ap.parse_args().repeats, 1)))
