"""Weeks of study (the failing-score bands in the 2020 article's own terms, the four-week minimum,
the weekly gain), the week-by-week plan and the key dates."""

from __future__ import annotations

import datetime as dt
import itertools

from stepwise.assess import assess
from stepwise.policy import standing
from stepwise.study import Recommendation, key_dates, plan_weeks, recommend, time_fit, weekly_plan, weeks_from_gap, weeks_from_score

D = dt.date
THREE_FAILS = {"score": "209", "attempts": "2026-01-10,2026-04-10,2026-08-10", "today": "2026-11-20"}


def weeks(rules, score, standard=194, exam="step1"):
    s = weeks_from_score(rules, exam, score, standard, True)
    return (s.weeks_min, s.weeks_max)


def test_step1_bands_in_the_articles_own_terms(rules):
    # Medlearnity's "Failing Step 1" (2020), scores judged against 194: 180 or more -> 4-5 weeks,
    # the 170s -> 6-7, 160 or less -> 10-12.
    assert weeks(rules, 193) == (4, 5)
    assert weeks(rules, 180) == (4, 5)
    assert weeks(rules, 179) == (6, 7)
    assert weeks(rules, 172) == (6, 7)
    assert weeks(rules, 170) == (6, 7)
    assert weeks(rules, 160) == (10, 12)
    assert weeks(rules, 140) == (10, 12)
    s = weeks_from_score(rules, "step1", 172, 194, True)
    assert s.equivalent == 172 and not s.extrapolated and "6–7 weeks" in s.explanation


def test_the_gap_the_article_leaves_is_interpolated(rules):
    # 161-169: between 6-7 and 10-12 weeks, the article gives no figure; StepWise takes 8-9.
    for score in (169, 165, 161):
        s = weeks_from_score(rules, "step1", score, 194, True)
        assert (s.weeks_min, s.weeks_max) == (8, 9) and s.band.interpolated, score


def test_a_step1_score_from_2020_is_judged_by_the_standard_then(rules, prof):
    # Seed 004's example: a Step 1 172 in May 2020. The standard in force was 194, so the 170s band: 6-7 weeks.
    st = standing(rules, prof(exam="step1", score="172", attempts="2020-05-01"))
    assert st.standard.score == 194
    s = weeks_from_score(rules, "step1", st.score, st.standard.score, st.outcome == "fail")
    assert (s.weeks_min, s.weeks_max) == (6, 7) and not s.extrapolated


def test_step2ck_keeps_the_distance_below_its_standard(rules):
    # 209 against 218 is 9 below; in the article's terms (194) that is like 185 -> 4-5 weeks, an extrapolation.
    s = weeks_from_score(rules, "step2ck", 209, 218, True)
    assert (s.equivalent, s.weeks_min, s.weeks_max, s.extrapolated) == (185, 4, 5, True)
    assert "9 points below the 218 standard" in s.explanation and "like 185" in s.explanation
    assert "extrapolation" in s.explanation
    # 194 against 218 is 24 below: like 170 -> 6-7 weeks.
    s = weeks_from_score(rules, "step2ck", 194, 218, True)
    assert (s.equivalent, s.weeks_min, s.weeks_max) == (170, 6, 7)
    # The standard that judged the score decides: 200 is 18 below 218 (like 176: 6-7 weeks)
    # but 14 below 214 (like 180: 4-5 weeks).
    assert weeks(rules, 200, 218, "step2ck") == (6, 7)
    assert weeks(rules, 200, 214, "step2ck") == (4, 5)


def test_no_score_weeks_for_a_pass_or_without_a_score(rules):
    assert weeks_from_score(rules, "step2ck", 230, 218, False) is None
    assert weeks_from_score(rules, "step2ck", None, 218, True) is None
    assert weeks_from_score(rules, "step2ck", 205, None, True) is None


def test_never_below_the_four_week_minimum(rules):
    # OnlineMedEd (2018): at least four weeks of fully committed study before a retake.
    rec = recommend(rules, None, None, "228")
    assert (rec.weeks_min, rec.weeks_max, rec.deciding) == (4, 4, "minimum")
    # A small gap: 5 points is 2 weeks fast (5 / 3.5), 3 typical (5 / 1.73): the minimum still decides.
    small = recommend(rules, None, weeks_from_gap(rules, 5), "228")
    assert (small.weeks_min, small.weeks_max, small.deciding) == (4, 4, "minimum")


