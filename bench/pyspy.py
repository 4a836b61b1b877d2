"""Where StepWise's server CPU per rerun goes: py-spy samples the server while one session reruns.

Starts `streamlit run app.py`, opens --page with the full-profile link, then changes the link
(score 219 <-> 205, as the browser does after "Show my answers" or a page link) over and over
while `py-spy record --gil` samples the thread holding Python's lock (the server's Python CPU)
for --seconds. With --new every rerun is a link the server has never drawn (bench/cpu.py
new_links), so nothing is replayed from a cache. The raw stacks are kept in artifacts/ (feed them to flamegraph.pl or
speedscope); the summary attributes each sample of a script thread to the Streamlit (or library) call our
code made, i.e. the first frame below the deepest frame of app.py, prepare.py, app_pages/ or stepwise/,
and each sample elsewhere to its thread.

    python bench/pyspy.py [--page summary|all] [--seconds 8] [--new]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import CHANGED, FULL, ROOT, Session, start_server
from bench.cpu import new_links
from stepwise.registry import PAGES as REGISTRY

PY_SPY = Path(sys.executable).with_name("py-spy")
THREAD_ID = re.compile(r"\s*\(\d+\)")
# py-spy names a file by its path below the sys.path entry it came from: the page files
# (run by st.Page, not imported) appear by their bare names.
_PAGE_FILES = "|".join(re.escape(Path(p.file).name) for p in REGISTRY)
OURS = re.compile(rf"\((?:app\.py|prepare\.py|common\.py|{_PAGE_FILES}|app_pages/[^()]*|stepwise/[^()]*):\d+\)$")
RAW = ("--gil", "--format", "raw", "--threads", "--output")
# Frames that only wrap a Streamlit command; the command itself is the next frame.
WRAPPERS = ("gather_metrics.<locals>.wrapped_func", "wrapper (functools.py", "_GeneratorContextManager", "DeltaGenerator.__getattr__")


def _name(frame: str) -> str:
    """``func (path/file.py:12)`` -> ``func (path/file.py)``."""
    return re.sub(r":\d+\)$", ")", frame)


def attribute(stack: list[str]) -> str:
    """The call a sample was spent in, as seen from our code."""
    thread = stack[0]
    if "ScriptRunner.scriptThread" not in thread:
        name = THREAD_ID.sub("", thread.split(":", 1)[-1]).strip() or "thread"
        return f"[{name}] {_name(stack[-1])}"
    frames = stack[1:]
    deepest = max((i for i, f in enumerate(frames) if OURS.search(f)), default=None)
    if deepest is None:
        return f"[script thread, outside app.py] {_name(frames[-1]) if frames else '?'}"
    if deepest == len(frames) - 1:
        return f"own code: {_name(frames[deepest])}"
    i = deepest + 1
    while i < len(frames) - 1 and frames[i].startswith(WRAPPERS):
        i += 1
    return _name(frames[i])


def summarise(raw: Path, runs: int, rate: int, top: int = 18) -> str:
    by_call: Counter[str] = Counter()
    by_ours: Counter[str] = Counter()
    by_thread: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack_text, _, count = line.rpartition(" ")
        stack, n = stack_text.split(";"), int(count)
        total += n
        by_thread[
            "script threads" if "ScriptRunner.scriptThread" in stack[0] else THREAD_ID.sub("", stack[0].split(":", 1)[-1]).strip()
        ] += n
        by_call[attribute(stack)] += n
        ours = [f for f in stack if OURS.search(f)]
        if ours:
            by_ours[_name(ours[-1])] += n
    out = [f"{total} samples holding the GIL over {runs} reruns: {total / rate / runs * 1000:.0f} ms a rerun"]
    out += ["by thread: " + ", ".join(f"{name} {n / total:.0%}" for name, n in by_thread.most_common(4)), ""]
    out += ["by the call our code made (inclusive):"]
    out += [f"  {n / total:6.1%}  {label}" for label, n in by_call.most_common(top)]
    out += ["", "by our deepest frame (inclusive):"]
    out += [f"  {n / total:6.1%}  {label}" for label, n in by_ours.most_common(top)]
    return "\n".join(out)


async def profile_page(port: int, pid: int, page: str, seconds: float, rate: int, out: Path, new: bool) -> int:
    """Rerun the page while py-spy samples; return how many reruns fell inside the sampling."""
    fresh = new_links()

    def link(i: int) -> str:
        return next(fresh)[1] if new else (CHANGED, FULL)[i % 2]

    async with Session(port, page, FULL) as s:
        await s.run()
        for i in range(3):
            s.query = link(i)
            await s.run()
        spy = subprocess.Popen(
            [str(PY_SPY), "record", "--pid", str(pid), "--rate", str(rate), "--duration", str(int(seconds)), *RAW, str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        runs = 0
        while spy.poll() is None:
            s.query = link(runs)
            await s.run()
            runs += 1
        if spy.returncode != 0:
            raise RuntimeError("py-spy failed (it needs ptrace permission: run as root or set kernel.yama.ptrace_scope=0)")
        return runs


async def main(pages: list[str], seconds: float, rate: int, new: bool) -> int:
    srv = start_server()
    try:
        for page in pages:
            out = ROOT / "artifacts" / f"pyspy-{page or 'start'}.txt"
            runs = await profile_page(srv.port, srv.proc.pid, page, seconds, rate, out, new)
            print(
                f"py-spy on /{page} ({seconds:g} s at {rate} Hz, {'new' if new else 'the same'} content), raw stacks in {out.relative_to(ROOT)}"
            )
            print(summarise(out, runs, rate, top=18 if len(pages) == 1 else 8))
            print()
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--page", default="summary", help="a page's url_path ('' for start), or 'all'")
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--new", action="store_true", help="every rerun a link never drawn before")
    a = ap.parse_args()
    chosen = [p.url_path for p in REGISTRY] if a.page == "all" else [a.page]
    sys.exit(asyncio.run(main(chosen, max(a.seconds, 1.0), a.rate, a.new)))
