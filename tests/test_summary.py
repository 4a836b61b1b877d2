"""The one-line profile at the top of every page (stepwise.summary.profile_line)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from stepwise.assess import assess
from stepwise.profile import parse_profile
from stepwise.summary import profile_line
from tests.strategies import RULES, links

TODAY = dt.date(2026, 11, 23)


def line(params: dict[str, str]) -> str:
    return profile_line(assess(RULES, parse_profile(params, RULES, TODAY)))


def test_an_empty_link_says_nothing_is_entered():
    assert line({}) == "Step 2 CK: nothing entered yet"
    assert line({"exam": "step1"}) == "Step 1: nothing entered yet"


def test_the_issue_link_in_one_line():
    # 209 on 2026-09-20 is under the 218 standard in force since 2025-07-01: a fail.
    got = line({"score": "209", "attempts": "2026-09-20", "specialty": "pediatrics", "exam_date": "2027-01-25", "today": "2026-11-23"})
    assert got == "Step 2 CK 209 failed on 2026-09-20 · Pediatrics · exam 2027-01-25 · as of 2026-11-23"


def test_attempts_fails_elsewhere_tests_and_weeks_are_counted_in_words():
    got = line(
        {
            "score": "230",
            "attempts": "2026-01-10,2026-08-01",
            "prior_fails": "2",
            "practice": "nbme12:228@2026-10-01",
            "weeks": "1",
        }
    )
    assert got == "Step 2 CK 230 passed on 2026-08-01 (attempt 2) · 2 fails at other Steps · 1 practice test · 1 study week"


def test_a_result_without_a_score_and_an_undated_score():
    assert line({"result": "fail", "attempts": "2026-09-01"}) == "Step 2 CK failed on 2026-09-01"
    assert line({"exam": "step1", "score": "180"}).startswith("Step 1 180 failed")
    assert line({"attempts": "2026-09-01"}) == "Step 2 CK sat on 2026-09-01"
    # Step 1 has been pass/fail since 2022-01-26: a three-digit score from 2023 is not read, so not shown as one.
    assert line({"exam": "step1", "score": "200", "result": "fail", "attempts": "2023-05-01"}) == "Step 1 failed on 2023-05-01"


def test_what_changes_the_verdict_is_in_the_line():
    # A kept pass becomes a retake to plan with the exception: the line must say so, and the cycle.
    got = line({"score": "219", "attempts": "2026-05-01", "exception": "yes", "cycle": "reapplying", "today": "2026-11-23"})
    assert got == ("Step 2 CK 219 passed on 2026-05-01 · gap or re-application year · a USMLE retake exception applies · as of 2026-11-23")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(links())
def test_the_line_names_what_the_link_carries(params: dict[str, str]):
    a = assess(RULES, parse_profile(params, RULES, dt.date.fromisoformat(params["today"])))
    got = profile_line(a)
    p = a.profile
    assert got.startswith({"step1": "Step 1", "step2ck": "Step 2 CK"}[p.exam])
    assert "\n" not in got and got.strip() == got
    if a.standing.score is not None:
        assert f" {a.standing.score}" in got
    if a.specialty is not None:
        assert a.specialty.name in got
    if p.exam_date is not None:
        assert f"exam {p.exam_date.isoformat()}" in got
    for slug in ("step2ck", "internal-medicine", "family-medicine", "nbme", "uwsa", "free120"):
        assert slug not in got  # people's words, never the link's codes
    if p.latest_attempt is not None:
        assert p.latest_attempt.isoformat() in got
    entered = (a.standing.score, a.standing.outcome, p.specialty, p.practice, p.exam_date, p.attempts, p.prior_fails, p.today_pinned)
    entered += (p.cycle, p.exception is True)
    nothing = not any(v not in (None, (), 0, False, "") for v in entered) and p.weeks is None
    assert ("nothing entered yet" in got) == nothing
