"""Server-side rerun time per page with a full profile, against a baseline page in the same process.

Each page: one session opens the full-profile link, then asks for N reruns; the time from the
request to `script_finished` is the server's script run plus sending its output over loopback.
The baseline page draws a title and one plotly chart. Target: every page within 1.5x baseline.

    python bench/rerun.py [--runs 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import FULL, PAGES, Session, percentile, start_server

TARGET = 1.5


async def measure(port: int, page: str, runs: int) -> list[float]:
    async with Session(port, page, FULL) as s:
        first = await s.run()
        if first.errors:
            raise RuntimeError(f"{page or 'start'}: {first.errors}")
        for _ in range(3):  # warm this page's code paths
            await s.run()
        return [(await s.run()).seconds for _ in range(runs)]


async def main(runs: int) -> int:
    srv = start_server()
    try:
        times = {"baseline": await measure(srv.port, "bench-baseline", runs)}
        for page in PAGES:
            times[page or "start"] = await measure(srv.port, page, runs)
    finally:
        srv.stop()
    base = statistics.median(times["baseline"])
    print(f"{'page':12} {'median ms':>10} {'p95 ms':>8} {'ratio':>6}")
    worst = 0.0
    for name, ts in times.items():
        med = statistics.median(ts)
        ratio = med / base
        worst = max(worst, ratio if name != "baseline" else 0)
        print(f"{name:12} {med * 1000:10.1f} {percentile(ts, 0.95) * 1000:8.1f} {ratio:6.2f}")
    print()
    for name, ts in times.items():
        print(
            f"rerun {name}: median {statistics.median(ts) * 1000:.1f} ms, p95 {percentile(ts, 0.95) * 1000:.1f} ms, ratio {statistics.median(ts) / base:.2f}"
        )
    print(f"rerun worst ratio: {worst:.2f} (target {TARGET}) {'MET' if worst <= TARGET else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    sys.exit(asyncio.run(main(max(ap.parse_args().runs, 1))))
