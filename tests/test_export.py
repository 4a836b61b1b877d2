"""Summary and downloads: the verdicts travel into the PDF and the Markdown."""

from __future__ import annotations

import csv
import io

from fpdf import FPDF  # noqa: F401  (the PDF library must be installed)

from stepwise.export import markdown, pdf, practice_csv
from stepwise.summary import share_url, summarize
from tests.conftest import AFTER_TWO_FAILS

PARAMS = AFTER_TWO_FAILS


def test_summary_holds_every_verdict(rules, prof):
    s = summarize(rules, prof(**PARAMS))
    titles = [t for t, _ in s.sections]
    assert titles == ["Retake", "Targets", "Study", "Projection"]
    assert s.decision.heading == "Retake required" and s.readiness.heading.startswith("Delay")


def test_share_url_pins_today_and_keeps_the_contract(rules, prof):
    url = share_url("http://host:8501", "summary", prof(**{k: v for k, v in PARAMS.items() if k != "today"}))
    assert url.startswith("http://host:8501/summary?exam=step2ck&score=205&attempts=2026-09-01")
    assert "today=2026-11-22" in url and "practice=nbme13:225@2026-10-10,uwsa1:232@2026-11-01" in url


def test_markdown_holds_the_verdicts(rules, prof):
    s = summarize(rules, prof(**PARAMS))
    md = markdown(s, "http://x/summary?score=205")
    assert "Retake required" in md and "Delay" in md and "240–245 for Internal Medicine" in md


def test_pdf_opens_and_holds_the_verdicts(rules, prof):
    s = summarize(rules, prof(**PARAMS))
    data = pdf(s, "http://x/summary?score=205")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # Read it back: the text of the page must carry the verdicts.
    import re
    import zlib

    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    text = b"".join(zlib.decompress(s) if s[:1] == b"x" else s for s in streams)
    assert b"Retake required" in text and b"Delay" in text and b"Internal Medicine" in text


def test_practice_csv(rules, prof):
    rows = list(csv.DictReader(io.StringIO(practice_csv(rules, prof(**PARAMS)))))
    assert [r["form"] for r in rows] == ["nbme13", "uwsa1"] and rows[0]["on_scale"] == "225.0"
