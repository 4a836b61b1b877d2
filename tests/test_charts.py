"""Every figure builder returns a figure plotly accepts, with the marks the pages promise."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from stepwise.assess import assess
from stepwise.charts import baseline, projection_chart, retake_paths, specialty_ranges, study_timeline
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
    a = assess(rules, prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20"))
    fig = valid(study_timeline(a.dates, a.plan, D(2026, 11, 20)))
    assert {t.name for t in fig.data} >= {"study weeks", "practice test", "stop-rule check", "your exam", "score out"}
    study = next(t for t in fig.data if t.name == "study weeks")
    # The plan runs from today to the day before the exam (the bar's end is exclusive).
    assert list(study.x) == ["2026-11-20", "2027-01-20"]
    # Each kind is in the legend once.
    assert sum(1 for t in fig.data if t.showlegend is not False and t.name == "practice test") == 1


def test_baseline():
    assert valid(baseline()).layout.title.text == "Baseline"
