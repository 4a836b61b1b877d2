"""The practice-test projection: honest below the data, one model of time, always on the scale.

Figures from rules/practice_tests.yaml: community formula 250 + 0.79 (x - 250) + 9 where the data is
(from 245 up, blended from 235), NBME's own reading below it; weights exp(-days / 30) relative to the
newest test; spread from max(8.4, NBME's 9) widened for few tests (one form: 11 * sqrt(pi/2) = 13.8)
and for weeks since the newest test, capped at SD 18; no reading more than 12 weeks after a test.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stepwise.practice import free120_to_real, practice_vs_real, step2_centre
from stepwise.profile import PracticeTest, Profile, parse_profile
from stepwise.projection import delay_what_if, project, reading_on
from stepwise.rules import load_rules

D = dt.date
TODAY = D(2026, 11, 20)
SEED003 = "nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,uwsa2:245@2025-12-20"
ONE_FORM_SD = 11 * math.sqrt(math.pi / 2)


def test_the_article_example_range_holds_the_real_247(rules, prof):
    # NBME 230, NBME 238, UWSA 1 242, UWSA 2 245 (reads 5 high: 240), real 247 (Residency Advisor, 2026).
    proj = project(rules, prof(practice=SEED003, today="2025-12-27"), planned_on=D(2025, 12, 28))
    assert [round(t.adjusted) for t in proj.tests] == [230, 238, 242, 240]
    assert proj.planned.low <= 247 <= proj.planned.high


def test_in_the_calibrated_range_the_community_formula_applies(rules, prof):
    proj = project(rules, prof(practice="nbme12:250@2026-11-20", today="2026-11-20"))
    assert proj.regime == "calibrated"
    assert proj.now.centre == pytest.approx(250 + 0.79 * (250 - 250) + 9)
    assert proj.now.sd == pytest.approx(ONE_FORM_SD, rel=1e-3)


def test_below_the_data_the_projection_takes_the_practice_score_at_its_word(rules, prof):
    # A single NBME of 209 used to "alone predict 227"; below the data it predicts 209.
    proj = project(rules, prof(practice="nbme12:209@2026-11-20", today="2026-11-20"))
    assert proj.regime == "below_data" and proj.now.centre == pytest.approx(209)
    assert "below the range the community data covers" in proj.regime_text


def test_after_a_209_fail_three_practice_tests_below_218_give_under_half_a_chance_now(rules, prof):
    # The case: 205, 210, 212 after a 209 fail used to read "73% chance of passing".
    p = prof(
        score="209", attempts="2026-09-20", practice="nbme11:205@2026-10-20,nbme12:210@2026-11-01,nbme13:212@2026-11-10", today="2026-11-20"
    )
    proj = project(rules, p)
    assert proj.now.p_pass < 0.5
    assert proj.now.centre <= 212


def test_two_nbmes_of_210_and_212_project_near_their_own_level(rules, prof):
    proj = project(rules, prof(practice="nbme12:210@2026-11-01,nbme13:212@2026-11-10", today="2026-11-10"))
    # Weights: exp(-9/30) = 0.741 for the older, 1 for the newer.
    w = math.exp(-9 / 30)
    assert proj.now.centre == pytest.approx((210 * w + 212) / (w + 1))
    assert proj.now.p_pass < 0.5


def test_the_blend_joins_the_two_regimes_without_a_jump(rules):
    assert step2_centre(rules, 234.999) == pytest.approx(step2_centre(rules, 235.0), abs=2e-3)
    assert step2_centre(rules, 245) == pytest.approx(250 + 0.79 * (245 - 250) + 9)
    assert step2_centre(rules, 240) == pytest.approx(240 + (250 + 0.79 * (240 - 250) + 9 - 240) * 0.5)


def test_free120_only_within_its_calibrated_bands(rules, prof):
    assert free120_to_real(rules, 72) == 250 and free120_to_real(rules, 85) == 270 and free120_to_real(rules, 69.5) == 247
    assert free120_to_real(rules, 40) is None and free120_to_real(rules, 64.9) is None
    proj = project(rules, prof(practice="free120:40@2026-11-10", today="2026-11-20"))
    assert proj.now is None and proj.excluded and "outside the calibrated Free 120 bands" in proj.excluded[0].reason
    # Inside the bands a Free 120 alone projects its band's median real score.
    alone = project(rules, prof(practice="free120:72@2026-11-20", today="2026-11-20"))
    assert alone.now.centre == pytest.approx(250, abs=0.01)


def test_step1_formula_only_where_its_study_reached(rules, prof):
    # 292 - (292 - CBSSA) * 0.987527^days; scores 150-270, up to 56 days before the exam.
    p = prof(exam="step1", practice="nbme30:200@2026-11-10", today="2026-11-10")
    proj = project(rules, p, planned_on=D(2026, 12, 8))
    assert proj.planned.centre == pytest.approx(292 - (292 - 200) * 0.987527**28)
    far = project(rules, p, planned_on=D(2027, 11, 10))
    assert far.planned is None
    low = project(rules, prof(exam="step1", practice="nbme30:120@2026-11-10", today="2026-11-10"))
    # Outside the formula's range a CBSSA gives no projection, but still counts as where the student is.
    assert low.now is None and low.anchor == 120 and any("outside the 150–270 range" in n for n in low.notices)


def test_far_dates_get_no_range_only_a_notice(rules, prof):
    # A single NBME 230 two years before the exam used to give -153 to 640.
    proj = project(rules, prof(practice="nbme12:230@2026-11-10", today="2026-11-20"), planned_on=D(2028, 11, 10))
    assert proj.planned is None
    assert any("more than 12 weeks before 2028-11-10" in n for n in proj.notices)


def test_a_year_typo_in_the_exam_date_does_not_crash(rules, prof):
    # The link: a notice naming exam_date (more than 104 weeks ahead); the model itself: no reading that far out.
    parsed = parse_profile({"practice": "nbme12:240@2026-10-01", "exam_date": "2062-01-15", "today": "2026-11-20"}, rules, TODAY)
    assert [n.param for n in parsed.notices] == ["exam_date"] and parsed.profile.exam_date is None
    proj = project(rules, prof(practice="nbme12:240@2026-10-01", today="2026-11-20"), planned_on=D(2062, 1, 15))
    assert proj.now is not None and proj.planned is None


def test_the_trend_stops_at_the_date_and_at_the_scale(rules, prof):
    proj = project(rules, prof(practice="nbme12:200@2026-10-01,nbme13:290@2026-10-08", today="2026-11-20"), planned_on=D(2027, 1, 1))
    (_, y0), (d1, y1) = proj.trend.start, proj.trend.end
    assert 1 <= y0 <= 300 and 1 <= y1 <= 300 and d1 <= D(2027, 1, 1)


def test_the_students_own_miss_is_shown_and_half_of_it_used(rules, prof):
    # Before the 209 on 2026-09-20: NBMEs of 230 and 228 pointed to about 229 (below the data: the anchor itself).
    p = prof(
        score="209",
        attempts="2026-09-20",
        practice="nbme11:230@2026-08-20,nbme12:228@2026-09-10,nbme13:215@2026-10-20,uwsa1:220@2026-11-10",
        today="2026-11-20",
    )
    proj = project(rules, p)
    w = math.exp(-21 / 30)
    pointed = (230 * w + 228) / (w + 1)
    assert proj.own_miss.practice_pointed_to == pytest.approx(pointed)
    assert proj.own_miss.miss == pytest.approx(pointed - 209)
    assert proj.own_miss.adjustment == pytest.approx(-0.5 * (pointed - 209))
    # Only the tests after the attempt count; the earlier ones are history.
    assert [t.test.taken for t in proj.counted] == [D(2026, 10, 20), D(2026, 11, 10)]
    w2 = math.exp(-21 / 30)
    anchor = (215 * w2 + 220) / (w2 + 1)
    assert proj.now.centre == pytest.approx(anchor - 0.5 * (pointed - 209))
    reading = practice_vs_real(rules, proj)
    assert reading.points_to_test_day and "read 20 points high" in reading.message


def test_the_delay_what_if_equals_the_exam_date_projection_later(rules, prof):
    p = prof(practice="nbme12:226@2026-11-10,nbme13:230@2026-11-18", exam_date="2026-12-18", today="2026-11-20")
    proj = project(rules, p, planned_on=p.exam_date)
    what_if = delay_what_if(rules, p, proj, 4, p.exam_date)
    typical = next(r for r in what_if.readings if r.speed == "typical")
    direct = project(rules, p, planned_on=D(2027, 1, 15)).planned
    assert (typical.on, typical.centre, typical.low, typical.high, typical.p_pass) == (
        direct.on,
        direct.centre,
        direct.low,
        direct.high,
        direct.p_pass,
    )
    # Typical gain 1.73 a week from today: 8 weeks to 2027-01-15.
    assert typical.centre == pytest.approx(proj.now.centre + 1.73 * 8)
    slow, fast = (next(r for r in what_if.readings if r.speed == s) for s in ("slow", "fast"))
    assert slow.centre < typical.centre < fast.centre


def test_pass_chance_uses_the_standard_on_the_date(rules, prof):
    proj = project(rules, prof(practice="nbme12:240@2025-06-20", today="2025-06-20"), planned_on=D(2025, 7, 2))
    assert proj.now.standard == 214 and proj.planned.standard == 218


# --- invariants over the whole input space -------------------------------------------------------------------

RULES = load_rules()  # module-level for the property tests: hypothesis prints its arguments on failure
FORMS = ["nbme9", "nbme12", "uwsa1", "uwsa2", "uwsa3", "free120"]


@st.composite
def practice_profiles(draw: st.DrawFn) -> tuple[Profile, dt.date | None]:
    today = draw(st.dates(D(2015, 1, 1), D(2090, 12, 31)))
    n = draw(st.integers(1, 6))
    tests = []
    for _ in range(n):
        form = draw(st.sampled_from(FORMS))
        score = draw(st.integers(0, 100)) if form == "free120" else draw(st.integers(1, 300))
        taken = today - dt.timedelta(days=draw(st.integers(0, 3000)))
        tests.append(PracticeTest(form, float(score), max(taken, D(2000, 1, 1))))
    planned = draw(st.one_of(st.none(), st.dates(today, D(2099, 12, 31))))
    return Profile(today=today, practice=tuple(sorted(tests, key=lambda t: t.taken))), planned


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(practice_profiles())
def test_every_reading_is_ordered_on_the_scale_with_a_probability(case):
    rules = RULES
    p, planned = case
    proj = project(rules, p, target=240, planned_on=planned)
    if proj is None:
        return
    for r in (proj.now, proj.planned):
        if r is None:
            continue
        assert 1 <= r.low <= r.centre <= r.high <= 300
        assert 0 <= r.p_pass <= 1 and 0 <= (r.p_target or 0) <= 1
        assert r.sd <= rules.practice_tests.projection_limits.max_sd + 1e-9
    if proj.trend is not None:
        assert all(1 <= y <= 300 for _, y in (proj.trend.start, proj.trend.end))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(practice_profiles(), st.integers(0, 60), st.integers(1, 40))
def test_raising_a_practice_score_never_lowers_the_pass_chance(case, which, rise):
    rules = RULES
    p, planned = case
    i = which % len(p.practice)
    t = p.practice[i]
    limit = 100 if t.form == "free120" else 300
    higher = PracticeTest(t.form, float(min(t.score + rise, limit)), t.taken)
    q = Profile(today=p.today, practice=(*p.practice[:i], higher, *p.practice[i + 1 :]))
    a, b = project(rules, p, planned_on=planned), project(rules, q, planned_on=planned)
    if a is None or b is None or a.now is None or b.now is None:
        return
    assert b.now.p_pass >= a.now.p_pass - 1e-9
    if a.planned is not None and b.planned is not None:
        assert b.planned.p_pass >= a.planned.p_pass - 1e-9


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([("step2ck", ["nbme12", "uwsa1", "nbme15"], 217), ("step1", ["nbme25", "nbme30"], 195)]),
    st.lists(st.tuples(st.integers(0, 2), st.integers(150, 217), st.integers(0, 80)), min_size=1, max_size=6),
)
def test_every_test_below_the_standard_means_a_capped_chance_if_you_sat_now(exam, tests):
    """Step 2 CK: under half. Step 1: the paper's formula credits the study since each CBSSA, but with every
    CBSSA below the standard the chance is never above the 90% cap (``step1_model.max_pass_when_all_below``)."""
    rules = RULES
    name, forms, top = exam
    today = D(2026, 11, 20)
    practice = tuple(
        sorted(
            (PracticeTest(forms[f % len(forms)], float(min(s, top)), today - dt.timedelta(days=d)) for f, s, d in tests),
            key=lambda t: t.taken,
        )
    )
    proj = project(rules, Profile(today=today, exam=name, practice=practice))  # type: ignore[arg-type]
    if name == "step2ck":
        assert proj.now is not None and proj.now.p_pass < 0.5
    elif proj.now is not None:
        assert proj.now.p_pass <= 0.9


@settings(max_examples=150, deadline=None)
@given(st.integers(150, 280), st.integers(0, 120), st.integers(1, 60))
def test_the_width_never_shrinks_as_the_horizon_grows_and_never_passes_the_cap(score, start, more):
    rules = RULES
    p = Profile(today=D(2026, 11, 20), practice=(PracticeTest("nbme12", float(score), D(2026, 11, 20)),))
    proj = project(rules, p)
    near = reading_on(rules, proj, D(2026, 11, 20) + dt.timedelta(days=start))
    far = reading_on(rules, proj, D(2026, 11, 20) + dt.timedelta(days=start + more))
    if near is None or far is None:
        assert far is None  # once stale, always stale
        return
    assert far.sd >= near.sd - 1e-9 and far.sd <= rules.practice_tests.projection_limits.max_sd + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.integers(150, 280), st.integers(0, 8), st.integers(1, 4))
def test_what_if_n_weeks_equals_an_exam_date_n_weeks_later(score, base_weeks, n):
    rules = RULES
    today = D(2026, 11, 20)
    planned = today + dt.timedelta(weeks=base_weeks)
    p = Profile(today=today, practice=(PracticeTest("nbme12", float(score), today),), exam_date=planned)
    proj = project(rules, p, planned_on=planned)
    w = delay_what_if(rules, p, proj, n, planned)
    direct = project(rules, p, planned_on=planned + dt.timedelta(weeks=n)).planned
    typical = next((r for r in w.readings if r.speed == "typical"), None) if w else None
    assert (typical is None) == (direct is None)
    if typical is not None and direct is not None:
        assert (typical.centre, typical.sd, typical.p_pass) == (direct.centre, direct.sd, direct.p_pass)


def test_step1_counts_the_days_from_each_cbssa_and_caps_the_chance(rules, prof):
    # CBSSAs of 180 (50 days before today) and 190 (46 days), the standard at 196. The paper:
    # 292 - (292 - CBSSA) * 0.987527^days from the CBSSA to the exam; weights exp(-days before the newest / 30).
    p = prof(exam="step1", practice="nbme30:180@2026-10-01,nbme31:190@2026-10-05", today="2026-11-20")
    proj = project(rules, p)
    w = math.exp(-4 / 30)
    a, b = 292 - 112 * 0.987527**50, 292 - 102 * 0.987527**46
    assert proj.now.centre == pytest.approx((a * w + b) / (w + 1))
    # Both below 196: never more than a 90% chance, however high the formula reads.
    assert proj.now.p_pass == pytest.approx(0.9)
    # The spread grows with the horizon: 46 days after the newest CBSSA is wider than the paper's SD of 10.2.
    assert proj.now.sd > 10.2


def test_a_recent_free120_below_its_bands_blocks_the_three_digit_projection(rules, prof):
    # With an NBME 250, a Free 120 at 64% must not read higher than the same Free 120 at 65% (band median 247).
    low = project(rules, prof(practice="nbme13:250@2026-11-15,free120:64@2026-11-16", today="2026-11-20"))
    at_band = project(rules, prof(practice="nbme13:250@2026-11-15,free120:65@2026-11-16", today="2026-11-20"))
    assert low.now is None and any("Free 120 below 65%" in n for n in low.notices)
    assert at_band.now is not None


def test_a_favourable_own_miss_never_lowers_the_centre(rules, prof):
    # Practice before the 212 read low (205: 7 under): half of that, +3.5, may lift the centre, never lower it.
    without = project(
        rules, prof(score="212", attempts="2026-08-01", practice="nbme13:244@2026-11-01,nbme14:244@2026-11-10", today="2026-11-20")
    )
    with_miss = project(
        rules,
        prof(
            score="212",
            attempts="2026-08-01",
            practice="nbme12:205@2026-07-25,nbme13:244@2026-11-01,nbme14:244@2026-11-10",
            today="2026-11-20",
        ),
    )
    assert with_miss.own_miss.adjustment == pytest.approx(3.5)
    assert with_miss.now.centre >= without.now.centre