def test_gap_weeks_at_three_speeds(rules):
    # 30 points at 0.8 / 1.73 / 3.5 a week: ceil(37.5) = 38, ceil(17.3) = 18, ceil(8.6) = 9.
    g = weeks_from_gap(rules, 30)
    assert (g.slow, g.typical, g.fast) == (38, 18, 9)
    rec = recommend(rules, None, g, "250")
    assert (rec.weeks_min, rec.weeks_max, rec.deciding) == (9, 18, "gap") and "30 points to 250" in rec.reason
    assert weeks_from_gap(rules, 0).typical == 0
    assert weeks_from_gap(rules, None) is None


def test_the_most_any_view_asks_for_decides(rules, prof):
    # Emergency medicine, a Step 1 fail on record and a Step 2 CK 210 on 2026-09-01: 2 fails.
    # Aim after a fail: 240 + 10-15 = 250-255 (above matched Q1 240 / median 249) -> gap 250 - 210 = 40.
    # Gap: ceil(40 / 3.5) = 12 fast, ceil(40 / 1.73) = 24 typical. Score: 8 below 218, like 186 -> 4-5 weeks.
    a = assess(rules, prof(score="210", attempts="2026-09-01", specialty="emergency-medicine", prior_fails="1", today="2026-11-20"))
    assert (a.by_score.weeks_min, a.by_score.weeks_max) == (4, 5)
    assert (a.by_gap.fast, a.by_gap.typical) == (12, 24)
    assert (a.weeks.weeks_min, a.weeks.weeks_max, a.weeks.deciding) == (12, 24, "gap")


def test_time_fit(rules):
    rec = Recommendation(4, 6, "score", "")
    assert time_fit(10, rec) == "enough" and time_fit(6, rec) == "enough"
    assert time_fit(5, rec) == "tight" and time_fit(3, rec) == "not enough"


def test_plan_length(rules):
    rec = Recommendation(4, 5, "score", "")
    # To the exam date: 2026-11-20 to 2027-01-20 is 61 days -> ceil(8.7) = 9 weeks.
    assert plan_weeks(D(2026, 11, 20), D(2027, 1, 20), rec, None, 104) == 9
    # Without one: the weeks needed ...
    assert plan_weeks(D(2026, 11, 20), None, rec, None, 104) == 5
    # ... and never short of the earliest permitted attempt: 82 days to 2027-02-10 -> 12 weeks.
    assert plan_weeks(D(2026, 11, 20), None, rec, D(2027, 2, 10), 104) == 12
    assert plan_weeks(D(2026, 11, 20), D(2030, 1, 1), rec, None, 104) == 104


def test_fourth_attempt_date_from_three_dated_fails(rules, prof):
    # 12 months after the first (2027-01-10) and 6 after the latest (2027-02-10): the later decides.
    p = prof(**THREE_FAILS, exam_date="2027-01-15")
    a = assess(rules, p)
    rule = next(d for d in a.dates if d.kind == "rule")
    assert rule.start == D(2027, 2, 10)
    assert a.readiness.key == "delay" and a.chosen_on >= D(2027, 2, 10)
    assert "2027-01-15 is before 2027-02-10, the earliest date the attempt rules allow." in a.readiness.reasons


def test_without_an_exam_date_the_plan_runs_to_the_earliest_permitted_attempt(rules, prof):
    a = assess(rules, prof(**THREE_FAILS))
    earliest = D(2027, 2, 10)
    assert a.plan and a.plan[-1].end == earliest - dt.timedelta(days=1)  # study up to the day before the sitting
    proposed = next(d for d in a.dates if d.kind == "proposed")
    assert proposed.start >= earliest and a.readiness.sit_on >= earliest
    release = next(d for d in a.dates if d.kind == "release")
    assert release.start >= earliest


def test_plan_never_schedules_past_the_exam_date(rules, prof):
    for exam_date in ("2026-12-01", "2026-12-24", "2027-03-03"):
        p = prof(score="205", attempts="2026-09-01", exam_date=exam_date, weeks="20", today="2026-11-20")
        plan = weekly_plan(rules, p, 30, p.today, None, p.exam_date)
        assert plan and all(w.end < p.exam_date for w in plan), exam_date
        assert all(b.start == a.start + dt.timedelta(weeks=1) for a, b in itertools.pairwise(plan))
        assert plan[-1].phase == "Practice tests"


