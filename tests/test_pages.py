"""Every page through Streamlit's AppTest: renders, reads the link, reacts to inputs."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs

import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from stepwise.examples import EXAMPLES, example
from stepwise.registry import PAGES as REGISTRY
from stepwise.registry import PROJECTION, RETAKE, START, STUDY, SUMMARY, TARGETS
from tests.shared import APP, FULL, HOSTILE, run, text, unescape
from tests.strategies import RULES, links

PAGES = [p.file for p in REGISTRY]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{}, FULL, HOSTILE], ids=["empty", "full", "hostile"])
def test_page_renders_without_exception(page, params):
    at = run(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page drew nothing"


def test_hostile_values_are_named_and_not_rendered():
    # The notices are drawn by app.py above every page; AppTest keeps the entry file's
    # elements for the default page only, so they are checked here and in the browser tests.
    at = run(START.file, HOSTILE)
    body = text(at)
    for param in ("score", "weeks", "specialty", "today", "exam", "cycle", "exception"):
        assert f"{param}:" in body, param
    assert "<script" not in body
    assert "](javascript" not in body  # no link can form from a URL value


def open_details(at: AppTest) -> AppTest:
    """Click "Change details" at the top of the page: the profile's inputs appear in a dialog."""
    return at.button(key="open_details").click().run()


def test_no_profile_input_on_a_page_until_change_details_is_clicked():
    # Inputs cost the server on every run, so a page carries none of the profile's; the top bar shows it in words.
    at = run(RETAKE.file, FULL)
    assert not any(w.key and str(w.key).startswith("details:") for w in [*at.number_input, *at.selectbox, *at.text_input, *at.date_input])
    bar = unescape(at.caption[0].value)
    assert bar.startswith("Step 2 CK 216 failed on 2026-08-01 (attempt 2) · 1 fail at another Step · Internal Medicine")
    assert "3 practice tests" in bar and "exam 2027-01-15" in bar and "8 study weeks" in bar and bar.endswith("as of 2026-11-20")


def test_change_details_starts_from_the_link():
    at = open_details(run(START.file, FULL))
    assert at.selectbox(key="details:in_exam").value == "step2ck"
    assert at.number_input(key="details:in_score").value == 216
    assert at.text_input(key="details:in_attempts").value == "2026-01-10, 2026-08-01"
    assert at.number_input(key="details:in_prior_fails").value == 1
    assert at.selectbox(key="details:in_specialty").value == "internal-medicine"
    assert str(at.date_input(key="details:in_exam_date").value) == "2027-01-15"
    assert at.number_input(key="details:in_weeks").value == 8
    assert at.selectbox(key="details:in_cycle").value == "applying"
    assert at.selectbox(key="details:in_exception").value == "no"
    assert str(at.date_input(key="details:in_today").value) == "2026-11-20"


def test_changing_a_detail_changes_the_link_and_the_verdict():
    # 219 on 2026-08-01 passes the 218 standard in force then: no retake. 205 fails it: retake required.
    params = {"score": "219", "attempts": "2026-08-01", "today": "2026-11-20"}
    at = run(RETAKE.file, params)
    assert "Retake not permitted" in text(at)
    at = open_details(at)
    at.number_input(key="details:in_score").set_value(205)
    at.button(key="details:apply").click().run()
    assert at.query_params["score"] in ("205", ["205"])
    assert at.query_params["attempts"] in ("2026-08-01", ["2026-08-01"])  # the rest of the link is kept
    assert "Retake required" in text(at)
    assert not any(str(w.key).startswith("details:") for w in at.number_input)  # the dialog closed


def test_clearing_a_detail_removes_it_from_the_link():
    at = open_details(run(TARGETS.file, FULL))
    at.selectbox(key="details:in_specialty").set_value(None)
    at.button(key="details:apply").click().run()
    assert "specialty" not in at.query_params
    assert at.query_params["practice"]  # practice tests are not in the dialog and stay in the link


def test_a_bad_practice_row_is_named_on_the_projection_page():
    at = run(PROJECTION.file, {"practice": "nbme12:230@2026-10-01,garbage", "today": "2026-11-20"})
    assert any("Test 2 ('garbage')" in unescape(w.value) for w in at.warning)


