"""Targets by specialty: seed 002 after a fail, NRMP matched range without."""

from __future__ import annotations

from stepwise.targets import aim_for, match_rate_row, position, realism, specialty_rows, study_target


def test_seed002_targets_by_tier(rules):
    assert {t.key: t.target for t in rules.targets.tiers} == {
        "highly_competitive": 250,
        "moderately_competitive": 240,
        "primary_care": 230,
        "community_primary_care": 225,
    }


def test_one_fail_internal_medicine_gets_primary_care_target_plus_buffer(rules, prof):
    p = prof(prior_fails="1", specialty="internal-medicine")
    t = study_target(rules, p)
    assert t.value == 240
    aim = aim_for(rules, rules.specialty("internal-medicine"), 1)
    assert (aim.low, aim.high, aim.basis) == (240, 245, "post_fail")
    assert "below the matched Q1 (243)" in aim.explanation  # where the sources disagree, say so


def test_without_a_fail_the_aim_is_the_matched_range(rules):
    aim = aim_for(rules, rules.specialty("dermatology"), 0)
    assert (aim.low, aim.high, aim.basis) == (251, 258, "matched")


def test_positions_and_realism(rules):
    im = rules.specialty("internal-medicine")
    assert [position(im, s) for s in (240, 250, 258, 270)] == ["below Q1", "Q1–median", "median–Q3", "above Q3"]
    assert [realism(rules, g) for g in (-3, 8, 20, 40)] == ["On target", "Within reach", "Stretch", "Long shot"]


def test_rows_cover_every_specialty_ordered_by_median(rules, prof):
    rows = specialty_rows(rules, prof(score="230", attempts="2026-08-01", today="2026-11-20"), None)
    assert len(rows) == len(rules.specialties.specialties)
    medians = [r.specialty.matched.median for r in rows]
    assert medians == sorted(medians)
    assert all(r.score_position is not None and r.realism for r in rows)


def test_no_specialty_target_is_standard_plus_margin(rules, prof):
    assert study_target(rules, prof(exam_date="2027-01-10", today="2026-11-20")).value == 218 + 10


def test_match_rate_by_fails(rules):
    assert match_rate_row(rules, 0).percent == 90
    assert match_rate_row(rules, 1).percent == 70
    assert match_rate_row(rules, 3).percent == 45
    assert match_rate_row(rules, None) is None


def test_an_unknown_specialty_slug_is_a_notice_not_an_exception(rules):
    import datetime as dt

    from stepwise.profile import parse_profile

    parsed = parse_profile({"specialty": "astronaut-surgery"}, rules, dt.date(2026, 11, 22))
    assert parsed.profile.specialty is None and "astronaut-surgery" in parsed.notices[0].message


def test_gap_in_words(rules):
    from stepwise.targets import describe_gap

    assert describe_gap(rules, 12, 240) == "12 points short of 240: Stretch"
    assert describe_gap(rules, -3, 240) == "at or above 240 (by 3): On target"
