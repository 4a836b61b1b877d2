"""USMLE rules as dated examples: passing standards by date, attempt limits and spacing (rules/exams.yaml)."""

from __future__ import annotations

import datetime as dt

from stepwise.policy import (
    add_months,
    attempt_status,
    passing_standard_on,
    percentile_of,
    retake_after_pass_allowed,
    standard_in_force,
    standing,
)
from stepwise.profile import Profile

D = dt.date


def outcome_of(rules, exam: str, score: int, day: dt.date) -> str:
    """The latest attempt's outcome as the assessment judges it: a score taken on ``day``."""
    return standing(rules, Profile(today=day, exam=exam, score=score, attempts=(day,))).outcome  # type: ignore[arg-type]


def test_a_216_in_march_2025_passed_and_in_august_2025_failed(rules):
    assert outcome_of(rules, "step2ck", 216, D(2025, 3, 1)) == "pass"
    assert outcome_of(rules, "step2ck", 216, D(2025, 8, 1)) == "fail"


def test_standard_changes_on_its_effective_day(rules):
    assert passing_standard_on(rules, "step2ck", D(2025, 6, 30)).score == 214
    assert passing_standard_on(rules, "step2ck", D(2025, 7, 1)).score == 218
    assert passing_standard_on(rules, "step2ck", D(2022, 6, 30)).score == 209
    assert passing_standard_on(rules, "step1", D(2022, 1, 25)).score == 194
    assert passing_standard_on(rules, "step1", D(2022, 1, 26)).score == 196


def test_no_standard_in_force_before_the_first_one_recorded(rules):
    # Step 2 CK's first recorded standard (209) starts 2014-07-01.
    assert standard_in_force(rules, "step2ck", D(2014, 6, 30)) is None
    assert standard_in_force(rules, "step2ck", D(2014, 7, 1)).score == 209


def test_a_217_today_is_a_fail(rules):
    assert outcome_of(rules, "step2ck", 217, D(2026, 11, 1)) == "fail"
    assert outcome_of(rules, "step2ck", 218, D(2026, 11, 1)) == "pass"


def test_second_and_third_attempts_have_no_spacing(rules):
    s = attempt_status(rules, [D(2026, 1, 10)], passed=False, today=D(2026, 2, 1))
    assert (s.used, s.left, s.eligible, s.earliest_next) == (1, 3, True, D(2026, 2, 1))


def test_fourth_attempt_after_three_dated_fails(rules):
    # 12 months after the first (2027-01-10) and 6 after the latest (2027-02-10): the later wins.
    s = attempt_status(rules, [D(2026, 1, 10), D(2026, 4, 10), D(2026, 8, 10)], passed=False, today=D(2026, 11, 20))
    assert s.used == 3 and s.left == 1 and s.eligible
    assert s.earliest_next == D(2027, 2, 10)


def test_fourth_attempt_when_twelve_months_after_the_first_decides(rules):
    s = attempt_status(rules, [D(2026, 1, 10), D(2026, 2, 10), D(2026, 3, 10)], passed=False, today=D(2026, 3, 20))
    assert s.earliest_next == D(2027, 1, 10)


def test_four_attempts_without_a_pass_is_not_eligible(rules):
    s = attempt_status(rules, [D(2024, 1, 1), D(2024, 5, 1), D(2024, 9, 1), D(2025, 10, 1)], passed=False, today=D(2026, 1, 1))
    assert not s.eligible and s.left == 0 and s.earliest_next is None


def test_a_passed_step_cannot_be_retaken_without_an_exception(rules):
    assert not retake_after_pass_allowed(rules, None)
    assert not retake_after_pass_allowed(rules, False)
    assert retake_after_pass_allowed(rules, True)


def test_add_months_clamps_to_month_end():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


def test_percentiles_from_the_table(rules):
    assert percentile_of(rules, "step2ck", 250) == 44
    assert percentile_of(rules, "step2ck", 252) == 50  # between 250 (44) and 255 (58)
    assert percentile_of(rules, "step2ck", 200) == 0
    assert percentile_of(rules, "step1", 230) is None


def test_attempt_status_says_why_the_fourth_attempt_waits(rules):
    # The 4th attempt: 12 months after the first (2026-01-10 -> 2027-01-10) and 6 after the latest
    # (2026-08-10 -> 2027-02-10); the later date decides, and the reason names it.
    s = attempt_status(rules, [D(2026, 1, 10), D(2026, 4, 10), D(2026, 8, 10)], passed=False, today=D(2026, 11, 20))
    assert s.earliest_next == D(2027, 2, 10)
    assert any("not before 2027-02-10 (6 months after your latest, 2026-08-10)" in r for r in s.reasons)
    assert any("not before 2027-01-10 (12 months after your first attempt, 2026-01-10)" in r for r in s.reasons)
    # Three attempts used of four: the next is the last one, and the student is told so.
    assert s.left == 1 and any("last permitted attempt" in r for r in s.reasons)


