"""Every figure builder returns a figure plotly accepts, with the marks the pages promise."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import plotly.graph_objects as go
from hypothesis import HealthCheck, given, settings
from test_assess import RULES, links

from stepwise.assess import assess
from stepwise.charts import baseline, projection_chart, retake_paths, specialty_ranges, study_timeline
from stepwise.profile import parse_profile
from stepwise.projection import project
from stepwise.targets import specialty_rows

D = dt.date


def valid(fig: dict) -> go.Figure:
    return go.Figure(fig)  # raises on anything plotly would reject


def test_retake_paths(rules):
    fig = valid(retake_paths(219, 218, (230, 240, 250), 240, "Target 240"))
    assert [t.name for t in fig.data] == ["Current score", "Projected retake (range)"]
    assert [s.x0 for s in fig.layout.shapes] == [218, 240]
    # The range's whiskers reach 230 and 250 from the centre 240.
    assert (fig.data[1].error_x.arrayminus[0], fig.data[1].error_x.array[0]) == (10, 10)
    assert [t.name for t in valid(retake_paths(219, 218, None, None, "")).data] == ["Current score"]


def test_specialty_ranges_has_a_row_per_specialty(rules):
    rows = specialty_rows(rules, 0, 230.0)
    fig = valid(specialty_ranges(rows, "pathology", 230, (225.0, 245.0), rules.specialties.nrmp_label))
    assert fig.data[0].name == "Matched Q1–Q3 (NRMP 2026)"
    assert len(fig.data[0].y) == 23
    assert fig.data[0].marker.color.count("#E69F00") == 1  # the selected one stands out
    # Pathology, no fail: the aim is the matched Q1 240 to median 247, drawn at its middle 243.5.
    i = list(fig.data[2].y).index("Pathology")
    assert fig.data[2].name == "Your aim" and fig.data[2].x[i] == 243.5
    # The bar runs from Q1 240 for Q3 - Q1 = 258 - 240 = 18 points.
    j = list(fig.data[0].y).index("Pathology")
    assert (fig.data[0].base[j], fig.data[0].x[j]) == (240, 18)
    assert "Projection 225–245" in [t.name for t in fig.data]
    assert [s.x0 for s in fig.layout.shapes if s.type == "line"] == [230]


def test_projection_chart_before_a_real_score(rules, prof):
    # Seed 003: four practice tests before a real 247; none after it, so all are history.
    p = prof(
        score="247",
        attempts="2025-12-28",
        practice="nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,free120:75@2025-12-20",
        today="2026-01-20",
    )
    proj = project(rules, p)
    fig = valid(projection_chart(proj, 218, 240, "Target 240", (p.latest_attempt, 247), (1, 300)))
    names = [t.name for t in fig.data]
    assert names == ["Before your last attempt", "Real score 247"]
    assert len(fig.data[0].x) == 4
    # Free 120 is printed as percent correct, not a three-digit score.
    assert "Free 120: 75%" in fig.data[0].text and "NBME 13: 230" in fig.data[0].text
    assert [s.y0 for s in fig.layout.shapes] == [218, 240]


def test_projection_chart_after_a_fail(rules, prof):
    p = prof(
        score="205",
        attempts="2026-09-01",
        practice="nbme12:212@2026-08-15,nbme13:225@2026-10-10,uwsa1:232@2026-11-01,nbme14:236@2026-11-10",
        exam_date="2027-01-20",
        today="2026-11-20",
    )
    proj = project(rules, p, target=228, planned_on=p.exam_date)
    fig = valid(projection_chart(proj, 218, 228, "Aim 228", (p.latest_attempt, 205), (1, 300)))
    names = [t.name for t in fig.data]
    assert names[:2] == ["Before your last attempt", "Since your last attempt"]
    assert len(fig.data[0].x) == 1 and len(fig.data[1].x) == 3
    assert any(n.startswith("Trend") for n in names)
    assert any(n.startswith("If you sat now") for n in names) and any(n.startswith("On 20") for n in names)
    assert names[-1] == "Real score 205"
    lo, hi = fig.layout.yaxis.range
    assert 1 <= lo <= 205 and 228 <= hi <= 300


def test_study_timeline(rules, prof):
    # Two practice tests since the fail at the aim (228 = 218 + 10) and clear of 218 + 9: the date is kept.
    a = assess(
        rules,
        prof(
            score="205",
            attempts="2026-09-01",
            practice="nbme13:240@2026-11-10,nbme14:242@2026-11-18",
            exam_date="2027-01-20",
            today="2026-11-20",
        ),
    )
    assert a.readiness.key == "sit"
    fig = valid(study_timeline(a.dates, a.plan, D(2026, 11, 20)))
    assert {t.name for t in fig.data} >= {"study weeks", "practice test", "stop-rule check", "your exam", "score out"}
    study = next(t for t in fig.data if t.name == "study weeks")
    # The plan runs from today to the day before the exam (the bar's end is exclusive).
    assert list(study.x) == ["2026-11-20", "2027-01-20"]
    # Each kind is in the legend once, in the order the kinds first come.
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert len(legend) == len(set(legend))
    assert legend[:3] == ["study weeks", "practice test", "stop-rule check"]
    # The rows are the dates in date order, the study weeks first (the axis is reversed: top down).
    assert list(fig.layout.yaxis.categoryarray) == ["Study weeks", *dict.fromkeys(d.name for d in a.dates)]
    assert fig.layout.yaxis.autorange == "reversed"
    # The exam on 20 January 2027 is a star with its name and date on hover.
    exam = next(t for t in fig.data if t.name == "your exam")
    assert (exam.marker.symbol, exam.marker.color, list(exam.x)) == ("star", "#E69F00", ["2027-01-20"])
    assert "Step 2 CK exam<br>2027-01-20" in exam.text and exam.hovertemplate == "%{text}<extra></extra>"
    # Every practice test is a circle on its own row, one a date, each with its own hover.
    tests = [d for d in a.dates if d.kind == "assessment"]
    practice = next(t for t in fig.data if t.name == "practice test")
    assert list(practice.y) == [d.name for d in tests] and list(practice.x) == [d.start.isoformat() for d in tests]
    assert list(practice.text) == [f"{d.name}<br>{d.start}" for d in tests]
    # Today is marked.
    assert [(s.x0, s.line.dash) for s in fig.layout.shapes] == [("2026-11-20", "dot")]


def test_study_timeline_windows_share_a_trace_with_gaps():
    from stepwise.study import KeyDate

    dates = [
        KeyDate("Expected score release", D(2027, 2, 15), D(2027, 2, 23), "release", ""),
        KeyDate("Second release", D(2027, 3, 1), D(2027, 3, 2), "release", ""),
    ]
    fig = valid(study_timeline(dates, [], D(2027, 1, 1)))
    (bars,) = fig.data
    # Two windows, one line: each runs to the day after its last day, a gap (None) between them.
    assert list(bars.x) == ["2027-02-15", "2027-02-24", None, "2027-03-01", "2027-03-03"]
    assert list(bars.y) == ["Expected score release", "Expected score release", None, "Second release", "Second release"]
    assert bars.text[0] == "Expected score release<br>2027-02-15 to 2027-02-23" and bars.text[2] is None
    assert (bars.mode, bars.line.color, bars.line.width, bars.name) == ("lines", "#CC79A7", 14, "score out")


def test_baseline():
    assert valid(baseline()).layout.title.text == "Baseline"


# Every chart a page draws, for profiles as links carry them: plotly accepts each, and every
# score drawn is on the 1–300 scale and inside its axis's range.

SCALE = (RULES.exams.score_scale.min, RULES.exams.score_scale.max)


def page_figures(link: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The figures as the pages build them (app_pages/retake, targets, projection, study)."""
    parsed = parse_profile(link, RULES, dt.date(2026, 11, 22))
    a, p = assess(RULES, parsed), parsed.profile
    out: dict[str, dict[str, Any]] = {}
    if a.standing.score is not None and a.standing.standard is not None:
        reading = a.projection.planned or a.projection.now if a.projection else None
        rng = (reading.low, reading.centre, reading.high) if reading else None
        out["retake"] = retake_paths(a.standing.score, a.standing.standard.score, rng, a.target.value, f"Aim {a.target.value}")
    base = a.baseline if p.exam == "step2ck" else None
    out["targets"] = specialty_ranges(list(a.rows), p.specialty, round(base.value) if base else None, None, RULES.specialties.nrmp_label)
    proj = a.projection
    if proj is not None and proj.tests:
        real = (p.latest_attempt, a.standing.score) if a.standing.score is not None and p.latest_attempt is not None else None
        shown = proj.planned or proj.now
        standard = shown.standard if shown is not None else RULES.step(p.exam).passing_standards[-1].score
        out["projection"] = projection_chart(proj, standard, a.target.value, f"Aim {a.target.value}", real, SCALE)
    if a.dates or a.plan:
        out["study"] = study_timeline(a.dates, a.plan, p.today)
    return out