def test_retake_verdict_headings_from_links():
    cases = {
        "Not taken yet": {},
        "Not enough information": {"attempts": "2026-08-01", "today": "2026-11-20"},
        "Retake not permitted": {"score": "219", "attempts": "2026-08-01", "today": "2026-11-20"},
        "Retake required": {"score": "205", "attempts": "2026-08-01", "today": "2026-11-20"},
        "Not eligible to retake": {"result": "fail", "attempts": "2024-01-01,2024-05-01,2024-09-01,2025-10-01", "today": "2026-01-01"},
        "Retake can make sense": example("low_pass_article_exception").params,
        "Probably do not retake": {
            "score": "219",
            "attempts": "2026-08-01",
            "specialty": "family-medicine",
            "exception": "yes",
            "cycle": "applying",
            "today": "2026-11-20",
        },
    }
    for heading, params in cases.items():
        assert heading in text(run(RETAKE.file, params)), heading


def test_targets_page_shows_the_post_fail_aim():
    # One fail, internal medicine: the article's 230 + 10-15 = 240-245 sits below the matched lower quartile 243
    # and median 254 (NRMP 2026); a fail never lowers the aim, so the aim is 243-254.
    at = run(TARGETS.file, {"prior_fails": "1", "specialty": "internal-medicine", "today": "2026-11-20"})
    assert "Internal Medicine: aim for 243–254" in text(at)
    table = next(t.value for t in at.table if len(t.value) == 23)
    assert "243–254" in list(table["Your aim"])


def test_study_page_weeks_follow_the_score():
    low = run(STUDY.file, {"score": "180", "attempts": "2026-09-01", "today": "2026-11-20"})
    high = run(STUDY.file, {"score": "210", "attempts": "2026-09-01", "today": "2026-11-20"})
    assert "10–12 weeks" in text(low) and "4–5 weeks" in text(high)


def test_projection_page_table_updates_the_link():
    at = run(PROJECTION.file, {"practice": "nbme12:230@2026-10-01", "exam_date": "2026-12-01", "today": "2026-11-20"})
    assert "If you sat now" in text(at)
    assert "How this is worked out, and its limits" in [e.label for e in at.expander]


def test_projection_page_names_bad_rows_and_projects_the_rest():
    at = run(PROJECTION.file, {"practice": "nbme12:230@2026-10-01,nbme99:230@2026-10-02", "today": "2026-11-20"})
    assert "test 2" in text(at) and "If you sat now" in text(at)


def test_summary_offers_every_download():
    at = run(SUMMARY.file, FULL)
    assert not at.get("download_button")  # the files wait in the Downloads dialog
    assert any("today=2026-11-20" in c.value for c in at.code)
    at.button(key="open_files").click().run()
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["PDF handout (US Letter)", "PDF handout (A4)", "Markdown (plain text)", "Practice tests (.csv)", "Calendar (.ics)"]
    assert not at.exception


def test_study_offers_its_files_in_a_dialog():
    at = run(STUDY.file, FULL)
    assert not at.get("download_button")
    at.button(key="open_files").click().run()
    assert [b.label for b in at.get("download_button")] == ["Calendar (.ics)", "Plan (.csv)"]
    assert not at.exception


@pytest.mark.parametrize("page", [STUDY.file, PROJECTION.file, SUMMARY.file])
def test_a_normal_run_draws_no_input_only_dialog_buttons(page):
    # Every widget costs the server on every run: inputs and files wait in dialogs, drawn while open.
    at = run(page, FULL)
    assert not at.exception
    for kind in ("selectbox", "number_input", "date_input", "text_input", "download_button"):
        assert not at.get(kind), (page, kind)
    assert all(b.key and b.key.startswith("open_") for b in at.button), [b.key for b in at.button]


