"""Each chart's one-sentence name says what the chart shows for this student (stepwise.alt).

Expected sentences are written out by hand from the inputs, never from the builder's output.
"""

from __future__ import annotations

import datetime as dt

from stepwise.alt import projection_alt, retake_alt, specialty_alt, spoken_list, timeline_alt
from stepwise.projection import project
from stepwise.study import KeyDate, PlanWeek
from stepwise.targets import specialty_rows

D = dt.date


def test_spoken_list():
    assert spoken_list([]) == ""
    assert spoken_list(["209"]) == "209"
    assert spoken_list(["209", "216"]) == "209 and 216"
    assert spoken_list(["201", "210", "222"]) == "201, 210 and 222"


def test_retake_names_the_score_the_lines_and_the_range():
    # A 209 against the 218 standard and an aim of 243; the retake's range 215.4–234.6 reads 215–235.
    assert retake_alt(209, 218, (215.4, 225.0, 234.6), 243, "Retake on 2027-01-25") == (
        "Your latest score 209 against the passing line 218 and your aim 243; retake on 2027-01-25: likely 215–235."
    )
    # No range yet, and an aim that is the passing line itself: the line is named once.
    assert retake_alt(209, 218, None, 218, "If you sat now") == "Your latest score 209 against the passing line 218."


def test_practice_tests_are_named_on_the_scale_with_the_real_score_and_the_readings(rules, prof):
    # NBME 13 and UWSA 1 read on scale (offset 0): 225 and 232, both after the failed 205 of 2026-09-01.
    p = prof(
        score="205",
        attempts="2026-09-01",
        practice="nbme13:225@2026-10-10,uwsa1:232@2026-11-01",
        exam_date="2027-01-20",
        today="2026-11-20",
    )
    proj = project(rules, p, target=240, planned_on=p.exam_date)
    now, planned = proj.now, proj.planned
    assert now is not None and planned is not None
    said = projection_alt(proj, 218, 240, (D(2026, 9, 1), 205))
    assert said == (
        "Your practice tests, 225 and 232, against the passing line 218 and your aim 240, with your real score 205 on 2026-09-01; "
        f"if you sat now, likely {now.low:.0f}–{now.high:.0f} and on 2027-01-20, likely {planned.low:.0f}–{planned.high:.0f}."
    )


def test_tests_before_the_last_attempt_are_named_apart(rules, prof):
    # NBME 12's 230 came before the 2026-09-20 attempt; NBME 13's 215 and UWSA 1's 220 after it.
    p = prof(
        score="209", attempts="2026-09-20", practice="nbme12:230@2026-09-01,nbme13:215@2026-10-20,uwsa1:220@2026-11-10", today="2026-11-20"
    )
    proj = project(rules, p)
    said = projection_alt(proj, 218, None, None, dated=[])
    assert said.startswith("Your practice tests since your last attempt, 215 and 220, and before it, 230, against the passing line 218;")


def test_specialties_name_the_lowest_and_highest_ranges_and_yours(rules):
    # NRMP 2026 (rules/specialties.yaml): Family Medicine's middle half is 233–254, the lowest; Dermatology's
    # 251–266, the highest. Internal Medicine with no fail: the aim runs from its Q1 to its median.
    rows = specialty_rows(rules, 0, 230.0)
    im = next(r for r in rows if r.specialty.slug == "internal-medicine")
    m = im.specialty.matched
    said = specialty_alt(rows, "internal-medicine", 230)
    assert said == (
        f"The middle half of matched applicants' Step 2 CK scores in {len(rows)} specialties, "
        "from 233–254 in Family Medicine to 251–266 in Dermatology, each with your aim; "
        f"yours, Internal Medicine: {m.q1}–{m.q3}, your aim {m.q1}–{m.median}; you are at 230."
    )
    assert specialty_alt(rows, None, None).endswith("each with your aim.")


def test_the_calendar_names_each_date_in_order():
    plan = [
        PlanWeek(1, D(2026, 11, 23), D(2026, 11, 29), "Questions", None, "40–80", False, ""),
        PlanWeek(2, D(2026, 11, 30), D(2026, 12, 6), "Practice tests", "NBME 14", "40–80", True, ""),
    ]
    dates = [
        KeyDate("Practice test: NBME 14", D(2026, 11, 30), D(2026, 11, 30), "assessment", ""),
        KeyDate("Earliest permitted attempt", D(2026, 12, 1), D(2026, 12, 1), "rule", ""),
        KeyDate("Step 2 CK exam", D(2026, 12, 7), D(2026, 12, 7), "exam", ""),
        KeyDate("Expected score release", D(2026, 12, 28), D(2027, 1, 4), "release", ""),
    ]
    assert timeline_alt(dates, plan, D(2026, 11, 20)) == (
        "Your calendar from today, 2026-11-20: 2 weeks of study, 2026-11-23 to 2026-12-06; 1 practice test; "
        "Earliest permitted attempt 2026-12-01; Step 2 CK exam 2026-12-07; Expected score release 2026-12-28 to 2027-01-04."
    )
    assert timeline_alt([], [], D(2026, 11, 20)) == "Your calendar from today, 2026-11-20: nothing dated yet."