def drawn_scores(fig: go.Figure, axis: str) -> list[float]:
    """Every score a figure draws along ``axis`` ("x" or "y"): points, error-bar ends, bar ends, lines."""
    out: list[float] = []
    for t in fig.data:
        values = [v for v in (getattr(t, axis) or ()) if v is not None]
        err = getattr(t, f"error_{axis}", None)
        plus = list(err.array) if err is not None and err.array is not None else [0] * len(values)
        minus = list(err.arrayminus) if err is not None and err.arrayminus is not None else plus
        if t.type == "bar":
            values = [b + w for b, w in zip(t.base, values, strict=True)] + list(t.base)
        else:
            values = [v + d for v, d in zip(values, plus, strict=True)] + [v - d for v, d in zip(values, minus, strict=True)]
        out += values
    for s in fig.layout.shapes:
        if getattr(s, f"{axis}ref") in (None, axis):
            out += [getattr(s, f"{axis}0"), getattr(s, f"{axis}1")]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(links())
def test_every_chart_validates_and_stays_on_the_scale(link):
    for page, fig in page_figures(link).items():
        f = valid(fig)
        assert fig["layout"]["template"] == {}, page  # not Streamlit's Python template: see charts._figure
        for t in f.data:  # every trace names its own colour: no colourway to fall back on
            assert (t.line.color if getattr(t, "mode", None) == "lines" else t.marker.color) is not None, (page, t.name)
        if page == "study":
            continue  # dates, not scores
        axis = "y" if page == "projection" else "x"
        scores = drawn_scores(f, axis)
        assert scores and all(math.isfinite(v) and SCALE[0] <= v <= SCALE[1] for v in scores), (page, scores)
        if page == "projection":
            lo, hi = f.layout.yaxis.range
            assert SCALE[0] <= lo < hi <= SCALE[1]
            assert all(lo <= v <= hi for v in scores), (lo, hi, scores)