def test_broken_rules_show_named_problems_and_run_no_page(tmp_path, monkeypatch):
    import shutil

    from stepwise.rules import DEFAULT_RULES_DIR

    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    path = folder / "study.yaml"
    path.write_text(path.read_text().replace("typical: 1.73", "typical: quick"))
    monkeypatch.setenv("STEPWISE_RULES_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    df = at.table[0].value
    assert list(df["File"]) == ["study.yaml"] and list(df["Field"]) == ["gain_per_week.typical"]
    assert not at.title  # no page ran


def test_start_page_names_the_situation_from_the_score():
    # A 205 in 2026 is a Step 2 CK fail even without result=fail; a 230 is a (low) pass.
    failed = text(run(START.file, {"score": "205", "attempts": "2026-09-01", "prior_fails": "1", "today": "2026-11-20"}))
    assert "I failed Step 2 CK." in failed
    passed = text(run(START.file, {"score": "225", "attempts": "2026-09-01", "today": "2026-11-20"}))
    assert "I passed Step 2 CK, but low." in passed
    prep = text(run(START.file, {"prior_fails": "1", "today": "2026-11-20"}))
    assert "preparing Step 2 CK after an earlier fail." in prep


def test_choosing_a_situation_writes_it_into_the_link():
    at = run(START.file, {"today": "2026-11-20"})
    at.radio(key="situation").set_value("failed_step1").run()
    assert (at.query_params["exam"], at.query_params["result"]) in (("step1", "fail"), (["step1"], ["fail"]))
    assert "I failed Step 1." in text(at) and at.radio(key="situation").value == "failed_step1"
    # Preparing Step 2 CK after that fail: no Step 2 CK result yet, so the Step 1 result must not stay in the link
    # (a Step 2 CK "fail" would make it the other situation).
    at.radio(key="situation").set_value("step2_after_fail").run()
    assert "result" not in at.query_params
    assert (at.query_params["exam"], at.query_params["prior_fails"]) in (("step2ck", "1"), (["step2ck"], ["1"]))
    assert "preparing Step 2 CK after an earlier fail." in text(at)
    assert at.radio(key="situation").value == "step2_after_fail"


def test_worked_examples_open_in_a_dialog_and_stay_closed_afterwards():
    at = run(START.file, {"today": "2026-11-20"})
    assert "A 216 in March 2025 passed" not in text(at)  # drawn only while the dialog is open
    next(b for b in at.button if b.label == "Open the worked examples").click().run()
    body = text(at)
    for ex in EXAMPLES:
        assert ex.title in body, ex.key
    links = {link.label: link for link in at.get("page_link")}
    for ex in EXAMPLES:
        assert ex.link_label in links, ex.key
    at.run()  # a later run of the page (coming back to it): the dialog is not drawn again
    assert "A 216 in March 2025 passed" not in text(at)


def test_retake_after_a_fail_gives_one_verdict_box_the_attempts_and_both_dates():
    # 209 on 2026-09-20 fails (standard 218 since 2025-07-01): the first of USMLE's 4 attempts at a Step, the next
    # allowed at once (a second attempt within 12 months is fine). Exam planned 2027-01-25.
    params = {"score": "209", "attempts": "2026-09-20", "practice": "nbme11:201@2026-10-20,uwsa1:222@2026-11-10",
              "exam_date": "2027-01-25", "today": "2026-11-20"}  # fmt: skip
    at = run(RETAKE.file, params)
    boxes = [*at.success, *at.warning, *at.error, *at.info]
    assert len(boxes) == 1 and "Retake required" in boxes[0].value
    body = text(at).replace("**", "")  # as read: without the bold marks
    assert "Attempts used: 1 of 4 · left: 3 · next attempt allowed: now" in body
    assert "Your date: 2027-01-25." in body
    assert not at.get("metric")


def test_the_retake_checklist_is_one_table_of_what_each_answer_should_be():
    # The enrolled-student example: every condition for a retake holds and no reason against it does, so in the one
    # table each answer is what it should be (yes to the six conditions, no to the four reasons against).
    at = run(RETAKE.file, example("low_pass_article_exception").params)
    checklist = next(t.value for t in at.table if "Should be" in t.value.columns)
    assert list(checklist["Should be"]) == ["Yes"] * 6 + ["No"] * 4
    assert list(checklist["You"]) == list(checklist["Should be"])
    assert checklist["Condition or reason against"].iloc[0] == "Your score is 220 or lower"
    next(b for b in at.button if b.label.startswith("When a pass can be retaken")).click().run()
    body = text(at)
    assert "Enrolled-student exception" in body and "How programs read each outcome" in body


def test_targets_dialogs_hold_every_column_and_how_programs_weigh_a_fail():
    at = run(TARGETS.file, {"prior_fails": "1", "specialty": "internal-medicine", "today": "2026-11-20"})
    assert not at.get("toggle") and not at.get("metric") and not at.expander
    next(b for b in at.button if b.label == "Every column, and older figures").click().run()
    wide = next(t.value for t in at.table if "Group" in t.value.columns)
    im = wide[wide["Specialty"] == "Internal Medicine"].iloc[0]
    assert im["Matched lower quartile · median · upper quartile"].startswith("243 · 254 · ")  # NRMP 2026
    assert "Older figures" in text(at)
    at = run(TARGETS.file, {"prior_fails": "1", "specialty": "internal-medicine", "today": "2026-11-20"})
    next(b for b in at.button if b.label == "How programs weigh a fail").click().run()
    rates = next(t.value for t in at.table if "Fails on record" in t.value.columns)
    # The article's ballpark: about 90% with no fail, 70% with one, 45% with two or more; one fail here.
    assert list(rates["Chance of matching, ballpark"]) == ["about 90%", "about 70%", "about 45%"]
    assert list(rates["Fails on record"]) == ["No fails", "→ 1 fail", "2+ fails"]


def test_targets_page_gives_the_score_percentile():
    at = run(TARGETS.file, {"score": "250", "attempts": "2026-08-01", "today": "2026-11-20"})
    # The percentile table (norm group 2023-26) puts 250 at 44.
    assert "higher than about 44% of first-takers" in text(at)


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: e.key)
def test_every_worked_example_opens_cleanly(ex):
    at = run(ex.page.file, ex.params)
    assert not at.exception and at.title
    assert "could not be read" not in text(at)


