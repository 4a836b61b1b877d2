"""The practice-test projection (facts file section 6; seed 003's practice-versus-real example)."""

from __future__ import annotations

import datetime as dt

import pytest

from stepwise.projection import delay_what_if, first_after_fail_caveat, free120_to_real, practice_vs_real, project

SEED003 = "nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,uwsa2:245@2025-12-20"


def test_seed003_example_range_holds_the_real_247(rules, prof):
    p = prof(practice=SEED003, exam_date="2025-12-28", today="2025-12-27")
    proj = project(rules, p)
    assert proj is not None and proj.low <= 247 <= proj.high
    # UWSA 2 reads about 5 high: it counts as 240.
    assert [round(t.adjusted) for t in proj.tests] == [230, 238, 242, 240]
    assert proj.standard.score == 218 and proj.p_pass > 0.95


def test_formula_for_one_on_scale_test(rules, prof):
    p = prof(practice="nbme12:240@2026-11-20", exam_date="2026-11-25", today="2026-11-21")
    proj = project(rules, p)
    assert proj.centre == pytest.approx(250 + 0.79 * (240 - 250) + 9)


def test_recency_moves_the_centre_toward_the_latest_test(rules, prof):
    early = prof(practice="nbme12:220@2026-09-01,nbme13:250@2026-11-15", exam_date="2026-11-20", today="2026-11-16")
    proj = project(rules, early)
    plain_mean = 250 + 0.79 * ((220 + 250) / 2 - 250) + 9
    assert proj.centre > plain_mean + 5
    assert proj.tests[-1].weight > proj.tests[0].weight * 5


def test_one_form_gives_a_wider_range_than_four(rules, prof):
    one = project(rules, prof(practice="nbme13:240@2026-11-10", exam_date="2026-11-14", today="2026-11-12"))
    four = project(
        rules,
        prof(
            practice="nbme10:240@2026-11-07,nbme11:240@2026-11-08,nbme12:240@2026-11-09,nbme13:240@2026-11-10",
            exam_date="2026-11-14",
            today="2026-11-12",
        ),
    )
    assert (one.high - one.low) > (four.high - four.low)
    assert one.sd == pytest.approx(11 * (3.14159265 / 2) ** 0.5, rel=1e-3)


def test_far_from_the_exam_the_range_widens(rules, prof):
    near = project(rules, prof(practice="nbme13:240@2026-11-10", exam_date="2026-11-14", today="2026-11-12"))
    far = project(rules, prof(practice="nbme13:240@2026-11-10", exam_date="2027-03-01", today="2026-11-12"))
    assert far.sd > near.sd + 5 and far.centre == pytest.approx(near.centre)


def test_free120_bands(rules):
    assert free120_to_real(rules, 72) == (250, False)
    assert free120_to_real(rules, 85) == (270, False)
    value, extrapolated = free120_to_real(rules, 60)
    assert extrapolated and value < 247


def test_free120_alone_projects_its_band_median(rules, prof):
    proj = project(rules, prof(practice="free120:77@2026-11-10", exam_date="2026-11-14", today="2026-11-12"))
    assert proj.centre == pytest.approx(256)


def test_pass_probability_uses_the_standard_on_the_exam_date(rules, prof):
    before = project(rules, prof(practice="nbme13:212@2025-06-01", exam_date="2025-06-20", today="2025-06-02"))
    after = project(rules, prof(practice="nbme13:212@2025-06-01", exam_date="2025-07-20", today="2025-06-02"))
    assert before.standard.score == 214 and after.standard.score == 218
    assert after.p_pass < before.p_pass


def test_trend_needs_two_dates_and_follows_the_scores(rules, prof):
    assert project(rules, prof(practice="nbme13:230@2026-11-10", today="2026-11-12")).trend is None
    proj = project(rules, prof(practice="nbme12:230@2026-10-01,nbme13:240@2026-10-29", today="2026-11-12"))
    assert proj.trend.slope_per_week == pytest.approx(2.5)


def test_delay_moves_the_projection_by_gain_per_week(rules, prof):
    proj = project(rules, prof(practice="nbme13:230@2026-11-10", exam_date="2026-11-14", today="2026-11-12"))
    slow, typical, fast = delay_what_if(rules, prof(practice="nbme13:230@2026-11-10", exam_date="2026-11-14", today="2026-11-12"), proj, 4)
    assert typical.centre == pytest.approx(proj.centre + 4 * 1.73)
    assert slow.centre < typical.centre < fast.centre and slow.p_pass < fast.p_pass


def test_step1_uses_the_published_formula(rules, prof):
    p = prof(exam="step1", practice="nbme30:200@2026-11-01", exam_date="2026-11-11", today="2026-11-02")
    proj = project(rules, p)
    assert proj.centre == pytest.approx(292 - (292 - 200) * 0.987527**10)
    assert proj.standard.score == 196


def test_real_score_well_below_practice_points_to_test_day(rules, prof):
    # Seed 003: practice 235-240, real 215.
    p = prof(score="215", attempts="2026-06-01", practice="nbme12:235@2026-05-10,nbme13:240@2026-05-25", today="2026-07-01")
    reading = practice_vs_real(rules, p)
    assert reading.points_to_test_day and reading.gap >= 20


def test_first_practice_test_soon_after_a_fail_gets_seed004_caveat(rules, prof):
    p = prof(score="205", attempts="2026-09-01", practice="nbme13:225@2026-09-20", today="2026-10-01")
    assert "10-15" in first_after_fail_caveat(rules, p, failed=True)
    assert first_after_fail_caveat(rules, p, failed=False) is None


def test_no_practice_no_projection(rules, prof):
    assert project(rules, prof()) is None


def test_exam_date_moves_the_reference(rules, prof):
    p = prof(practice="nbme13:240@2026-11-10", exam_date="2026-12-01", today="2026-11-12")
    assert project(rules, p).on == dt.date(2026, 12, 1)