def test_plan_spaces_practice_tests_and_marks_the_stop_rule(rules, prof):
    p = prof(score="205", attempts="2026-09-01", today="2026-11-20")
    plan = weekly_plan(rules, p, 8, p.today, 218, None)
    tests = [w.week for w in plan if w.assessment]
    # A practice test in week 1 and then every 1-3 weeks (Medlearnity 2020).
    assert tests[0] == 1 and all(b - a <= 3 for a, b in itertools.pairwise(tests))
    # The stop rule (Residency Advisor 2026): checked after 4-6 weeks.
    assert [w.week for w in plan if w.checkpoint] == [4, 5, 6]
    assert all("stuck at 218 or lower" in w.purpose for w in plan if w.checkpoint)
    # The scaffold's final 1-2 weeks of full-length tests: 8 weeks >= 4 + 2, so the last two; Free 120 last.
    assert [w.week for w in plan if w.phase == "Practice tests"] == [7, 8]
    assert plan[-1].assessment == "Free 120"
    assert all(w.purpose for w in plan)
    # A short plan (5 < 4 + 2 weeks) keeps one final week.
    assert [w.week for w in weekly_plan(rules, p, 5, p.today, None, None) if w.phase == "Practice tests"] == [5]


def test_a_form_already_taken_is_not_planned_again(rules, prof):
    p = prof(score="205", attempts="2026-09-01", practice="nbme16:220@2026-11-01,free120:70@2026-11-10", today="2026-11-20")
    planned = [w.assessment for w in weekly_plan(rules, p, 8, p.today, None, None) if w.assessment]
    assert "NBME 16" not in planned and "Free 120" not in planned


def test_key_dates_for_a_plan(rules, prof):
    a = assess(rules, prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20"))
    # One attempt: the next is allowed at once, so there is no attempt-rule date. 205 is 23 short of 228 (218 + 10):
    # 23 / 1.73 = 13.3 -> 14 weeks at the typical pace, past 2027-01-20: the chosen date is today + 14 weeks, 2027-02-26.
    # The student's own date stays on the calendar, marked as not advised; the sitting and its release follow the chosen one.
    assert {d.kind for d in a.dates} == {"assessment", "checkpoint", "planned", "release", "proposed"}
    chosen = D(2026, 11, 20) + dt.timedelta(weeks=14)
    assert next(d for d in a.dates if d.kind == "proposed").start == chosen == a.chosen_on
    assert next(d for d in a.dates if d.kind == "planned").start == D(2027, 1, 20)
    release = next(d for d in a.dates if d.kind == "release")
    # Scores come 3-4 weeks after the sitting: the chosen date + 21 days and + 28 days.
    assert (release.start, release.end) == (chosen + dt.timedelta(days=21), chosen + dt.timedelta(days=28))
    assert a.plan[-1].end == chosen - dt.timedelta(days=1)
    assert [d.start for d in a.dates] == sorted(d.start for d in a.dates)
    assert all(d.description for d in a.dates)


def test_key_dates_carry_the_season_in_date_order(rules, prof):
    p = prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20")
    season = ("Programs first read applications", D(2026, 9, 23))  # an input here, not a published date
    got = key_dates(rules, p, [], None, p.exam_date, season, keeps_planned=True)
    assert [(d.kind, d.start) for d in got] == [
        ("season", D(2026, 9, 23)),
        ("exam", D(2027, 1, 20)),
        ("release", D(2027, 2, 10)),
    ]


def test_weeks_beyond_the_measured_gains_are_labelled_a_rough_guide():
    # 150 on 2026-09-20 fails 218; no specialty: the aim after a fail is 228, 78 points away.
    # 78 / 1.73 = 45.1 -> 46 weeks typical, far past the article's longest band (10-12 weeks).
    import datetime as dt

    from stepwise.assess import assess
    from stepwise.profile import parse_profile
    from stepwise.rules import load_rules

    rules = load_rules()
    far = assess(rules, parse_profile({"score": "150", "attempts": "2026-09-20"}, rules, dt.date(2026, 11, 23))).weeks
    assert far.weeks_max == 46 and "rough guide" in far.reason and "12 weeks at most" in far.reason
    # 212: 16 points, 16 / 1.73 = 9.2 -> 10 weeks, inside the bands.
    near = assess(rules, parse_profile({"score": "212", "attempts": "2026-09-20"}, rules, dt.date(2026, 11, 23))).weeks
    assert near.weeks_max == 10 and "rough guide" not in near.reason
