"""Every page through Streamlit's AppTest: renders, reads the link, reacts to inputs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from stepwise.examples import EXAMPLES, example
from stepwise.registry import PAGES as REGISTRY
from tests.test_assess import RULES, links

APP = str(Path(__file__).resolve().parent.parent / "app.py")

PAGES = [p.file for p in REGISTRY]
START = next(p.file for p in REGISTRY if p.is_start)

FULL = {
    "exam": "step2ck",
    "score": "216",
    "attempts": "2026-01-10,2026-08-01",
    "prior_fails": "1",
    "specialty": "internal-medicine",
    "practice": "nbme12:228@2026-10-01,uwsa2:245@2026-10-20,free120:72@2026-10-25",
    "exam_date": "2027-01-15",
    "weeks": "8",
    "cycle": "applying",
    "exception": "no",
    "today": "2026-11-20",
}
HOSTILE = {
    "score": "abc",
    "weeks": "99999",
    "specialty": "<script>alert(1)</script>",
    "today": "2026-99-99",
    "attempts": ",".join(f"2020-01-{d:02d}" for d in range(1, 29)) * 20,
    "practice": "garbage,nbme12:999@2026-01-01,[x](javascript:alert(1))",
    "exam": "step9",
    "cycle": "' OR 1=1 --",
    "exception": "{{7*7}}",
    "prior_fails": "1e9",
    "exam_date": "tomorrow",
    "result": "maybe",
}


def run(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != START:
        at.switch_page(page)  # pages are known after the first run
        at.query_params.clear()
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.run()
    return at


def text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += [str(e.body) for coll in (at.success, at.warning, at.error, at.info) for e in coll]
    parts += [e.value for e in at.caption]
    return unescape("\n".join(str(p) for p in parts))


def unescape(markdown: str) -> str:
    """The text a reader sees: the pages escape markdown's special characters with backslashes."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{}, FULL, HOSTILE], ids=["empty", "full", "hostile"])
