"""Server CPU per run, StepWise's pages against the bare app, each in its own server process.

CPU, not latency: the server's user + system CPU time (psutil), read before and after N runs,
divided by N. For every page of the registry with the full-profile link (bench/client.py FULL)
and for the bare app (bench/bare_app.py), two families of runs:

**Same content** (alternating between two links, so after the first run StepWise's charts and
tables are replays from its session caches, app_pages/render.py):

- *edit*: StepWise's pages carry no profile input (they sit in the "Change details" dialog), so
  an advisor's "change a number" is measured in two parts, each against the bare app's one
  widget change: *open*, the click on "Change details" (one page run that also draws the
  dialog's inputs), and *apply*, the score changed (219 <-> 205) and "Show my answers" clicked
  (the dialog's own run, which writes the link, then the page's run with the new link);
- *link*: an open session asks for a run with another query string (score 219 <-> 205);
- *new session*: connect, first run, disconnect.

**New content** (every run a link this server process has never drawn: its own score and its own
``today``, from :func:`new_links`, so nothing can come from any cache, per session or per process):

- *link, new*: an open session asks for a run with a new link;
- *new session, new*: each session opens its own new link;
- *apply, new*: "Show my answers" to a new score (the session's link has its own ``today``).

The bare app has no cache: its "new content" is its widget change to a value it has not had
(one run) and a new session. Goals: a rerun and a new session within 1.5x the bare app's one run;
"Show my answers" (two runs) within 2x the bare app's one widget change.

    python bench/cpu.py [--reruns 40] [--sessions 15] [--page projection ...]
    python bench/cpu.py --menu     # the bare app with and without a menu like StepWise's
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import BARE, BARE_MENU, CHANGED, FULL, PAGES, RunResult, Server, Session, start_server

GOAL = 1.5  # a run (a rerun or a new session) against the bare app's one run
APPLY_GOAL = 2.0  # "Show my answers": two runs against the bare app's one widget change
WARMUP = 3
SCORE_LABEL = {"app.py": "Latest score (three-digit)", BARE: "Score", BARE_MENU: "Score"}
OPEN, APPLY = "Change details", "Show my answers"  # StepWise's dialog with the profile's inputs
SCORES = {"app.py": (205, 219), BARE: (231, 230), BARE_MENU: (231, 230)}
FULL_TODAY = "today=2026-11-20"
# New content: scores 152-299 (the range earlier rounds measured) and a `today` in the three weeks
# before FULL's, so FULL's planned exam date stays ahead of it.
NEW_SCORES = range(152, 300)
NEW_DAYS = 21


def new_links() -> Iterator[tuple[int, str]]:
    """(score, link) pairs, every one different from every other and from FULL and CHANGED. Each
    pair has a score the previous pair did not have (step 31, prime to the 148 scores), so a
    session editing only the score still draws something new every time."""
    base = dt.date.fromisoformat(FULL_TODAY.split("=")[1])
    n = len(NEW_SCORES)
    for k in itertools.count():
        score, day = NEW_SCORES[(k * 31) % n], k // n + 1
        if day > NEW_DAYS:
            raise RuntimeError("bench/cpu.py ran out of new links: fewer runs, or more days")
        today = base - dt.timedelta(days=day)
        yield score, FULL.replace("score=219", f"score={score}").replace(FULL_TODAY, f"today={today}")


@dataclass
class Cpu:
    """Milliseconds of server CPU per run (StepWise's apply: per edit, two runs)."""

    open: float  # StepWise only: the click on "Change details"
    apply: float  # StepWise: Show my answers; the bare app: its widget change
    link: float
    session: float
    link_new: float
    session_new: float
    apply_new: float


async def _settle() -> None:
    await asyncio.sleep(0.3)  # let the server finish sending before reading its clock


async def _checked(result: RunResult, what: str) -> None:
    if result.errors:
        raise RuntimeError(f"{what}: {result.errors}")


async def edit_cpu(srv: Server, entry: str, page: str, runs: int, new: Iterator[tuple[int, str]] | None) -> tuple[float, float]:
    """(open, apply) milliseconds per edit; the bare app's apply is its widget change and open is 0.
    With ``new``: every apply to a score this session has not drawn, from a link of its own."""
    first_link = next(new)[1] if new is not None else FULL
    async with Session(srv.port, page, first_link) as s:
        await _checked(await s.run(), f"{entry} /{page}")
        label, values = SCORE_LABEL[entry], SCORES[entry]
        spent = {"open": 0.0, "apply": 0.0}
        for i in range(WARMUP + runs):
            value = next(new)[0] if new is not None else values[i % 2]
            before = srv.cpu_seconds()
            if entry == "app.py":
                await _checked(await s.run([s.trigger_state(OPEN)]), f"/{page} open")
                await _settle()
            middle = srv.cpu_seconds()
            if entry == "app.py":
                states = [s.number_state(label, value), s.trigger_state(APPLY)]
                await _checked(await s.run(states, fragment_id=s.fragments[APPLY]), f"/{page} apply")
            else:
                await _checked(await s.run([s.number_state(label, value)]), "bare widget")
            await _settle()
            if i >= WARMUP:
                spent["open"] += middle - before
                spent["apply"] += srv.cpu_seconds() - middle
        return spent["open"] / runs * 1000, spent["apply"] / runs * 1000


async def link_cpu(srv: Server, entry: str, page: str, runs: int, new: Iterator[tuple[int, str]] | None) -> float:
    """Milliseconds per rerun with another link: alternating two links, or each run a new one."""
    async with Session(srv.port, page, FULL) as s:
        await _checked(await s.run(), f"{entry} /{page}")
        before = 0.0
        for i in range(WARMUP + runs):
            if i == WARMUP:
                await _settle()
                before = srv.cpu_seconds()
            s.query = next(new)[1] if new is not None else (CHANGED, FULL)[i % 2]
            await _checked(await s.run(), f"{entry} /{page} link")
        await _settle()
        return (srv.cpu_seconds() - before) / runs * 1000


async def session_cpu(srv: Server, entry: str, page: str, sessions: int, new: Iterator[tuple[int, str]] | None) -> float:
    """Milliseconds per new session (connect, first run, disconnect): every one the same link, or each its own."""

    async def one() -> None:
        async with Session(srv.port, page, next(new)[1] if new is not None else FULL) as s:
            await _checked(await s.run(), f"{entry} /{page} new session")

    await one()  # this page's first session is a warm-up
    await _settle()
    before = srv.cpu_seconds()
    for _ in range(sessions):
        await one()
    await _settle()
    return (srv.cpu_seconds() - before) / sessions * 1000


async def measure_app(entry: str, pages: list[str], reruns: int, sessions: int) -> dict[str, Cpu]:
    srv = start_server(entry)
    new = new_links() if entry == "app.py" else None  # the bare app draws the same for any link
    try:
        async with Session(srv.port, pages[0], FULL) as s:  # the process's first run: imports, rules
            await s.run()
        out = {}
        for page in pages:
            opened, apply = await edit_cpu(srv, entry, page, reruns, None)
            _, apply_new = await edit_cpu(srv, entry, page, reruns, new) if new else (0.0, apply)
            link = await link_cpu(srv, entry, page, reruns, None)
            session = await session_cpu(srv, entry, page, sessions, None)
            link_new = await link_cpu(srv, entry, page, reruns, new) if new else apply
            session_new = await session_cpu(srv, entry, page, sessions, new) if new else session
            out[page] = Cpu(opened, apply, link, session, link_new, session_new, apply_new)
        return out
    finally:
        srv.stop()


async def measure(reruns: int, sessions: int, pages: list[str] | None = None) -> tuple[Cpu, dict[str, Cpu]]:
    bare = (await measure_app(BARE, [""], reruns, sessions))[""]
    stepwise = await measure_app("app.py", pages or PAGES, reruns, sessions)
    return bare, stepwise


# Each measure against the bare app's figure it is compared with, and its goal.
YARDSTICK = {
    "open": ("apply", GOAL),
    "apply": ("apply", APPLY_GOAL),
    "link": ("link", GOAL),
    "session": ("session", GOAL),
    "link_new": ("apply", GOAL),  # the bare app's widget change to a new value: its new content
    "session_new": ("session", GOAL),
    "apply_new": ("apply", APPLY_GOAL),
}


def ratio(ours: Cpu, bare: Cpu, measure: str) -> float:
    return float(getattr(ours, measure)) / float(getattr(bare, YARDSTICK[measure][0]))


def report(bare: Cpu, stepwise: dict[str, Cpu]) -> None:
    names = [f.name for f in fields(Cpu)]
    print("server CPU per run (ms); open = the click on Change details; apply = Show my answers (2 runs); *_new = content never drawn")
    print(f"{'':12}" + "".join(f"{n:>16}" for n in names))
    print(f"{'bare app':12}" + "".join(f"{getattr(bare, YARDSTICK[n][0]):16.1f}" for n in names))
    missed = 0
    for page, c in stepwise.items():
        cells = []
        for n in names:
            r = ratio(c, bare, n)
            missed += r > YARDSTICK[n][1]
            cells.append(f"{getattr(c, n):5.1f} ({r:4.2f}x){'!' if r > YARDSTICK[n][1] else ' '}")
        print(f"{page or 'start':12}" + "".join(f"{cell:>16}" for cell in cells))
    print(f"goals: runs <= {GOAL}x, apply <= {APPLY_GOAL}x; '!' marks a miss: {missed} missed")


async def menu_cost(reruns: int, sessions: int) -> None:
    """The bare app against itself behind a link-carrying menu (bench/bare_menu_app.py)."""
    bare = (await measure_app(BARE, [""], reruns, sessions))[""]
    menu = (await measure_app(BARE_MENU, [""], reruns, sessions))[""]
    print("server CPU per run (ms): the bare app, and the bare app behind seven st.page_link carrying the link")
    for kind, name in (("apply", "widget change"), ("link", "link change"), ("session", "new session")):
        b, m = getattr(bare, kind), getattr(menu, kind)
        print(f"  {name:14} {b:5.1f} -> {m:5.1f}  ({m / b:4.2f}x)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--reruns", type=int, default=40)
    ap.add_argument("--sessions", type=int, default=15)
    ap.add_argument("--page", action="append", choices=[p or "start" for p in PAGES], help="only these pages (repeat); all by default")
    ap.add_argument("--menu", action="store_true", help="only the bare app with and without a link-carrying menu")
    a = ap.parse_args()
    if a.menu:
        asyncio.run(menu_cost(max(a.reruns, 1), max(a.sessions, 1)))
        raise SystemExit
    chosen = [("" if p == "start" else p) for p in a.page] if a.page else None
    report(*asyncio.run(measure(max(a.reruns, 1), max(a.sessions, 1), chosen)))
