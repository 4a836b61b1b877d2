"""Many sessions on one server: StepWise's retake page against the bare app, each its own process.

- burst: N sessions open the same page at the same instant, then each changes its link
  (score 219 -> 205) in the open session. Wall time until every session has its new run, errors
  (exceptions drawn, a wrong verdict, protocol failures, import races in the server log) and the
  server's memory growth per session while all N are open. Goal: StepWise within 2x the bare
  app's wall time, 0 errors, under 0.5 MB a session.
- paced: N sessions arrive evenly over R seconds, each opens the page; the time from opening
  the websocket to its run finished. Goal: p95 under 0.25 s.
- balanced: the same burst on StepWise through Debian's nginx with deploy/nginx.conf, in front of
  one replica and of two (bench/balancer.py): scaling as a number. No goal; reported.

Each server is warmed by one session first (the process's imports and rules are start-up, not
load). Loopback only; bounded to 200 sessions and 240 s.

    python bench/burst.py [--sessions 100] [--ramp 10] [--balancer]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.balancer import start_balancer
from bench.client import BARE, CHANGED, FULL, Server, Session, percentile, start_server

MAX_SESSIONS = 200
LIMIT_S = 240.0
REPLICAS = (1, 2)  # behind nginx: how the wall time scales with processes
PAGE = {"app.py": "retake", BARE: ""}
# What the run must show: the verdict for score 219 (opened) and for 205 (changed).
OPENED = {"app.py": b"Retake can make sense", BARE: b"Bare app"}
CHANGED_TO = {"app.py": b"Retake required", BARE: b"Bare app"}


@dataclass
class Burst:
    wall: float
    errors: list[str] = field(default_factory=list)
    mb_per_session: float = 0.0
    rss_before: float = 0.0
    rss_after: float = 0.0


@dataclass
class Paced:
    p50: float
    p95: float
    errors: list[str] = field(default_factory=list)


async def _warm(port: int, entry: str) -> None:
    async with Session(port, PAGE[entry], FULL) as s:
        await s.run()
        s.query = CHANGED
        await s.run()


def _races(srv: Server) -> list[str]:
    n = srv.log.read_text().count("partially initialized module")
    return [f"import race in the server log x{n}"] if n else []


async def burst(entry: str, sessions: int) -> Burst:
    """The burst against one server of ``entry``, reached directly."""
    srv = start_server(entry)
    try:
        await _warm(srv.port, entry)
        return await _crowd(srv.port, entry, sessions, [srv])
    finally:
        srv.stop()


async def balanced_burst(replicas: int, sessions: int) -> Burst:
    """The burst on StepWise through deploy/nginx.conf in front of ``replicas`` servers: how the
    balancer and more processes change the wall time. Each replica is warmed directly first."""
    servers: list[Server] = []
    lb = None
    try:
        servers = [start_server() for _ in range(replicas)]
        for srv in servers:
            await _warm(srv.port, "app.py")
        lb = start_balancer([srv.port for srv in servers])
        return await _crowd(lb.port, "app.py", sessions, servers)
    finally:
        if lb is not None:
            lb.stop()
        for srv in servers:
            srv.stop()


async def _crowd(port: int, entry: str, sessions: int, servers: list[Server]) -> Burst:
    """``sessions`` open the page on ``port`` at once, then each changes its link; memory is
    the servers' together."""
    await asyncio.sleep(1.0)
    before = sum(srv.rss_mb() for srv in servers)
    errors: list[str] = []
    done = asyncio.Semaphore(0)
    hold = asyncio.Event()

    async def one() -> None:
        try:
            async with Session(port, PAGE[entry], FULL) as s:
                first = await s.run()
                errors.extend(first.errors)
                if OPENED[entry] not in first.text:
                    errors.append("opened: result missing")
                s.query = CHANGED
                second = await s.run()
                errors.extend(second.errors)
                if CHANGED_TO[entry] not in second.text:
                    errors.append("changed link: result not updated")
                done.release()
                await hold.wait()  # stay open until memory is read
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            done.release()

    t0 = time.perf_counter()
    tasks = [asyncio.create_task(one()) for _ in range(sessions)]
    try:
        async with asyncio.timeout(LIMIT_S):
            for _ in range(sessions):
                await done.acquire()
    except TimeoutError:
        errors.append(f"stopped after {LIMIT_S:.0f} s")
    wall = time.perf_counter() - t0
    await asyncio.sleep(1.0)
    after = sum(srv.rss_mb() for srv in servers)
    hold.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    for srv in servers:
        errors += _races(srv)
    return Burst(wall, errors, (after - before) / sessions, before, after)


async def paced(entry: str, sessions: int, ramp: float) -> Paced:
    srv = start_server(entry)
    try:
        await _warm(srv.port, entry)
        times: list[float] = []
        errors: list[str] = []
        hold = asyncio.Event()
        finished = [0]

        async def one(delay: float) -> None:
            await asyncio.sleep(delay)
            try:
                t0 = time.perf_counter()
                async with Session(srv.port, PAGE[entry], FULL) as s:
                    first = await s.run()
                    times.append(time.perf_counter() - t0)
                    errors.extend(first.errors)
                    if OPENED[entry] not in first.text:
                        errors.append("opened: result missing")
                    finished[0] += 1
                    await hold.wait()
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                finished[0] += 1

        tasks = [asyncio.create_task(one(ramp * i / sessions)) for i in range(sessions)]
        deadline = time.perf_counter() + LIMIT_S
        while finished[0] < sessions and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        hold.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        errors += _races(srv)
        return Paced(percentile(times, 0.5), percentile(times, 0.95), errors)
    finally:
        srv.stop()


def _errors(errors: list[str]) -> str:
    return ", ".join(f"{e[:100]} x{errors.count(e)}" for e in sorted(set(errors))) or "none"


async def main(sessions: int, ramp: float, balancer_only: bool) -> None:
    if balancer_only:
        await main_balancer(sessions)
        return
    for entry in (BARE, "app.py"):
        b = await burst(entry, sessions)
        print(
            f"{entry}: burst of {sessions}: {b.wall:.1f} s wall, {len(b.errors)} errors ({_errors(b.errors)}), "
            f"{b.rss_before:.0f} -> {b.rss_after:.0f} MB, {b.mb_per_session:.2f} MB a session"
        )
        p = await paced(entry, sessions, ramp)
        print(
            f"{entry}: {sessions} arriving over {ramp:g} s: p50 {p.p50 * 1000:.0f} ms, p95 {p.p95 * 1000:.0f} ms, errors {_errors(p.errors)}"
        )
    await main_balancer(sessions)


async def main_balancer(sessions: int) -> None:
    for replicas in REPLICAS:
        b = await balanced_burst(replicas, sessions)
        print(
            f"app.py via nginx, {replicas} replica(s): burst of {sessions}: {b.wall:.1f} s wall, {len(b.errors)} errors ({_errors(b.errors)})"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--ramp", type=float, default=10.0)
    ap.add_argument("--balancer", action="store_true", help="only the bursts through nginx (deploy/nginx.conf), 1 and 2 replicas")
    a = ap.parse_args()
    asyncio.run(main(min(max(a.sessions, 1), MAX_SESSIONS), max(a.ramp, 0.0), a.balancer))
