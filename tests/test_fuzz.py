"""Hostile links never crash a page: 1,400 generated links across the seven pages, and the core under hypothesis.

Every parameter of the URL contract gets empty, huge, negative, fractional, NaN/inf, non-ASCII
digits, out-of-range and impossible dates, long lists, repeated keys, markup and script injection.
Each page keeps one session and takes link after link, as an advisor changing the link would.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from stepwise.assess import assess
from stepwise.export import ics, markdown, plan_csv, practice_csv
from stepwise.handout import handout
from stepwise.profile import PARAMS, parse_profile
from stepwise.registry import PAGES
from stepwise.rules import load_rules
from stepwise.summary import share_url, summarize

APP = str(Path(__file__).resolve().parent.parent / "app.py")
RULES = load_rules()
LINKS_PER_PAGE = 200

HOSTILE = [
    "",
    " ",
    "-1",
    "-218",
    "0",
    "1e9",
    "99999999999999999999",
    "218.5",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "٢٣٧",  # Arabic-Indic digits
    "２３７",  # full-width digits
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "**bold** _it_ `code`",
    "{{7*7}}",
    "' OR 1=1 --",
    "%00",
    "\x00\x07",
    "🙂" * 50,
    "a" * 5000,
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "1899-12-31",
    "2062-01-15",
    "2099-12-31",
    "9999-12-31",
    "2026-1-1",
    "tomorrow",
    ",".join(["2026-01-01"] * 50),
    "step1",
    "step2ck",
    "pass",
    "fail",
    "yes",
    "no",
    "applying",
    "pediatrics",
]
DATES = ["2000-01-01", "2014-06-30", "2019-05-01", "2022-01-25", "2022-01-26", "2025-06-30", "2025-07-01", "2026-11-20", "2062-01-15"]
FORMS = ["nbme12", "uwsa2", "free120", "nbme25", "nbme99", "NBME12", ""]


def _practice(rng: random.Random) -> str:
    items = []
    for _ in range(rng.choice([1, 2, 5, 45])):
        form = rng.choice(FORMS)
        score = rng.choice(["240", "0", "-5", "300", "301", "68", "40", "240.5", "nan", "٢٤٠", "1e3"])
        items.append(f"{form}:{score}@{rng.choice(DATES + HOSTILE[:8])}")
    return ",".join(items)


def _value(rng: random.Random, key: str) -> str:
    if key == "practice" and rng.random() < 0.6:
        return _practice(rng)
    if key in ("attempts",) and rng.random() < 0.5:
        return ",".join(rng.choice(DATES) for _ in range(rng.choice([1, 2, 3, 4, 7])))
    if key in ("exam_date", "today") and rng.random() < 0.5:
        return rng.choice(DATES)
    if key in ("score", "weeks", "prior_fails") and rng.random() < 0.3:
        return str(rng.randint(-50, 400))
    return rng.choice(HOSTILE)


def hostile_links(seed: int, n: int) -> list[dict[str, str | list[str]]]:
    """``n`` links, each with a random subset of the contract's parameters set to hostile values."""
    rng = random.Random(seed)
    out: list[dict[str, str | list[str]]] = []
    for _ in range(n):
        link: dict[str, str | list[str]] = {}
        for key in rng.sample(PARAMS, rng.randint(1, len(PARAMS))):
            link[key] = [_value(rng, key), _value(rng, key)] if rng.random() < 0.1 else _value(rng, key)
        if rng.random() < 0.1:
            link["x" * rng.randint(1, 40)] = rng.choice(HOSTILE)
        out.append(link)
    return out


def test_the_year_typo_link_opens_every_page():
    """The crash the issue found: a practice test and an exam date 35 years later (2062 for 2026)."""
    link = {"practice": "nbme12:240@2026-10-01", "exam_date": "2062-01-15"}
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for page in PAGES:
        at.switch_page(page.file)
        at.query_params.clear()
        at.query_params.update(link)
        at.run()
        assert not at.exception, (page.file, [e.value for e in at.exception])
        assert at.title, page.file


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_hostile_links_never_crash_a_page(page):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page.file)
    for i, link in enumerate(hostile_links(seed=PAGES.index(page), n=LINKS_PER_PAGE)):
        at.query_params.clear()
        at.query_params.update(link)
        at.run()
        assert not at.exception, (i, link, [e.value for e in at.exception])
        assert at.title and at.title[0].value, (i, link)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PARAMS), st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE)), max_size=len(PARAMS)))
def test_the_core_and_every_export_take_any_link(link):
    a = assess(RULES, parse_profile(link, RULES, dt.date(2026, 11, 22)))
    summary = summarize(RULES, a)
    url = share_url("http://localhost:8501", "summary", a.profile)
    assert markdown(summary, url) and handout(RULES, a, url)[:4] == b"%PDF"
    assert practice_csv(a) and plan_csv(a) and ics(a).startswith(b"BEGIN:VCALENDAR")
