"""USMLE rules as dated examples (facts file sections 1 and 2)."""

from __future__ import annotations

import datetime as dt

from stepwise.policy import add_months, attempt_status, outcome_of, passing_standard_on, percentile_of, retake_after_pass_allowed

D = dt.date


def test_a_216_in_march_2025_passed_and_in_august_2025_failed(rules):
    assert outcome_of(rules, "step2ck", 216, D(2025, 3, 1)) == "pass"
    assert outcome_of(rules, "step2ck", 216, D(2025, 8, 1)) == "fail"


def test_standard_changes_on_its_effective_day(rules):
    assert passing_standard_on(rules, "step2ck", D(2025, 6, 30)).score == 214
    assert passing_standard_on(rules, "step2ck", D(2025, 7, 1)).score == 218
    assert passing_standard_on(rules, "step2ck", D(2022, 6, 30)).score == 209
    assert passing_standard_on(rules, "step1", D(2022, 1, 25)).score == 194
    assert passing_standard_on(rules, "step1", D(2022, 1, 26)).score == 196


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
