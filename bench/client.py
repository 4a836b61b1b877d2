"""A minimal Streamlit websocket client and a server launcher for the benchmarks and browser tests.

It speaks Streamlit's own protocol (the protobufs shipped with streamlit): open
``/_stcore/stream``, ask for a run with a query string, read messages until the run
finishes; change a widget by sending its new state. Loopback only.

StepWise (``app.py``) and the bare yardstick app (``bench/bare_app.py``) are started the same
way, from the repository root, so both read the same ``.streamlit/config.toml``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from stepwise.registry import PAGES as REGISTRY

ROOT = Path(__file__).resolve().parent.parent
FULL = (
    "exam=step2ck&score=219&attempts=2026-08-01&prior_fails=0&specialty=emergency-medicine"
    "&practice=nbme13:236@2026-07-01,nbme14:238@2026-07-20,nbme15:245@2026-11-01,uwsa1:248@2026-11-10"
    "&exam_date=2027-02-01&weeks=8&cycle=reapplying&exception=yes&today=2026-11-20"
)
# The same profile with another score: a change of the link in an open session.
CHANGED = FULL.replace("score=219", "score=205")
PAGES = [p.url_path for p in REGISTRY]
BARE = "bench/bare_app.py"
BARE_MENU = "bench/bare_menu_app.py"  # the bare app behind a menu like StepWise's (bench/cpu.py --menu)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log: Path
    keep_log: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        return psutil.Process(self.proc.pid).memory_info().rss / 2**20

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far, user plus system, all its threads."""
        times = psutil.Process(self.proc.pid).cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if not self.keep_log:
            self.log.unlink(missing_ok=True)


def start_server(
    entry: str = "app.py",
    log: Path | None = None,
    env: dict[str, str] | None = None,
    *,
    port: int | None = None,
    options: dict[str, str] | None = None,
) -> Server:
    """A fresh `streamlit run <entry>` on a free loopback port (or ``port``: a restart on the same
    one), from the repository root (so it reads .streamlit/config.toml); returns once
    /_stcore/health answers. ``options`` are more Streamlit settings (``{"server.x": "1"}``).

    Used by the benchmarks and by the browser tests. With ``log`` given, the server's output is
    kept there after it stops (a restart appends to it); otherwise it goes to a scratch file
    removed on stop.
    """
    restart = port is not None
    port = port or free_port()
    keep = log is not None
    log = log or ROOT / "artifacts" / f"bench-server-{port}.log"
    log.parent.mkdir(exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / entry),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    for name, value in (options or {}).items():
        cmd += [f"--{name}", value]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=log.open("a" if restart else "w"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return Server(proc, port, log, keep)
        except OSError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"streamlit did not answer /_stcore/health; see {log}")


@dataclass
class RunResult:
    seconds: float
    errors: list[str] = field(default_factory=list)
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (id, kind)
    text: bytes = b""
    elements: Counter[str] = field(default_factory=Counter)  # element kind -> how many were drawn
    largest: int = 0  # bytes of the largest message the server sent


class Session:
    """One browser-like session over the websocket."""

    def __init__(self, port: int, page: str, query: str):
        self.port, self.page, self.query = port, page, query
        self.ws: websockets.ClientConnection | None = None
        self.widgets: dict[str, tuple[str, str]] = {}
        self.fragments: dict[str, str] = {}  # widget label -> the fragment (a dialog) it was drawn in

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _msg(self, widget_states: list | None = None, fragment_id: str = "") -> bytes:
        back = BackMsg()
        cs = back.rerun_script
        cs.fragment_id = fragment_id
        cs.query_string = self.query
        cs.page_name = self.page
        cs.context_info.url = f"http://127.0.0.1:{self.port}/{self.page}?{self.query}"
        for ws_state in widget_states or []:
            cs.widget_states.widgets.append(ws_state)
        return back.SerializeToString()

    async def run(self, widget_states: list | None = None, timeout: float = 60, fragment_id: str = "") -> RunResult:
        """Ask for a run (of a fragment, such as an open dialog, with ``fragment_id``) and read until
        it finishes, and any run it asks for (``st.rerun``); collect errors, widget ids and the text drawn."""
        assert self.ws is not None
        t0 = time.perf_counter()
        await self.ws.send(self._msg(widget_states, fragment_id))
        result = RunResult(0.0)
        chunks: list[bytes] = []
        started = False
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=timeout)
            result.largest = max(result.largest, len(raw))
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                started = True
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                which = el.WhichOneof("type") or ""
                result.elements[which] += 1
                if which == "exception":
                    result.errors.append(f"{el.exception.type}: {el.exception.message}")
                node = getattr(el, which, None)
                if node is not None and hasattr(node, "id") and hasattr(node, "label") and node.id:
                    self.widgets[node.label] = (node.id, which)
                    self.fragments[node.label] = msg.delta.fragment_id
                chunks.append(raw)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
                result.errors.append("compilation exception")
            elif kind == "script_finished" and started:
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a rerun follows (a callback changed the URL): wait for it
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.errors.append("compile error")
                break
        result.seconds = time.perf_counter() - t0
        result.widgets = dict(self.widgets)
        result.text = b"".join(chunks)
        return result

    def trigger_state(self, label: str):
        """A click on the button labelled ``label`` (form submit buttons too)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        return WidgetState(id=self.widgets[label][0], trigger_value=True)

    def number_state(self, label: str, value: float):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        wid, kind = self.widgets[label]
        state = WidgetState(id=wid)
        if kind == "number_input":
            state.int_value = int(value)
        else:
            state.double_value = value
        return state


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