def test_last_permitted_attempt_is_said_only_when_one_is_left(rules):
    two = attempt_status(rules, [D(2026, 1, 10), D(2026, 4, 10)], passed=False, today=D(2026, 11, 20))
    assert two.left == 2 and not any("last permitted attempt" in r for r in two.reasons)


# policy.standing: the latest attempt judged once, by the standard in force on its date.


def test_a_dated_score_is_judged_by_the_standard_on_its_date(rules, prof):
    march = standing(rules, prof(score="216", attempts="2025-03-01"))
    assert (march.outcome, march.standard.score, march.dated, march.assumed) == ("pass", 214, True, None)
    august = standing(rules, prof(score="216", attempts="2025-08-01"))
    assert (august.outcome, august.standard.score) == ("fail", 218)


def test_score_and_result_that_disagree_the_score_decides_with_a_notice_on_result(rules, prof):
    # Moved from test_profile: the parser keeps both; standing reconciles them. 230 on 2026-01-01
    # is above the 218 standard in force then, so 'fail' cannot stand.
    st = standing(rules, prof(score="230", result="fail", attempts="2026-01-01"))
    assert st.outcome == "pass" and st.standard.score == 218
    assert [n.param for n in st.notices] == ["result"]
    assert "230" in st.notices[0].message and "218" in st.notices[0].message and "2026-01-01" in st.notices[0].message


def test_a_stated_result_that_no_standard_allows_is_overruled_with_a_notice(rules, prof):
    # Without a date: 230 passes under 209, 214 and 218 alike, so 'fail' fits none of them.
    st = standing(rules, prof(score="230", result="fail"))
    assert st.outcome == "pass" and [n.param for n in st.notices] == ["result"]
    # 205 fails under every Step 2 CK standard (209, 214, 218).
    st = standing(rules, prof(score="205", result="pass"))
    assert st.outcome == "fail" and [n.param for n in st.notices] == ["result"]


def test_undated_216_stated_as_a_pass_stands_by_the_214_standard(rules, prof):
    # 216 >= 214 (in force 2022-07-01 to 2025-06-30), so a stated pass fits that standard; today's 218 would fail it.
    st = standing(rules, prof(score="216", result="pass"))
    assert st.outcome == "pass" and not st.dated and st.notices == ()
    assert (st.standard.score, st.standard.start, st.standard.end) == (214, D(2022, 7, 1), D(2025, 6, 30))
    assert st.assumed is not None
    assert "214" in st.assumed and "2022-07-01 to 2025-06-30" in st.assumed and "date" in st.assumed


def test_undated_216_without_a_result_is_judged_by_today_standard_and_says_so(rules, prof):
    # Today (2026-11-22) the standard is 218: 216 fails. Under 214 or 209 it would have passed, so that is said.
    st = standing(rules, prof(score="216"))
    assert (st.outcome, st.standard.score, st.dated) == ("fail", 218, False)
    assert st.assumed is not None and "218" in st.assumed and "an earlier standard it would read differently" in st.assumed


def test_undated_score_every_standard_agrees_on_assumes_nothing(rules, prof):
    # 230 passes and 205 fails under 209, 214 and 218 alike: nothing to assume.
    assert standing(rules, prof(score="230")).assumed is None
    assert standing(rules, prof(score="205")).assumed is None


def test_a_step1_score_after_pass_fail_reporting_began_is_not_used(rules, prof):
    # Step 1 three-digit scores ended 2022-01-25; a score dated 2024-05-01 cannot be judged.
    st = standing(rules, prof(exam="step1", score="200", attempts="2024-05-01", result="fail"))
    assert st.score is None and st.outcome == "fail"
    assert [n.param for n in st.notices] == ["score"] and "2024-05-01" in st.notices[0].message
    # Without a result there is no outcome to use.
    st = standing(rules, prof(exam="step1", score="200", attempts="2024-05-01"))
    assert st.score is None and st.outcome is None and [n.param for n in st.notices] == ["score"]


def test_a_step1_score_in_the_scored_era_is_judged_by_194(rules, prof):
    st = standing(rules, prof(exam="step1", score="190", attempts="2020-05-01"))
    assert (st.score, st.outcome, st.standard.score) == (190, "fail", 194)


def test_an_attempt_before_the_first_standard_gets_a_notice_and_no_standard(rules, prof):
    # The first Step 2 CK standard StepWise records starts 2014-07-01; 2010-05-01 is before it.
    st = standing(rules, prof(score="230", attempts="2010-05-01"))
    assert st.standard is None and st.outcome is None
    assert [n.param for n in st.notices] == ["attempts"] and "2014-07-01" in st.notices[0].message
    # A stated result is used as given.
    assert standing(rules, prof(score="230", attempts="2010-05-01", result="fail")).outcome == "fail"
