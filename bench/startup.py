"""Start-up and per-rerun costs: rules parse and validation (once per process), the assessment
alone over 1,000 generated links (median and 95th percentile), and a profile of one rerun of the
heaviest page (summary) with its top costs.

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
from stepwise.rules import Rules  # noqa: E402


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def generated_links(n: int) -> list[dict[str, str]]:
    """n links from the property tests' strategy (tests/strategies.py), the same every time."""
    from hypothesis import HealthCheck, Phase, given, settings

    from tests.strategies import links

    drawn: list[dict[str, str]] = []

    @settings(
        max_examples=n, database=None, derandomize=True, phases=[Phase.generate], deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(links())
    def collect(link: dict[str, str]) -> None:
        drawn.append(link)

    collect()
    return drawn


def assess_times(rules: Rules, n: int = 1000) -> list[float]:
    """Milliseconds of ``assess`` alone (the link already parsed) for each of n generated links."""
    import datetime as dt

    from stepwise.assess import assess
    from stepwise.profile import parse_profile

    times = []
    for link in generated_links(n):
        parsed = parse_profile(link, rules, dt.date(2026, 11, 22))
        t = time.perf_counter()
        assess(rules, parsed)
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> int:
    t0 = time.perf_counter()
    from stepwise.rules import load_rules

    import_s = time.perf_counter() - t0
    print(f"startup import of the rules module: {import_s * 1000:.0f} ms")
    print(f"startup rules parse and validation: median {median_ms(load_rules, 20):.1f} ms (once per process, cached)")

    import datetime as dt
    from urllib.parse import parse_qsl

    from app_pages.render import unvalidated
    from stepwise.assess import assess
    from stepwise.charts import specialty_ranges
    from stepwise.practice_chart import practice_versus_real
    from stepwise.profile import parse_profile
    from stepwise.summary import summarize

    rules = load_rules()
    times = sorted(assess_times(rules))
    print(
        f"assess alone over {len(times)} generated links: median {statistics.median(times):.2f} ms, "
        f"95th percentile {times[int(len(times) * 0.95)]:.2f} ms, slowest {times[-1]:.2f} ms"
    )

    def heaviest_rerun() -> None:
        """What the summary and targets pages compute per rerun, their figures as the pages send them."""
        a = assess(rules, parse_profile(dict(parse_qsl(FULL)), rules, dt.date.today()))
        summarize(rules, a)
        drawn = practice_versus_real(rules, a)
        if drawn is not None:
            unvalidated(drawn[0]).to_dict()
        unvalidated(specialty_ranges(list(a.rows), a.profile.specialty, a.profile.score, None, "NRMP")).to_dict()

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
