"""Targets by specialty: the post-fail article's tiers plus its buffer, never below NRMP's matched range."""

from __future__ import annotations

import datetime as dt

from stepwise.profile import parse_profile
from stepwise.targets import (
    aim_for,
    describe_gap,
    match_rate_row,
    matched_aim,
    position,
    post_fail_aim,
    realism,
    specialty_rows,
    study_target,
)

D = dt.date


def test_the_post_fail_articles_targets_by_tier(rules):
    assert {t.key: t.target for t in rules.targets.tiers} == {
        "highly_competitive": 250,
        "moderately_competitive": 240,
        "primary_care": 230,
        "community_primary_care": 225,
    }


def test_one_fail_internal_medicine_aims_at_the_matched_range_not_below_it(rules):
    # Article: primary care 230 + the 10-15 buffer = 240-245. NRMP 2026 matched IM: Q1 243, median 254.
    # A fail never lowers the aim: low = max(240, 243) = 243, high = max(245, 254) = 254.
    im = rules.specialty("internal-medicine")
    aim = aim_for(rules, im, 1)
    assert (aim.low, aim.high, aim.basis, aim.tier_target) == (243, 254, "post_fail", 230)
    # Where the sources disagree, the explanation says so: the article's range and the matched figures.
    assert "240–245" in aim.explanation and "lower quartile 243" in aim.explanation and "median 254" in aim.explanation
    assert "243–254" in aim.explanation
    t = study_target(rules, "step2ck", im, 1, D(2027, 1, 15))
    assert (t.value, t.high, t.basis) == (243, 254, "specialty")
    assert t.source == rules.targets.buffer.source


def test_where_the_article_is_higher_its_range_stands(rules):
    # Dermatology (highly competitive): 250 + 10-15 = 260-265, above matched Q1 251 and median 258.
    aim = post_fail_aim(rules, rules.specialty("dermatology"))
    assert (aim.low, aim.high) == (260, 265)
    # Family medicine (community primary care): 225 + 10-15 = 235-240; matched Q1 233, median 244:
    # the article's low end (235) stands, the high end rises to the median (244).
    aim = post_fail_aim(rules, rules.specialty("family-medicine"))
    assert (aim.low, aim.high) == (235, 244)


def test_an_aim_above_the_matched_upper_quartile_says_so(rules):
    # Interventional radiology: 250 + 10-15 = 260-265, and matched Q3 is 264.
    aim = post_fail_aim(rules, rules.specialty("interventional-radiology"))
    assert (aim.low, aim.high) == (260, 265) and "upper quartile (264)" in aim.explanation


def test_a_fail_never_lowers_the_aim_for_any_specialty(rules):
    specialties = rules.specialties.specialties
    assert len(specialties) == 23
    for sp in specialties:
        after, before = post_fail_aim(rules, sp), matched_aim(rules, sp)
        assert after.low >= before.low and after.high >= before.high, sp.slug
        # ... and it is at least the article's tier target plus the buffer's lower end.
        assert after.low >= rules.tier(sp.tier).target + rules.targets.buffer.min, sp.slug


def test_without_a_fail_the_aim_is_the_matched_range(rules):
    aim = aim_for(rules, rules.specialty("dermatology"), 0)
    assert (aim.low, aim.high, aim.basis) == (251, 258, "matched")
    assert aim_for(rules, rules.specialty("dermatology"), None).basis == "matched"


def test_positions_and_realism(rules):
    im = rules.specialty("internal-medicine")
    assert [position(im, s) for s in (240, 250, 258, 270)] == ["below Q1", "Q1–median", "median–Q3", "above Q3"]
    assert [realism(rules, g) for g in (-3, 8, 20, 40)] == ["On target", "Within reach", "Stretch", "Long shot"]


def test_rows_cover_every_specialty_ordered_by_median(rules):
    rows = specialty_rows(rules, 0, 230.0)
    assert len(rows) == len(rules.specialties.specialties)
    medians = [r.specialty.matched.median for r in rows]
    assert medians == sorted(medians)
    assert all(r.position is not None and r.realism for r in rows)
    im = next(r for r in rows if r.specialty.slug == "internal-medicine")
    # No fail: matched Q1 243 is the aim's low end; 243 - 230 = 13 points: "Stretch" (10 < 13 <= 25).
    assert (im.aim.low, im.gap, im.position, im.realism) == (243, 13, "below Q1", "Stretch")


def test_rows_after_a_fail_use_the_post_fail_aim_and_without_a_baseline_measure_nothing(rules):
    rows = specialty_rows(rules, 1, None)
    im = next(r for r in rows if r.specialty.slug == "internal-medicine")
    assert (im.aim.low, im.aim.high) == (243, 254)
    assert all(r.gap is None and r.position is None and r.realism is None for r in rows)


def test_no_specialty_target_is_standard_plus_margin(rules):
    # The standard on the exam date plus the 10-point margin.
    assert study_target(rules, "step2ck", None, None, D(2027, 1, 10)).value == 218 + 10
    assert study_target(rules, "step2ck", None, None, D(2025, 3, 1)).value == 214 + 10
    # Step 1 is pass/fail: a specialty does not set its target.
    t = study_target(rules, "step1", rules.specialty("internal-medicine"), 1, D(2027, 1, 10))
    assert (t.value, t.basis) == (196 + 10, "pass")


def test_match_rate_by_fails(rules):
    assert match_rate_row(rules, 0).percent == 90
    assert match_rate_row(rules, 1).percent == 70
    assert match_rate_row(rules, 3).percent == 45
    assert match_rate_row(rules, None) is None


def test_an_unknown_specialty_slug_is_a_notice_not_an_exception(rules):
    parsed = parse_profile({"specialty": "astronaut-surgery"}, rules, dt.date(2026, 11, 22))
    assert parsed.profile.specialty is None and "astronaut-surgery" in parsed.notices[0].message


def test_gap_in_words(rules):
    assert describe_gap(rules, 12, 240) == "12 points short of 240: Stretch"
    assert describe_gap(rules, -3, 240) == "at or above 240 (by 3): On target"
