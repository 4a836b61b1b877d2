"""Every figure builder returns a figure plotly accepts, with the marks the pages promise."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from stepwise.charts import baseline, projection_chart, retake_paths, specialty_ranges, study_timeline
from stepwise.projection import project
from stepwise.study import study_view
from stepwise.targets import specialty_rows, study_target


def valid(fig: dict) -> go.Figure:
    return go.Figure(fig)  # raises on anything plotly would reject


def test_retake_paths(rules):
    fig = valid(retake_paths(219, 218, (230, 240, 250), 240, "Target 240"))
    assert [t.name for t in fig.data] == ["Current score", "Projected retake (range)"]
    assert [s.x0 for s in fig.layout.shapes] == [218, 240]


def test_specialty_ranges_has_a_row_per_specialty(rules, prof):
    p = prof(score="230", attempts="2026-08-01", practice="nbme13:240@2026-11-01", today="2026-11-20")
    proj = project(rules, p)
    rows = specialty_rows(rules, p, proj)
    fig = valid(specialty_ranges(rows, "pathology", 230, (proj.low, proj.high), rules.specialties.nrmp_label))
    assert fig.data[0].name == "Matched Q1–Q3 (NRMP 2026)"
    assert len(fig.data[0].y) == 23
    assert fig.data[0].marker.color.count("#E69F00") == 1  # the selected one stands out


def test_projection_chart_traces(rules, prof):
    p = prof(
        score="247",
        attempts="2025-12-28",
        practice="nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,free120:75@2025-12-20",
        exam_date="2025-12-28",
        today="2026-01-20",
    )
    proj = project(rules, p)
    fig = valid(projection_chart(proj, 218, 240, "Target 240", (p.latest_attempt, 247)))
    names = [t.name for t in fig.data]
    assert names[0] == "Printed score" and len(fig.data[0].x) == 3  # Free 120 is not a printed three-digit score
    assert any(n.startswith("Trend") for n in names) and any(n.startswith("Projected") for n in names) and "Real score 247" in names


def test_study_timeline(rules, prof):
    p = prof(score="205", attempts="2026-09-01", exam_date="2027-01-20", today="2026-11-20")
    view = study_view(rules, p, None, study_target(rules, p))
    fig = valid(study_timeline(view.dates, dt.date(2026, 11, 20)))
    assert {t.name for t in fig.data} >= {"study", "assessment", "rule", "exam", "release"}


def test_baseline():
    assert valid(baseline()).layout.title.text == "Baseline"