def _figures_on(page: str, a) -> list[str]:
    """What the page must show of the assessment, as a reader would read it."""
    if page.endswith("retake.py"):
        out = [a.decision.heading]
        if a.readiness is not None and a.shows_sitting:
            out.append(a.readiness.heading)
        return out
    if page.endswith("study.py"):
        if a.weeks is None:
            return [a.no_plan or ""]
        return [f"{a.weeks.text} of dedicated study", *([a.readiness.heading] if a.readiness and a.shows_sitting else [])]
    if page.endswith("projection.py"):
        proj = a.projection
        out = [f"{proj.now.low:.0f}–{proj.now.high:.0f}"] if proj is not None and proj.now is not None else []
        if proj is not None and proj.planned is not None:  # the chosen date's reading
            out.append(f"{proj.planned.low:.0f}–{proj.planned.high:.0f}")
        return out
    if page.endswith("targets.py"):
        return [f"aim for {a.aim.low}–{a.aim.high}"] if a.aim is not None else []
    if page.endswith("summary.py"):
        return [a.headline]
    return []


GENERATED = [
    {"score": "209", "attempts": "2026-09-20", "specialty": "pediatrics", "practice": "nbme11:201@2026-10-20,uwsa1:222@2026-11-10",
     "exam_date": "2027-01-25", "cycle": "reapplying", "today": "2026-11-20"},
    {"score": "219", "attempts": "2025-09-10", "weeks": "10", "today": "2026-11-20"},
    {"exam": "step1", "score": "172", "attempts": "2020-05-01", "exam_date": "2020-07-15", "today": "2020-05-25"},
    {"exam": "step1", "result": "fail", "attempts": "2026-06-01", "specialty": "internal-medicine", "today": "2026-11-20"},
    {"score": "230", "attempts": "2026-08-01", "specialty": "emergency-medicine", "exception": "yes", "cycle": "none",
     "practice": "nbme13:236@2026-07-01,nbme15:245@2026-11-01", "weeks": "8", "today": "2026-11-20"},
    {"prior_fails": "1", "specialty": "dermatology", "practice": "free120:72@2026-11-01,nbme12:240@2026-11-10",
     "exam_date": "2027-02-01", "today": "2026-11-20"},
]  # fmt: skip


