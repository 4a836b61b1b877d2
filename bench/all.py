"""`make bench`: every benchmark, StepWise against the bare app, in one table with met / not met.

- server CPU per run (bench/cpu.py): every page, on the same content (an edit: open "Change
  details", then change the score and "Show my answers"; a link change; a new session) and on
  content the server has never drawn (a link change, a new session, "Show my answers" to a new
  score); goal: a run within 1.5x the bare app's one run, "Show my answers" (two runs) within 2x;
- browser (bench/browser.py): link to page drawn in Chromium, every page; goal: within 1.3x;
- burst (bench/burst.py): 100 sessions open /retake at once, then change the link; goal: wall
  time within 2x the bare app, 0 errors, under 0.5 MB a session;
- paced (bench/burst.py): 100 sessions arriving over 10 s; goal: p95 to run finished < 0.25 s;
- scaling (bench/burst.py, bench/balancer.py): the burst through nginx with deploy/nginx.conf in
  front of one replica and of two; reported, no goal.

About twelve minutes on two cores (longer when the machine is shared); --quick for a rough
look in about three.

    python bench/all.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit

from bench import browser, burst, cpu
from bench.client import BARE, PAGES

Row = tuple[str, str, str, str, str, str, bool]
CPU_ROWS = {
    "open": "server CPU, edit: open Change details (1 run)",
    "apply": "server CPU, edit: Show my answers (2 runs)",
    "link": "server CPU per rerun, link change",
    "session": "server CPU per new session",
    "link_new": "server CPU per rerun, new content",
    "session_new": "server CPU per new session, new content",
    "apply_new": "server CPU, edit: Show my answers, new content (2 runs)",
}


def ratio_row(measure: str, page: str, ours: float, bare: float, unit: str, goal: float) -> Row:
    r = ours / bare
    fmt = "{:.1f} ms" if unit == "ms" else "{:.2f} s"
    return (measure, page, fmt.format(ours), fmt.format(bare), f"{r:.2f}x", f"<= {goal:g}x", r <= goal)


def table(rows: list[Row]) -> str:
    head = ("measure", "page", "StepWise", "bare app", "ratio", "goal", "result")
    cells = [head] + [(*r[:6], "met" if r[6] else "NOT MET") for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(quick: bool) -> int:
    reruns, sessions, crowd, repeats = (10, 5, 30, 1) if quick else (40, 15, 100, 5)
    ramp = 10.0
    t0 = time.monotonic()
    say = lambda text: print(f"[{time.monotonic() - t0:4.0f} s] {text}", file=sys.stderr, flush=True)  # noqa: E731

    say(f"server CPU: {reruns} reruns of each kind and {sessions} new sessions a page ...")
    bare_cpu, our_cpu = asyncio.run(cpu.measure(reruns, sessions))
    say(f"burst of {crowd} and {crowd} paced over {ramp:g} s, bare app and StepWise ...")
    bursts = {entry: asyncio.run(burst.burst(entry, crowd)) for entry in (BARE, "app.py")}
    paced = {entry: asyncio.run(burst.paced(entry, crowd, ramp)) for entry in (BARE, "app.py")}
    say(f"burst of {crowd} through nginx (deploy/nginx.conf), {' and '.join(map(str, burst.REPLICAS))} replicas ...")
    balanced = {n: asyncio.run(burst.balanced_burst(n, crowd)) for n in burst.REPLICAS}
    say(f"browser: {repeats} fresh visits a page ...")
    bare_seen, our_seen = browser.measure(repeats)
    say("done")

    rows: list[Row] = []
    for page in PAGES:
        name = page or "start"
        c = our_cpu[page]
        for measure, words in CPU_ROWS.items():
            yard, goal = cpu.YARDSTICK[measure]
            rows.append(ratio_row(words, name, getattr(c, measure), getattr(bare_cpu, yard), "ms", goal))
        rows.append(ratio_row("browser: link to page drawn", name, our_seen[page], bare_seen, "s", browser.GOAL))
    ours, bare = bursts["app.py"], bursts[BARE]
    rows.append(ratio_row(f"burst: {crowd} open at once, change link: wall", "retake", ours.wall, bare.wall, "s", 2.0))
    rows.append(("burst: errors", "retake", str(len(ours.errors)), str(len(bare.errors)), "", "0", not ours.errors))
    rows.append(
        (
            "burst: memory a session",
            "retake",
            f"{ours.mb_per_session:.2f} MB",
            f"{bare.mb_per_session:.2f} MB",
            "",
            "< 0.5 MB",
            ours.mb_per_session < 0.5,
        )
    )
    p_ours, p_bare = paced["app.py"], paced[BARE]
    rows.append(
        (
            f"paced: {crowd} over {ramp:g} s, p95 to run finished",
            "retake",
            f"{p_ours.p95:.3f} s",
            f"{p_bare.p95:.3f} s",
            "",
            "< 0.25 s",
            p_ours.p95 < 0.25 and not p_ours.errors,
        )
    )

    load = os.getloadavg()[0]
    print(
        f"StepWise benchmarks {dt.date.today()}, {'quick' if quick else 'full'} run: Streamlit {streamlit.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {load:.1f} at the end, "
        f"{(time.monotonic() - t0) / 60:.1f} min"
    )
    print(table(rows))
    for label, errs in (("burst", ours.errors), ("paced", p_ours.errors), ("bare burst", bare.errors)):
        for e in sorted(set(errs)):
            print(f"{label} error x{errs.count(e)}: {e[:160]}")
    met = sum(r[6] for r in rows)
    print(f"goals met: {met} of {len(rows)}")
    print()
    print(f"Scaling (no goal): the burst of {crowd} on /retake (open at once, then change the link), wall time")
    print(f"  direct to one server, no balancer: {ours.wall:.1f} s, {len(ours.errors)} errors")
    for n, b in balanced.items():
        print(f"  through nginx, {n} replica{'s' if n > 1 else ''}: {b.wall:.1f} s, {len(b.errors)} errors")
        for e in sorted(set(b.errors)):
            print(f"    error x{b.errors.count(e)}: {e[:160]}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs and sessions: a rough look, not figures to quote")
    sys.exit(main(ap.parse_args().quick))
