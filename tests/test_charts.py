"""Every figure builder returns a figure plotly accepts, with the marks the pages promise."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from hypothesis import HealthCheck, given, settings

from app_pages.render import unvalidated
from stepwise.assess import assess
from stepwise.charts import baseline, retake_paths, specialty_ranges, study_timeline
from stepwise.practice_chart import practice_versus_real, projection_chart
from stepwise.profile import parse_profile
from stepwise.projection import project
from stepwise.targets import specialty_rows
from tests.strategies import RULES, links

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
    assert fig.data[0].name == "Middle half of matched (NRMP 2026)"
    assert len(fig.data[0].y) == 23
    assert fig.data[0].marker.color.count("#B36B00") == 1  # the selected one stands out (dark orange)
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
    # No legend and no row labels beside the plot (at 390 px they took two thirds of the width):
    # each row is named inside the plot, above its mark, with its date.
    assert fig.layout.showlegend is False and fig.layout.yaxis.showticklabels is False
    rows = ["Study weeks", *dict.fromkeys(d.name for d in a.dates)]
    named = {n.y: n.text for n in fig.layout.annotations if n.y in rows}
    assert named["Study weeks"] == "Study weeks: 9 weeks"  # 2026-11-20 to 2027-01-19
    assert named["Step 2 CK exam"] == "Step 2 CK exam: Jan 20"
    # The rows are the dates in date order, the study weeks first: a reversed range, top down.
    assert list(fig.layout.yaxis.categoryarray) == rows
    lo, hi = fig.layout.yaxis.range
    assert lo == len(rows) - 0.5 and hi < 0
    # The exam on 20 January 2027 is a star with its name and date on hover.
    exam = next(t for t in fig.data if t.name == "your exam")
    assert (exam.marker.symbol, exam.marker.color, list(exam.x)) == ("star", "#B36B00", ["2027-01-20"])
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
    assert (bars.mode, bars.line.color, bars.line.width, bars.name) == ("lines", "#B0578A", 14, "score out")
    # The axis runs from a few days before today to past the last window's end: nothing runs off the plot.
    start, end = fig.layout.xaxis.range
    assert start <= "2027-01-01" and end > "2027-03-03"


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
    drawn = practice_versus_real(RULES, a)
    if drawn is not None:
        out["projection"] = drawn[0]
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(links())
def test_a_figure_sent_unvalidated_is_the_figure_plotly_validates(link):
    # Pages send charts without plotly's validation (render.unvalidated): for every chart a page
    # draws, what reaches the browser must be what the validated figure would send. Only the
    # template differs: validation fills the empty one with a default scatter entry that changes
    # nothing drawn (Streamlit's browser code sets the template either way).
    for page, fig in page_figures(link).items():
        checked = json.loads(pio.to_json(valid(fig).to_dict(), validate=False))
        sent = json.loads(pio.to_json(unvalidated(fig).to_dict(), validate=False))
        assert sent["layout"].pop("template") == {}, page
        checked["layout"].pop("template")
        assert sent == checked, page


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours (relative luminance, sRGB)."""

    def luminance(c: str) -> float:
        r, g, b = (int(c.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(colour), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_helper_matches_known_ratios():
    # Black on white is 21:1; Streamlit's faded caption grey #828180 on white is 3.88:1 (axe's figure).
    assert round(contrast("#000000"), 2) == 21.0
    assert 3.88 <= contrast("#828180") < 3.89  # axe cuts to two decimals


def drawn_colours(fig: dict[str, Any]) -> list[str]:
    """Every colour a figure draws a mark, a line or a label in (not the faint grid)."""
    out: list[str] = []
    for t in fig["data"]:
        for part in ("marker", "line", "error_x", "error_y"):
            c = t.get(part, {}).get("color")
            out += c if isinstance(c, list) else [c] if c else []
    layout = fig["layout"]
    out += [s["line"]["color"] for s in layout.get("shapes", []) if "line" in s and "color" in s["line"]]
    out += [s["fillcolor"] for s in layout.get("shapes", []) if s.get("opacity", 1) == 1 and "fillcolor" in s]
    out += [n["font"]["color"] for n in layout.get("annotations", []) if "color" in n.get("font", {})]
    out += [layout[ax]["linecolor"] for ax in ("xaxis", "yaxis") if "linecolor" in layout[ax]]
    return out


FULL_LINK = {
    "score": "209",
    "attempts": "2026-09-20",
    "prior_fails": "1",
    "specialty": "pediatrics",
    "practice": "nbme11:201@2026-10-20,nbme12:210@2026-11-01,uwsa1:222@2026-11-10,free120:68@2026-11-18",
    "exam_date": "2027-01-25",
    "weeks": "10",
    "cycle": "reapplying",
    "today": "2026-11-20",
}


def test_every_mark_stands_out_from_the_background_at_three_to_one():
    # WCAG 2.1 (1.4.11): graphics needed to read a chart at 3:1 or more against what is next to them.
    figs = page_figures(FULL_LINK)
    assert set(figs) == {"retake", "targets", "projection", "study"}
    for page, fig in figs.items():
        assert fig["layout"]["plot_bgcolor"] == "#FFFFFF"
        for colour in drawn_colours(fig):
            assert contrast(colour) >= 3.0, (page, colour, round(contrast(colour), 2))


def test_the_practice_chart_shows_the_planned_date_and_the_advised_one(rules, prof):
    # 209 on 2026-09-20 failed; tests since then point to about 224 now, 17 points short of the 240 aim: 10 weeks at
    # the typical pace from 2026-11-20, so the chosen date is 2027-01-29, after the student's 2027-01-25. Both drawn.
    a = assess(rules, prof(**FULL_LINK))
    assert a.chosen_on == D(2026, 11, 20) + dt.timedelta(weeks=10) == D(2027, 1, 29)
    fig, alt = practice_versus_real(rules, a)
    names = [t["name"] for t in fig["data"]]
    planned = next(n for n in names if n.startswith("On 2027-01-25 (your date): "))
    delayed = next((n for n in names if n.startswith("On 2027-01-29 (the date StepWise advises): ")), names)
    assert planned and isinstance(delayed, str), names
    assert "on 2027-01-25 (your date), likely" in alt and "on 2027-01-29 (the date StepWise advises), likely" in alt
    xs = [x for t in fig["data"] for x in t["x"]]
    assert "2027-01-25" in xs and "2027-01-29" in xs
