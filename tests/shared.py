"""What several test modules share: fixed dates and links, the app under AppTest, reading a PDF back. Not a test module."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from stepwise.registry import START

REAL_TODAY = dt.date(2026, 11, 22)


AFTER_TWO_FAILS = {
    "score": "205",
    "attempts": "2026-09-01",
    "specialty": "internal-medicine",
    "prior_fails": "1",
    "practice": "nbme13:225@2026-10-10,uwsa1:232@2026-11-01",
    "exam_date": "2027-01-20",
    "weeks": "8",
    "today": "2026-11-20",
}


def pdf_text(data: bytes) -> str:
    """The text a PDF from fpdf2's core fonts prints, line by line, read back from its content streams."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    content = b"".join(zlib.decompress(s) if s[:1] == b"x" else s for s in streams).decode("latin-1")
    shown = re.findall(r"\(((?:\\.|[^\\)])*)\) Tj", content)
    return "\n".join(re.sub(r"\\(.)", r"\1", s) for s in shown)


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (its page objects)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


APP = str(Path(__file__).resolve().parent.parent / "app.py")


FULL = {
    "exam": "step2ck",
    "score": "216",
    "attempts": "2026-01-10,2026-08-01",
    "prior_fails": "1",
    "specialty": "internal-medicine",
    "practice": "nbme12:228@2026-10-01,uwsa2:245@2026-10-20,free120:72@2026-10-25",
    "exam_date": "2027-01-15",
    "weeks": "8",
    "cycle": "applying",
    "exception": "no",
    "today": "2026-11-20",
}


HOSTILE = {
    "score": "abc",
    "weeks": "99999",
    "specialty": "<script>alert(1)</script>",
    "today": "2026-99-99",
    "attempts": ",".join(f"2020-01-{d:02d}" for d in range(1, 29)) * 20,
    "practice": "garbage,nbme12:999@2026-01-01,[x](javascript:alert(1))",
    "exam": "step9",
    "cycle": "' OR 1=1 --",
    "exception": "{{7*7}}",
    "prior_fails": "1e9",
    "exam_date": "tomorrow",
    "result": "maybe",
}


def run(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != START.file:
        at.switch_page(page)  # pages are known after the first run
        at.query_params.clear()
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.run()
    return at


def text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += [str(e.body) for coll in (at.success, at.warning, at.error, at.info) for e in coll]
    parts += [e.value for e in at.caption]
    return unescape("\n".join(str(p) for p in parts))


def unescape(markdown: str) -> str:
    """The text a reader sees: the pages escape markdown's special characters with backslashes."""
    return re.sub(r"\\(.)", r"\1", markdown)