@pytest.mark.parametrize("params", GENERATED, ids=lambda p: "-".join(f"{k}={v}" for k, v in list(p.items())[:2]))
@pytest.mark.parametrize("page", [RETAKE.file, STUDY.file, PROJECTION.file, TARGETS.file, SUMMARY.file])
def test_every_page_shows_the_assessments_figures(page, params):
    import datetime as dt

    from stepwise.assess import assess
    from stepwise.profile import parse_profile
    from stepwise.rules import load_rules

    rules = load_rules()
    a = assess(rules, parse_profile(params, rules, dt.date(2026, 11, 22)))
    body = text(run(page, params))
    for figure in _figures_on(page, a):
        assert figure in body, (page, figure)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(link=links())
def test_generated_links_show_the_same_figures_on_every_page(link):
    import datetime as dt

    from stepwise.assess import assess
    from stepwise.profile import parse_profile

    a = assess(RULES, parse_profile(link, RULES, dt.date(2026, 11, 22)))
    for page in (RETAKE.file, STUDY.file, PROJECTION.file, TARGETS.file, SUMMARY.file):
        at = run(page, link)
        assert not at.exception, [e.value for e in at.exception]
        body = text(at)
        for figure in _figures_on(page, a):
            assert figure in body, (page, figure)


def _practice(at: AppTest) -> str:
    value = at.query_params["practice"]
    return value[-1] if isinstance(value, list) else value


def _add_test(at: AppTest, form: str, score: int | None, taken: dt.date | None) -> AppTest:
    at.button(key="open_tests").click().run()
    at.selectbox(key="tests:form").set_value(form)
    if score is not None:
        at.number_input(key="tests:score").set_value(score)
    if taken is not None:
        at.date_input(key="tests:date").set_value(taken)
    return at.button(key="tests:add_go").click().run()


