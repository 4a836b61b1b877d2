"""Plotly figure builders. Pure: they take core results and return figures; pages only draw them.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); every mark
also differs by symbol or dash, and every chart's numbers appear in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from stepwise.projection import Projection
from stepwise.study import KeyDate
from stepwise.targets import SpecialtyRow

BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#999999",
)


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height,
        margin={"l": 8, "r": 8, "t": 48, "b": 8},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        hovermode="closest",
        template="plotly_white",
    )
    return fig


def _vline(fig: go.Figure, x: float | dt.date, label: str, color: str, dash: str) -> None:
    fig.add_vline(x=x, line={"color": color, "dash": dash, "width": 2})
    fig.add_annotation(
        x=x, y=1, yref="paper", text=label, showarrow=False, xanchor="left", yanchor="bottom", font={"size": 11, "color": color}
    )


def retake_paths(score: int, standard: int, retake: tuple[float, float, float] | None, target: int | None, target_label: str) -> go.Figure:
    """The current score against the projected retake range, the passing standard and the target."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[score], y=["Keep this score"], mode="markers", name="Current score", marker={"size": 14, "color": BLUE, "symbol": "circle"}
        )
    )
    if retake is not None:
        low, mid, high = retake
        fig.add_trace(
            go.Scatter(
                x=[mid],
                y=["Retake (projected)"],
                mode="markers",
                name="Projected retake (range)",
                marker={"size": 14, "color": ORANGE, "symbol": "diamond"},
                error_x={"type": "data", "symmetric": False, "array": [high - mid], "arrayminus": [mid - low], "thickness": 3, "width": 8},
            )
        )
    _vline(fig, standard, f"Pass {standard}", VERMILION, "dash")
    if target is not None:
        _vline(fig, target, target_label, GREEN, "dot")
    fig.update_xaxes(title="Step 2 CK score")
    return _layout(fig, "Two paths: keep the score, or retake", 260)


def specialty_ranges(
    rows: Sequence[SpecialtyRow], selected: str | None, score: int | None, projection: tuple[float, float] | None
) -> go.Figure:
    """One row per specialty: matched Q1–Q3 and median, the aim, and the student's marks."""
    names = [r.specialty.name for r in rows]
    q1 = [r.specialty.matched.q1 for r in rows]
    q3 = [r.specialty.matched.q3 for r in rows]
    colors = [ORANGE if r.specialty.slug == selected else SKY for r in rows]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=[b - a for a, b in zip(q1, q3, strict=False)],
            base=q1,
            orientation="h",
            name="Matched Q1–Q3 (NRMP 2026)",
            marker={"color": colors},
            customdata=[[r.specialty.matched.q1, r.specialty.matched.median, r.specialty.matched.q3] for r in rows],
            hovertemplate="%{y}<br>Q1 %{customdata[0]} · median %{customdata[1]} · Q3 %{customdata[2]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=[r.specialty.matched.median for r in rows],
            mode="markers",
            name="Matched median",
            marker={"symbol": "line-ns-open", "size": 14, "color": BLUE, "line": {"width": 3}},
        )
    )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=[(r.aim.low + r.aim.high) / 2 for r in rows],
            mode="markers",
            name="Your aim",
            marker={"symbol": "diamond", "size": 9, "color": GREEN},
            error_x={"type": "data", "array": [(r.aim.high - r.aim.low) / 2 for r in rows], "color": GREEN, "thickness": 2, "width": 0},
            hovertemplate="%{y}<br>aim %{x:.0f} ± %{error_x.array:.1f}<extra></extra>",
        )
    )
    if projection is not None:
        fig.add_vrect(x0=projection[0], x1=projection[1], fillcolor=PURPLE, opacity=0.12, line_width=0)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"Projection {projection[0]:.0f}–{projection[1]:.0f}",
                marker={"symbol": "square", "color": PURPLE, "opacity": 0.4},
            )
        )
    if score is not None:
        _vline(fig, score, f"You {score}", VERMILION, "dash")
    fig.update_xaxes(title="Step 2 CK score")
    fig.update_yaxes(tickfont={"size": 11}, automargin=True)
    fig.update_layout(bargap=0.35)
    return _layout(fig, "Matched ranges by specialty, with your aim and score", 140 + 26 * len(rows))


