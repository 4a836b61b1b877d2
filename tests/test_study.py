"""Weeks of study (seed 004 bands, seed 001 minimum, gain per week) and the calendar."""

from __future__ import annotations

import datetime as dt
import itertools

from icalendar import Calendar

from stepwise.export import ics
from stepwise.projection import project
from stepwise.study import check_exam_date, key_dates, recommend, study_view, time_fit, weekly_plan, weeks_from_gap, weeks_from_score
from stepwise.targets import study_target


def band(rules, prof, score, exam="step1", on="2023-05-01"):
    s = weeks_from_score(rules, prof(exam=exam, score=str(score), attempts=on, today="2023-06-01"))
    return (s.weeks_min, s.weeks_max)


def test_seed004_three_bands_for_step1(rules, prof):
    # Seed 004 wrote its bands against a 196 standard: 180+, the 170s, 160 or less.
    assert band(rules, prof, 185) == (4, 5)
    assert band(rules, prof, 180) == (4, 5)
    assert band(rules, prof, 175) == (6, 7)
    assert band(rules, prof, 170) == (6, 7)
    assert band(rules, prof, 160) == (10, 12)
    assert band(rules, prof, 140) == (10, 12)


def test_the_gap_the_seed_leaves_is_interpolated(rules, prof):
    s = weeks_from_score(rules, prof(exam="step1", score="165", attempts="2023-05-01", today="2023-06-01"))
    assert (s.weeks_min, s.weeks_max) == (8, 9) and s.band.interpolated


def test_distance_is_measured_from_the_standard_on_the_attempt_date(rules, prof):
    # In 2020 the Step 1 standard was 194, so a 160 then was 34 below: the interpolated band.
    assert band(rules, prof, 160, on="2020-05-01") == (8, 9)


def test_step2ck_uses_the_same_distances_below_its_standard(rules, prof):
    s = weeks_from_score(rules, prof(score="200", attempts="2026-09-01", today="2026-11-20"))
    assert s.below == 18 and (s.weeks_min, s.weeks_max) == (6, 7)
    assert "extrapolation" in s.explanation
    old = weeks_from_score(rules, prof(score="200", attempts="2025-03-01", today="2025-04-01"))
    assert old.below == 14 and (old.weeks_min, old.weeks_max) == (4, 5)


def test_never_below_the_seed001_minimum(rules, prof):
    s = weeks_from_score(rules, prof(score="230", attempts="2026-09-01", today="2026-11-20"))
    assert (s.weeks_min, s.weeks_max) == (4, 4)
    assert recommend(rules, None, None).weeks_min == 4


def test_gap_weeks_at_three_speeds(rules, prof):
    p = prof(score="220", attempts="2026-09-01", specialty="emergency-medicine", prior_fails="1", today="2026-11-20")
    g = weeks_from_gap(rules, p, None, study_target(rules, p))
    assert g.gap == 30 and (g.slow, g.typical, g.fast) == (38, 18, 9)
    rec = recommend(rules, weeks_from_score(rules, p), g)
    assert (rec.weeks_min, rec.weeks_max) == (9, 18) and "gap" in rec.reason


def test_time_fit(rules):
    rec = recommend(rules, None, None)
    assert time_fit(10, rec) == "enough" and time_fit(3, rec) == "not enough"


def test_fourth_attempt_date_from_three_dated_fails(rules, prof):
    p = prof(score="209", attempts="2026-01-10,2026-04-10,2026-08-10", exam_date="2027-01-15", today="2026-11-20")
    view = study_view(rules, p, None, study_target(rules, p))
    rule = next(d for d in view.dates if d.kind == "rule")
    assert rule.start == dt.date(2027, 2, 10)
    flags = [c for c in check_exam_date(rules, p, view.recommendation) if not c.ok]
    assert any("before the earliest permitted attempt, 2027-02-10" in c.message for c in flags)


def test_plan_never_schedules_past_the_exam_date(rules, prof):
    for exam_date in ("2026-12-01", "2026-12-24", "2027-03-03"):
        p = prof(score="205", attempts="2026-09-01", exam_date=exam_date, weeks="20", today="2026-11-20")
        plan = weekly_plan(rules, p, 30, p.today)
        assert plan and all(w.end < p.exam_date for w in plan)
        assert plan[-1].phase.startswith("Practice tests")


def test_plan_spaces_practice_tests_and_marks_the_stop_rule(rules, prof):
    p = prof(score="205", attempts="2026-09-01", today="2026-11-20")
    plan = weekly_plan(rules, p, 8, p.today)
    tests = [w.week for w in plan if w.assessment]
    assert tests[0] == 1 and all(b - a <= 3 for a, b in itertools.pairwise(tests))
    assert [w.week for w in plan if w.checkpoint] == [4, 5, 6]
    assert plan[-1].assessment == "Free 120"


def test_ics_is_valid_and_parses_back(rules, prof):
    p = prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20")
    target = study_target(rules, p)
    view = study_view(rules, p, project(rules, p), target)
    data = ics(view.dates, p.today)
    cal = Calendar.from_ical(data)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == len(view.dates)
    names = {str(e["SUMMARY"]) for e in events}
    assert "Step 2 CK exam" in names and "Expected score release" in names
    assert all("UID" in e and "DTSTAMP" in e for e in events)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"VERSION:2.0" in data
    release = next(e for e in events if str(e["SUMMARY"]) == "Expected score release")
    assert release["DTSTART"].dt == dt.date(2027, 2, 10)


def test_key_dates_for_a_plan(rules, prof):
    p = prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20")
    plan = weekly_plan(rules, p, 9, p.today)
    kinds = {d.kind for d in key_dates(rules, p, plan)}
    assert kinds == {"study", "assessment", "checkpoint", "rule", "exam", "release"}
