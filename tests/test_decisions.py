"""One decision per question, on evidence: the readiness table and the one chosen date.

Each case of the issue that found "sit as planned" with nothing behind it, and dates that did not
follow the chosen one, with its answer worked by hand from the rules files and the articles; then
invariants over generated links.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stepwise.assess import assess
from stepwise.decisions import decisions_markdown
from stepwise.policy import passing_standard_on, score_release_window
from stepwise.profile import parse_profile
from stepwise.rules import load_rules
from stepwise.summary import summarize
from tests.strategies import links

D = dt.date
RULES = load_rules()
TODAY = D(2026, 11, 20)


def link(text: str):
    params = dict(item.split("=", 1) for item in text.split("&"))
    return assess(RULES, parse_profile(params, RULES, D(2026, 11, 22)))


# --- "sit as planned" with nothing to support it ------------------------------------------------------


def test_a_cbssa_below_the_formula_still_sets_the_weeks_and_never_sits():
    # CBSSA 145 since a Step 1 fail. In the 2020 article's terms (judged against 194; today's standard 196) that is
    # 145 - 2 = 143, "160 or less": 10-12 weeks. 2026-12-20 is 30 days away: short of 12 weeks, so delay to
    # today + 12 weeks = 2027-02-12 (later than today + 6 weeks for weak practice).
    low = link("exam=step1&result=fail&attempts=2026-09-01&practice=nbme30:145@2026-11-15&exam_date=2026-12-20&today=2026-11-20")
    assert (low.weeks.weeks_min, low.weeks.weeks_max) == (10, 12)
    assert low.readiness.key == "delay" and low.chosen_on == TODAY + dt.timedelta(weeks=12) == D(2027, 2, 12)
    # The same link with 150: the formula reads it, yet no fewer weeks and no kinder verdict than for 145.
    mid = link("exam=step1&result=fail&attempts=2026-09-01&practice=nbme30:150@2026-11-15&exam_date=2026-12-20&today=2026-11-20")
    assert mid.weeks.weeks_max <= low.weeks.weeks_max and mid.readiness.key == "delay"


def test_no_score_and_no_practice_test_says_take_one_first():
    # No practice test since the 2026-10-01 fail: the Step 1 article's first step is a baseline NBME, and the
    # post-fail article pushes the exam when practice is not there. Never "sit".
    a = link("result=fail&attempts=2026-10-01&exam_date=2026-12-31&today=2026-11-20")
    assert a.readiness.key == "practice_first" and a.readiness.heading == "Take a practice test first"
    assert "Sit as planned" not in a.headline
    # The minimum 4 weeks (no score to measure from) and weak practice's 6 weeks: the chosen date is 2027-01-01.
    assert a.chosen_on == max(D(2026, 12, 31), TODAY + dt.timedelta(weeks=6))


def test_protected_weeks_decide():
    # 212 fail, internal medicine; NBME 13 226 and NBME 14 230 since. The weeks needed start at 5: one protected week
    # is short of them, whatever the calendar says; twenty are not.
    base = "score=212&attempts=2026-09-15&specialty=internal-medicine&practice=nbme13:226@2026-11-01,nbme14:230@2026-11-15&exam_date=2027-01-29&today=2026-11-20"
    one, twenty = link(base + "&weeks=1"), link(base + "&weeks=20")
    assert one.weeks.weeks_min > 1
    assert one.readiness.key == "protect_weeks" and "Sit as planned" not in one.headline
    assert twenty.readiness.key != "protect_weeks"


def test_a_past_date_is_never_kept():
    a = link("score=205&attempts=2026-09-01&practice=nbme13:240@2026-11-10,nbme14:242@2026-11-18&exam_date=2026-11-01&today=2026-11-20")
    assert a.readiness.key == "new_date" and a.chosen_on >= TODAY and "Sit as planned" not in a.headline


def test_a_first_attempt_has_no_post_fail_delay_and_a_headline_that_agrees():
    # Not taken yet, NBMEs 250 and 252 (no specialty: aim 218 + 10 = 228, already passed by the practice): no weeks
    # are left to study for, no post-fail minimum applies, and the date 10 days away is kept.
    a = link("practice=nbme13:250@2026-11-10,nbme14:252@2026-11-15&exam_date=2026-11-30&today=2026-11-20")
    assert a.decision.key == "first_attempt" and a.readiness.key == "sit" and a.chosen_on == D(2026, 11, 30)
    assert a.headline == "Sit as planned · no extra weeks of study"
    # A first-timer 20 points short: the smallest delay that leaves the weeks, never the post-fail 2-week floor.
    b = link("practice=nbme13:210@2026-11-10,nbme14:212@2026-11-15&exam_date=2026-12-20&today=2026-11-20")
    need = b.weeks.weeks_max
    assert b.readiness.key == "delay" and b.chosen_on == TODAY + dt.timedelta(weeks=need)


# --- dates that follow the chosen date ----------------------------------------------------------------


def test_the_plan_and_the_release_follow_the_date_the_rules_allow():
    # Three fails in 2026: the fourth attempt not before 2027-03-01 (6 months after 2026-09-01). The planned
    # 2027-02-01 is forbidden: the chosen date is 2027-03-01 (its weeks, 6-11, are shorter than the wait).
    a = link("score=210&attempts=2026-01-10,2026-05-01,2026-09-01&exam_date=2027-02-01&today=2026-11-20")
    assert a.readiness.key == "delay" and a.chosen_on == D(2027, 3, 1)
    assert a.plan[-1].end == D(2027, 2, 28)
    release = next(d for d in a.dates if d.kind == "release")
    assert (release.start, release.end) == score_release_window(RULES, "step2ck", D(2027, 3, 1)) == (D(2027, 3, 22), D(2027, 3, 29))
    assert all(d.start != D(2027, 2, 1) or d.kind == "planned" for d in a.dates)


def test_the_standard_and_aim_are_those_in_force_on_the_chosen_date():
    # 205 on 2025-05-01 failed 214. The advised date is after 2025-07-01, so the retake faces 218 and, with no
    # specialty, the aim is 218 + 10 = 228 (not 214 and 224).
    a = assess(
        RULES,
        parse_profile({"score": "205", "attempts": "2025-05-01", "exam_date": "2025-06-20", "today": "2025-05-15"}, RULES, D(2025, 5, 15)),
    )
    assert a.chosen_on > D(2025, 7, 1)
    assert a.next_standard == 218 and a.target.value == 228


def test_a_later_planned_date_never_advises_an_earlier_sitting():
    base = {"score": "205", "attempts": "2026-09-01", "specialty": "internal-medicine", "today": "2026-11-20"}
    chosen = [
        assess(RULES, parse_profile(base | {"exam_date": (TODAY + dt.timedelta(days=d)).isoformat()}, RULES, TODAY)).chosen_on
        for d in range(0, 200)
    ]
    assert all(b >= a for a, b in itertools.pairwise(chosen))


# --- one link, one answer -----------------------------------------------------------------------------


def test_step1_aims_are_named_for_what_they_are():
    # Step 1 fail, pediatrics: the Step 1 retake aims for 196 + 10 = 206; the Step 2 CK aim later is 240-249.
    a = link("exam=step1&result=fail&attempts=2026-06-01&specialty=pediatrics&today=2026-11-20")
    rows = dict(summarize(RULES, a).sections[1][1])
    assert rows["Aim for your Step 1 retake"].startswith("206")
    assert rows["Step 2 CK aim later, Pediatrics"].startswith("240–249")


def test_probably_not_never_names_a_sitting():
    a = assess(RULES, parse_profile({"score": "219", "attempts": "2026-08-01", "specialty": "family-medicine", "exception": "yes", "cycle": "applying", "today": "2026-11-20"}, RULES, TODAY))  # fmt: skip
    assert a.decision.key == "probably_not" and a.headline == "Probably do not retake"


def test_the_match_ballpark_says_it_is_across_all_specialties():
    a = link("score=215&attempts=2026-09-01&specialty=dermatology&prior_fails=0&today=2026-11-20")
    rows = dict(summarize(RULES, a).sections[1][1])
    assert "across all specialties" in rows["Chance of matching, ballpark"]


# --- the article's own case and the why ---------------------------------------------------------------


def test_the_low_pass_articles_own_case_can_make_sense():
    # 216 on 2025-03-01 passed the 214 standard then; enrolled-student exception; emergency medicine (middle zone);
    # NBME 11 236, NBME 12 238, UWSA 2 240 (reads 5 high: 235) before it, all 230+ and 19+ above 216: the article
    # reads that as a test-day problem, so a big jump is plausible though no test is taken since; 8 weeks; reapplying.
    a = link(
        "score=216&attempts=2025-03-01&exception=yes&specialty=emergency-medicine"
        "&practice=nbme11:236@2025-01-20,nbme12:238@2025-02-05,uwsa2:240@2025-02-15&weeks=8&cycle=reapplying&today=2026-11-20"
    )
    assert a.decision.key == "can_make_sense" and a.decision.missing == ()
    assert "judged against the 214 standard in force then: a pass" in a.decision.reasons[0]
    practice = next(c for c in a.decision.checklist if c.key == "practice")
    assert "UWSA 2 240 counted as 235 (this form reads about 5 high)" in practice.value


def test_a_pass_at_the_fourth_attempt_is_not_called_four_attempts_without_a_pass():
    a = link("score=240&attempts=2023-01-10,2023-06-01,2024-01-15,2025-03-01&exception=yes&today=2026-11-20")
    assert a.standing.outcome == "pass" and not a.status.eligible
    assert "without a pass" not in " ".join(a.status.reasons) and "4 of 4 attempts at Step 2 CK" in a.status.reasons[0]


def test_step1_cbssas_all_below_the_standard_never_read_near_certain():
    a = link(
        "exam=step1&result=fail&attempts=2026-09-01&practice=nbme30:185@2026-10-20,nbme31:192@2026-11-10&exam_date=2027-01-10&today=2026-11-20"
    )
    for r in (a.projection.now, a.projection.planned):
        if r is not None:
            assert r.p_pass <= RULES.practice_tests.step1_model.max_pass_when_all_below


# --- the table is the document ------------------------------------------------------------------------


def test_docs_decisions_is_the_table_the_code_reads():
    assert (Path(__file__).parent.parent / "docs" / "decisions.md").read_text() == decisions_markdown(RULES)


# --- invariants over generated links ------------------------------------------------------------------

MANY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@MANY
@given(links())
def test_every_verdict_and_date_obeys_the_table(params):
    a = assess(RULES, parse_profile(params, RULES, D(2026, 11, 22)))
    p, r = a.profile, a.readiness
    if r is None:
        assert a.plan == () and a.dates == ()
        return
    permitted_from = a.status.earliest_next if a.status is not None and a.status.earliest_next else p.today
    # Sit only on evidence: a date ahead and permitted, enough protected weeks, a practice test that reads now.
    if r.key == "sit":
        assert p.exam_date is not None and p.exam_date >= p.today and p.exam_date >= permitted_from
        assert p.weeks is None or p.weeks >= a.weeks.weeks_min
        assert a.evidence.reading_now
        assert r.sit_on == p.exam_date
    # One chosen date: never before today or the attempt rules, never before the student's own date.
    assert r.sit_on >= p.today and r.sit_on >= permitted_from
    if p.exam_date is not None and p.exam_date >= p.today:
        assert r.sit_on >= p.exam_date
    # Everything dated follows it: the plan ends the day before, the release is 3-4 weeks after.
    if a.plan:
        assert a.plan[-1].end < r.sit_on
    release = next(d for d in a.dates if d.kind == "release")
    assert (release.start, release.end) == score_release_window(RULES, p.exam, r.sit_on)
    sittings = [d for d in a.dates if d.kind in ("exam", "proposed")]
    assert [d.start for d in sittings] == [r.sit_on]
    # The standard and the aim are those in force on the chosen date.
    assert a.next_standard == passing_standard_on(RULES, p.exam, r.sit_on).score
    if a.target.basis == "pass":
        assert a.target.value == passing_standard_on(RULES, p.exam, r.sit_on).score + RULES.targets.no_specialty.margin
    if a.projection is not None and a.projection.planned is not None:
        assert a.projection.planned.on == r.sit_on
    # "Not permitted" or "probably not" never names a sitting in the headline.
    if a.decision.key in ("not_permitted", "not_eligible", "probably_not"):
        assert r.heading not in a.headline and str(r.sit_on) not in a.headline


@MANY
@given(links(), st.integers(1, 60))
def test_a_later_planned_date_never_advises_an_earlier_sitting_anywhere(params, days):
    if "exam_date" not in params:
        return
    later = params | {"exam_date": (D.fromisoformat(params["exam_date"]) + dt.timedelta(days=days)).isoformat()}
    a = assess(RULES, parse_profile(params, RULES, D(2026, 11, 22)))
    b = assess(RULES, parse_profile(later, RULES, D(2026, 11, 22)))
    if a.chosen_on is not None and b.chosen_on is not None:
        assert b.chosen_on >= a.chosen_on


_KINDNESS = {"sit": 0, "plan": 1, "practice_first": 1, "protect_weeks": 1, "delay": 2, "new_date": 2}


@MANY
@given(links(), st.integers(1, 30))
def test_a_lower_practice_score_never_gets_fewer_weeks_or_a_kinder_verdict(params, drop):
    if "practice" not in params or "free120" in params["practice"]:
        return
    lowered = ",".join(
        f"{t.split(':')[0]}:{max(int(t.split(':')[1].split('@')[0]) - drop, 1)}@{t.split('@')[1]}" for t in params["practice"].split(",")
    )
    hi = assess(RULES, parse_profile(params, RULES, D(2026, 11, 22)))
    lo = assess(RULES, parse_profile(params | {"practice": lowered}, RULES, D(2026, 11, 22)))
    if hi.weeks is None or lo.weeks is None or hi.readiness is None or lo.readiness is None:
        return
    assert lo.weeks.weeks_max >= hi.weeks.weeks_max
    if hi.readiness.key == "delay":
        assert lo.readiness.key != "sit"
    assert lo.chosen_on >= hi.chosen_on


def test_the_weeks_needed_are_whole_and_ordered():
    # A sanity anchor for the invariants above: 23 points at 1.73 a week is 13.3, so 14 weeks, at 3.5 it is 7.
    a = link("score=205&attempts=2026-09-01&today=2026-11-20")
    assert (a.weeks.weeks_min, a.weeks.weeks_max) == (math.ceil(23 / 3.5), math.ceil(23 / 1.73))


@pytest.mark.parametrize("key", ["date_past", "date_forbidden", "no_evidence", "protected_short"])
def test_the_rules_check_keeps_the_gates_before_any_sit(tmp_path, key):
    import shutil

    import yaml

    from stepwise.rules import RulesInvalid

    folder = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent.parent / "rules", folder)
    data = yaml.safe_load((folder / "retake.yaml").read_text())
    data["readiness"]["rows"] = [r for r in data["readiness"]["rows"] if r["when"] != [key]]
    (folder / "retake.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(RulesInvalid) as err:
        load_rules(folder)
    assert any(p.file == "retake.yaml" and p.field == "readiness.rows" and key in p.expected for p in err.value.problems)


def test_one_practice_test_never_confirms_a_date_however_far():
    # One NBME 13 215 since the 2026-09-15 fail, the exam 14 weeks away: the weeks suffice, but the post-fail
    # article asks for scores consistent on 2+ tests, none near the line (218 + 9): not "sit", and the date is kept.
    a = link("score=212&attempts=2026-09-15&practice=nbme13:215@2026-11-15&exam_date=2027-02-26&today=2026-11-20")
    assert a.readiness.key == "practice_first" and "Sit as planned" not in a.headline
    assert a.chosen_on == D(2027, 2, 26)
    # A first attempt with one test at 210 (below 218): no evidence of readiness either.
    b = link("practice=nbme13:210@2026-11-15&exam_date=2027-03-01&today=2026-11-20")
    assert b.readiness.key == "practice_first"


@MANY
@given(links())
def test_sit_needs_two_consistent_tests_clear_of_the_line(params):
    a = assess(RULES, parse_profile(params, RULES, D(2026, 11, 22)))
    if a.readiness is None or a.readiness.key != "sit":
        return
    n = RULES.retake.sit_or_delay.min_consistent_tests
    recent = a.evidence.counted[-n:]
    line = passing_standard_on(RULES, a.profile.exam, a.readiness.sit_on).score + RULES.practice_tests.nbme_standard_error.points
    assert len(recent) >= n and min(t.adjusted for t in recent) >= line