def test_adding_and_removing_a_practice_test_changes_the_link_and_the_range():
    # By hand, from rules/practice_tests.yaml: tests taken today weigh 1 each; below 235 the practice score is
    # read at its word (no lift). SD = sqrt(9² + ((11·sqrt(π/2))² − 9²) / n) (n tests), range = centre ± 1.2816 SD.
    # One NBME 12 of 220: SD 13.79, 220 ± 17.67 = 202–238.
    at = run(PROJECTION.file, {"practice": "nbme12:220@2026-11-20", "today": "2026-11-20"})
    assert "202–238" in text(at)
    # Add an NBME 13 of 230 the same day: centre 225, SD 11.64, 225 ± 14.92 = 210–240.
    _add_test(at, "nbme13", 230, dt.date(2026, 11, 20))
    assert not at.exception, [e.value for e in at.exception]
    assert _practice(at) == "nbme12:220@2026-11-20,nbme13:230@2026-11-20"
    assert "210–240" in text(at) and "202–238" not in text(at)
    assert not at.get("selectbox")  # the dialog closed with the change
    # Remove the NBME 12: the NBME 13 alone, 230 ± 17.67 = 212–248.
    at.button(key="open_tests").click().run()
    at.selectbox(key="tests:remove").set_value("nbme12:220@2026-11-20")
    at.button(key="tests:remove_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _practice(at) == "nbme13:230@2026-11-20"
    assert "212–248" in text(at) and "210–240" not in text(at)
    # Opened again, nothing is chosen: pressing Remove removes nothing, says why and breaks nothing.
    at.button(key="open_tests").click().run()
    assert at.selectbox(key="tests:remove").value is None
    at.button(key="tests:remove_go").click().run()
    assert not at.exception and _practice(at) == "nbme13:230@2026-11-20"
    assert any("Choose the test to remove" in unescape(w.value) for w in at.warning)


def test_the_same_test_twice_is_not_added():
    at = run(PROJECTION.file, {"practice": "nbme12:230@2026-10-01", "today": "2026-11-20"})
    _add_test(at, "nbme12", 231, dt.date(2026, 10, 1))
    assert _practice(at) == "nbme12:230@2026-10-01"
    assert any("already in your list" in unescape(w.value) for w in at.warning)
    assert at.selectbox(key="tests:form")  # still open, to mend the entry


def test_adding_a_test_without_a_score_says_what_is_missing():
    at = run(PROJECTION.file, {"today": "2026-11-20"})
    assert [b.label for b in at.button if b.key == "open_tests"] == ["Add a practice test"]
    _add_test(at, "nbme12", None, None)
    assert any("Enter the score and the date" in unescape(w.value) for w in at.warning)
    assert "practice" not in at.query_params


def test_a_long_advised_delay_opens_the_projection():
    # A 150 fail with practice far below the aim: the chosen date is past the projection's 12-week reach
    # (practice_tests.yaml: stale_after_weeks 12), so there is no what-if beyond it, and the page says why.
    from bench.client import FULL as BENCH_LINK

    params = dict(item.split("=", 1) for item in BENCH_LINK.split("&"))
    at = run(PROJECTION.file, params | {"score": "150"})
    assert not at.exception, [e.value for e in at.exception]
    body = text(at)
    assert "What if I sit" not in body
    assert re.search(r"A sitting after \d{4}-\d\d-\d\d is more than 12 weeks after your newest practice test \(\d{4}-\d\d-\d\d\)", body), (
        body
    )


def menu_links(at: AppTest) -> dict[str, str]:
    """The sidebar menu's links: label -> the query string each carries."""
    return {e.proto.label: e.proto.query_string for e in at.sidebar.get("page_link")}


def test_every_menu_link_carries_the_profile():
    # Streamlit's own menu drops the query string on a page switch, and a new process (a restart, another
    # replica, an expired session) has no memory of it: each menu link carries the profile instead.
    at = run(RETAKE.file, FULL)
    links = menu_links(at)
    assert list(links) == [p.title for p in REGISTRY]
    for carried in links.values():
        assert {k: v[-1] for k, v in parse_qs(carried).items()} == FULL


def test_a_page_switch_is_read_from_the_link_alone():
    # No session memory: a page switch that arrives without the query (as Streamlit's own menu sends it) shows
    # an empty profile, on any process, so the menu never relies on it.
    at = run(START.file, FULL)
    at.switch_page(TARGETS.file)
    at.query_params.clear()
    at.run()
    assert not at.exception
    assert not dict(at.query_params)
    assert "nothing entered yet" in unescape(at.caption[0].value)
    assert all(q == "" for q in menu_links(at).values())  # an address with no parameters: links with none


def test_a_link_emptied_on_purpose_stays_empty():
    # Clearing every detail leaves an empty link; the next run must not bring the old profile back.
    at = open_details(run(START.file, {"attempts": "2026-08-01"}))
    at.text_input(key="details:in_attempts").set_value("")
    at.button(key="details:apply").click().run()
    assert dict(at.query_params) == {"exam": "step2ck"}  # only the Step, which links always carry
    at.run()
    assert dict(at.query_params) == {"exam": "step2ck"}
    assert "nothing entered yet" in unescape(at.caption[0].value)


def test_a_kept_assessment_is_never_one_from_another_day(monkeypatch):
    # The session keeps the assessments of its last links; the date is part of what they answer for.
    import app_pages.link as common

    monkeypatch.setattr(common, "real_today", lambda: dt.date(2026, 11, 20))
    at = run(RETAKE.file, {"score": "205", "attempts": "2026-08-01"})
    assert at.session_state["_stepwise_ctx"].profile.today == dt.date(2026, 11, 20)
    monkeypatch.setattr(common, "real_today", lambda: dt.date(2026, 11, 21))
    at.run()
    assert at.session_state["_stepwise_ctx"].profile.today == dt.date(2026, 11, 21)


WIDGETS = {"button", "radio", "checkbox", "toggle", "selectbox", "number_input", "text_input", "date_input", "pills"}


def _own(at: AppTest) -> list[str]:
    """The kinds of everything the page itself drew (blocks too), from its title on: the top bar is the shell's."""
    top = list(at.main.children.values())
    start = next(i for i, node in enumerate(top) if node.type == "title")

    def walk(node) -> list[str]:
        return [node.type, *(k for child in getattr(node, "children", {}).values() for k in walk(child))]

    return [k for node in top[start:] for k in walk(node)]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "params",
    [{}, FULL, *GENERATED[:4], example("low_pass_article_exception").params, example("pass_216_march_2025").params],
    ids=lambda p: "-".join(f"{k}={v}" for k, v in list(p.items())[:2]) or "empty",
)
def test_a_page_stays_within_its_element_budget(page, params):
    # Each element sent costs the server about 0.25 ms a run and each widget about 0.5 ms: a page's own content
    # stays at 12 elements (blocks included) or fewer, at most 2 of them widgets.
    own = _own(run(page, params))
    assert len(own) <= 12 and sum(k in WIDGETS for k in own) <= 2, own


