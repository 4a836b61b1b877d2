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


def main() -> int:
    t0 = time.perf_counter()
    from stepwise.rules import load_rules

    import_s = time.perf_counter() - t0
    times = []
    for _ in range(20):
        t = time.perf_counter()
        load_rules()
        times.append(time.perf_counter() - t)
    print(f"startup import of the rules module: {import_s * 1000:.0f} ms")
    print(f"startup rules parse and validation: median {statistics.median(times) * 1000:.1f} ms (once per process, cached)")

    from urllib.parse import parse_qsl

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    params = dict(parse_qsl(FULL))
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/summary.py")
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    prof = cProfile.Profile()
    prof.enable()
    at.run()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    stats.print_stats(r"stepwise|plotly|pages|streamlit/elements", 18)
    print("startup profile of one summary rerun (cumulative, top entries):")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2600:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
