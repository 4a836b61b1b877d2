"""Nothing lost when a server restarts: the link carries the student to any process.

Real parts: `streamlit run app.py` processes, Debian's nginx with deploy/nginx.conf in front of two
of them, and Chromium. A server that restarts, a replica that dies behind the balancer, a session
that expires under ``server.disconnectedSessionTTL``: the page comes back by itself, and the next
click in the menu shows the same profile and the same answer, read from the link alone. Back,
Forward and a reload keep it too. A link over Streamlit's own caps gets a page that says so.

These tests never skip: without Chromium or nginx they fail.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import psutil
import pytest
from playwright.sync_api import Browser, Page, expect

from bench.balancer import start_balancer
from bench.client import Server, start_server
from tests.browser.shared import HEADINGS, READY, menu, query, settle, top_bar, visible_result

# The link: a Step 2 CK fail, a specialty, a planned date, the day pinned.
LINK = "exam=step2ck&score=212&attempts=2026-11-02&specialty=internal-medicine&exam_date=2027-01-18&today=2026-11-22"
PROFILE = "Step 2 CK 212 failed on 2026-11-02"
WITHIN_S = 30
# Words that mean the profile was lost, or the page broke.
LOST = ("nothing entered yet", "Page not found")


@pytest.fixture
def pg(browser: Browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    yield page
    ctx.close()


def opened(pg: Page, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stMain] h1", timeout=60_000)
    settle(pg)


def go(pg: Page, title: str, path: str) -> list[str]:
    """Click a page in the menu; within 30 s its heading, the profile in the top bar and no error.
    Returns what the page concludes (its headings, verdict boxes and figures)."""
    menu(pg).get_by_role("link", name=title).click()
    expect(pg.get_by_role("heading", name=HEADINGS[path]).first).to_be_visible(timeout=WITHIN_S * 1000)
    pg.wait_for_selector(READY, timeout=WITHIN_S * 1000)
    settle(pg, limit_ms=WITHIN_S * 1000)
    return checked(pg, path)


def checked(pg: Page, path: str) -> list[str]:
    assert urlsplit(pg.url).path == f"/{path}"
    assert query(pg) == dict(p.split("=") for p in LINK.split("&")), pg.url  # the whole link, in the address
    expect(top_bar(pg)).to_contain_text(PROFILE)
    body = pg.get_by_test_id("stApp").inner_text()
    assert not any(word in body for word in LOST), body[:400]
    assert pg.get_by_test_id("stException").count() == 0
    return visible_result(pg)


def answers(pg: Page, base: str) -> dict[str, list[str]]:
    """The retake and study pages' answers for the link, moving by the menu on a healthy server."""
    opened(pg, f"{base}/retake?{LINK}")
    seen = {"retake": checked(pg, "retake")}
    seen["study"] = go(pg, "Study plan", "study")
    seen["retake"] = go(pg, "Retake?", "retake")
    assert any("Retake required" in t for t in seen["retake"]), seen
    return seen


# Records, from the moment it is installed, whether the page ever left the CONNECTED state. Polling the
# attribute afterwards can miss the drop: a new process on the same port may take the websocket back
# between two polls, so the page itself keeps the record.
WATCH = """() => {
  window.stepwiseLost = false;
  const seen = () => {
    const app = document.querySelector('[data-testid=stApp]');
    if (app && app.getAttribute('data-test-connection-state') !== 'CONNECTED') window.stepwiseLost = true;
  };
  new MutationObserver(seen).observe(document.body, {subtree: true, attributes: true,
    attributeFilter: ['data-test-connection-state']});
}"""


def watch(pg: Page) -> None:
    """From now on the page remembers whether it lost its connection (call before a server goes)."""
    pg.evaluate(WATCH)


def reconnected(pg: Page) -> None:
    """The page noticed the lost connection and came back by itself (no reload, no click)."""
    pg.wait_for_function("() => window.stepwiseLost === true", timeout=WITHIN_S * 1000)
    app = pg.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=WITHIN_S * 1000)
    assert urlsplit(pg.url).path == "/retake" and query(pg) == dict(p.split("=") for p in LINK.split("&"))


def holder(replicas: list[Server]) -> Server:
    """The replica that holds the browser's session: the one with an open connection from nginx."""
    for _ in range(50):
        held = [s for s in replicas if any(c.status == psutil.CONN_ESTABLISHED for c in psutil.Process(s.proc.pid).net_connections("tcp"))]
        if len(held) == 1:
            return held[0]
        time.sleep(0.1)
    raise AssertionError("no single replica holds the session")


