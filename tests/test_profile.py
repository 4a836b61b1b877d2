"""The URL contract: every parameter read, bad values ignored with a notice naming them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.profile import PARAMS, PracticeTest, Profile, parse_profile, practice_with, to_query
from tests.shared import REAL_TODAY

FULL = {
    "exam": "step2ck",
    "score": "216",
    "result": "fail",
    "attempts": "2026-01-10,2026-08-01",
    "prior_fails": "1",
    "specialty": "internal-medicine",
    "practice": "nbme12:238@2026-10-01,uwsa2:245@2026-10-20,free120:72@2026-10-25",
    "exam_date": "2027-01-15",
    "weeks": "8",
    "cycle": "applying",
    "exception": "no",
    "today": "2026-11-20",
}


def test_every_contract_parameter_is_read(rules):
    parsed = parse_profile(FULL, rules, REAL_TODAY)
    p = parsed.profile
    assert parsed.notices == ()
    assert (p.exam, p.score, p.result, p.prior_fails, p.specialty, p.weeks, p.cycle, p.exception) == (
        "step2ck",
        216,
        "fail",
        1,
        "internal-medicine",
        8,
        "applying",
        False,
    )
    assert p.attempts == (dt.date(2026, 1, 10), dt.date(2026, 8, 1))
    assert p.practice[0] == PracticeTest("nbme12", 238, dt.date(2026, 10, 1))
    assert p.exam_date == dt.date(2027, 1, 15) and p.today == dt.date(2026, 11, 20) and p.today_pinned


def test_round_trip_through_the_url(rules):
    p = parse_profile(FULL, rules, REAL_TODAY).profile
    assert to_query(p) == FULL
    assert parse_profile(to_query(p), rules, REAL_TODAY).profile == p


def test_defaults_with_no_parameters(rules):
    parsed = parse_profile({}, rules, REAL_TODAY)
    assert parsed.notices == () and parsed.profile == Profile(today=REAL_TODAY)


def notices_for(rules, **params):
    return {n.param: n.message for n in parse_profile(params, rules, REAL_TODAY).notices}


def test_hostile_and_malformed_values_are_named(rules):
    got = notices_for(
        rules,
        score="abc",
        weeks="99999",
        specialty="<script>alert(1)</script>",
        today="2026-99-99",
        exam="step3",
        cycle="maybe",
        exception="perhaps",
        prior_fails="-1",
    )
    assert set(got) == {"score", "weeks", "specialty", "today", "exam", "cycle", "exception", "prior_fails"}
    assert "<" not in got["specialty"] and "script" in got["specialty"]
    assert "not a real calendar date" in got["today"]


def test_out_of_range_score(rules):
    p = parse_profile({"score": "99999"}, rules, REAL_TODAY)
    assert p.profile.score is None and p.notices[0].param == "score"


def attempt_list(n: int) -> str:
    return ",".join((dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(n))


def test_five_hundred_attempt_dates_are_refused(rules):
    p = parse_profile({"attempts": attempt_list(500)}, rules, REAL_TODAY)
    assert p.profile.attempts == () and p.notices[0].param == "attempts" and "characters long" in p.notices[0].message


def test_more_attempts_than_any_limit_ever_allowed(rules):
    p = parse_profile({"attempts": attempt_list(100)}, rules, REAL_TODAY)
    assert p.profile.attempts == () and "100 dates" in p.notices[0].message and "more than 6" in p.notices[0].message


def test_huge_values_are_refused(rules):
    p = parse_profile({"practice": "x" * 100_000}, rules, REAL_TODAY)
    assert p.profile.practice == () and "characters long" in p.notices[0].message


def test_bad_practice_rows_are_named_and_the_rest_kept(rules):
    parsed = parse_profile(
        {
            "practice": "nbme12:238@2026-10-01,garbage,nbme99:240@2026-10-02,free120:150@2026-10-03,uwsa1:240@2027-05-01,nbme25:230@2026-10-04",
            "exam_date": "2027-01-01",
        },
        rules,
        REAL_TODAY,
    )
    assert [t.form for t in parsed.profile.practice] == ["nbme12"]
    msgs = [n.message for n in parsed.notices]
    assert msgs[0].startswith("test 2 ('garbage')")
    assert "test 3" in msgs[1] and "not a form" in msgs[1]
    assert "test 4" in msgs[2] and "outside Free 120" in msgs[2]
    assert "test 5" in msgs[3] and "after today" in msgs[3]
    assert "test 6" in msgs[4] and "Step 1 form" in msgs[4]


def test_score_and_result_that_disagree_are_both_kept(rules):
    # The parser reads values, it does not judge them: policy.standing reconciles a score and a
    # result (tests/test_policy.py), so both survive parsing without a notice.
    p = parse_profile({"score": "230", "result": "fail", "attempts": "2026-01-01"}, rules, REAL_TODAY)
    assert (p.profile.score, p.profile.result) == (230, "fail") and p.notices == ()


def test_unknown_parameters_are_named_but_streamlit_own_are_not(rules):
    got = notices_for(rules, utm_source="mail", embed="true")
    assert list(got) == ["utm_source"]


def test_practice_with_adds_in_date_order_and_removes(rules):
    p = parse_profile({"practice": "nbme12:238@2026-10-01,uwsa2:245@2026-10-20", "today": "2026-11-20"}, rules, dt.date(2026, 11, 20))
    added = practice_with(p.profile, added=PracticeTest("free120", 72.0, dt.date(2026, 10, 10)))
    assert added == "nbme12:238@2026-10-01,free120:72@2026-10-10,uwsa2:245@2026-10-20"
    assert practice_with(p.profile, removed=0) == "uwsa2:245@2026-10-20"
    one = parse_profile({"practice": "nbme12:238@2026-10-01", "today": "2026-11-20"}, rules, dt.date(2026, 11, 20))
    assert practice_with(one.profile, removed=0) is None


# Property-based: whatever a link carries, the parser never raises, and what it accepts is in range.
values = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"-?\d{1,6}", fullmatch=True),
    st.from_regex(r"\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2}){0,8}", fullmatch=True),
    st.from_regex(r"([a-z0-9]{1,8}:\d{1,3}@\d{4}-\d{2}-\d{2},?){1,5}", fullmatch=True),
    st.sampled_from(["step1", "step2ck", "pass", "fail", "yes", "no", "none", "applying", "reapplying", "internal-medicine", ""]),
    st.lists(st.text(max_size=10), max_size=3),
)
params = st.dictionaries(st.one_of(st.sampled_from(PARAMS), st.text(max_size=12)), values, max_size=14)


@settings(max_examples=400, deadline=None)
@given(params)
def test_parser_never_raises_and_accepts_only_valid_values(rules, raw):
    parsed = parse_profile(raw, rules, REAL_TODAY)
    p = parsed.profile
    lim, scale = rules.exams.input_limits, rules.exams.score_scale
    assert p.exam in ("step1", "step2ck")
    assert p.score is None or scale.min <= p.score <= scale.max
    assert p.prior_fails is None or 0 <= p.prior_fails <= lim.max_prior_fails
    assert p.weeks is None or 0 <= p.weeks <= lim.max_weeks
    assert p.specialty is None or rules.specialty(p.specialty) is not None
    assert p.cycle in (None, "none", "applying", "reapplying")
    assert all(lim.earliest_date <= d <= p.today for d in p.attempts)
    assert len(p.practice) <= lim.max_practice_tests
    for t in p.practice:
        form = rules.form(t.form)
        assert form is not None and form.exam == p.exam and form.scores.min <= t.score <= form.scores.max and t.taken <= p.today
    # Whatever was accepted survives a round trip through the URL unchanged.
    assert parse_profile(to_query(p), rules, REAL_TODAY).profile == p
    for n in parsed.notices:
        assert "<" not in n.message and ">" not in n.message


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=3000), max_size=12))
def test_parser_survives_long_and_odd_text(rules, raw):
    parse_profile(raw, rules, REAL_TODAY)