def test_page_renders_without_exception(page, params):
    at = run(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page drew nothing"


def test_hostile_values_are_named_and_not_rendered():
    # The notices are drawn by app.py above every page; AppTest keeps the entry file's
    # elements for the default page only, so they are checked here and in the browser tests.
    at = run("app_pages/start.py", HOSTILE)
    body = text(at)
    for param in ("score", "weeks", "specialty", "today", "exam", "cycle", "exception"):
        assert f"{param}:" in body, param
    assert "<script" not in body
    assert "](javascript" not in body  # no link can form from a URL value


def test_link_seeds_every_sidebar_input():
    at = run("app_pages/start.py", FULL)
    sb = at.sidebar
    assert sb.selectbox(key="in_exam").value == "step2ck"
    assert sb.number_input(key="in_score").value == 216
    assert sb.text_input(key="in_attempts").value == "2026-01-10, 2026-08-01"
    assert sb.number_input(key="in_prior_fails").value == 1
    assert sb.selectbox(key="in_specialty").value == "internal-medicine"
    assert str(sb.date_input(key="in_exam_date").value) == "2027-01-15"
    assert sb.number_input(key="in_weeks").value == 8
    assert sb.selectbox(key="in_cycle").value == "applying"
    assert sb.selectbox(key="in_exception").value == "no"
    assert str(at.date_input(key="in_today").value) == "2026-11-20"


def test_changing_an_input_changes_the_link_and_the_verdict():
    params = {"score": "219", "attempts": "2026-08-01", "today": "2026-11-20"}
    assert "Retake not permitted" in text(run("app_pages/retake.py", params))
    at = run("app_pages/start.py", params)
    at.sidebar.number_input(key="in_score").set_value(205).run()
    assert at.query_params["score"] in ("205", ["205"])
    changed = dict(at.query_params)
    assert "Retake required" in text(run("app_pages/retake.py", {k: v if isinstance(v, str) else v[-1] for k, v in changed.items()}))


def test_a_bad_practice_row_is_named_on_the_projection_page():
    at = run("app_pages/projection.py", {"practice": "nbme12:230@2026-10-01,garbage", "today": "2026-11-20"})
    assert any("Test 2 ('garbage')" in unescape(w.value) for w in at.warning)


def test_retake_verdict_headings_from_links():
    cases = {
        "Not enough information": {},
        "Retake not permitted": {"score": "219", "attempts": "2026-08-01", "today": "2026-11-20"},
        "Retake required": {"score": "205", "attempts": "2026-08-01", "today": "2026-11-20"},
        "Not eligible to retake": {"result": "fail", "attempts": "2024-01-01,2024-05-01,2024-09-01,2025-10-01", "today": "2026-01-01"},
        "Retake can make sense": example("seed003_low_pass_exception").params,
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
        assert heading in text(run("app_pages/retake.py", params)), heading


def test_targets_page_shows_the_post_fail_aim():
    # One fail, internal medicine: the article's 230 + 10-15 = 240-245 sits below the matched lower quartile 243
    # and median 254 (NRMP 2026); a fail never lowers the aim, so the aim is 243-254.
    at = run("app_pages/targets.py", {"prior_fails": "1", "specialty": "internal-medicine", "today": "2026-11-20"})
    assert "Internal Medicine: aim for 243–254" in text(at)
    table = next(t.value for t in at.table if len(t.value) == 23)
    assert "243–254" in list(table["Your aim"])


def test_study_page_weeks_follow_the_score():
    low = run("app_pages/study.py", {"score": "180", "attempts": "2026-09-01", "today": "2026-11-20"})
    high = run("app_pages/study.py", {"score": "210", "attempts": "2026-09-01", "today": "2026-11-20"})
    assert "10–12 weeks" in text(low) and "4–5 weeks" in text(high)


def test_projection_page_table_updates_the_link():
    at = run("app_pages/projection.py", {"practice": "nbme12:230@2026-10-01", "exam_date": "2026-12-01", "today": "2026-11-20"})
    assert "If you sat now" in text(at)
    assert "How this is worked out, and its limits" in [e.label for e in at.expander]


def test_projection_page_names_bad_rows_and_projects_the_rest():
    at = run("app_pages/projection.py", {"practice": "nbme12:230@2026-10-01,nbme99:230@2026-10-02", "today": "2026-11-20"})
    assert "test 2" in text(at) and "If you sat now" in text(at)


def test_summary_offers_every_download():
    at = run("app_pages/summary.py", FULL)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["PDF one-pager", "Markdown", "Practice tests (.csv)", "Calendar (.ics)"]
    assert any("today=2026-11-20" in c.value for c in at.code)


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
    failed = text(run("app_pages/start.py", {"score": "205", "attempts": "2026-09-01", "prior_fails": "1", "today": "2026-11-20"}))
    assert "I failed Step 2 CK." in failed
    passed = text(run("app_pages/start.py", {"score": "225", "attempts": "2026-09-01", "today": "2026-11-20"}))
    assert "I passed Step 2 CK, but low." in passed
    prep = text(run("app_pages/start.py", {"prior_fails": "1", "today": "2026-11-20"}))
    assert "preparing Step 2 CK after an earlier fail." in prep


def test_targets_page_gives_the_score_percentile():
    at = run("app_pages/targets.py", {"score": "250", "attempts": "2026-08-01", "today": "2026-11-20"})
    # The percentile table (norm group 2023-26) puts 250 at 44.
    assert "higher than about 44% of first-takers" in text(at)


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: e.key)
def test_every_worked_example_opens_cleanly(ex):
    at = run(ex.page, ex.params)
    assert not at.exception and at.title
    assert "could not be read" not in text(at)


def _figures_on(page: str, a) -> list[str]:
    """What the page must show of the assessment, as a reader would read it."""
    if page.endswith("retake.py"):
        out = [a.decision.heading]
        if a.readiness is not None and a.failed:
            out.append(a.readiness.heading)
        return out
    if page.endswith("study.py"):
        return [f"{a.weeks.text} of dedicated study"] if a.weeks is not None else [a.no_plan or ""]
    if page.endswith("projection.py"):
        proj = a.projection
        return [f"{proj.now.low:.0f}–{proj.now.high:.0f}"] if proj is not None and proj.now is not None else []
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
@pytest.mark.parametrize(
    "page", ["app_pages/retake.py", "app_pages/study.py", "app_pages/projection.py", "app_pages/targets.py", "app_pages/summary.py"]
)
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
    for page in ("app_pages/retake.py", "app_pages/study.py", "app_pages/projection.py", "app_pages/targets.py", "app_pages/summary.py"):
        at = run(page, link)
        assert not at.exception, [e.value for e in at.exception]
        body = text(at)
        for figure in _figures_on(page, a):
            assert figure in body, (page, figure)


def test_adding_and_removing_a_practice_test_changes_the_link_and_the_range():
    params = {"practice": "nbme12:230@2026-10-01", "today": "2026-11-20"}
    at = run("app_pages/projection.py", params)
    before = text(at)
    at.selectbox(key="add_form").set_value("uwsa1")
    at.number_input(key="add_score").set_value(250)
    at.date_input(key="add_date").set_value(dt.date(2026, 11, 1))
    at.button[0].click().run()  # the form's "Add test"
    assert at.query_params["practice"] in ("nbme12:230@2026-10-01,uwsa1:250@2026-11-01", ["nbme12:230@2026-10-01,uwsa1:250@2026-11-01"])
    after = text(at)
    # One NBME 230 a month and a half old: below the data, sat now it reads 230; a newer UWSA 1 250 lifts the average.
    assert "If you sat now" in after and after != before
    at.selectbox(key="remove_test").set_value("nbme12:230@2026-10-01")
    next(b for b in at.button if b.label == "Remove").click().run()
    assert at.query_params["practice"] in ("uwsa1:250@2026-11-01", ["uwsa1:250@2026-11-01"])
    # The choice is cleared: pressing Remove again removes nothing and breaks nothing.
    assert at.selectbox(key="remove_test").value is None
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception and at.query_params["practice"] in ("uwsa1:250@2026-11-01", ["uwsa1:250@2026-11-01"])


def test_the_same_test_twice_is_not_added():
    at = run("app_pages/projection.py", {"practice": "nbme12:230@2026-10-01", "today": "2026-11-20"})
    at.selectbox(key="add_form").set_value("nbme12")
    at.number_input(key="add_score").set_value(231)
    at.date_input(key="add_date").set_value(dt.date(2026, 10, 1))
    at.button[0].click().run()
    assert at.query_params["practice"] in ("nbme12:230@2026-10-01", ["nbme12:230@2026-10-01"])
    assert any("already in your list" in unescape(w.value) for w in at.warning)


def test_adding_a_test_without_a_score_says_what_is_missing():
    at = run("app_pages/projection.py", {"today": "2026-11-20"})
    at.button[0].click().run()
    assert any("Enter the score and the date" in unescape(w.value) for w in at.warning)


def test_a_long_advised_delay_opens_the_projection():
    # A 150 fail with practice far below the aim: the advised delay (20 weeks) is past the what-if's 12-week reach.
    from bench.client import FULL as BENCH_LINK

    params = dict(item.split("=", 1) for item in BENCH_LINK.split("&"))
    at = run("app_pages/projection.py", params | {"score": "150"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="delay_weeks").value == 12
