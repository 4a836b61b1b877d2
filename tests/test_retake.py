"""Every verdict from a seed's own example; every criterion's unknown state."""

from __future__ import annotations

from stepwise.examples import example
from stepwise.retake import checklist, decide, outcome_row, sit_or_delay
from tests.conftest import AFTER_TWO_FAILS

# Seed 003's case of a low pass with an exception: the start page's worked example.
LOW_PASS_EXCEPTION = example("seed003_low_pass_exception").params


def test_empty_profile_is_not_enough_information(rules, prof):
    d = decide(rules, prof())
    assert d.heading == "Not enough information" and d.missing == ("score or result",)


def test_a_passed_step_is_not_retaken_without_an_exception(rules, prof):
    d = decide(rules, prof(score="219", attempts="2026-08-01", today="2026-11-20"))
    assert d.heading == "Retake not permitted"
    assert "219 passes the Step 2 CK standard of 218 in force on 2026-08-01." in d.reasons


def test_seed003_profile_with_an_exception_can_make_sense(rules, prof):
    d = decide(rules, prof(**LOW_PASS_EXCEPTION))
    assert d.heading == "Retake can make sense"
    assert all(c.state == "met" for c in d.checklist)
    assert all(c.state == "not met" for c in d.probably_not)


def test_same_cycle_and_forgiving_specialty_mean_probably_not(rules, prof):
    d = decide(rules, prof(**(LOW_PASS_EXCEPTION | {"cycle": "applying", "specialty": "family-medicine"})))
    assert d.heading == "Probably do not retake"
    hits = {c.key for c in d.probably_not if c.state == "met"}
    assert hits == {"same_cycle", "forgiving"}


def test_practice_never_higher_than_the_real_score_means_probably_not(rules, prof):
    d = decide(rules, prof(**(LOW_PASS_EXCEPTION | {"practice": "nbme13:222@2026-07-01,nbme14:225@2026-07-20"})))
    assert d.heading == "Probably do not retake"
    assert next(c for c in d.probably_not if c.key == "never_higher").state == "met"


def test_hard_stop_specialty_fails_the_zone_criterion(rules, prof):
    d = decide(rules, prof(**(LOW_PASS_EXCEPTION | {"specialty": "dermatology"})))
    zone = next(c for c in d.checklist if c.key == "zone")
    assert zone.state == "not met" and "hard stop" in zone.value and d.heading == "Probably do not retake"


def test_a_fail_requires_a_retake(rules, prof):
    d = decide(rules, prof(score="205", attempts="2026-09-01", today="2026-11-20"))
    assert d.heading == "Retake required"
    assert d.gate.status.left == 3


def test_a_216_after_july_2025_is_a_fail_and_requires_a_retake(rules, prof):
    assert decide(rules, prof(score="216", attempts="2025-08-01", today="2025-09-10")).heading == "Retake required"
    assert decide(rules, prof(score="216", attempts="2025-03-01", today="2025-04-10")).heading == "Retake not permitted"


def test_four_fails_are_not_eligible(rules, prof):
    d = decide(rules, prof(result="fail", attempts="2024-01-01,2024-05-01,2024-09-01,2025-10-01", today="2026-01-01"))
    assert d.heading == "Not eligible to retake"


def test_step1_fail_without_a_score(rules, prof):
    d = decide(rules, prof(exam="step1", result="fail", today="2026-11-20"))
    assert d.heading == "Retake required"


def test_every_criterion_has_an_unknown_state(rules, prof):
    items, nots = checklist(rules, prof())
    assert {c.state for c in items + nots} == {"unknown"}
    assert {c.needs for c in items} == {"score", "specialty", "practice", "weeks", "cycle"}


def test_with_an_exception_but_missing_inputs_it_names_them(rules, prof):
    d = decide(rules, prof(score="219", attempts="2026-08-01", exception="yes", specialty="emergency-medicine", today="2026-11-20"))
    assert d.heading == "Not enough information"
    assert set(d.missing) == {"practice", "weeks", "cycle"}


def test_sit_or_delay_after_a_fail(rules, prof):
    weak = prof(**AFTER_TWO_FAILS)
    r = sit_or_delay(rules, weak)
    assert r.key == "delay" and r.weeks >= 2 and r.heading == f"Delay {r.weeks} weeks"
    strong = prof(
        score="212",
        attempts="2026-09-01",
        practice="nbme13:240@2026-11-01,nbme14:243@2026-11-10,uwsa1:245@2026-11-18",
        exam_date="2026-11-25",
        today="2026-11-20",
    )
    assert sit_or_delay(rules, strong).heading == "Sit as planned"


def test_a_small_gap_delays_within_two_to_four_weeks(rules, prof):
    p = prof(
        score="212",
        attempts="2026-09-01",
        practice="nbme13:222@2026-11-01,nbme14:224@2026-11-10",
        exam_date="2026-11-25",
        today="2026-11-20",
    )
    r = sit_or_delay(rules, p)
    assert r.key == "delay" and 2 <= r.weeks <= 4


def test_a_large_gap_says_it_needs_more_than_the_seed(rules, prof):
    p = prof(
        score="200",
        attempts="2026-09-01",
        specialty="dermatology",
        practice="nbme13:220@2026-11-01,nbme14:222@2026-11-10",
        exam_date="2026-11-25",
        today="2026-11-20",
    )
    r = sit_or_delay(rules, p)
    assert r.weeks > 4 and any("needs more than seed 002's 2–4 weeks" in x for x in r.reasons)


def test_sit_or_delay_without_practice(rules, prof):
    assert sit_or_delay(rules, prof(score="205", attempts="2026-09-01", today="2026-11-20")).key == "not_enough_information"


def test_outcome_row_highlights_the_projected_retake(rules, prof):
    row, retake = outcome_row(rules, prof(**LOW_PASS_EXCEPTION))
    assert row.key == "big_jump" and retake - 219 >= 20
    row, _ = outcome_row(
        rules, prof(score="219", attempts="2026-08-01", practice="nbme13:200@2026-11-01,nbme14:202@2026-11-10", today="2026-11-20")
    )
    assert row.key == "similar"
