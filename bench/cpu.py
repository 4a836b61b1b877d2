"""Server CPU per run, StepWise's pages against the bare app, each in its own server process.

CPU, not latency: the server's user + system CPU time (psutil), read before and after N runs,
divided by N. Three kinds of run, for every page of the registry with the full-profile link
(bench/client.py FULL) and for the bare app (bench/bare_app.py):

- rerun, widget: an open session changes a number input. The bare app: its number input, one
  run. StepWise has no profile input on its pages (they sit in the "Change details" dialog), so
  its widget change is an edit, measured in two parts: *open*, the click on "Change details" (one
  page run that also draws the dialog's inputs), and *apply*, the score changed (219 <-> 205)
  and "Show my answers" clicked (the dialog's own run, which writes the link, then the page's
  run with the new link): each part against the bare app's one run;
- rerun, link: an open session asks for a run with another query string (score 219 <-> 205);
- new session: connect, first run, disconnect;
- rerun, new score: as the apply, but to a score this server has not drawn before, so
  nothing is replayed from StepWise's chart and table caches (app_pages/render.py): the cost of
  content seen for the first time. The first three kinds alternate between two links, whose
  charts and tables are replayed after the first run. At most 16 runs a page, each page its own
  scores (the bare app has no cache: the same kind of run with new values).

Goal: every page within 1.5x the bare app.

    python bench/cpu.py [--reruns 40] [--sessions 15]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import BARE, CHANGED, FULL, PAGES, RunResult, Server, Session, start_server

GOAL = 1.5
WARMUP = 3
SCORE_LABEL = {"app.py": "Latest score (three-digit)", BARE: "Score"}
OPEN, APPLY = "Change details", "Show my answers"  # StepWise's dialog with the profile's inputs
SCORES = {"app.py": (205, 219), BARE: (231, 230)}
FRESH_RUNS = 16


def fresh_scores(entry: str, page: str, n: int) -> list[int]:
    """n scores no other measure uses: 152-299 in steps of 7, each page its own offset (the
    projection chart is drawn on two pages). Not below 152: with FULL's other inputs a lower
    score stops /projection with an error (its "weeks later" input gets a default above its
    maximum; reported in docs/performance.md)."""
    offset = PAGES.index(page) if entry == "app.py" else 0
    used = set(SCORES[entry])
    return [v for v in range(152 + offset, 300, 7) if v not in used][:n]


@dataclass
class Cpu:
    """Milliseconds of server CPU per run."""

    widget: float  # StepWise: the apply (dialog run + page run); the bare app: its widget change
    link: float
    session: float
    fresh: float = float("nan")
    open: float = float("nan")  # StepWise: opening the dialog (one page run)


async def _settle() -> None:
    await asyncio.sleep(0.3)  # let the server finish sending before reading its clock


async def rerun_cpu(srv: Server, entry: str, page: str, kind: str, runs: int) -> float | tuple[float, float]:
    """Milliseconds of server CPU per run of ``kind``. For StepWise's edits ("widget", "fresh"):
    (open, apply), each read on its own (the server is idle in between)."""
    async with Session(srv.port, page, FULL) as s:
        first = await s.run()
        if first.errors:
            raise RuntimeError(f"{entry} /{page}: {first.errors}")
        label, values = SCORE_LABEL[entry], SCORES[entry]
        fresh = fresh_scores(entry, page, WARMUP + runs) if kind == "fresh" else []
        edit = entry == "app.py" and kind in ("widget", "fresh")
        spent = {"open": 0.0, "apply": 0.0}

        async def check(result: RunResult, what: str) -> None:
            if result.errors:
                raise RuntimeError(f"{entry} /{page} {kind} {what}: {result.errors}")

        async def step(i: int, measured: bool) -> None:
            value = fresh[i] if kind == "fresh" else values[i % 2]
            if edit:
                before = srv.cpu_seconds()
                await check(await s.run([s.trigger_state(OPEN)]), "open")
                await _settle()
                middle = srv.cpu_seconds()
                states = [s.number_state(label, value), s.trigger_state(APPLY)]
                await check(await s.run(states, fragment_id=s.fragments[APPLY]), "apply")
                await _settle()
                if measured:
                    spent["open"] += middle - before
                    spent["apply"] += srv.cpu_seconds() - middle
            elif kind in ("widget", "fresh"):
                await check(await s.run([s.number_state(label, value)]), "widget")
            else:
                s.query = (CHANGED, FULL)[i % 2]
                await check(await s.run(), "link")

        for i in range(WARMUP):
            await step(i, False)
        await _settle()
        before = srv.cpu_seconds()
        for i in range(runs):
            await step(i + WARMUP, True)
        await _settle()
        if edit:
            return spent["open"] / runs * 1000, spent["apply"] / runs * 1000
        return (srv.cpu_seconds() - before) / runs * 1000


async def session_cpu(srv: Server, entry: str, page: str, sessions: int) -> float:
    async def one() -> None:
        async with Session(srv.port, page, FULL) as s:
            result = await s.run()
            if result.errors:
                raise RuntimeError(f"{entry} /{page} new session: {result.errors}")

    await one()  # this page's first session is a warm-up
    await _settle()
    before = srv.cpu_seconds()
    for _ in range(sessions):
        await one()
    await _settle()
    return (srv.cpu_seconds() - before) / sessions * 1000


async def measure_app(entry: str, pages: list[str], reruns: int, sessions: int) -> dict[str, Cpu]:
    srv = start_server(entry)
    try:
        async with Session(srv.port, pages[0], FULL) as s:  # the process's first run: imports, rules
            await s.run()
        out = {}
        for page in pages:
            widget = await rerun_cpu(srv, entry, page, "widget", reruns)
            link = await rerun_cpu(srv, entry, page, "link", reruns)
            session = await session_cpu(srv, entry, page, sessions)
            fresh = await rerun_cpu(srv, entry, page, "fresh", min(reruns, FRESH_RUNS))
            assert isinstance(link, float)
            if isinstance(widget, tuple) and isinstance(fresh, tuple):
                out[page] = Cpu(widget=widget[1], link=link, session=session, fresh=fresh[1], open=widget[0])
            else:
                assert isinstance(widget, float) and isinstance(fresh, float)
                out[page] = Cpu(widget=widget, link=link, session=session, fresh=fresh)
        return out
    finally:
        srv.stop()


async def measure(reruns: int, sessions: int) -> tuple[Cpu, dict[str, Cpu]]:
    bare = (await measure_app(BARE, [""], reruns, sessions))[""]
    stepwise = await measure_app("app.py", PAGES, reruns, sessions)
    return bare, stepwise


def report(bare: Cpu, stepwise: dict[str, Cpu]) -> None:
    print("StepWise's 'widget' is an edit: open = the click on Change details; apply = Show my answers (dialog run + page run)")
    print(f"{'server CPU per run (ms)':26} {'open':>14} {'widget/apply':>14} {'link':>14} {'new session':>14} {'new score':>14}")
    print(f"{'bare app':26} {'':>14} {bare.widget:14.1f} {bare.link:14.1f} {bare.session:14.1f} {bare.fresh:14.1f}")
    worst = 0.0
    for page, c in stepwise.items():
        values = (c.open, c.widget, c.link, c.session, c.fresh)
        ratios = (c.open / bare.widget, c.widget / bare.widget, c.link / bare.link, c.session / bare.session, c.fresh / bare.fresh)
        worst = max(worst, *ratios)
        cells = [f"{v:6.1f} ({r:4.1f}x)" for v, r in zip(values, ratios, strict=True)]
        print(f"{page or 'start':26} " + " ".join(f"{cell:>14}" for cell in cells))
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL}x): {'met' if worst <= GOAL else 'not met'}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--reruns", type=int, default=40)
    ap.add_argument("--sessions", type=int, default=15)
    a = ap.parse_args()
    report(*asyncio.run(measure(max(a.reruns, 1), max(a.sessions, 1))))