def test_a_replica_killed_behind_nginx_loses_nothing(pg: Page):
    replicas = [start_server(), start_server()]
    lb = start_balancer([s.port for s in replicas])
    try:
        before = answers(pg, lb.url)
        dead = holder(replicas)
        watch(pg)
        dead.proc.kill()  # no goodbye: the websocket just drops
        dead.proc.wait()
        reconnected(pg)
        assert go(pg, "Study plan", "study") == before["study"]
        assert go(pg, "Retake?", "retake") == before["retake"]
        alive = next(s for s in replicas if s is not dead)
        assert holder([alive]) is alive
        logs = lb.logs()
        for secret in ("score=", "attempts", "2026-11-02", "internal-medicine", "2027-01-18"):
            assert secret not in logs, secret  # nginx's logs keep no part of the link
    finally:
        lb.stop()
        for s in replicas:
            s.stop()


def test_a_restarted_server_loses_nothing_and_back_forward_reload_keep_it(pg: Page):
    srv = start_server()
    try:
        before = answers(pg, srv.url)
        watch(pg)
        srv.stop()
        srv = start_server(port=srv.port)  # the same address, a new process with no sessions
        reconnected(pg)
        assert go(pg, "Study plan", "study") == before["study"]
        targets = go(pg, "Targets", "targets")
        pg.go_back()
        expect(pg.get_by_role("heading", name=HEADINGS["study"])).to_be_visible(timeout=WITHIN_S * 1000)
        settle(pg)
        assert checked(pg, "study") == before["study"]
        pg.go_back()
        expect(pg.get_by_role("heading", name=HEADINGS["retake"])).to_be_visible(timeout=WITHIN_S * 1000)
        settle(pg)
        assert checked(pg, "retake") == before["retake"]
        pg.go_forward()
        expect(pg.get_by_role("heading", name=HEADINGS["study"])).to_be_visible(timeout=WITHIN_S * 1000)
        settle(pg)
        assert checked(pg, "study") == before["study"]
        pg.go_forward()
        expect(pg.get_by_role("heading", name=HEADINGS["targets"])).to_be_visible(timeout=WITHIN_S * 1000)
        settle(pg)
        assert checked(pg, "targets") == targets
        pg.reload()
        pg.wait_for_selector("[data-testid=stMain] h1", timeout=60_000)
        settle(pg)
        assert checked(pg, "targets") == targets
    finally:
        srv.stop()


def test_a_session_expired_on_its_server_loses_nothing(pg: Page):
    # The server keeps a disconnected session for 1 s only; the balancer in front goes away for longer, so
    # the page's websocket drops and comes back to the same process, which has forgotten the session.
    srv = start_server(options={"server.disconnectedSessionTTL": "1"})
    lb = start_balancer([srv.port])
    try:
        before = answers(pg, lb.url)
        port = lb.port
        watch(pg)
        lb.stop()
        time.sleep(4)  # well past the session's 1 s
        lb = start_balancer([srv.port], port=port)
        reconnected(pg)
        assert go(pg, "Study plan", "study") == before["study"]
        assert go(pg, "Retake?", "retake") == before["retake"]
    finally:
        lb.stop()
        srv.stop()


@pytest.mark.parametrize(
    "link",
    [
        "score=212&" + "x=1&" * 1000,  # 1,001 fields: Streamlit would drop the whole query
        "score=212&attempts=" + "2026-11-02," * 3000,  # 33 KB: longer than any StepWise link
    ],
    ids=["over-1000-fields", "over-32KB"],
)
def test_a_link_over_the_caps_gets_a_clear_notice_at_the_balancer(pg: Page, link: str):
    srv = start_server()
    lb = start_balancer([srv.port])
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{lb.url}/retake?{link}", timeout=10)
        assert err.value.code == 414
        pg.goto(f"{lb.url}/retake?{link}")
        expect(pg.get_by_role("heading", name="This link is too long to open")).to_be_visible()
        body = pg.locator("body").inner_text()
        assert "Share" in body and "nginx" not in body.lower() and "414" not in body
        pg.get_by_role("link", name="start again").click()
        expect(pg.get_by_role("heading", name=HEADINGS[""])).to_be_visible(timeout=60_000)
        # A long link that is still readable is not refused: its values are judged one by one.
        opened(pg, f"{lb.url}/retake?{LINK}&" + "x=1&" * 990)
        expect(top_bar(pg)).to_contain_text(PROFILE)
        assert "not a StepWise parameter" in pg.get_by_test_id("stMain").inner_text()
    finally:
        lb.stop()
        srv.stop()
