"""Start-up and per-rerun costs: rules parse and validation (once per process), and a profile
of one rerun of the heaviest page (summary) with its top costs.

    python bench/startup.py
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.client import FULL  # noqa: E402


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    t0 = time.perf_counter()
    from stepwise.rules import load_rules

    import_s = time.perf_counter() - t0
    print(f"startup import of the rules module: {import_s * 1000:.0f} ms")
    print(f"startup rules parse and validation: median {median_ms(load_rules, 20):.1f} ms (once per process, cached)")

    import datetime as dt
    from urllib.parse import parse_qsl

    import plotly.graph_objects as go

    from stepwise.charts import specialty_ranges
    from stepwise.practice_chart import projection_chart
    from stepwise.profile import parse_profile
    from stepwise.summary import summarize
    from stepwise.targets import specialty_rows

    rules = load_rules()

    def heaviest_rerun() -> None:
        """What the summary and targets pages compute per rerun, plus plotly's one-pass validation."""
        p = parse_profile(dict(parse_qsl(FULL)), rules, dt.date.today()).profile
        s = summarize(rules, p)
        if s.projection is not None:
            go.Figure(projection_chart(s.projection, s.projection.standard.score, s.target.value, "t", None))
        go.Figure(specialty_ranges(specialty_rows(rules, p, s.projection), p.specialty, p.score, None, "NRMP"))

    heaviest_rerun()
    print(f"startup core work of one heavy rerun (summary + targets figures): median {median_ms(heaviest_rerun, 30):.1f} ms")
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(10):
        heaviest_rerun()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
    print("startup top costs of that work (10 runs, by own time):")
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    print("\n".join(lines[-13:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
