"""Capacity: N concurrent sessions against one freshly started `streamlit run` on loopback.

Each session opens the full-profile retake link, then changes the score (219 -> 205) and waits
for the updated verdict. Reports p50/p95 of both steps, errors (exceptions drawn, wrong verdicts,
protocol failures), and the server's memory before, after, and per session. Bounded: at most
200 sessions, and the whole run stops after --seconds. Loopback only.

Two arrival patterns: a burst (--ramp 0, every session opens and changes at the same instant:
the worst case) and paced (--ramp R: sessions arrive evenly over R seconds and change their
input --think seconds after opening; all stay connected to the end).

Target: 100 sessions, zero errors, p95 under 1 s, under 1 MB per session.

    python bench/load.py [--sessions 50] [--ramp 0] [--think 2] [--seconds 240]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import FULL, Session, percentile, start_server

MAX_SESSIONS = 200


async def one(
    port: int,
    delay: float,
    think: float,
    opened: list[float],
    changed: list[float],
    errors: list[str],
    hold: asyncio.Event,
    ready: asyncio.Semaphore,
) -> None:
    try:
        await asyncio.sleep(delay)
        async with Session(port, "retake", FULL) as s:
            first = await s.run()
            opened.append(first.seconds)
            errors.extend(first.errors)
            if b"Retake can make sense" not in first.text:
                errors.append("first run: verdict missing")
            await asyncio.sleep(think)
            second = await s.run([s.number_state("Latest score (three-digit)", 205)])
            changed.append(second.seconds)
            errors.extend(second.errors)
            if b"Retake required" not in second.text or "score=205" not in s.query:
                errors.append("change: verdict or link not updated")
            ready.release()
            await hold.wait()  # keep the session open until memory is read
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
        ready.release()


async def main(sessions: int, entry: str, seconds: float, ramp: float, think: float) -> int:
    sessions = min(max(sessions, 1), MAX_SESSIONS)
    srv = start_server(entry)
    try:
        await asyncio.sleep(1.0)
        before = srv.rss_kib()
        opened: list[float] = []
        changed: list[float] = []
        errors: list[str] = []
        hold = asyncio.Event()
        ready = asyncio.Semaphore(0)
        t0 = time.perf_counter()
        delays = [ramp * i / sessions for i in range(sessions)]
        tasks = [asyncio.create_task(one(srv.port, d, think if ramp else 0.0, opened, changed, errors, hold, ready)) for d in delays]
        try:
            async with asyncio.timeout(seconds):
                for _ in range(sessions):
                    await ready.acquire()
        except TimeoutError:
            errors.append(f"stopped after {seconds:.0f} s with {len(changed)} of {sessions} sessions done")
        wall = time.perf_counter() - t0
        await asyncio.sleep(1.0)
        after = srv.rss_kib()
        hold.set()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        logged = srv.log.read_text()
    finally:
        srv.stop()
    races = logged.count("partially initialized module")
    per = (after - before) / 1024 / max(len(changed), 1)
    mode = f"paced: arrivals over {ramp:g} s, change after {think:g} s" if ramp else "burst: all at once"
    print(f"entry {entry}, {sessions} concurrent sessions ({mode}), {wall:.1f} s wall")
    for msg in sorted(set(errors))[:10]:
        print(f"  error x{errors.count(msg)}: {msg[:160]}")
    print(f"load open p50: {percentile(opened, 0.5) * 1000:.0f} ms, p95: {percentile(opened, 0.95) * 1000:.0f} ms")
    print(f"load change p50: {percentile(changed, 0.5) * 1000:.0f} ms, p95: {percentile(changed, 0.95) * 1000:.0f} ms")
    print(f"load errors: {len(errors)} (import races in the server log: {races})")
    print(f"load memory: {before / 1024:.0f} MB before, {after / 1024:.0f} MB after, {per:.2f} MB per session")
    ok = not errors and percentile(changed, 0.95) < 1.0 and per < 1.0
    print(f"load target (0 errors, change p95 < 1 s, < 1 MB/session): {'MET' if ok else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--entry", default="app.py")
    ap.add_argument("--seconds", type=float, default=240)
    ap.add_argument("--ramp", type=float, default=0.0, help="spread arrivals over this many seconds (0: burst)")
    ap.add_argument("--think", type=float, default=2.0, help="paced mode: seconds between opening and changing")
    a = ap.parse_args()
    sys.exit(asyncio.run(main(a.sessions, a.entry, min(a.seconds, 600), max(a.ramp, 0.0), max(a.think, 0.0))))