def projection_chart(
    projection: Projection,
    standard: int,
    target: int | None,
    target_label: str,
    real: tuple[dt.date, int] | None,
) -> go.Figure:
    """Practice points (raw and on scale), the trend to the exam date, the projected range, the lines that matter."""
    tests = projection.tests
    fig = go.Figure()
    raw = [(t.test.taken, t.test.score, t.form_name) for t in tests if t.three_digit]
    if raw:
        fig.add_trace(
            go.Scatter(
                x=[d for d, _, _ in raw],
                y=[s for _, s, _ in raw],
                mode="markers",
                name="Printed score",
                marker={"symbol": "circle-open", "size": 10, "color": GREY, "line": {"width": 2}},
                text=[f for _, _, f in raw],
                hovertemplate="%{text}<br>%{x|%Y-%m-%d}: printed %{y}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[t.test.taken for t in tests],
            y=[t.adjusted for t in tests],
            mode="markers",
            name="On scale (offset applied)",
            marker={"symbol": "circle", "size": 10, "color": BLUE},
            text=[f"{t.form_name}: {t.test.score:g}" for t in tests],
            hovertemplate="%{text}<br>%{x|%Y-%m-%d}: on scale %{y:.0f}<extra></extra>",
        )
    )
    if projection.trend is not None:
        (d0, y0), (d1, y1) = projection.trend.start, projection.trend.end
        fig.add_trace(
            go.Scatter(
                x=[d0, d1],
                y=[y0, y1],
                mode="lines",
                name=f"Trend ({projection.trend.slope_per_week:+.1f}/week)",
                line={"color": SKY, "dash": "dash", "width": 2},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[projection.on],
            y=[projection.centre],
            mode="markers",
            name=f"Projected {projection.low:.0f}–{projection.high:.0f}",
            marker={"symbol": "diamond", "size": 14, "color": ORANGE},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [projection.high - projection.centre],
                "arrayminus": [projection.centre - projection.low],
                "thickness": 3,
                "width": 10,
            },
            hovertemplate="%{x|%Y-%m-%d}: projected %{y:.0f}<extra></extra>",
        )
    )
    if real is not None:
        fig.add_trace(
            go.Scatter(
                x=[real[0]],
                y=[real[1]],
                mode="markers",
                name=f"Real score {real[1]}",
                marker={"symbol": "star", "size": 16, "color": VERMILION},
            )
        )
    fig.add_hline(
        y=standard, line={"color": VERMILION, "dash": "dash"}, annotation_text=f"Pass {standard}", annotation_position="bottom left"
    )
    if target is not None:
        fig.add_hline(y=target, line={"color": GREEN, "dash": "dot"}, annotation_text=target_label, annotation_position="top left")
    fig.update_yaxes(title="Score")
    return _layout(fig, "Practice versus real", 420)


_KIND_STYLE = {
    "study": (SKY, "line"),
    "checkpoint": (YELLOW, "line"),
    "release": (PURPLE, "line"),
    "assessment": (BLUE, "circle"),
    "rule": (VERMILION, "x"),
    "exam": (ORANGE, "star"),
}


def study_timeline(dates: Sequence[KeyDate], today: dt.date) -> go.Figure:
    """A timeline from today: blocks as bars, single days as symbols."""
    fig = go.Figure()
    shown: set[str] = set()
    for kd in dates:
        color, symbol = _KIND_STYLE[kd.kind]
        legend = kd.kind not in shown
        shown.add(kd.kind)
        if symbol == "line" or kd.end != kd.start:
            fig.add_trace(
                go.Scatter(
                    x=[kd.start, kd.end + dt.timedelta(days=1)],
                    y=[kd.name, kd.name],
                    mode="lines",
                    line={"color": color, "width": 14},
                    name=kd.kind,
                    legendgroup=kd.kind,
                    showlegend=legend,
                    hovertemplate=f"{kd.name}<br>{kd.start} to {kd.end}<extra></extra>",
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=[kd.start],
                    y=[kd.name],
                    mode="markers",
                    marker={"symbol": symbol, "size": 14, "color": color},
                    name=kd.kind,
                    legendgroup=kd.kind,
                    showlegend=legend,
                    hovertemplate=f"{kd.name}<br>{kd.start}<extra></extra>",
                )
            )
    _vline(fig, today, "Today", GREY, "dot")
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11})
    return _layout(fig, "Your calendar", 160 + 30 * len({d.name for d in dates}))


def baseline() -> go.Figure:
    """The benchmark's reference: a title and one small plotly chart."""
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[230, 238, 245], mode="lines+markers"))
    return _layout(fig, "Baseline", 300)
