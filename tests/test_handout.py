"""The printed handout: one page for every worked example on both papers, the answers first, the
link in full and as a QR code, page numbers, a line for the student's name, sources by title."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import segno

from stepwise.assess import assess
from stepwise.examples import EXAMPLES
from stepwise.handout import handout, sources_by_title
from stepwise.profile import parse_profile
from stepwise.summary import share_url
from tests.shared import AFTER_TWO_FAILS, pdf_pages, pdf_text

BASE = "https://advising.example.edu"  # the address the user opened, as the page passes it


def made(rules, params: dict[str, str], paper: str = "Letter") -> tuple[bytes, str]:
    parsed = parse_profile(params, rules, dt.date(2026, 11, 22))
    a = assess(rules, parsed)
    url = share_url(BASE, "summary", a.profile)
    return handout(rules, a, url, paper), url  # type: ignore[arg-type]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_every_worked_example_fits_one_page(rules, example, paper):
    data, _ = made(rules, example.params, paper)
    assert pdf_pages(data) == 1
    assert re.search(r"Page 1 of \n?1$", pdf_text(data), re.M)  # the page count is filled in as the file is written


def test_the_longest_link_takes_two_pages_at_most(rules):
    # Twelve months of attempts twice a month and 28 practice tests: the heaviest link a page may get.
    params = {
        "attempts": ",".join(f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)),
        "practice": ",".join(f"nbme{10 + i % 9}:{220 + i}@2026-{1 + i % 10:02d}-{1 + i:02d}" for i in range(28)),
        "today": "2026-11-20",
    }
    for paper in ("Letter", "A4"):
        assert pdf_pages(made(rules, params, paper)[0]) <= 2


def test_the_answers_come_first_and_the_link_is_printed_whole(rules):
    # Seed 002's case after two fails (205 then a Step 1 fail), exam 2026-12-18: a retake is required.
    data, url = made(rules, AFTER_TWO_FAILS | {"exam_date": "2026-12-18"})
    lines = pdf_text(data).split("\n")
    assert lines[0] == "StepWise summary" and lines[1] == "Student's name:"
    headline = next(i for i, line in enumerate(lines) if line.startswith("Retake required"))
    assert headline <= 4  # after the title, the name line and the profile in one line
    # The link, in full, as text: its lines joined give it back, from the address the user opened.
    assert url.startswith(f"{BASE}/summary?") and "today=2026-11-20" in url
    start = next(i for i, line in enumerate(lines) if url.startswith(line) and line.startswith(BASE))
    joined = ""
    for line in lines[start:]:
        joined += line
        if len(joined) >= len(url):
            break
    assert joined == url
    assert "open in StepWise" not in "\n".join(lines)


def test_a_qr_code_of_the_link_is_on_the_page(rules):
    data, url = made(rules, AFTER_TWO_FAILS)
    assert data.count(b"/Subtype /Image") == 1
    # The image is segno's code of this very link: its width in pixels is the code's at scale 4, border 2.
    side = (segno.make(url, error="m", micro=False).symbol_size(scale=4, border=2))[0]
    width = int(re.search(rb"/Subtype /Image.*?/Width (\d+)", data, re.S).group(1))
    assert width == side


def test_practice_tests_are_named_and_the_chart_is_drawn(rules):
    # NBME 13 225 and UWSA 1 232, both after the 205: named with their dates, not counted.
    data, _ = made(rules, AFTER_TWO_FAILS)
    text = pdf_text(data)
    assert "NBME 13, 2026-10-10: 225" in text and "UWSA 1, 2026-11-01: 232" in text
    assert "Practice versus real" in text and "Pass 218" in text
    assert "Practice tests: 2" not in text


def test_reasons_are_bullets_not_a_row_called_why(rules):
    text = pdf_text(made(rules, AFTER_TWO_FAILS)[0])
    assert "Why:" not in text
    assert re.search(r"^- ", text, re.M)


def test_sources_are_named_by_title_never_by_file(rules):
    titles = sources_by_title(rules)
    assert any(t.startswith('"I Failed USMLE Step 1: How to Get Back Up and Excel"') for t in titles)
    assert "USMLE" in titles and not any(re.search(r"\d{3}_[0-9a-f]{16}\.txt|https?://", t) for t in titles)
    text = pdf_text(made(rules, AFTER_TWO_FAILS)[0])
    assert "Sources: USMLE" in text