def test_the_retake_chart_draws_the_standard_the_retake_faces():
    # 212 on 2025-05-01 failed the 214 standard then in force; a retake on 2027-01-10 is judged against 218
    # (in force since 2025-07-01), so the chart's passing line reads 218.
    params = {"score": "212", "attempts": "2025-05-01", "practice": "nbme15:225@2026-11-10", "exam_date": "2027-01-10"}
    at = run(RETAKE.file, params | {"today": "2026-11-23"})
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Pass 218" in spec and "Pass 214" not in spec


def test_the_retake_chart_draws_the_chosen_date_never_the_one_advised_against():
    # The chosen date is past the projection's reach and the student's own date is advised against: the chart
    # draws neither the advised-against 2027-01-25 nor a range it cannot read, but "if you sat now", the range
    # the projection page gives for now.
    import json

    params = {
        "score": "209",
        "attempts": "2026-09-20",
        "specialty": "pediatrics",
        "exam_date": "2027-01-25",
        "practice": "nbme13:205@2026-10-20,uwsa2:212@2026-11-10",
        "weeks": "8",
        "today": "2026-11-23",
    }
    at = run(RETAKE.file, params)
    assert "StepWise advises against this date" in text(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not any(t.get("y") == ["Retake on 2027-01-25"] for t in spec["data"])
    retake = next(t for t in spec["data"] if t.get("y") == ["If you sat now"])
    said = re.search(r"If you sat now\*\*\s+##+ (\d+)–(\d+)", text(run(PROJECTION.file, params)))
    mid = retake["x"][0]
    low, high = mid - retake["error_x"]["arrayminus"][0], mid + retake["error_x"]["array"][0]
    assert said and (round(low), round(high)) == (int(said.group(1)), int(said.group(2)))


def test_a_detail_that_cannot_be_read_keeps_the_dialog_open_and_the_link_as_it_was():
    # "2026-13-45" is no calendar date: nothing is written, the valid attempt stays, the dialog says why in its words.
    params = {"score": "209", "attempts": "2026-09-20", "today": "2026-11-23"}
    at = open_details(run(RETAKE.file, params))
    at.text_input(key="details:in_attempts").set_value("2026-13-45, yesterday")
    at.button(key="details:apply").click().run()
    assert at.query_params["attempts"] in ("2026-09-20", ["2026-09-20"])
    said = " ".join(unescape(e.value) for e in at.error)
    assert "Attempt dates at this Step" in said and "2026-13-45" in said and "not a real calendar date" in said
    assert at.text_input(key="details:in_attempts").value == "2026-13-45, yesterday"  # still open, as typed
    at.text_input(key="details:in_attempts").set_value("2026-09-20, 2026-11-01")
    at.button(key="details:apply").click().run()
    assert at.query_params["attempts"] in ("2026-09-20,2026-11-01", ["2026-09-20,2026-11-01"])
    assert at.query_params["exam"] in ("step2ck", ["step2ck"])  # the link always names the Step


def test_a_kept_pass_is_not_given_a_chance_of_passing():
    # 225 on 2026-09-20 passes the 218 standard: the projection speaks of the aim (pediatrics without a fail: the
    # NRMP 2026 matched lower quartile, 239),
    # never of "passing" again.
    params = {"score": "225", "attempts": "2026-09-20", "specialty": "pediatrics", "practice": "nbme13:230@2026-11-10"}
    body = text(run(PROJECTION.file, params | {"today": "2026-11-23"}))
    assert "If you sat now" in body and "Chance of reaching 239" in body
    assert "Chance of passing" not in body
